import {
  exclusionImpact,
  impactFromEvaluation,
  situationOf,
  type CaPolicy,
  type ExclusionImpact,
  type SignInSituation,
} from '../conditional-access';
import { toAppError } from '../errors';
import type { FailedSignIn } from './failed-sign-in';

/**
 * Before an exclusion is approved: which of the tenant's enabled policies would stop blocking the
 * failed sign-in once the person is in the exclusion group, and which would still block it.
 * Graph's What If evaluation answers where the tenant allows it; otherwise (no permission, an
 * endpoint the cloud does not offer, a 4xx) the bot evaluates the policies itself, using the
 * failed sign-in's own log for conditions it cannot check (named locations).
 */

/** The reads the preview makes; GraphWhatIfReader in production. */
export interface WhatIfReader {
  /** Graph's What If for the sign-in, the person's groups as they are. Throws AppError. */
  evaluate(
    situation: SignInSituation,
  ): Promise<Array<{ policy: CaPolicy; policyApplies: boolean }>>;
  listPolicies(): Promise<CaPolicy[]>;
  /** The groups among `groupIds` the user is in, their role template ids, guest or not. */
  whoIs(
    userId: string,
    groupIds: readonly string[],
  ): Promise<{ groupIds: string[]; roleIds: string[]; isGuest: boolean }>;
}

/** Stored with the request, shown on the approval card. Names and ids only. */
export type ExclusionPreview = {
  /** `graph`: Graph's What If; `bot`: the bot's own evaluation; `none`: could not be worked out. */
  source: 'graph' | 'bot' | 'none';
  stopsBlocking: PolicyLine[];
  stillBlocks: PolicyLine[];
  stillAsks: PolicyLine[];
  /** Why the preview is missing or partial, in plain words. */
  note?: string;
};

export type PolicyLine = { id: string; name: string; controls: string[]; unsure?: string };

function lines(impact: ExclusionImpact): Omit<ExclusionPreview, 'source'> {
  const line = (p: ExclusionImpact['stillBlocks'][number]): PolicyLine => ({
    id: p.id,
    name: p.name,
    controls: p.controls,
    ...(p.unsure ? { unsure: p.unsure } : {}),
  });
  return {
    stopsBlocking: impact.stopsBlocking.map(line),
    stillBlocks: impact.stillBlocks.map(line),
    stillAsks: impact.stillAsks.map(line),
  };
}

function groupsNamedBy(policies: readonly CaPolicy[], extra: string): string[] {
  const ids = new Set<string>([extra]);
  for (const p of policies)
    for (const g of [...p.users.includeGroups, ...p.users.excludeGroups]) ids.add(g);
  return [...ids];
}

export async function previewExclusion(
  reader: WhatIfReader,
  input: { userId: string; exclusionGroupId: string; signIn: FailedSignIn },
): Promise<ExclusionPreview> {
  const { userId, exclusionGroupId, signIn } = input;
  // Graph resolves the person's groups itself: its request needs only the sign-in's facts, and
  // one Conditional Access call is all the tenant's 1-a-second budget is asked for.
  const facts = situationOf(signIn, { userId, groupIds: [], roleIds: [], isGuest: false });
  try {
    const results = await reader.evaluate(facts);
    return {
      source: 'graph',
      ...lines(impactFromEvaluation({ results, situation: facts, exclusionGroupId })),
    };
  } catch {
    // The tenant does not allow Graph's evaluation: the bot's own, on the same facts.
  }
  let policies: CaPolicy[];
  let who: Awaited<ReturnType<WhatIfReader['whoIs']>>;
  try {
    policies = await reader.listPolicies();
    who = await reader.whoIs(userId, groupsNamedBy(policies, exclusionGroupId));
  } catch (error) {
    const reason = toAppError(error).userMessage;
    return { source: 'none', stopsBlocking: [], stillBlocks: [], stillAsks: [], note: reason };
  }
  const situation: SignInSituation = { ...facts, ...who };
  const observed = new Map(
    signIn.policyResults.map(
      (p) => [p.id.toLowerCase(), p.applied ? 'applied' : 'notApplied'] as const,
    ),
  );
  return {
    source: 'bot',
    ...lines(exclusionImpact({ policies, situation, exclusionGroupId, observed })),
  };
}
