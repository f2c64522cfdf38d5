import { ADMIN_LINKS } from '../links';
import { couldNotCheck, type CaPolicy, type Read } from '../reads';
import type { PostureItem, PostureStatus } from '../types';
import { daysBetween, groupLabel, type CheckContext } from './context';
import { plural } from '../../diagnosis/format';

/**
 * Conditional Access checks. Only enabled policies enforce anything; report-only policies are
 * judged for lingering, disabled ones are ignored.
 */

/** Global Administrator role template id. */
export const GLOBAL_ADMIN_ROLE = '62e90394-69f5-4237-9190-012177145e10';
/** Windows Azure Service Management API: the Azure portal, CLI, PowerShell and ARM. */
export const AZURE_MANAGEMENT_APP = '797f4846-ba00-4fd7-ba43-dac1f8f63013';
const ADMIN_PORTALS = 'MicrosoftAdminPortals';

const enabled = (policies: readonly CaPolicy[]) => policies.filter((p) => p.state === 'enabled');

/** True when the policy may apply to members of the tenant (not only to guests). */
function reachesMembers(policy: CaPolicy): boolean {
  const u = policy.users;
  const onlyGuests =
    u.includeUsers.length > 0 &&
    u.includeUsers.every((id) => id === 'GuestsOrExternalUsers') &&
    u.includeGroups.length === 0 &&
    u.includeRoles.length === 0;
  return !onlyGuests && !u.includeUsers.includes('None');
}

function excludesEmergencyAccess(policy: CaPolicy, ctx: CheckContext): boolean {
  const { emergencyAccessGroupId, emergencyAccessUserIds } = ctx.settings;
  const u = policy.users;
  if (emergencyAccessGroupId && u.excludeGroups.includes(emergencyAccessGroupId)) return true;
  return (
    emergencyAccessUserIds.length > 0 &&
    emergencyAccessUserIds.every((id) => u.excludeUsers.includes(id))
  );
}

/** A block for everyone or for the Global Administrators: without an exclusion, nobody gets in. */
function locksAdminsOut(policy: CaPolicy): boolean {
  const u = policy.users;
  const everyone = u.includeUsers.includes('All') || u.includeRoles.includes(GLOBAL_ADMIN_ROLE);
  return everyone && policy.builtInControls.includes('block');
}

function unread(item: Omit<PostureItem, 'status' | 'evidence'>, read: Read<unknown>): PostureItem {
  return { ...item, status: 'unknown', evidence: read.ok ? [] : [couldNotCheck(read)] };
}

export function checkEmergencyAccess(read: Read<CaPolicy[]>, ctx: CheckContext): PostureItem {
  const base = {
    id: 'emergency-access' as const,
    title: 'Emergency-access accounts are excluded from every policy',
    why: 'If a policy goes wrong (a bad location, a broken MFA method), the break-glass accounts are the only way back in. A policy that blocks every administrator with no exclusion can lock the whole tenant out.',
    fix: {
      steps:
        'Open each listed policy, Users > Exclude, and add the emergency-access group (or accounts). Keep those accounts out of every policy and watch their sign-ins instead.',
      url: ADMIN_LINKS.conditionalAccess,
    },
  };
  if (!read.ok) return unread(base, read);
  const { emergencyAccessGroupId, emergencyAccessUserIds } = ctx.settings;
  if (!emergencyAccessGroupId && emergencyAccessUserIds.length === 0) {
    return {
      ...base,
      status: 'unknown',
      evidence: [
        'Could not check: no emergency-access accounts are configured (EMERGENCY_ACCESS_USER_IDS or EMERGENCY_ACCESS_GROUP_ID).',
      ],
    };
  }
  const missing = enabled(read.value).filter(
    (p) => reachesMembers(p) && !excludesEmergencyAccess(p, ctx),
  );
  const lockouts = missing.filter(locksAdminsOut);
  const checked = enabled(read.value).length;
  if (missing.length === 0) {
    return {
      ...base,
      status: 'pass',
      evidence: [`All ${checked} enabled policies exclude the emergency-access accounts.`],
    };
  }
  const status: PostureStatus = lockouts.length > 0 ? 'fail' : 'warn';
  return {
    ...base,
    status,
    evidence: [
      ...lockouts.map(
        (p) => `"${p.displayName}" blocks every administrator and does not exclude them.`,
      ),
      ...missing
        .filter((p) => !lockouts.includes(p))
        .map((p) => `"${p.displayName}" does not exclude them.`),
    ],
  };
}

