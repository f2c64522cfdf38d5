import { applicability, grantEffect } from './evaluate';
import type { Applicability, CaPolicy, NamedLocation, SignInSituation } from './types';

/**
 * What adding a person to an exclusion group changes for one failed sign-in: every enabled
 * policy evaluated against the sign-in's conditions as they are, and again with the group added
 * to the person's groups. Pure.
 */

/** How one policy stands with the exclusion in place. */
export interface PolicyImpact {
  id: string;
  name: string;
  /** What it would do with the exclusion: still block, still ask for something, or nothing. */
  after: 'blocks' | 'asks' | 'not-applied';
  /** What it does now. */
  before: 'blocks' | 'asks' | 'not-applied';
  /** The answer rests on a condition that could not be checked (see `unsure`). */
  unsure?: string;
  /** Grant controls as Graph names them (block, mfa, compliantDevice...). */
  controls: string[];
}

export interface ExclusionImpact {
  /** Blocks now, would not with the exclusion. */
  stopsBlocking: PolicyImpact[];
  /** Blocks now and would still block: the exclusion does not help against these. */
  stillBlocks: PolicyImpact[];
  /** Would still ask for something the person can do (MFA, a password change). */
  stillAsks: PolicyImpact[];
}

/**
 * What the failed sign-in's own log said about a policy: `applied` (success or failure) or
 * `notApplied`. Used where a condition cannot be checked here (a named location the bot cannot
 * read): the log saw the real sign-in, and an exclusion only ever takes policies away.
 */
export type Observed = ReadonlyMap<string, 'applied' | 'notApplied'>;

const CONDITION_WORDS: Record<string, string> = {
  notEnoughInformation: 'not enough information',
  application: 'which apps it covers',
  clientApps: 'the client app',
  devicePlatform: 'the device platform',
  location: 'the location',
  userRisk: 'the user risk',
  signInRisk: 'the sign-in risk',
};

function settle(result: Applicability, observed: 'applied' | 'notApplied' | undefined) {
  if (result.applies !== 'unknown') return { applies: result.applies, unsure: undefined };
  if (observed !== undefined) return { applies: observed === 'applied', unsure: undefined };
  return { applies: true, unsure: CONDITION_WORDS[result.reason] ?? result.reason };
}

function standing(
  policy: CaPolicy,
  situation: SignInSituation,
  named: readonly NamedLocation[],
  observed: 'applied' | 'notApplied' | undefined,
): { state: PolicyImpact['after']; unsure?: string } {
  const { applies, unsure } = settle(applicability(policy, situation, named), observed);
  if (!applies) return { state: 'not-applied' };
  const effect = grantEffect(policy, situation).effect;
  if (effect === 'grants') return { state: 'not-applied' };
  return { state: effect, unsure };
}

export function exclusionImpact(input: {
  policies: readonly CaPolicy[];
  situation: SignInSituation;
  exclusionGroupId: string;
  namedLocations?: readonly NamedLocation[];
  observed?: Observed;
}): ExclusionImpact {
  const named = input.namedLocations ?? [];
  const excluded: SignInSituation = {
    ...input.situation,
    groupIds: [...input.situation.groupIds, input.exclusionGroupId],
  };
  const impact: ExclusionImpact = { stopsBlocking: [], stillBlocks: [], stillAsks: [] };
  for (const policy of input.policies) {
    if (policy.state.toLowerCase() !== 'enabled') continue;
    const seen = input.observed?.get(policy.id.toLowerCase());
    const before = standing(policy, input.situation, named, seen);
    const after = standing(policy, excluded, named, seen);
    const line: PolicyImpact = {
      id: policy.id,
      name: policy.displayName,
      before: before.state,
      after: after.state,
      controls: policy.grant?.builtInControls ?? [],
    };
    const unsure = after.unsure ?? before.unsure;
    if (unsure) line.unsure = unsure;
    if (before.state === 'blocks' && after.state !== 'blocks') impact.stopsBlocking.push(line);
    else if (after.state === 'blocks') impact.stillBlocks.push(line);
    else if (after.state === 'asks') impact.stillAsks.push(line);
  }
  return impact;
}

/**
 * The same comparison from Graph's own evaluation, which answers for the person's groups as
 * they are: a policy that applies and excludes the group stops applying once they are in it.
 */
export function impactFromEvaluation(input: {
  results: ReadonlyArray<{ policy: CaPolicy; policyApplies: boolean }>;
  situation: SignInSituation;
  exclusionGroupId: string;
}): ExclusionImpact {
  const impact: ExclusionImpact = { stopsBlocking: [], stillBlocks: [], stillAsks: [] };
  for (const { policy, policyApplies } of input.results) {
    if (policy.state.toLowerCase() !== 'enabled' || !policyApplies) continue;
    const effect = grantEffect(policy, input.situation).effect;
    if (effect === 'grants') continue;
    const excludes = policy.users.excludeGroups.some(
      (g) => g.toLowerCase() === input.exclusionGroupId.toLowerCase(),
    );
    const line: PolicyImpact = {
      id: policy.id,
      name: policy.displayName,
      before: effect,
      after: excludes ? 'not-applied' : effect,
      controls: policy.grant?.builtInControls ?? [],
    };
    if (effect === 'blocks' && excludes) impact.stopsBlocking.push(line);
    else if (effect === 'blocks') impact.stillBlocks.push(line);
    else if (!excludes) impact.stillAsks.push(line);
  }
  return impact;
}
