import { z } from 'zod';
import { DEMO_GROUPS, DEMO_USERS } from './sandbox/demo-ids';
import { SCENARIO_TEAMS_APP } from './sandbox/scenario-ids';

/**
 * Configuration, parsed and validated once at start-up from the environment (the composition
 * root passes `process.env`; nothing below it reads the environment).
 *
 * No recognised variable at all means local mode: the app starts its own Azurite and sandbox
 * tenant and talks to the Agents Playground. Any recognised variable means the operator is
 * configuring a real deployment, so whatever is missing or malformed stops start-up with one
 * line naming the variable and what was expected.
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
  'REQUEST_TTL_MINUTES',
  'TEAMS_APP_CATALOG_ID',
  'ANNOUNCE_RATE_PER_SECOND',
  'LOCAL_DATA_DIR',
  'LOG_LEVEL',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
] as const;
export type ConfigVariable = (typeof CONFIG_VARIABLES)[number];

/** Variables whose presence alone does not leave local mode (they tune it). */
const LOCAL_TUNING: ReadonlySet<ConfigVariable> = new Set([
  'PORT',
  'LOCAL_DATA_DIR',
  'LOG_LEVEL',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
]);

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export type GraphCredentialConfig =
  | { kind: 'client-secret'; tenantId: string; clientId: string; clientSecret: string }
  | {
      kind: 'client-certificate';
      tenantId: string;
      clientId: string;
      certificatePath: string;
      certificatePassword?: string;
    }
  | { kind: 'managed-identity'; clientId?: string }
  /** Local mode: the sandbox tenant accepts any bearer token. */
  | { kind: 'sandbox' };

export type StorageConfig =
  | { kind: 'connection-string'; connectionString: string }
  | { kind: 'account-url'; accountUrl: string }
  /** Local mode: the app starts Azurite itself under `dataDir`. */
  | { kind: 'local-azurite'; dataDir: string };

export interface BotIdentityConfig {
  /** Empty string disables inbound authentication (Agents Playground, local connector). */
  appId: string;
  password?: string;
  type: (typeof BOT_TYPES)[number];
  tenantId?: string;
}

export interface AppConfig {
  mode: 'local' | 'production';
  port: number;
  bot: BotIdentityConfig;
  graph: { baseUrl?: string; credential: GraphCredentialConfig };
  storage: StorageConfig;
  /** Members may diagnose anyone and approve fixes. */
  helpdeskGroupId: string;
  /** Channel conversation id for approval cards and incident notices. */
  helpdeskChannelId?: string;
  adminGroupId?: string;
  remediation: {
    /** Groups a time-boxed Conditional Access exclusion may add people to. */
    exclusionGroupIds: string[];
    /** Accounts no fix may touch (break-glass and similar). */
    protectedUserIds: string[];
    requestTtlMinutes: number;
  };
  announcements: {
    /** Teams app catalog id of this bot, to install it for people who never did. */
    catalogAppId?: string;
    /** Proactive sends per second for the whole app in the tenant (Teams allows 30 to 50). */
    ratePerSecond: number;
  };
  localDataDir: string;
  observability: {
    logLevel: (typeof LOG_LEVELS)[number];
    /** Application Insights; telemetry is off (and silent) without it. */
    appInsightsConnectionString?: string;
  };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly expected: string,
    readonly got: string,
  ) {
    super(`Configuration error: ${variable}: expected ${expected}, got ${got}.`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Describes a received value without echoing secrets. */
function describe(variable: string, value: string | undefined): string {
  if (value === undefined) return 'nothing';
  if (/PASSWORD|SECRET|CONNECTION_STRING/.test(variable))
    return `a value of ${value.length} characters`;
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}

function read(env: Env, name: ConfigVariable): string | undefined {
  const value = env[name];
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function check<T>(env: Env, name: ConfigVariable, schema: z.ZodType<T>, expected: string): T {
  const value = read(env, name);
  const result = schema.safeParse(value);
  if (!result.success) throw new ConfigError(name, expected, describe(name, value));
  return result.data;
}

const guid = z.string().regex(GUID);
const optionalGuid = guid.optional();
const httpsUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u));

function parsePort(env: Env): number {
  const value = read(env, 'PORT');
  if (value === undefined) return 3978;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
    throw new ConfigError('PORT', 'a TCP port number between 1 and 65535', describe('PORT', value));
  }
  return port;
}