export function checkReportOnly(read: Read<CaPolicy[]>, ctx: CheckContext): PostureItem {
  const days = ctx.settings.reportOnlyDays;
  const base = {
    id: 'report-only' as const,
    title: `No policy left in report-only mode for more than ${days} days`,
    why: 'Report-only policies protect nobody. A few weeks of report data is enough to decide; after that the policy should be turned on or deleted.',
    fix: {
      steps:
        "Review each policy's report-only results (Sign-in logs > Report-only tab), then set it to On or delete it.",
      url: ADMIN_LINKS.conditionalAccess,
    },
  };
  if (!read.ok) return unread(base, read);
  const lingering = read.value
    .filter((p) => p.state === 'enabledForReportingButNotEnforced')
    .map((p) => ({ p, since: p.modifiedDateTime ?? p.createdDateTime ?? undefined }))
    .filter(({ since }) => since !== undefined && daysBetween(since, ctx.now) > days);
  if (lingering.length === 0) {
    return { ...base, status: 'pass', evidence: ['No policy has lingered in report-only mode.'] };
  }
  return {
    ...base,
    status: 'warn',
    evidence: lingering.map(
      ({ p, since }) =>
        `"${p.displayName}" has been report-only for ${daysBetween(since!, ctx.now)} days.`,
    ),
  };
}

export function checkIncludeExcludeOverlap(read: Read<CaPolicy[]>, ctx: CheckContext): PostureItem {
  const base = {
    id: 'include-exclude-overlap' as const,
    title: 'No policy includes and excludes the same person or group',
    why: 'Exclusion always wins, so a person or group on both lists is silently not covered; it usually means a change was half made.',
    fix: {
      steps: 'Remove the entry from one of the two lists in each listed policy.',
      url: ADMIN_LINKS.conditionalAccess,
    },
  };
  if (!read.ok) return unread(base, read);
  const evidence: string[] = [];
  for (const p of enabled(read.value)) {
    const users = p.users.includeUsers.filter((id) => p.users.excludeUsers.includes(id));
    const groups = p.users.includeGroups.filter((id) => p.users.excludeGroups.includes(id));
    for (const id of users) evidence.push(`"${p.displayName}" includes and excludes user ${id}.`);
    for (const id of groups) {
      evidence.push(
        `"${p.displayName}" includes and excludes group ${groupLabel(id, ctx.groups)}.`,
      );
    }
  }
  if (evidence.length === 0) {
    return { ...base, status: 'pass', evidence: ['No overlaps in the enabled policies.'] };
  }
  return { ...base, status: 'warn', evidence };
}

export function checkSingleUserExclusions(read: Read<CaPolicy[]>, ctx: CheckContext): PostureItem {
  const base = {
    id: 'single-user-exclusions' as const,
    title: 'Exclusions are made with groups, not single users',
    why: 'People excluded one by one are forgotten: nobody reviews them and they stay exempt after the reason is gone. A group can be reviewed, time-boxed and reported on.',
    fix: {
      steps:
        'Create (or reuse) an exclusion group, add the listed people to it, exclude the group, and remove the single users from the policy.',
      url: ADMIN_LINKS.conditionalAccess,
    },
  };
  if (!read.ok) return unread(base, read);
  const emergency = new Set(ctx.settings.emergencyAccessUserIds);
  const evidence = enabled(read.value).flatMap((p) => {
    const singles = p.users.excludeUsers.filter(
      (id) => !emergency.has(id) && id !== 'GuestsOrExternalUsers',
    );
    return singles.length === 0
      ? []
      : [
          `"${p.displayName}" excludes ${plural(singles.length, 'single user')}: ${singles.join(', ')}.`,
        ];
  });
  if (evidence.length === 0) {
    return {
      ...base,
      status: 'pass',
      evidence: ['Only groups (and the emergency-access accounts) are excluded.'],
    };
  }
  return { ...base, status: 'warn', evidence };
}

