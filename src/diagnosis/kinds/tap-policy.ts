import { AUTOPILOT_PASS_MINUTES } from '../../remediation/admin-changes/params';
import { formatMinutes } from '../format';
import type { MethodTarget, TapPolicyRecord } from '../ports';
import type { Evidence } from '../types';

/** The tenant's Temporary Access Pass policy in words: who it covers, its facts, and its flaws. */

const ALL_USERS = 'all_users';

export function groupIds(targets: MethodTarget[]): string[] {
  return targets.filter((t) => t.targetType === 'group' && t.id !== ALL_USERS).map((t) => t.id);
}

/** Is the user targeted by the policy? undefined when membership could not be read. */
export function scopeOf(
  policy: TapPolicyRecord,
  memberOf: string[] | undefined,
): boolean | undefined {
  const includesAll = policy.includeTargets.some((t) => t.id === ALL_USERS);
  const included = new Set(groupIds(policy.includeTargets));
  const excluded = new Set(groupIds(policy.excludeTargets));
  if (memberOf === undefined)
    return included.size === 0 && excluded.size === 0 ? includesAll : undefined;
  if (memberOf.some((g) => excluded.has(g))) return false;
  return includesAll || memberOf.some((g) => included.has(g));
}

export function policyFacts(policy: TapPolicyRecord): Evidence[] {
  const includesAll = policy.includeTargets.some((t) => t.id === ALL_USERS);
  const included = groupIds(policy.includeTargets).length;
  const excluded = groupIds(policy.excludeTargets).length;
  const scope = includesAll
    ? 'All users'
    : `Members of ${included} group${included === 1 ? '' : 's'}`;
  return [
    { label: 'Method', value: policy.state === 'enabled' ? 'Turned on' : 'Turned off' },
    {
      label: 'Who can use it',
      value:
        excluded > 0
          ? `${scope}, except ${excluded} excluded group${excluded === 1 ? '' : 's'}`
          : scope,
    },
    {
      label: 'Use',
      value: policy.isUsableOnce ? 'One time only' : 'Several times within its lifetime',
    },
    {
      label: 'Lifetime',
      value: `${formatMinutes(policy.defaultLifetimeInMinutes)} by default (${formatMinutes(policy.minimumLifetimeInMinutes)} to ${formatMinutes(policy.maximumLifetimeInMinutes)})`,
    },
  ];
}

/**
 * Why the tenant's own policy makes passes fail for people who sign in more than once (Windows
 * Autopilot signs in during set-up and again at the desktop), or undefined when it does not.
 */
export function policyBreaksPasses(policy: TapPolicyRecord | undefined): string | undefined {
  if (policy === undefined || policy.state !== 'enabled') return undefined;
  if (policy.isUsableOnce) {
    return (
      'The tenant allows one-time passes only, so every pass is spent by its first sign-in. ' +
      'Windows Autopilot signs in twice, and anyone who signs out before finishing set-up is ' +
      'locked out again: a new pass would fail the same way.'
    );
  }
  if (policy.maximumLifetimeInMinutes < AUTOPILOT_PASS_MINUTES) {
    return (
      `The tenant lets a pass live at most ${formatMinutes(policy.maximumLifetimeInMinutes)}, ` +
      "too short for Windows Autopilot's two sign-ins: a new pass would run out the same way."
    );
  }
  return undefined;
}