function parseBool(env: Env, name: ConfigVariable): boolean {
  const value = read(env, name);
  if (value === undefined) return false;
  if (/^(true|1|yes)$/i.test(value)) return true;
  if (/^(false|0|no)$/i.test(value)) return false;
  throw new ConfigError(name, 'true or false', describe(name, value));
}

function parseBot(env: Env): BotIdentityConfig {
  const appId = check(env, 'BOT_ID', optionalGuid, "the bot's Microsoft App ID (a GUID)");
  const type = check(
    env,
    'BOT_TYPE',
    z.enum(BOT_TYPES).optional(),
    `one of ${BOT_TYPES.join(', ')}`,
  );
  const password = read(env, 'BOT_PASSWORD');
  const tenantId = check(env, 'BOT_TENANT_ID', optionalGuid, "the bot's tenant ID (a GUID)");
  if (!appId) {
    if (password || tenantId || type) {
      throw new ConfigError('BOT_ID', "the bot's Microsoft App ID (a GUID)", 'nothing');
    }
    return { appId: '', type: 'MultiTenant' };
  }
  const resolvedType = type ?? (tenantId ? 'SingleTenant' : 'MultiTenant');
  if (resolvedType === 'SingleTenant' && !tenantId) {
    throw new ConfigError(
      'BOT_TENANT_ID',
      'a tenant ID (GUID) for BOT_TYPE=SingleTenant',
      'nothing',
    );
  }
  if (resolvedType === 'UserAssignedMsi' && password) {
    throw new ConfigError(
      'BOT_PASSWORD',
      'no password with BOT_TYPE=UserAssignedMsi',
      describe('BOT_PASSWORD', password),
    );
  }
  if (resolvedType !== 'UserAssignedMsi' && !password) {
    throw new ConfigError(
      'BOT_PASSWORD',
      `the bot's client secret for BOT_TYPE=${resolvedType}`,
      'nothing',
    );
  }
  return { appId, password, type: resolvedType, tenantId };
}

function parseGraphCredential(env: Env): GraphCredentialConfig {
  const useManaged = parseBool(env, 'AZURE_USE_MANAGED_IDENTITY');
  const clientId = check(
    env,
    'AZURE_CLIENT_ID',
    optionalGuid,
    "the Graph app registration's client ID (a GUID)",
  );
  const tenantId = check(
    env,
    'AZURE_TENANT_ID',
    optionalGuid,
    'the directory (tenant) ID (a GUID)',
  );
  const secret = read(env, 'AZURE_CLIENT_SECRET');
  const certificatePath = read(env, 'AZURE_CLIENT_CERTIFICATE_PATH');
  if (useManaged) {
    if (secret) {
      throw new ConfigError(
        'AZURE_CLIENT_SECRET',
        'no secret with AZURE_USE_MANAGED_IDENTITY=true',
        describe('AZURE_CLIENT_SECRET', secret),
      );
    }
    return { kind: 'managed-identity', clientId };
  }
  if (secret && certificatePath) {
    throw new ConfigError(
      'AZURE_CLIENT_CERTIFICATE_PATH',
      'either a client secret or a certificate, not both',
      describe('AZURE_CLIENT_CERTIFICATE_PATH', certificatePath),
    );
  }
  if (!tenantId) {
    throw new ConfigError(
      'AZURE_TENANT_ID',
      'the directory (tenant) ID (a GUID) for Microsoft Graph',
      'nothing',
    );
  }
  if (!clientId) {
    throw new ConfigError(
      'AZURE_CLIENT_ID',
      "the Graph app registration's client ID (a GUID)",
      'nothing',
    );
  }
  if (secret) return { kind: 'client-secret', tenantId, clientId, clientSecret: secret };
  if (certificatePath) {
    return {
      kind: 'client-certificate',
      tenantId,
      clientId,
      certificatePath,
      certificatePassword: read(env, 'AZURE_CLIENT_CERTIFICATE_PASSWORD'),
    };
  }
  throw new ConfigError(
    'AZURE_CLIENT_SECRET',
    'a client secret, AZURE_CLIENT_CERTIFICATE_PATH, or AZURE_USE_MANAGED_IDENTITY=true',
    'nothing',
  );
}

