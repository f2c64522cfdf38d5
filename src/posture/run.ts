import type { PostureSettings } from './config';
import {
  checkAuthenticator,
  checkFido2,
  checkSmsSignIn,
  checkTemporaryAccessPass,
} from './checks/authentication-methods';
import {
  checkAzureManagement,
  checkEmergencyAccess,
  checkExclusionGrowth,
  checkIncludeExcludeOverlap,
  checkReportOnly,
  checkSingleUserExclusions,
  exclusionGroupIds,
} from './checks/conditional-access';
import type { CheckContext } from './checks/context';
import { checkSecurityDefaults } from './checks/security-defaults';
import { checkDirectorySync, checkSecureScore } from './checks/tenant-health';
import { couldNotCheck, type MethodTarget, type PostureReader } from './reads';
import type { PostureItemId, PostureReport } from './types';

const EXCLUSION_ITEMS: ReadonlySet<PostureItemId> = new Set([
  'emergency-access',
  'include-exclude-overlap',
  'single-user-exclusions',
]);

function targetIds(list: readonly MethodTarget[] | undefined): string[] {
  return (list ?? []).map((t) => t.id);
}

/**
 * Reads the tenant and runs every posture check. `previous` (the last stored report) lets the
 * exclusion-growth check compare group sizes; everything else is decided from this run alone.
 */
export async function runPosture(
  reader: PostureReader,
  settings: PostureSettings,
  now: Date,
  previous?: Pick<PostureReport, 'exclusionGroupSizes'>,
): Promise<PostureReport> {
  const [policies, defaults, tap, authenticator, sms, fido2, organization, score] =
    await Promise.all([
      reader.conditionalAccessPolicies(),
      reader.securityDefaultsEnabled(),
      reader.temporaryAccessPass(),
      reader.authenticator(),
      reader.sms(),
      reader.fido2(),
      reader.organization(),
      reader.latestSecureScore(),
    ]);
  const exclusionGroups = policies.ok ? exclusionGroupIds(policies.value) : [];
  const groupIds = [
    ...exclusionGroups,
    ...(policies.ok ? policies.value.flatMap((p) => p.users.includeGroups) : []),
    ...(tap.ok ? targetIds(tap.value.includeTargets) : []),
    ...(authenticator.ok ? targetIds(authenticator.value.includeTargets) : []),
    ...(sms.ok ? targetIds(sms.value.includeTargets) : []),
    ...(fido2.ok ? targetIds(fido2.value.includeTargets) : []),
  ];
  const groups = await reader.groups(groupIds);
  const ctx: CheckContext = {
    now,
    settings,
    groups: groups.ok ? groups.value : new Map(),
  };
  if (!groups.ok) ctx.groupsProblem = couldNotCheck(groups);
  const items = [
    checkEmergencyAccess(policies, ctx),
    checkReportOnly(policies, ctx),
    checkIncludeExcludeOverlap(policies, ctx),
    checkSingleUserExclusions(policies, ctx),
    checkExclusionGrowth(policies, ctx, previous?.exclusionGroupSizes),
    checkAzureManagement(policies),
    checkSecurityDefaults(defaults, policies),
    checkTemporaryAccessPass(tap, ctx),
    checkAuthenticator(authenticator, ctx),
    checkSmsSignIn(sms, ctx),
    checkFido2(fido2, ctx),
    checkDirectorySync(organization, ctx),
    checkSecureScore(score, ctx),
  ];
  for (const item of items) {
    // A person in or out of a policy's exclusion group is the change these items may call for.
    if (EXCLUSION_ITEMS.has(item.id) && (item.status === 'warn' || item.status === 'fail')) {
      item.change = 'policy-exclusion';
    }
  }
  const exclusionGroupSizes: Record<string, number> = {};
  for (const id of exclusionGroups) {
    const info = ctx.groups.get(id);
    if (info) exclusionGroupSizes[id] = info.memberCount;
  }
  const report: PostureReport = { checkedAt: now.toISOString(), items, exclusionGroupSizes };
  if (organization.ok && organization.value.displayName) {
    report.tenantName = organization.value.displayName;
  }
  return report;
}
