import { z } from 'zod';
import {
  BOT_TYPES,
  ConfigError,
  check,
  describe,
  httpsUrl,
  optionalGuid,
  parseBool,
  read,
  type Env,
} from './env';
import type { BotIdentityConfig, GraphCredentialConfig, StorageConfig } from './types';

/**
 * Where the app runs and as whom: the bot's identity, the credential it calls Graph with and the
 * storage account. Each either complete or refused with the variable that is missing.
 */

export function parseBot(env: Env): BotIdentityConfig {
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

export function parseGraphCredential(env: Env): GraphCredentialConfig {
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

export function parseStorage(env: Env): StorageConfig {
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
