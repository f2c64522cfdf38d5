import assert from 'node:assert/strict';
import { ConfigError, parseConfig } from '../../src/config';
import { LOCAL_TENANT } from '../../src/sandbox/local-tenant';

const GUID_A = '11111111-2222-4333-8444-555555555555';
const GUID_B = '66666666-7777-4888-9999-000000000000';

function expectConfigError(env: Record<string, string>, variable: string, fragment: RegExp): void {
  assert.throws(
    () => parseConfig(env, LOCAL_TENANT),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
      assert.equal(error.variable, variable);
      assert.match(error.message, fragment);
      assert.equal(error.message.split('\n').length, 1, 'one line');
      return true;
    },
  );
}

const production = {
  BOT_ID: GUID_A,
  BOT_PASSWORD: 'bot-secret-value',
  BOT_TYPE: 'SingleTenant',
  BOT_TENANT_ID: GUID_B,
  AZURE_TENANT_ID: GUID_B,
  AZURE_CLIENT_ID: GUID_A,
  AZURE_CLIENT_SECRET: 'graph-secret-value',
  AZURE_STORAGE_CONNECTION_STRING:
    'DefaultEndpointsProtocol=https;AccountName=helpdesk;AccountKey=a2V5;EndpointSuffix=core.windows.net',
  HELPDESK_GROUP_ID: GUID_B,
};

