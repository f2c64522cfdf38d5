/**
 * Posture settings from the environment. src/config.ts calls this once at start-up and turns a
 * problem into its ConfigError ("VARIABLE: expected X, got Y"); nothing else reads these.
 */

export const POSTURE_VARIABLES = [
  'EMERGENCY_ACCESS_USER_IDS',
  'EMERGENCY_ACCESS_GROUP_ID',
  'POSTURE_EVERY_HOURS',
  'POSTURE_SYNC_STALE_HOURS',
  'POSTURE_REPORT_ONLY_DAYS',
] as const;
export type PostureVariable = (typeof POSTURE_VARIABLES)[number];

export interface PostureSettings {
  /** Emergency-access (break-glass) accounts every enabled policy must exclude. */
  emergencyAccessUserIds: string[];
  /** Or the group holding them. */
  emergencyAccessGroupId?: string;
  /** Hours between scheduled posture runs; 0 turns the schedule off. */
  everyHours: number;
  /** A directory or password sync older than this is a warning. */
  syncStaleHours: number;
  /** A policy in report-only mode for longer than this is a warning. */
  reportOnlyDays: number;
}

export const POSTURE_DEFAULTS = {
  everyHours: 24,
  syncStaleHours: 3,
  reportOnlyDays: 30,
} as const;

export interface PostureConfigProblem {
  variable: PostureVariable;
  expected: string;
  got: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function shown(value: string | undefined): string {
  if (value === undefined) return 'nothing';
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}

type Env = Readonly<Record<string, string | undefined>>;

function read(env: Env, name: PostureVariable): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function wholeNumber(
  env: Env,
  name: PostureVariable,
  min: number,
  max: number,
  fallback: number,
): number | PostureConfigProblem {
  const value = read(env, name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    return { variable: name, expected: `a whole number from ${min} to ${max}`, got: shown(value) };
  }
  return n;
}

/**
 * Reads the posture settings; `base` supplies the emergency-access accounts when none are set
 * (local mode passes the sandbox's break-glass account). Returns the first problem found.
 */
export function parsePostureSettings(
  env: Env,
  base: Partial<PostureSettings> = {},
): PostureSettings | PostureConfigProblem {
  const ids = read(env, 'EMERGENCY_ACCESS_USER_IDS');
  const userIds = ids === undefined ? (base.emergencyAccessUserIds ?? []) : ids.split(',');
  const trimmed = userIds.map((id) => id.trim()).filter((id) => id !== '');
  const bad = trimmed.find((id) => !GUID.test(id));
  if (bad !== undefined) {
    return {
      variable: 'EMERGENCY_ACCESS_USER_IDS',
      expected: 'a comma-separated list of user object IDs (GUIDs)',
      got: shown(bad),
    };
  }
  const group = read(env, 'EMERGENCY_ACCESS_GROUP_ID') ?? base.emergencyAccessGroupId;
  if (group !== undefined && !GUID.test(group)) {
    return {
      variable: 'EMERGENCY_ACCESS_GROUP_ID',
      expected: "the emergency-access group's object ID (a GUID)",
      got: shown(group),
    };
  }
  const everyHours = wholeNumber(env, 'POSTURE_EVERY_HOURS', 0, 168, POSTURE_DEFAULTS.everyHours);
  if (typeof everyHours !== 'number') return everyHours;
  const syncStaleHours = wholeNumber(
    env,
    'POSTURE_SYNC_STALE_HOURS',
    1,
    720,
    POSTURE_DEFAULTS.syncStaleHours,
  );
  if (typeof syncStaleHours !== 'number') return syncStaleHours;
  const reportOnlyDays = wholeNumber(
    env,
    'POSTURE_REPORT_ONLY_DAYS',
    1,
    365,
    POSTURE_DEFAULTS.reportOnlyDays,
  );
  if (typeof reportOnlyDays !== 'number') return reportOnlyDays;
  const settings: PostureSettings = {
    emergencyAccessUserIds: trimmed,
    everyHours,
    syncStaleHours,
    reportOnlyDays,
  };
  if (group !== undefined) settings.emergencyAccessGroupId = group;
  return settings;
}

export function isPostureProblem(
  value: PostureSettings | PostureConfigProblem,
): value is PostureConfigProblem {
  return 'variable' in value;
}
