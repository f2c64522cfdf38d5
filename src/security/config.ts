/**
 * Settings of the bot's HTTP edge: who may talk to it (tenant allow-list), where Bot Framework
 * signing keys come from, who may read readiness details, and how much one person or one tenant
 * may ask of it. Parsed once at start-up from the environment by src/config.ts; errors say
 * "expected X, got Y" and never echo a secret.
 */

import { ConfigError } from '../errors';
import type { SecurityVariable } from './variables';

export { SECURITY_LOCAL_TUNING, SECURITY_VARIABLES, type SecurityVariable } from './variables';

/** A token bucket: `perMinute` tokens refill each minute, up to the same number held. */
export interface RateLimit {
  person: number;
  tenant: number;
}

export type LimitedKind = 'paste' | 'request' | 'approval';

export interface SecurityConfig {
  /** Tenants whose activities are served; empty means any (local mode only). */
  allowedTenantIds: string[];
  /** When set, `/readyz` shows its details only to a caller presenting this key. */
  readyzKey?: string;
  /** Overrides of the Bot Framework OpenID metadata and token issuer (sovereign clouds, tests). */
  channelAuth?: { openIdMetadataUrl: string; tokenIssuer?: string };
  /** Per-minute budgets of each kind of work, per person and per tenant. */
  rates: Record<LimitedKind, RateLimit>;
  /** Turns running at once across the process, and per person. */
  maxTurnsInFlight: number;
  maxTurnsPerPerson: number;
}

type Env = Readonly<Record<string, string | undefined>>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const DEFAULT_RATES: Record<LimitedKind, RateLimit> = {
  paste: { person: 10, tenant: 600 },
  request: { person: 5, tenant: 120 },
  approval: { person: 30, tenant: 600 },
};

function read(env: Env, name: SecurityVariable): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function shown(name: SecurityVariable, value: string): string {
  if (name === 'READYZ_KEY') return `a value of ${value.length} characters`;
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}

function parseRate(env: Env, name: SecurityVariable, fallback: RateLimit): RateLimit {
  const value = read(env, name);
  if (value === undefined) return fallback;
  const match = /^(\d{1,6})\s*,\s*(\d{1,7})$/.exec(value);
  const person = Number(match?.[1]);
  const tenant = Number(match?.[2]);
  if (!match || person < 1 || tenant < person) {
    throw new ConfigError(
      name,
      'two whole numbers "person,tenant" per minute, the tenant one not below the person one',
      shown(name, value),
    );
  }
  return { person, tenant };
}

function parseCount(env: Env, name: SecurityVariable, fallback: number, max: number): number {
  const value = read(env, name);
  if (value === undefined) return fallback;
  const count = Number(value);
  if (!/^\d+$/.test(value) || count < 1 || count > max) {
    throw new ConfigError(name, `a whole number from 1 to ${max}`, shown(name, value));
  }
  return count;
}

function parseUrl(env: Env, name: SecurityVariable): string | undefined {
  const value = read(env, name);
  if (value === undefined) return undefined;
  if (!/^https?:\/\/[^\s]+$/.test(value) || !URL.canParse(value)) {
    throw new ConfigError(name, 'an http(s) URL', shown(name, value));
  }
  return value;
}

export interface SecurityContext {
  mode: 'local' | 'production';
  /** The bot registration's tenant and Graph's tenant: the default allow-list. */
  botTenantId?: string;
  graphTenantId?: string;
}

export function parseSecurityConfig(env: Env, context: SecurityContext): SecurityConfig {
  const rates = {
    paste: parseRate(env, 'RATE_PASTES', DEFAULT_RATES.paste),
    request: parseRate(env, 'RATE_REQUESTS', DEFAULT_RATES.request),
    approval: parseRate(env, 'RATE_APPROVALS', DEFAULT_RATES.approval),
  };
  const maxTurnsInFlight = parseCount(env, 'MAX_TURNS_IN_FLIGHT', 64, 10_000);
  const maxTurnsPerPerson = parseCount(env, 'MAX_TURNS_PER_PERSON', 2, 10_000);
  if (context.mode === 'local') {
    return { allowedTenantIds: [], rates, maxTurnsInFlight, maxTurnsPerPerson };
  }

  const listed = read(env, 'ALLOWED_TENANT_IDS');
  let allowedTenantIds: string[];
  if (listed !== undefined) {
    allowedTenantIds = listed
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
    const bad = allowedTenantIds.find((item) => !GUID.test(item));
    if (bad !== undefined || allowedTenantIds.length === 0) {
      throw new ConfigError(
        'ALLOWED_TENANT_IDS',
        'a comma-separated list of tenant IDs (GUIDs)',
        shown('ALLOWED_TENANT_IDS', bad ?? listed),
      );
    }
  } else {
    // Single-tenant by default: the tenant the bot is registered in, else the Graph tenant.
    const own = context.botTenantId ?? context.graphTenantId;
    if (!own) {
      throw new ConfigError(
        'ALLOWED_TENANT_IDS',
        'the tenant IDs (GUIDs) allowed to use the bot, or BOT_TENANT_ID / AZURE_TENANT_ID',
        'nothing',
      );
    }
    allowedTenantIds = [own];
  }
  allowedTenantIds = allowedTenantIds.map((id) => id.toLowerCase());

  const readyzKey = read(env, 'READYZ_KEY');
  if (readyzKey !== undefined && readyzKey.length < 16) {
    throw new ConfigError(
      'READYZ_KEY',
      'a key of at least 16 characters',
      shown('READYZ_KEY', readyzKey),
    );
  }
  const openIdMetadataUrl = parseUrl(env, 'BOT_OPENID_METADATA_URL');
  const tokenIssuer = read(env, 'BOT_TOKEN_ISSUER');
  if (tokenIssuer !== undefined && !openIdMetadataUrl) {
    throw new ConfigError(
      'BOT_OPENID_METADATA_URL',
      'the OpenID metadata URL that goes with BOT_TOKEN_ISSUER',
      'nothing',
    );
  }
  return {
    allowedTenantIds,
    readyzKey,
    channelAuth: openIdMetadataUrl ? { openIdMetadataUrl, tokenIssuer } : undefined,
    rates,
    maxTurnsInFlight,
    maxTurnsPerPerson,
  };
}