describe('config', () => {
  it('no variables at all means local mode on embedded defaults', () => {
    const config = parseConfig({}, LOCAL_TENANT);
    assert.equal(config.mode, 'local');
    assert.equal(config.port, 3978);
    assert.equal(config.bot.appId, '', 'inbound auth is off for the Playground');
    assert.deepEqual(config.graph.credential, { kind: 'sandbox' });
    assert.equal(config.storage.kind, 'local-azurite');
    assert.equal(config.helpdeskGroupId, LOCAL_TENANT.helpdeskGroupId, 'the sandbox tenant, given');
  });

  it('takes the local tenant from the caller, and says so when it is not given', () => {
    assert.throws(() => parseConfig({}), /local tenant settings/);
  });

  it('PORT and LOCAL_DATA_DIR tune local mode without leaving it', () => {
    const config = parseConfig(
      { PORT: '4000', LOCAL_DATA_DIR: '/tmp/x', PATH: '/usr/bin' },
      LOCAL_TENANT,
    );
    assert.equal(config.mode, 'local');
    assert.equal(config.port, 4000);
    assert.equal(config.localDataDir, '/tmp/x');
  });

  it('TRIAGE_THREADS tunes either mode; unset leaves it to the cores; a bad value says what is expected', () => {
    const local = parseConfig({ TRIAGE_THREADS: '0' }, LOCAL_TENANT);
    assert.equal(local.mode, 'local');
    assert.equal(local.triageThreads, 0);
    assert.equal(parseConfig({ ...production, TRIAGE_THREADS: '4' }).triageThreads, 4);
    assert.equal(parseConfig(production).triageThreads, undefined);
    for (const bad of ['9', '-1', 'two', '1.5']) {
      expectConfigError({ TRIAGE_THREADS: bad }, 'TRIAGE_THREADS', /whole number of threads/);
    }
  });

  it("takes App Service's instance id as the machine the announcement workers run on", () => {
    const instance = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';
    const local = parseConfig({ WEBSITE_INSTANCE_ID: instance }, LOCAL_TENANT);
    assert.equal(local.mode, 'local', 'set by the platform: no reason to leave local mode');
    assert.equal(local.announcements.machine, instance);
    assert.equal(
      parseConfig({ ...production, WEBSITE_INSTANCE_ID: instance }).announcements.machine,
      instance,
    );
    assert.equal(parseConfig(production).announcements.machine, undefined);
  });

  it('a full production configuration parses', () => {
    const config = parseConfig(production);
    assert.equal(config.mode, 'production');
    assert.equal(config.bot.type, 'SingleTenant');
    assert.equal(config.graph.credential.kind, 'client-secret');
    assert.equal(config.storage.kind, 'connection-string');
  });

  it('managed identity for Graph and an account URL for storage', () => {
    const config = parseConfig({
      BOT_ID: GUID_A,
      BOT_TYPE: 'UserAssignedMsi',
      BOT_TENANT_ID: GUID_B,
      AZURE_USE_MANAGED_IDENTITY: 'true',
      AZURE_CLIENT_ID: GUID_A,
      AZURE_STORAGE_ACCOUNT_URL: 'https://helpdesk.blob.core.windows.net',
      HELPDESK_GROUP_ID: GUID_B,
    });
    assert.deepEqual(config.graph.credential, { kind: 'managed-identity', clientId: GUID_A });
    assert.deepEqual(config.storage, {
      kind: 'account-url',
      accountUrl: 'https://helpdesk.blob.core.windows.net',
    });
  });

  it('partial configuration names the first missing variable', () => {
    expectConfigError(
      { BOT_ID: GUID_A, BOT_TENANT_ID: GUID_B },
      'BOT_PASSWORD',
      /expected the bot's client secret/,
    );
    expectConfigError({ ...production, AZURE_TENANT_ID: '' }, 'AZURE_TENANT_ID', /got nothing/);
    expectConfigError(
      { ...production, AZURE_STORAGE_CONNECTION_STRING: '' },
      'AZURE_STORAGE_CONNECTION_STRING',
      /expected a connection string/,
    );
  });

  it('malformed values say what was expected and what came', () => {
    expectConfigError({ ...production, BOT_ID: 'not-a-guid' }, 'BOT_ID', /got "not-a-guid"/);
    expectConfigError({ ...production, BOT_TYPE: 'Multitenant' }, 'BOT_TYPE', /one of MultiTenant/);
    expectConfigError({ PORT: '99999' }, 'PORT', /between 1 and 65535, got "99999"/);
    expectConfigError(
      { ...production, HELPDESK_GROUP_ID: 'helpdesk' },
      'HELPDESK_GROUP_ID',
      /GUID/,
    );
  });

  it('reads the remediation safeguards', () => {
    const config = parseConfig({
      ...production,
      CA_EXCLUSION_GROUP_IDS: `${GUID_A}, ${GUID_B}`,
      PROTECTED_USER_IDS: GUID_A,
      REQUEST_TTL_MINUTES: '120',
    });
    assert.deepEqual(config.remediation, {
      exclusionGroupIds: [GUID_A, GUID_B],
      protectedUserIds: [GUID_A],
      requestTtlMinutes: 120,
      tiers: {
        approvers: {},
        fourEyes: undefined,
        adminTierFixes: undefined,
        neverExcludePolicyIds: [],
        maxExclusionHours: 72,
      },
    });
    expectConfigError(
      { ...production, PROTECTED_USER_IDS: `${GUID_A},admin` },
      'PROTECTED_USER_IDS',
      /got "admin"/,
    );
    expectConfigError(
      { ...production, REQUEST_TTL_MINUTES: '1' },
      'REQUEST_TTL_MINUTES',
      /between 5/,
    );
    expectConfigError({ ...production, HELPDESK_GROUP_ID: '' }, 'HELPDESK_GROUP_ID', /got nothing/);
  });

  it('never echoes a secret in its message', () => {
    expectConfigError(
      { ...production, AZURE_STORAGE_CONNECTION_STRING: 'supersecretvalue' },
      'AZURE_STORAGE_CONNECTION_STRING',
      /a value of 16 characters/,
    );
    try {
      parseConfig({ ...production, AZURE_STORAGE_CONNECTION_STRING: 'supersecretvalue' });
    } catch (error) {
      assert.doesNotMatch(String(error), /supersecretvalue/);
    }
  });

  it('rejects contradictory choices', () => {
    expectConfigError(
      { ...production, BOT_TYPE: 'UserAssignedMsi' },
      'BOT_PASSWORD',
      /no password with BOT_TYPE=UserAssignedMsi/,
    );
    expectConfigError(
      { ...production, AZURE_CLIENT_CERTIFICATE_PATH: '/certs/graph.pem' },
      'AZURE_CLIENT_CERTIFICATE_PATH',
      /not both/,
    );
    expectConfigError(
      { ...production, BOT_TYPE: 'SingleTenant', BOT_TENANT_ID: '' },
      'BOT_TENANT_ID',
      /SingleTenant/,
    );
  });
});
