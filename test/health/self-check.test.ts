import assert from 'node:assert/strict';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { parseConfig, type AppConfig } from '../../src/config';
import { createGraphClient } from '../../src/graph/client';
import { SandboxCredential } from '../../src/graph/credential';
import { GraphTransport } from '../../src/graph/transport';
import {
  formatReport,
  FeatureSwitches,
  runSelfCheck,
  type CheckItem,
  type HealthReport,
} from '../../src/health';
import {
  applyConsentScenario,
  SANDBOX_APP_ID,
  type ConsentScenario,
} from '../../src/sandbox/consent-scenarios';
import { DEMO_GROUPS, DEMO_TENANT } from '../../src/sandbox/demo-ids';
import { demoFixture } from '../../src/sandbox/fixture';
import { LOCAL_TENANT } from '../../src/sandbox/local-tenant';
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox/server';
import { TableRecordStore } from '../../src/storage';
import { MemoryRecordStore } from '../fakes/memory-record-store';

const NOW = new Date('2026-03-02T10:00:00Z');
const clock = { now: () => NOW };

/** A credential whose Graph token is a JWT carrying `roles`, as Entra issues app-only tokens. */
function tokenWithRoles(roles: string[]): TokenCredential {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const token = `${part({ alg: 'none' })}.${part({ roles, tid: DEMO_TENANT.id })}.c2ln`;
  return {
    async getToken(): Promise<AccessToken> {
      return { token, expiresOnTimestamp: NOW.getTime() + 3_600_000 };
    },
  };
}

function item(report: HealthReport, id: string): CheckItem {
  const found = report.items.find((i) => i.id === id);
  assert.ok(found, `no item ${id} in ${report.items.map((i) => i.id).join(', ')}`);
  return found;
}

