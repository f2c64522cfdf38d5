import { ACTION_KINDS, type ActionKind } from '../remediation/action-kinds';
import { ConfigError, GUID, describe, read, type ConfigVariable, type Env } from './env';

/**
 * The approver tiers of the fixes (src/remediation/policy.ts holds what they mean):
 *
 * - FIX_APPROVERS          `confirm-compromised=admin; ca-exclusion=helpdesk,<group id>`
 * - FIX_FOUR_EYES          `confirm-compromised,ca-exclusion` (or `none`)
 * - ADMIN_TIER_FIXES       fixes that, for a directory-role holder, only the admin group decides
 * - CA_NEVER_EXCLUDE_POLICY_IDS  Conditional Access policies nobody may be excluded from
 * - CA_EXCLUSION_MAX_HOURS the longest time-boxed exclusion (1 to 168, default 72)
 *
 * Every bad value is reported, one line each, before start-up stops.
 */

export interface TierSettings {
  /** Per fix, its approver groups: `helpdesk`, `admin` or group object ids. */
  approvers: Partial<Record<ActionKind, string[]>>;
  /** Undefined: the product's defaults. */
  fourEyes?: ActionKind[];
  adminTierFixes?: ActionKind[];
  neverExcludePolicyIds: string[];
  maxExclusionHours: number;
}

/** Several bad values at once: one line each. */
export class ConfigErrors extends ConfigError {
  constructor(readonly problems: readonly ConfigError[]) {
    super(problems[0].variable, problems[0].expected, problems[0].got);
    this.message = problems.map((p) => p.message).join('\n');
    this.name = 'ConfigErrors';
  }
}

const KIND_SET: ReadonlySet<string> = new Set(ACTION_KINDS);
const KINDS_WORDS = `fix names (${ACTION_KINDS.join(', ')})`;

function items(value: string, separator: string): string[] {
  return value
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export function parseTiers(env: Env, options: { adminGroupId?: string }): TierSettings {
  const problems: ConfigError[] = [];
  const bad = (name: ConfigVariable, expected: string, got: string) =>
    problems.push(new ConfigError(name, expected, describe(name, got)));

  const kindList = (name: ConfigVariable): ActionKind[] | undefined => {
    const value = read(env, name);
    if (value === undefined) return undefined;
    if (value.toLowerCase() === 'none') return [];
    const kinds: ActionKind[] = [];
    for (const item of items(value, ',')) {
      if (KIND_SET.has(item)) kinds.push(item as ActionKind);
      else bad(name, `a comma-separated list of ${KINDS_WORDS}, or none`, item);
    }
    return kinds;
  };

  const approvers: TierSettings['approvers'] = {};
  const approverText = read(env, 'FIX_APPROVERS');
  for (const entry of approverText === undefined ? [] : items(approverText, ';')) {
    const [kind, groups = ''] = entry.split('=', 2).map((part) => part.trim());
    if (!KIND_SET.has(kind)) {
      bad('FIX_APPROVERS', `entries like confirm-compromised=admin, with ${KINDS_WORDS}`, entry);
      continue;
    }
    const refs = items(groups, ',');
    const wrong = refs.find((ref) => ref !== 'helpdesk' && ref !== 'admin' && !GUID.test(ref));
    if (refs.length === 0 || wrong !== undefined) {
      bad('FIX_APPROVERS', `for ${kind}, groups as helpdesk, admin or group object IDs`, entry);
      continue;
    }
    if (refs.includes('admin') && !options.adminGroupId) {
      bad('FIX_APPROVERS', `ADMIN_GROUP_ID to be set when ${kind} names the admin group`, entry);
      continue;
    }
    approvers[kind as ActionKind] = refs;
  }

  const neverExcludePolicyIds: string[] = [];
  const never = read(env, 'CA_NEVER_EXCLUDE_POLICY_IDS');
  for (const id of never === undefined ? [] : items(never, ',')) {
    if (GUID.test(id)) neverExcludePolicyIds.push(id);
    else bad('CA_NEVER_EXCLUDE_POLICY_IDS', 'a comma-separated list of policy IDs (GUIDs)', id);
  }

  const hoursText = read(env, 'CA_EXCLUSION_MAX_HOURS');
  const maxExclusionHours = hoursText === undefined ? 72 : Number(hoursText);
  if (
    hoursText !== undefined &&
    (!/^\d+$/.test(hoursText) || maxExclusionHours < 1 || maxExclusionHours > 168)
  ) {
    bad('CA_EXCLUSION_MAX_HOURS', 'a whole number of hours from 1 to 168', hoursText);
  }

  const settings: TierSettings = {
    approvers,
    fourEyes: kindList('FIX_FOUR_EYES'),
    adminTierFixes: kindList('ADMIN_TIER_FIXES'),
    neverExcludePolicyIds,
    maxExclusionHours,
  };
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) throw new ConfigErrors(problems);
  return settings;
}
