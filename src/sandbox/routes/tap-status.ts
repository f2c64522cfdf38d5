import type { FixtureTapMethod, FixtureUser, MethodConfiguration } from '../fixture-schema';
import type { TenantState } from '../state';
import { isTargeted } from './directory-objects';

/**
 * Whether a Temporary Access Pass can be used right now, as Graph reports it in `isUsable` and
 * `methodUsabilityReason`: a pass marked used stays used; otherwise the policy (state and
 * targets) and the clock decide.
 */

export function tapPolicy(state: TenantState): MethodConfiguration | undefined {
  return state.authenticationMethodsPolicy.authenticationMethodConfigurations.find(
    (c) => c.id.toLowerCase() === 'temporaryaccesspass',
  );
}

/** Whether the user is inside a method policy's include targets and outside its excludes. */
export function inPolicyScope(state: TenantState, user: FixtureUser, config: MethodConfiguration) {
  return (
    config.state === 'enabled' &&
    isTargeted(state, user.id, config.includeTargets ?? []) &&
    !isTargeted(state, user.id, config.excludeTargets)
  );
}

export function tapStatus(
  state: TenantState,
  user: FixtureUser,
  tap: FixtureTapMethod,
  now: Date,
): { isUsable: boolean; methodUsabilityReason: string } {
  if (tap.methodUsabilityReason === 'OneTimeUsed') {
    return { isUsable: false, methodUsabilityReason: 'OneTimeUsed' };
  }
  const policy = tapPolicy(state);
  if (
    tap.methodUsabilityReason === 'DisabledByPolicy' ||
    !policy ||
    !inPolicyScope(state, user, policy)
  ) {
    return { isUsable: false, methodUsabilityReason: 'DisabledByPolicy' };
  }
  const start = Date.parse(tap.startDateTime);
  if (now.getTime() < start) return { isUsable: false, methodUsabilityReason: 'NotYetValid' };
  if (now.getTime() >= start + tap.lifetimeInMinutes * 60_000) {
    return { isUsable: false, methodUsabilityReason: 'Expired' };
  }
  return { isUsable: true, methodUsabilityReason: 'EnabledByPolicy' };
}

/** A TAP as Graph reads it back: the pass itself is always null after creation. */
export function projectTap(
  state: TenantState,
  user: FixtureUser,
  tap: FixtureTapMethod,
  now: Date,
): Record<string, unknown> {
  return {
    id: tap.id,
    temporaryAccessPass: null,
    createdDateTime: tap.createdDateTime,
    startDateTime: tap.startDateTime,
    lifetimeInMinutes: tap.lifetimeInMinutes,
    isUsableOnce: tap.isUsableOnce,
    ...tapStatus(state, user, tap, now),
  };
}