describe('self-check against the sandbox tenant', () => {
  let sandbox: SandboxTenant;

  before(async () => {
    sandbox = await startSandboxTenant({ clock: () => NOW });
  });
  after(async () => {
    await sandbox?.close();
  });
  afterEach(() => sandbox.reset());

  function check(
    options: {
      config?: AppConfig;
      consent?: ConsentScenario;
      credential?: TokenCredential;
      records?: TableRecordStore | MemoryRecordStore;
    } = {},
  ): Promise<HealthReport> {
    if (options.consent) applyConsentScenario(sandbox.state, options.consent);
    const credential = options.credential ?? new SandboxCredential();
    return runSelfCheck({
      config: options.config ?? parseConfig({}, LOCAL_TENANT),
      graph: new GraphTransport(
        createGraphClient({ baseUrl: sandbox.url, credential, maxRetries: 0 }),
        sandbox.url,
      ),
      credential,
      graphAppId: SANDBOX_APP_ID,
      records: options.records ?? new MemoryRecordStore(),
      clock,
    });
  }

  it('knows the sandbox app by the id the fixture gives it', () => {
    assert.equal(demoFixture().app.appId, SANDBOX_APP_ID);
  });

  it('reports every item ok on the demo tenant, one line each, and switches nothing off', async () => {
    const report = await check();
    assert.deepEqual(report.off, {});
    const notOk = report.items.filter((i) => i.status !== 'ok').map((i) => i.id);
    assert.deepEqual(notOk, [], 'local mode sets the sandbox admin group');
    assert.match(item(report, 'admin-group').detail, new RegExp(DEMO_GROUPS.tenantAdmins.name));
    assert.match(item(report, 'tenant').detail, new RegExp(DEMO_TENANT.id));
    assert.match(
      item(report, 'helpdesk-group').detail,
      new RegExp(DEMO_GROUPS.helpdeskApprovers.name),
    );
    assert.match(item(report, 'consent').detail, /service principal's app role assignments/);
    const lines = formatReport(report);
    assert.equal(lines.length, report.items.length);
    assert.ok(lines.every((l) => !l.includes('\n')));
  });

  it('switches every fix off with a clear line when only reads are consented', async () => {
    const report = await check({ consent: 'read-only' });
    const fixes = report.items.filter((i) => i.id.startsWith('feature:fix:'));
    assert.equal(fixes.length, 14, 'nine fixes and five admin changes');
    for (const fix of fixes) {
      assert.equal(fix.status, 'off', fix.id);
      assert.match(fix.detail, /^switched off: missing /);
      assert.match(fix.fix ?? '', /admin consent/);
    }
    assert.match(
      item(report, 'feature:fix:issue-tap').detail,
      /UserAuthMethod-TAP\.ReadWrite\.All/,
    );
    assert.match(item(report, 'feature:fix:sync-device').detail, /PrivilegedOperations\.All/);
    assert.equal(item(report, 'feature:diagnosis').status, 'ok');
    assert.equal(item(report, 'feature:announcements').status, 'warn', 'cannot install the app');
    const switches = new FeatureSwitches();
    switches.apply(report);
    assert.equal(switches.fixAllowed('issue-tap'), false);
    assert.equal(switches.isOn('diagnosis'), true);
    assert.match(
      switches.reason('fix:issue-tap') ?? '',
      /^missing UserAuthMethod-TAP\.ReadWrite\.All/,
    );
  });

  it('turns only the Temporary Access Pass fix off when its write is not consented', async () => {
    const report = await check({ consent: 'no-tap-write' });
    // The scenario also takes away UserAuthenticationMethod.ReadWrite.All, which turning on SMS
    // sign-in for a person's phone needs.
    assert.deepEqual(Object.keys(report.off), ['fix:issue-tap', 'fix:sms-sign-in']);
  });

  it('keeps announcements on but says what they cannot do without app installation rights', async () => {
    const report = await check({ consent: 'no-app-installation' });
    const line = item(report, 'feature:announcements');
    assert.equal(line.status, 'warn');
    assert.match(line.detail, /install the app/);
    assert.match(line.fix ?? '', /TeamsAppInstallation\.ReadWriteSelfForUser\.All/);
    assert.match(line.fix ?? '', /AppCatalog\.Read\.All/);
  });

  it('without group reads: membership and announcements off, the groups cannot be checked', async () => {
    const report = await check({ consent: 'no-group-read' });
    assert.equal(item(report, 'feature:helpdesk-membership').status, 'off');
    assert.equal(item(report, 'feature:announcements').status, 'off');
    const group = item(report, 'helpdesk-group');
    assert.equal(group.status, 'fail');
    assert.match(group.fix ?? '', /GroupMember\.Read\.All/);
  });

  it('says when consent cannot be read, and then leaves every feature on', async () => {
    const report = await check({ consent: 'consent-unreadable' });
    assert.equal(item(report, 'consent').status, 'warn');
    assert.match(item(report, 'consent').detail, /Application\.Read\.All/);
    assert.deepEqual(report.off, {});
  });

  it('with nothing consented, names Organization.Read.All for the tenant check', async () => {
    const report = await check({ consent: 'none' });
    assert.equal(item(report, 'tenant').status, 'fail');
    assert.match(item(report, 'tenant').fix ?? '', /Organization\.Read\.All/);
    assert.equal(item(report, 'consent').status, 'warn');
  });

  it('reads consent from the roles in a JWT token first, needing no directory permission', async () => {
    const report = await check({
      consent: 'none',
      credential: tokenWithRoles(['User.Read.All', 'UserAuthMethod-TAP.ReadWrite.All']),
    });
    assert.match(item(report, 'consent').detail, /2 application permissions, read from the roles/);
    assert.equal(item(report, 'feature:fix:issue-tap').status, 'ok');
    assert.equal(item(report, 'feature:fix:dismiss-risk').status, 'off');
  });

  it('reports a helpdesk group that does not exist and a tenant that is not the configured one', async () => {
    const other = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
    const config = parseConfig({
      BOT_ID: '11111111-2222-4333-8444-555555555555',
      BOT_PASSWORD: 'bot-password-value',
      BOT_TYPE: 'SingleTenant',
      BOT_TENANT_ID: other,
      AZURE_USE_MANAGED_IDENTITY: 'true',
      AZURE_STORAGE_ACCOUNT_URL: 'https://acct.table.core.windows.net',
      HELPDESK_GROUP_ID: '22222222-3333-4444-8555-666666666666',
      HELPDESK_CHANNEL_ID: 'general',
    });
    const report = await check({ config });
    assert.equal(item(report, 'tenant').status, 'fail');
    assert.match(item(report, 'tenant').detail, new RegExp(`but ${other} is configured`));
    const group = item(report, 'helpdesk-group');
    assert.equal(group.status, 'fail');
    assert.match(group.detail, /names no group in this tenant/);
    assert.equal(item(report, 'helpdesk-channel').status, 'fail');
    assert.equal(item(report, 'admin-group').status, 'warn');
    for (const line of report.items.filter((i) => i.status !== 'ok')) {
      assert.ok(line.fix, `${line.id} says how to fix it`);
    }
  });

  it('reports storage that does not answer, with the fix', async () => {
    const records = TableRecordStore.fromConnectionString(
      'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:9/devstoreaccount1',
      { maxRetries: 0, timeoutMs: 2000 },
    );
    const report = await check({ records });
    const storage = item(report, 'storage');
    assert.equal(storage.status, 'fail');
    assert.match(storage.fix ?? '', /AZURE_STORAGE_CONNECTION_STRING/);
  });
});
