import {
  ConfigError,
  GUID,
  check,
  describe,
  optionalGuid,
  read,
  type ConfigVariable,
  type Env,
} from './env';
import { isPostureProblem, parsePostureSettings, type PostureSettings } from '../posture/config';
import { parseTiers } from './tiers';
import type { AppConfig } from './types';

/** The settings of the product's features: gated fixes, announcements and posture. */

/** Posture settings (src/posture/config.ts); `base` gives local mode its break-glass accounts. */
export function parsePosture(env: Env, base?: Partial<PostureSettings>): PostureSettings {
  const parsed = parsePostureSettings(env, base);
  if (isPostureProblem(parsed)) throw new ConfigError(parsed.variable, parsed.expected, parsed.got);
  return parsed;
}

function guidList(env: Env, name: ConfigVariable, what: string): string[] {
  const value = read(env, name);
  if (value === undefined) return [];
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const bad = items.find((item) => !GUID.test(item));
  if (bad !== undefined) {
    throw new ConfigError(name, `a comma-separated list of ${what} (GUIDs)`, describe(name, bad));
  }
  return items;
}

export function parseAnnouncements(env: Env): AppConfig['announcements'] {
  const rate = read(env, 'ANNOUNCE_RATE_PER_SECOND');
  const ratePerSecond = rate === undefined ? 30 : Number(rate);
  if (rate !== undefined && (!/^\d+$/.test(rate) || ratePerSecond < 1 || ratePerSecond > 50)) {
    throw new ConfigError(
      'ANNOUNCE_RATE_PER_SECOND',
      'a whole number from 1 to 50',
      describe('ANNOUNCE_RATE_PER_SECOND', rate),
    );
  }
  return {
    catalogAppId: check(
      env,
      'TEAMS_APP_CATALOG_ID',
      optionalGuid,
      "the bot's Teams app catalog id (a GUID)",
    ),
    ratePerSecond,
    ...machineOf(env),
  };
}

/** App Service's id of the instance this process runs on, when there is one. */
export function machineOf(env: Env): { machine?: string } {
  const machine = read(env, 'WEBSITE_INSTANCE_ID');
  return machine === undefined ? {} : { machine };
}

export function parseRemediation(
  env: Env,
  options: { adminGroupId?: string } = {},
): AppConfig['remediation'] {
  const ttl = read(env, 'REQUEST_TTL_MINUTES');
  const ttlMinutes = ttl === undefined ? 24 * 60 : Number(ttl);
  if (ttl !== undefined && (!/^\d+$/.test(ttl) || ttlMinutes < 5 || ttlMinutes > 7 * 24 * 60)) {
    throw new ConfigError(
      'REQUEST_TTL_MINUTES',
      'minutes between 5 and 10080',
      describe('REQUEST_TTL_MINUTES', ttl),
    );
  }
  return {
    exclusionGroupIds: guidList(env, 'CA_EXCLUSION_GROUP_IDS', 'group object IDs'),
    protectedUserIds: guidList(env, 'PROTECTED_USER_IDS', 'user object IDs'),
    requestTtlMinutes: ttlMinutes,
    tiers: parseTiers(env, options),
  };
}
