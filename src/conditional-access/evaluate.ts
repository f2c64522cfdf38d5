import type {
  Applicability,
  CaPolicy,
  GrantEffect,
  NamedLocation,
  SignInSituation,
  WhatIfReason,
} from './types';

/**
 * The bot's own Conditional Access What If: does a policy apply to a sign-in, and what does it
 * do to it. Pure. It follows the documented assignment rules: a policy applies when every
 * condition it sets includes the sign-in and none excludes it; exclusions win over inclusions.
 * A condition whose fact is not known (no platform in the log, a named location it cannot
 * resolve) makes the answer `unknown` with that condition as the reason, never a guess.
 */

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
const has = (list: readonly string[], value: string): boolean => list.some((v) => same(v, value));
const overlaps = (a: readonly string[], b: readonly string[]): boolean => a.some((v) => has(b, v));

type Verdict = boolean | 'unknown';

function usersMatch(policy: CaPolicy, s: SignInSituation): boolean {
  const u = policy.users;
  const guestTarget = (list: string[]) => s.isGuest && has(list, 'GuestsOrExternalUsers');
  const included =
    has(u.includeUsers, 'All') ||
    has(u.includeUsers, s.userId) ||
    guestTarget(u.includeUsers) ||
    overlaps(u.includeGroups, s.groupIds) ||
    overlaps(u.includeRoles, s.roleIds);
  const excluded =
    has(u.excludeUsers, s.userId) ||
    guestTarget(u.excludeUsers) ||
    overlaps(u.excludeGroups, s.groupIds) ||
    overlaps(u.excludeRoles, s.roleIds);
  return included && !excluded;
}

function appMatch(policy: CaPolicy, s: SignInSituation): Verdict {
  const { includeApplications: include, excludeApplications: exclude } = policy.applications;
  if (has(exclude, s.appId)) return false;
  if (has(include, 'All') || has(include, s.appId)) return true;
  // Groupings such as Office365 or MicrosoftAdminPortals need Microsoft's list of their apps.
  if (include.some((v) => !/^[0-9a-f-]{36}$/i.test(v) && !same(v, 'None'))) return 'unknown';
  return false;
}

function clientMatch(policy: CaPolicy, s: SignInSituation): Verdict {
  const types = policy.clientAppTypes;
  if (types.length === 0 || has(types, 'all')) return true;
  if (s.clientAppType === undefined) return 'unknown';
  return has(types, s.clientAppType);
}

function platformMatch(policy: CaPolicy, s: SignInSituation): Verdict {
  const p = policy.platforms;
  if (p === null || (p.includePlatforms.length === 0 && p.excludePlatforms.length === 0)) {
    return true;
  }
  if (s.devicePlatform === undefined) return 'unknown';
  if (has(p.excludePlatforms, s.devicePlatform)) return false;
  return has(p.includePlatforms, 'all') || has(p.includePlatforms, s.devicePlatform);
}

function ipv4(value: string): number | undefined {
  const parts = value.split('.');
  if (parts.length !== 4) return undefined;
  const numbers = parts.map(Number);
  if (numbers.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) return undefined;
  return numbers.reduce((acc, n) => acc * 256 + n, 0);
}

function inRange(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const address = ipv4(ip);
  const start = ipv4(base);
  const size = Number(bits ?? 32);
  if (address === undefined || start === undefined || !(size >= 0 && size <= 32)) return false;
  const block = 2 ** (32 - size);
  return Math.floor(address / block) === Math.floor(start / block);
}

