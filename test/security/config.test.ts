import assert from 'node:assert/strict';
import { ConfigError, parseConfig } from '../../src/config';
import { LOCAL_TENANT } from '../../src/sandbox/local-tenant';

const BOT = '0b3e2f6c-1d4a-4e8b-9c7f-2a5d6e8f1b30';
const TENANT = '5e1d7c2a-9b64-4f0e-8a3d-2c7b9e4f6a10';
const OTHER = '7c1f4b2e-3a5d-4c6e-8f9a-0b1c2d3e4f50';
const deployment = {
  BOT_ID: BOT,
  BOT_PASSWORD: 'bot-secret-value',
  BOT_TENANT_ID: TENANT,
  AZURE_TENANT_ID: TENANT,
  AZURE_CLIENT_ID: BOT,
  AZURE_CLIENT_SECRET: 'graph-secret-value',
  AZURE_STORAGE_CONNECTION_STRING: 'AccountName=helpdesk;AccountKey=a2V5',
  HELPDESK_GROUP_ID: OTHER,
};

function refused(env: Record<string, string>, variable: string, message: RegExp): void {
  assert.throws(
    () => parseConfig(env, LOCAL_TENANT),
    (error: unknown) =>
      error instanceof ConfigError && error.variable === variable && message.test(error.message),
  );
}

describe('edge configuration', () => {
  it('serves only the bot’s own tenant by default in a deployment', () => {
    const config = parseConfig(deployment, LOCAL_TENANT);
    assert.equal(config.bot.type, 'SingleTenant');
    assert.deepEqual(config.security.allowedTenantIds, [TENANT]);
  });

  it('never falls back to MultiTenant when no bot tenant is set', () => {
    const env: Record<string, string> = { ...deployment };
    delete env.BOT_TENANT_ID;
    refused(env, 'BOT_TENANT_ID', /expected a tenant ID .* got nothing/);
    const multi = parseConfig({ ...env, BOT_TYPE: 'MultiTenant' }, LOCAL_TENANT);
    assert.equal(multi.bot.type, 'MultiTenant');
    assert.deepEqual(multi.security.allowedTenantIds, [TENANT], 'still the Graph tenant only');
  });

  it('takes an explicit allow-list, and says what was wrong with a bad one', () => {
    const config = parseConfig(
      {
        ...deployment,
        ALLOWED_TENANT_IDS: `${TENANT}, ${OTHER.toUpperCase()}`,
      },
      LOCAL_TENANT,
    );
    assert.deepEqual(config.security.allowedTenantIds, [TENANT, OTHER]);
    refused(
      { ...deployment, ALLOWED_TENANT_IDS: 'contoso' },
      'ALLOWED_TENANT_IDS',
      /got "contoso"/,
    );
  });

  it('checks rates and the readiness key without echoing the key', () => {
    refused(
      { ...deployment, RATE_PASTES: '10' },
      'RATE_PASTES',
      /expected two whole numbers.*got "10"/,
    );
    refused({ ...deployment, RATE_APPROVALS: '50,5' }, 'RATE_APPROVALS', /not below/);
    refused({ ...deployment, READYZ_KEY: 'short-key' }, 'READYZ_KEY', /a value of 9 characters/);
    refused({ ...deployment, MAX_TURNS_IN_FLIGHT: '0' }, 'MAX_TURNS_IN_FLIGHT', /from 1 to/);
  });

  it('lets rate settings tune local mode without leaving it', () => {
    const config = parseConfig({ RATE_PASTES: '3,30', MAX_TURNS_PER_PERSON: '1' }, LOCAL_TENANT);
    assert.equal(config.mode, 'local');
    assert.deepEqual(config.security.rates.paste, { person: 3, tenant: 30 });
    assert.equal(config.security.maxTurnsPerPerson, 1);
    assert.deepEqual(config.security.allowedTenantIds, []);
  });
});
