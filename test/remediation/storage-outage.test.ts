import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RemediationAnnouncer } from '../../bot/remediation/announcer';
import { composeBot, type ComposedBot } from '../../bot/compose';
import { startBotServer, type BotServer } from '../../bot/server';
import { TableAuditLog } from '../../src/audit/audit-log';
import { parseConfig } from '../../src/config';
import { createGraphClient } from '../../src/graph/client';
import { SandboxCredential } from '../../src/graph/credential';
import { GraphDirectoryWriter } from '../../src/graph/directory-writer';
import { GraphGroupMembership } from '../../src/graph/group-membership';
import { GraphRemediationReader } from '../../src/graph/remediation-reader';
import { GraphTransport } from '../../src/graph/transport';
import { RemediationService } from '../../src/remediation/service';
import type { CreateCommand } from '../../src/remediation/service';
import { DEMO_USERS } from '../../src/sandbox/demo-ids';
import { LOCAL_TENANT } from '../../src/sandbox/local-tenant';
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox/server';
import { createStorage, startAzurite, type AzuriteHandle } from '../../src/storage';
import { freePort } from '../support/free-port';
import { RecordingNotifier } from './support/recording-notifier';
import { workerPolicy } from './support/worker-policy';

/**
 * The real Azurite stopped under an approval and started again; a bot process stopped in the
 * middle of a fix and a new one started. Outcomes and audit entries must not be lost, and a run
 * nobody finished is settled from the tenant, not run again.
 */

const helpdesk = { id: '29:helpdesk', aadObjectId: DEMO_USERS.helpdesk.id, name: 'Helpdesk Agent' };

