import {
  CONFIG_VARIABLES,
  LOCAL_TUNING,
  check,
  ConfigError,
  describe,
  guid,
  httpsUrl,
  optionalGuid,
  parsePort,
  read,
  type Env,
} from './env';
import { machineOf, parseAnnouncements, parsePosture, parseRemediation } from './features';
import { parseBot, parseGraphCredential, parseStorage } from './identity';
import { parseObservability } from './observability';
import type { AppConfig } from './types';
import { parseSecurityConfig } from '../security/config';

export { BOT_TYPES, CONFIG_VARIABLES, ConfigError, type ConfigVariable } from './env';
export { LOG_LEVELS } from './observability';
export type * from './types';
export { ConfigErrors } from './tiers';

/**
 * Configuration, parsed and validated once at start-up from the environment (the composition
 * root passes `process.env`; nothing below it reads the environment).
 *
 * No recognised variable at all means local mode: the app starts its own Azurite and sandbox
 * tenant and talks to the Agents Playground, and the ids of that tenant's groups and people come
 * from the composition root (the sandbox's LOCAL_TENANT), never from here. Any recognised
 * variable means the operator is configuring a real deployment, so whatever is missing or
 * malformed stops start-up with one line naming the variable and what was expected.
 */

/** What local mode needs to know about the tenant it runs against (the sandbox's demo tenant). */
export interface LocalTenant {
  helpdeskGroupId: string;
  /** The admin group (ADMIN_GROUP_ID in a deployment): admin changes and the fixes' admin tier. */
  adminGroupId?: string;
  /** Conditional Access policies nobody may be excluded from. */
  neverExcludePolicyIds?: string[];
  /** The Playground's channel for approval cards and incident notices. */
  helpdeskChannelId?: string;
  exclusionGroupIds: string[];
  protectedUserIds: string[];
  catalogAppId?: string;
}

function isLocal(env: Env): boolean {
  return CONFIG_VARIABLES.every((name) => LOCAL_TUNING.has(name) || read(env, name) === undefined);
}

export function parseConfig(env: Env, localTenant?: LocalTenant): AppConfig {
  const port = parsePort(env);
  const localDataDir = read(env, 'LOCAL_DATA_DIR') ?? '.data';
  const observability = parseObservability(env);
  const triageThreads = parseTriageThreads(env);
  if (isLocal(env)) {
    if (!localTenant) {
      throw new Error('local mode needs the local tenant settings from the composition root');
    }
    return {
      mode: 'local',
      port,
      bot: { appId: '', type: 'MultiTenant' },
      graph: { credential: { kind: 'sandbox' } },
      storage: { kind: 'local-azurite', dataDir: localDataDir },
      helpdeskGroupId: localTenant.helpdeskGroupId,
      helpdeskChannelId: localTenant.helpdeskChannelId,
      adminGroupId: localTenant.adminGroupId,
      remediation: {
        exclusionGroupIds: localTenant.exclusionGroupIds,
        protectedUserIds: localTenant.protectedUserIds,
        requestTtlMinutes: 24 * 60,
        tiers: {
          approvers: {},
          neverExcludePolicyIds: localTenant.neverExcludePolicyIds ?? [],
          maxExclusionHours: 72,
        },
      },
      announcements: {
        catalogAppId: localTenant.catalogAppId,
        ratePerSecond: 30,
        ...machineOf(env),
      },
      // The sandbox's protected accounts are its break-glass accounts.
      posture: parsePosture(env, { emergencyAccessUserIds: localTenant.protectedUserIds }),
      localDataDir,
      security: parseSecurityConfig(env, { mode: 'local' }),
      observability,
      ...triageThreads,
    };
  }
  const bot = parseBot(env);
  const credential = parseGraphCredential(env);
  const graphBaseUrl = check(
    env,
    'GRAPH_BASE_URL',
    httpsUrl.optional(),
    'an http(s) URL such as https://graph.microsoft.com',
  );
  const adminGroupId = check(
    env,
    'ADMIN_GROUP_ID',
    optionalGuid,
    "the admin group's object ID (a GUID)",
  );
  return {
    mode: 'production',
    port,
    bot,
    graph: { baseUrl: graphBaseUrl, credential },
    storage: parseStorage(env),
    helpdeskGroupId: check(
      env,
      'HELPDESK_GROUP_ID',
      guid,
      "the helpdesk group's object ID (a GUID)",
    ),
    helpdeskChannelId: read(env, 'HELPDESK_CHANNEL_ID'),
    adminGroupId,
    remediation: parseRemediation(env, { adminGroupId }),
    announcements: parseAnnouncements(env),
    posture: parsePosture(env),
    localDataDir,
    security: parseSecurityConfig(env, {
      mode: 'production',
      botTenantId: bot.tenantId,
      graphTenantId: 'tenantId' in credential ? credential.tenantId : undefined,
    }),
    observability,
    ...triageThreads,
  };
}

/** TRIAGE_THREADS: 0 to 8; unset leaves the choice to the cores (src/triage/off-thread.ts). */
function parseTriageThreads(env: Env): { triageThreads?: number } {
  const value = read(env, 'TRIAGE_THREADS');
  if (value === undefined) return {};
  if (!/^\d$/.test(value) || Number(value) > 8) {
    throw new ConfigError(
      'TRIAGE_THREADS',
      'a whole number of threads from 0 to 8',
      describe('TRIAGE_THREADS', value),
    );
  }
  return { triageThreads: Number(value) };
}