/** Exclusion groups of enabled policies, for the growth check and for reading their sizes. */
export function exclusionGroupIds(policies: readonly CaPolicy[]): string[] {
  return [...new Set(enabled(policies).flatMap((p) => p.users.excludeGroups))];
}

export function checkExclusionGrowth(
  read: Read<CaPolicy[]>,
  ctx: CheckContext,
  previous: Readonly<Record<string, number>> | undefined,
): PostureItem {
  const base = {
    id: 'exclusion-growth' as const,
    title: 'Exclusion groups have not grown',
    why: 'Every member of an exclusion group skips the policy. Growth that nobody planned is how exemptions become the rule.',
    fix: {
      steps:
        "Review the new members of each listed group; remove anyone without a current reason (the bot's own time-boxed exclusions end by themselves).",
      url: ADMIN_LINKS.groups,
    },
  };
  if (!read.ok) return unread(base, read);
  const ids = exclusionGroupIds(read.value);
  const sized = ids.filter((id) => ctx.groups.has(id));
  if (ids.length > 0 && sized.length === 0) {
    return {
      ...base,
      status: 'unknown',
      evidence: [
        ctx.groupsProblem ??
          'Could not check: grant the app the Microsoft Graph permission GroupMember.Read.All.',
      ],
    };
  }
  const grown = sized.filter((id) => {
    const before = previous?.[id];
    return before !== undefined && ctx.groups.get(id)!.memberCount > before;
  });
  const sizes = sized.map((id) => {
    const now = ctx.groups.get(id)!.memberCount;
    const before = previous?.[id];
    const change = before !== undefined && before !== now ? ` (was ${before})` : '';
    return `${groupLabel(id, ctx.groups)}: ${plural(now, 'member')}${change}.`;
  });
  if (sizes.length === 0) sizes.push('No enabled policy excludes a group.');
  if (previous === undefined) sizes.push('First check: these sizes are the baseline.');
  return { ...base, status: grown.length > 0 ? 'warn' : 'pass', evidence: sizes };
}

export function checkAzureManagement(read: Read<CaPolicy[]>): PostureItem {
  const base = {
    id: 'azure-management' as const,
    title: 'Azure management is limited to administrators',
    why: 'The Azure portal, CLI and PowerShell reach every subscription the tenant owns. Anyone who does not administer Azure has no reason to sign in there.',
    fix: {
      steps:
        'Create a policy: Users = All users, exclude the administrator roles (and emergency-access accounts); Target resources = Windows Azure Service Management API (or Microsoft Admin Portals); Grant = Block.',
      url: ADMIN_LINKS.conditionalAccess,
    },
  };
  if (!read.ok) return unread(base, read);
  const touching = enabled(read.value).filter((p) =>
    p.includeApplications.some((app) => app === AZURE_MANAGEMENT_APP || app === ADMIN_PORTALS),
  );
  const limiting = touching.filter(
    (p) =>
      p.users.includeUsers.includes('All') &&
      p.builtInControls.includes('block') &&
      (p.users.excludeRoles.length > 0 || p.users.excludeGroups.length > 0),
  );
  if (limiting.length > 0) {
    return {
      ...base,
      status: 'pass',
      evidence: limiting.map((p) => `"${p.displayName}" blocks everyone but administrators.`),
    };
  }
  return {
    ...base,
    status: 'warn',
    evidence:
      touching.length === 0
        ? ['No enabled policy targets Azure management.']
        : touching.map(
            (p) =>
              `"${p.displayName}" targets Azure management but does not limit it to administrators.`,
          ),
  };
}