async function until<T>(what: string, check: () => Promise<T | undefined>, ms = 40_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('storage stopped under an approval, and a bot stopped mid-run @slow', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'helpdesk-outage-'));
  const outboxDir = path.join(dir, 'outbox');
  let ports: { blob: number; queue: number; table: number };
  let azurite: AzuriteHandle;
  let sandbox: SandboxTenant;
  let bot: ComposedBot;
  let server: BotServer;

  const startStorage = () => startAzurite({ location: path.join(dir, 'azurite'), ports });
  const startBot = async () => {
    const config = { ...parseConfig({}, LOCAL_TENANT), port: 0 };
    bot = composeBot(config, {
      storage: { connectionString: azurite.connectionString },
      graphBaseUrl: sandbox.url,
      graphCredential: new SandboxCredential(),
      outboxDir,
    });
    server = await startBotServer({
      port: 0,
      adapter: bot.adapter,
      handleTurn: (context) => bot.app.run(context),
      probes: bot.probes,
    });
    await bot.startBackground();
  };
  const stopBot = async () => {
    await server?.drain(2000);
    await bot?.stopBackground();
  };
  /** The service as a separate tool sees it: to make requests and read them back. */
  const direct = () => {
    const graph = createGraphClient({ baseUrl: sandbox.url, credential: new SandboxCredential() });
    const records = createStorage({ connectionString: azurite.connectionString }).records;
    const notifier = new RecordingNotifier();
    notifier.channelConfigured = false;
    return {
      audit: new TableAuditLog(records),
      service: new RemediationService({
        records,
        reader: new GraphRemediationReader(new GraphTransport(graph, sandbox.url)),
        writer: new GraphDirectoryWriter(new GraphTransport(graph, sandbox.url)),
        membership: new GraphGroupMembership(graph),
        events: new RemediationAnnouncer(notifier, workerPolicy),
        audit: new TableAuditLog(records),
        policy: workerPolicy,
      }),
    };
  };
  const ask = async (kind: CreateCommand['kind']) => {
    const created = await direct().service.create({
      actor: { id: DEMO_USERS.member.id, name: 'Demo User' },
      kind,
      subjectId: DEMO_USERS.member.id,
      mode: 'request',
      inputs: {},
    });
    if (created.status !== 'created') throw new Error(JSON.stringify(created));
    return created.request.id;
  };

  before(async () => {
    ports = { blob: await freePort(), queue: await freePort(), table: await freePort() };
    azurite = await startStorage();
    sandbox = await startSandboxTenant({ port: 0 });
    await startBot();
  });
  after(async () => {
    await stopBot();
    await sandbox?.close();
    await azurite?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the approver the pass once, then stores the outcome and audits it when storage is back', async () => {
    const requestId = await ask('issue-tap');
    // The pass write takes a moment; storage stops during it.
    sandbox.faults.add({
      method: 'POST',
      pathPattern: /temporaryAccessPassMethods$/,
      latencyMs: 4000,
      times: 1,
    });
    const answer = fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'invoke',
        name: 'adaptiveCard/action',
        id: 'approve-1',
        channelId: 'msteams',
        serviceUrl: 'http://127.0.0.1:9/',
        from: helpdesk,
        recipient: { id: '28:bot' },
        conversation: { id: 'a:approver', conversationType: 'personal', tenantId: 'local' },
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'request.approve',
            data: { v: 1, requestId, version: 1 },
          },
          trigger: 'manual',
        },
      }),
    }).then((r) => r.text());
    // The fault is taken as the write arrives: storage stops while the pass is being made.
    await until('the pass write', async () =>
      sandbox.faults.list().length === 0 ? true : undefined,
    );
    await azurite.stop();
    const text = await answer;
    assert.match(text, /"Done\."/, 'the approver is told it worked');
    assert.match(text, /Temporary Access Pass/i);
    const passes = sandbox.requests.filter(
      (r) => r.method === 'POST' && r.path.endsWith('temporaryAccessPassMethods'),
    );
    assert.equal(passes.length, 1, 'one pass made');
    assert.equal(readdirSync(outboxDir).length, 1, 'the outcome waits on disk');
    assert.doesNotMatch(
      readdirSync(outboxDir)
        .map((f) => f)
        .join(' '),
      /code/i,
    );

    azurite = await startStorage();
    const { service, audit } = direct();
    const stored = await until('the outcome to be stored', async () => {
      const found = await service.requests.get(requestId);
      return found?.request.state === 'succeeded' ? found.request : undefined;
    });
    assert.match(stored.outcome?.summary ?? '', /Temporary Access Pass issued/);
    const successes = await until('the success entry', async () => {
      const found = (await audit.since(new Date(Date.now() - 3_600_000))).filter(
        (e) => e.requestId === requestId && e.event === 'succeeded',
      );
      return found.length > 0 ? found : undefined;
    });
    assert.equal(successes.length, 1, 'one success entry');
    await until('the outbox to empty', async () =>
      readdirSync(outboxDir).length === 0 ? true : undefined,
    );
  });

  it('settles a run a stopped bot left executing from the tenant, without running it again', async () => {
    const requestId = await ask('revoke-sessions');
    const { service, audit } = direct();
    const stored = await service.requests.get(requestId);
    assert.ok(stored);
    // As a bot stopped right after claiming the run would leave it.
    await service.requests.replace(
      {
        ...stored.request,
        state: 'executing',
        version: 3,
        startedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
      },
      stored.etag,
    );
    await stopBot();
    const revokesBefore = sandbox.requests.filter((r) => r.path.endsWith('revokeSignInSessions'));
    await startBot();
    const settled = await until('the run to be settled', async () => {
      const found = await service.requests.get(requestId);
      return found?.request.state === 'executing' ? undefined : found?.request;
    });
    assert.equal(settled.state, 'failed');
    assert.equal(settled.outcome?.errorCode, 'needs-review');
    const last = (await audit.since(new Date(Date.now() - 3_600_000)))
      .filter((e) => e.requestId === requestId)
      .at(-1);
    assert.equal(last?.event, 'failed');
    assert.equal(last?.actorId, 'system');
    assert.equal(
      sandbox.requests.filter((r) => r.path.endsWith('revokeSignInSessions')).length,
      revokesBefore.length,
      'not run again',
    );
  });
});
