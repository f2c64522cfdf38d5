import { z } from 'zod';
import { SECURITY_LOCAL_TUNING, SECURITY_VARIABLES } from '../security/variables';
import { POSTURE_VARIABLES } from '../posture/config';
import { ConfigError } from '../errors';

/**
 * Reading the environment: which variables the app knows, and the small checked readers every
 * section of the configuration uses. A bad value stops start-up with one line naming the
 * variable and what was expected, never echoing a secret.
 */

export const BOT_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMsi'] as const;

/** Variables this app reads, in the order .env.example documents them. */
export const CONFIG_VARIABLES = [
  'PORT',
  'BOT_ID',
  'BOT_PASSWORD',
  'BOT_TYPE',
  'BOT_TENANT_ID',
  'AZURE_TENANT_ID',
  'AZURE_CLIENT_ID',
  'AZURE_CLIENT_SECRET',
  'AZURE_CLIENT_CERTIFICATE_PATH',
  'AZURE_CLIENT_CERTIFICATE_PASSWORD',
  'AZURE_USE_MANAGED_IDENTITY',
  'AZURE_STORAGE_CONNECTION_STRING',
  'AZURE_STORAGE_ACCOUNT_URL',
  'GRAPH_BASE_URL',
  'HELPDESK_GROUP_ID',
  'HELPDESK_CHANNEL_ID',
  'ADMIN_GROUP_ID',
  'CA_EXCLUSION_GROUP_IDS',
  'PROTECTED_USER_IDS',
  // Approver tiers of the fixes (tiers.ts).
  'FIX_APPROVERS',
  'FIX_FOUR_EYES',
  'ADMIN_TIER_FIXES',
  'CA_NEVER_EXCLUDE_POLICY_IDS',
  'CA_EXCLUSION_MAX_HOURS',
  'REQUEST_TTL_MINUTES',
  'TEAMS_APP_CATALOG_ID',
  'ANNOUNCE_RATE_PER_SECOND',
  // Set by App Service on each instance (never by hand): where this process runs.
  'WEBSITE_INSTANCE_ID',
  'LOCAL_DATA_DIR',
  // Threads that read pastes beside the event loop (src/triage/off-thread.ts).
  'TRIAGE_THREADS',
  ...SECURITY_VARIABLES,
  'LOG_LEVEL',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
  ...POSTURE_VARIABLES,
] as const;
export type ConfigVariable = (typeof CONFIG_VARIABLES)[number];

/** Variables whose presence alone does not leave local mode (they tune it). */
export const LOCAL_TUNING: ReadonlySet<ConfigVariable> = new Set([
  'PORT',
  'WEBSITE_INSTANCE_ID',
  'LOCAL_DATA_DIR',
  'TRIAGE_THREADS',
  ...SECURITY_LOCAL_TUNING,
  'LOG_LEVEL',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
  ...POSTURE_VARIABLES,
]);

export { ConfigError };

export type Env = Readonly<Record<string, string | undefined>>;

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Describes a received value without echoing secrets. */
export function describe(variable: string, value: string | undefined): string {
  if (value === undefined) return 'nothing';
  if (/PASSWORD|SECRET|CONNECTION_STRING/.test(variable))
    return `a value of ${value.length} characters`;
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}

export function read(env: Env, name: ConfigVariable): string | undefined {
  const value = env[name];
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function check<T>(
  env: Env,
  name: ConfigVariable,
  schema: z.ZodType<T>,
  expected: string,
): T {
  const value = read(env, name);
  const result = schema.safeParse(value);
  if (!result.success) throw new ConfigError(name, expected, describe(name, value));
  return result.data;
}

export const guid = z.string().regex(GUID);
export const optionalGuid = guid.optional();
export const httpsUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u));

export function parsePort(env: Env): number {
  const value = read(env, 'PORT');
  if (value === undefined) return 3978;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
    throw new ConfigError('PORT', 'a TCP port number between 1 and 65535', describe('PORT', value));
  }
  return port;
}

export function parseBool(env: Env, name: ConfigVariable): boolean {
  const value = read(env, name);
  if (value === undefined) return false;
  if (/^(true|1|yes)$/i.test(value)) return true;
  if (/^(false|0|no)$/i.test(value)) return false;
  throw new ConfigError(name, 'true or false', describe(name, value));
}