function parseStorage(env: Env): StorageConfig {
  const connectionString = read(env, 'AZURE_STORAGE_CONNECTION_STRING');
  const accountUrl = check(
    env,
    'AZURE_STORAGE_ACCOUNT_URL',
    httpsUrl.optional(),
    'an https URL such as https://<account>.table.core.windows.net',
  );
  if (connectionString && accountUrl) {
    throw new ConfigError(
      'AZURE_STORAGE_ACCOUNT_URL',
      'either a connection string or an account URL, not both',
      describe('AZURE_STORAGE_ACCOUNT_URL', accountUrl),
    );
  }
  if (connectionString) {
    if (!/AccountName=|UseDevelopmentStorage=true|TableEndpoint=/i.test(connectionString)) {
      throw new ConfigError(
        'AZURE_STORAGE_CONNECTION_STRING',
        'an Azure Storage connection string (AccountName=...;AccountKey=... or endpoints)',
        describe('AZURE_STORAGE_CONNECTION_STRING', connectionString),
      );
    }
    return { kind: 'connection-string', connectionString };
  }
  if (accountUrl) return { kind: 'account-url', accountUrl };
  throw new ConfigError(
    'AZURE_STORAGE_CONNECTION_STRING',
    'a connection string, or AZURE_STORAGE_ACCOUNT_URL with managed identity',
    'nothing',
  );
}

function isLocal(env: Env): boolean {
  return CONFIG_VARIABLES.every((name) => LOCAL_TUNING.has(name) || read(env, name) === undefined);
}

function parseObservability(env: Env): AppConfig['observability'] {
  const logLevel = check(
    env,
    'LOG_LEVEL',
    z.enum(LOG_LEVELS).optional(),
    `one of ${LOG_LEVELS.join(', ')}`,
  );
  const connectionString = read(env, 'APPLICATIONINSIGHTS_CONNECTION_STRING');
  if (connectionString !== undefined && !/InstrumentationKey=/i.test(connectionString)) {
    throw new ConfigError(
      'APPLICATIONINSIGHTS_CONNECTION_STRING',
      'an Application Insights connection string (InstrumentationKey=...;IngestionEndpoint=...)',
      describe('APPLICATIONINSIGHTS_CONNECTION_STRING', connectionString),
    );
  }
  return { logLevel: logLevel ?? 'info', appInsightsConnectionString: connectionString };
}

export function parseConfig(env: Env): AppConfig {
  const port = parsePort(env);
  const localDataDir = read(env, 'LOCAL_DATA_DIR') ?? '.data';
  const observability = parseObservability(env);
  if (isLocal(env)) {
    return {
      mode: 'local',
      port,
      bot: { appId: '', type: 'MultiTenant' },
      graph: { credential: { kind: 'sandbox' } },
      storage: { kind: 'local-azurite', dataDir: localDataDir },
      helpdeskGroupId: DEMO_GROUPS.helpdeskApprovers.id,
      // The Playground's team channel named "Helpdesk" (.m365agentsplayground.yml).
      helpdeskChannelId: 'channel-helpdesk-id',
      remediation: {
        exclusionGroupIds: [DEMO_GROUPS.caExclusions.id],
        protectedUserIds: [DEMO_USERS.breakGlass.id],
        requestTtlMinutes: 24 * 60,
      },
      announcements: { catalogAppId: SCENARIO_TEAMS_APP.catalogId, ratePerSecond: 30 },
      localDataDir,
      observability,
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
    adminGroupId: check(
      env,
      'ADMIN_GROUP_ID',
      optionalGuid,
      "the admin group's object ID (a GUID)",
    ),
    remediation: parseRemediation(env),
    announcements: parseAnnouncements(env),
    localDataDir,
    observability,
  };
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

function parseAnnouncements(env: Env): AppConfig['announcements'] {
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
  };
}

function parseRemediation(env: Env): AppConfig['remediation'] {
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
  };
}