/** Whether the sign-in came from one location reference (`All`, `AllTrusted` or an id). */
function fromLocation(ref: string, s: SignInSituation, named: readonly NamedLocation[]): Verdict {
  if (same(ref, 'All')) return true;
  const candidates = same(ref, 'AllTrusted') ? named.filter((n) => n.isTrusted) : named;
  const location = same(ref, 'AllTrusted') ? undefined : named.find((n) => same(n.id, ref));
  if (!same(ref, 'AllTrusted') && location === undefined) return 'unknown';
  const list = location ? [location] : candidates;
  const byCountry = list.some((n) => s.country !== undefined && has(n.countries, s.country));
  const byIp = list.some(
    (n) => s.ipAddress !== undefined && n.ipRanges.some((r) => inRange(s.ipAddress as string, r)),
  );
  if (byCountry || byIp) return true;
  const needsCountry = list.some((n) => n.countries.length > 0) && s.country === undefined;
  const needsIp = list.some((n) => n.ipRanges.length > 0) && s.ipAddress === undefined;
  return needsCountry || needsIp ? 'unknown' : false;
}

function any(verdicts: Verdict[]): Verdict {
  if (verdicts.includes(true)) return true;
  return verdicts.includes('unknown') ? 'unknown' : false;
}

function locationMatch(
  policy: CaPolicy,
  s: SignInSituation,
  named: readonly NamedLocation[],
): Verdict {
  const l = policy.locations;
  if (l === null || (l.includeLocations.length === 0 && l.excludeLocations.length === 0)) {
    return true;
  }
  const excluded = any(l.excludeLocations.map((ref) => fromLocation(ref, s, named)));
  if (excluded === true) return false;
  const included = any(l.includeLocations.map((ref) => fromLocation(ref, s, named)));
  if (included === false) return false;
  return excluded === 'unknown' || included === 'unknown' ? 'unknown' : true;
}

function riskMatch(levels: readonly string[], level: string | undefined): Verdict {
  if (levels.length === 0) return true;
  if (level === undefined) return 'unknown';
  return has(levels, level);
}

/** Whether `policy` applies to the sign-in; see the file comment. */
export function applicability(
  policy: CaPolicy,
  s: SignInSituation,
  named: readonly NamedLocation[] = [],
): Applicability {
  if (!same(policy.state, 'enabled')) return { applies: false, reason: 'policyNotEnabled' };
  if (!usersMatch(policy, s)) return { applies: false, reason: 'users' };
  const checks: Array<[WhatIfReason, Verdict]> = [
    ['application', appMatch(policy, s)],
    ['clientApps', clientMatch(policy, s)],
    ['devicePlatform', platformMatch(policy, s)],
    ['location', locationMatch(policy, s, named)],
    ['userRisk', riskMatch(policy.userRiskLevels, s.userRiskLevel)],
    ['signInRisk', riskMatch(policy.signInRiskLevels, s.signInRiskLevel)],
  ];
  const ruledOut = checks.find(([, v]) => v === false);
  if (ruledOut) return { applies: false, reason: ruledOut[0] };
  const open = checks.find(([, v]) => v === 'unknown');
  if (open) return { applies: 'unknown', reason: open[0] };
  return { applies: true };
}

/** Device controls are met or not by the device itself; anything else the person can do. */
function deviceControlMet(control: string, s: SignInSituation): boolean | undefined {
  if (same(control, 'compliantDevice')) return s.deviceIsCompliant === true;
  if (same(control, 'domainJoinedDevice')) return s.deviceTrustType === 'ServerAd';
  return undefined;
}

/** What an applying policy's grant controls do to this sign-in. */
export function grantEffect(policy: CaPolicy, s: SignInSituation): GrantEffect {
  const grant = policy.grant;
  if (grant === null || grant.builtInControls.length === 0)
    return { effect: 'grants', controls: [] };
  const controls = grant.builtInControls;
  if (has(controls, 'block')) return { effect: 'blocks', controls };
  const met = controls.map((c) => deviceControlMet(c, s));
  // undefined: a control the person can satisfy at the prompt (MFA, password change, app).
  const blocked =
    grant.operator === 'AND' ? met.some((m) => m === false) : met.every((m) => m === false);
  if (blocked) return { effect: 'blocks', controls };
  return { effect: met.some((m) => m === undefined) ? 'asks' : 'grants', controls };
}
