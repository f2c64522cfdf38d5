import assert from 'node:assert/strict';
import { TableAuditLog } from '../../src/audit/audit-log';
import { createGraphClient } from '../../src/graph/client';
import { SandboxCredential } from '../../src/graph/credential';
import { GraphDirectoryWriter } from '../../src/graph/directory-writer';
import { GraphRemediationReader } from '../../src/graph/remediation-reader';
import { GraphTransport } from '../../src/graph/transport';
import { GraphGroupMembership } from '../../src/graph/group-membership';
import { EXCLUSIONS_TABLE } from '../../src/remediation/exclusions';
import { OPEN_REQUESTS_TABLE, REQUESTS_TABLE } from '../../src/remediation/request-store';
import { RemediationService } from '../../src/remediation/service';
import { RemediationAnnouncer } from '../../bot/remediation/announcer';
import type { RemediationRequest } from '../../src/remediation/types';
import { DEMO_GROUPS, DEMO_USERS } from '../../src/sandbox/demo-ids';
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox/server';
import { startAzurite, TableRecordStore, type AzuriteHandle } from '../../src/storage';
import { uniqueTable } from '../storage/unique-name';
import { ManualClock } from './support/domain-harness';
import { RecordingNotifier } from './support/recording-notifier';
import { spawnWorker } from './support/spawn-worker';
import { workerPolicy } from './support/worker-policy';

/**
 * Remediation on the real parts: Azure Tables in Azurite and Graph in the sandbox tenant, with
 * several service instances and several processes sharing them, as scaled-out bots do.
 */

const FINANCE_MEMBER = { id: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a07', name: 'Finance Member' };
const HELPDESK = { id: DEMO_USERS.helpdesk.id, name: 'Helpdesk Agent' };
const MEMBER = { id: DEMO_USERS.member.id, name: 'Demo User' };
const HOUR = 3_600_000;

describe('remediation on Azure Tables and the sandbox tenant @slow', function () {
  this.timeout(60_000);
  let azurite: AzuriteHandle;
  let sandbox: SandboxTenant;
  let prefix: string;
  let records: TableRecordStore;
  let clock: ManualClock;

  before(async () => {
    [azurite, sandbox] = await Promise.all([
      startAzurite({ inMemory: true }),
      startSandboxTenant({ port: 0 }),
    ]);
  });
  after(async () => {
    await Promise.all([azurite?.stop(), sandbox?.close()]);
  });
  beforeEach(() => {
    sandbox.reset();
    // A second approver, so two people can click at once.
    sandbox.state.groups
      .find((g) => g.id === DEMO_GROUPS.helpdeskApprovers.id)
      ?.members.push(FINANCE_MEMBER.id);
    prefix = uniqueTable('rem');
    records = TableRecordStore.fromConnectionString(azurite.connectionString, {
      tablePrefix: prefix,
    });
    clock = new ManualClock(new Date());
  });

  function instance(): RemediationService {
    const graph = createGraphClient({
      baseUrl: sandbox.url,
      credential: new SandboxCredential(),
      maxRetries: 0,
    });
    return new RemediationService({
      records,
      reader: new GraphRemediationReader(new GraphTransport(graph, sandbox.url)),
      writer: new GraphDirectoryWriter(new GraphTransport(graph, sandbox.url)),
      membership: new GraphGroupMembership(graph),
      events: new RemediationAnnouncer(new RecordingNotifier(), workerPolicy),
      audit: new TableAuditLog(records, clock),
      policy: workerPolicy,
      clock,
    });
  }

  async function ask(
    service: RemediationService,
    kind: RemediationRequest['kind'],
    inputs = {},
  ): Promise<RemediationRequest> {
    const result = await service.create({
      actor: MEMBER,
      kind,
      subjectId: MEMBER.id,
      mode: 'request',
      inputs,
    });
    assert.equal(result.status, 'created', JSON.stringify(result));
    return (result as { request: RemediationRequest }).request;
  }

  const tapPosts = () =>
    sandbox.requests.filter(
      (r) => r.method === 'POST' && r.path.endsWith('/temporaryAccessPassMethods'),
    );

  async function allRows(): Promise<string> {
    const day = `d${clock.now().toISOString().slice(0, 10)}`;
    const rows = await Promise.all([
      records.list(REQUESTS_TABLE, 'request'),
      records.list(OPEN_REQUESTS_TABLE, 'open'),
      records.list(EXCLUSIONS_TABLE, 'active'),
      records.list('AuditLog', day),
    ]);
    return JSON.stringify(rows);
  }

  it('two bot processes approving the same request at once make one Graph write', async () => {
    const request = await ask(instance(), 'issue-tap');
    const common = {
      command: 'approve' as const,
      connectionString: azurite.connectionString,
      tablePrefix: prefix,
      graphUrl: sandbox.url,
      requestId: request.id,
      version: 1,
    };
    const workers = [
      spawnWorker({ ...common, actor: HELPDESK }),
      spawnWorker({ ...common, actor: FINANCE_MEMBER }),
    ];
    await Promise.all(workers.map((w) => w.ready));
    for (const worker of workers) worker.go();
    const results = await Promise.all(workers.map((w) => w.result));
    assert.deepEqual(
      results.map((r) => r.type),
      ['result', 'result'],
      JSON.stringify(results),
    );
    assert.equal(
      results.filter((r) => r.status === 'completed').length,
      1,
      JSON.stringify(results),
    );
    assert.ok(results.every((r) => ['completed', 'conflict', 'denied'].includes(r.status ?? '')));
    assert.equal(tapPosts().length, 1);
    const stored = await instance().requests.get(request.id);
    assert.equal(stored?.request.state, 'succeeded');
    const events = (
      await new TableAuditLog(records, clock).since(new Date(clock.now().getTime() - HOUR))
    ).map((e) => e.event);
    assert.equal(events.filter((e) => e === 'approved').length, 1);
    assert.equal(events.filter((e) => e === 'succeeded').length, 1);
  });

  it('instances racing in one process over the same tables write once, and store no pass', async () => {
    const request = await ask(instance(), 'issue-tap');
    const clicks = [HELPDESK, FINANCE_MEMBER, HELPDESK, FINANCE_MEMBER].map((actor) =>
      instance().approve({ actor, requestId: request.id, version: 1 }),
    );
    const results = await Promise.all(clicks);
    const winner = results.find((r) => r.status === 'completed');
    assert.ok(winner && winner.status === 'completed' && winner.tap);
    assert.equal(results.filter((r) => r.status === 'completed').length, 1);
    assert.equal(tapPosts().length, 1);
    const code = winner.tap.code.reveal();
    const stored = await allRows();
    assert.ok(stored.includes(request.id), 'the scan covers the request and its audit');
    assert.equal(stored.includes(code), false, 'the pass is in no table');
    assert.equal(JSON.stringify(sandbox.requests).includes(code), false);
  });

  it('records a Graph failure during execution as failed, with its request id, in the tables', async () => {
    const request = await ask(instance(), 'revoke-sessions');
    sandbox.faults.add({ method: 'POST', pathPattern: /revokeSignInSessions$/, status: 503 });
    const result = await instance().approve({ actor: HELPDESK, requestId: request.id, version: 1 });
    assert.equal(result.status, 'completed');
    const stored = (await instance().requests.get(request.id))?.request;
    assert.equal(stored?.state, 'failed');
    assert.equal(stored?.outcome?.errorCode, 'graph-unavailable');
    const failedCall = sandbox.requests.find((r) => r.path.endsWith('/revokeSignInSessions'));
    assert.deepEqual(stored?.outcome?.graphRequestIds, [failedCall?.requestId]);
    const audit = await new TableAuditLog(records, clock).since(
      new Date(clock.now().getTime() - HOUR),
    );
    assert.deepEqual(audit.at(-1)?.graphRequestIds, [failedCall?.requestId]);
    assert.equal(audit.at(-1)?.event, 'failed');
  });

  it('ends a time-boxed exclusion from a fresh process after the time passes, once', async () => {
    const service = instance();
    const request = await ask(service, 'ca-exclusion', { hours: 1 });
    await service.approve({ actor: HELPDESK, requestId: request.id, version: 1 });
    const group = () => sandbox.state.groups.find((g) => g.id === DEMO_GROUPS.caExclusions.id);
    assert.ok(group()?.members.includes(MEMBER.id), 'excluded now');
    const started = clock.now().getTime();

    const sweepAt = async (ms: number) => {
      const worker = spawnWorker({
        command: 'sweep',
        connectionString: azurite.connectionString,
        tablePrefix: prefix,
        graphUrl: sandbox.url,
        nowIso: new Date(started + ms).toISOString(),
      });
      await worker.ready;
      worker.go();
      return worker.result;
    };

    const early = await sweepAt(HOUR - 60_000);
    assert.equal(early.report?.exclusionsEnded, 0, JSON.stringify(early));
    assert.ok(group()?.members.includes(MEMBER.id), 'still excluded before the end');
    const [a, b] = await Promise.all([sweepAt(HOUR + 1000), sweepAt(HOUR + 2000)]);
    assert.equal((a.report?.exclusionsEnded ?? 0) + (b.report?.exclusionsEnded ?? 0), 1);
    assert.equal(group()?.members.includes(MEMBER.id), false, 'removed after the end');
    const removals = sandbox.requests.filter(
      (r) => r.method === 'DELETE' && r.path.includes(`/members/${MEMBER.id}/`),
    );
    assert.equal(removals.length, 1);
    const ended = (await instance().requests.get(request.id))?.request.exclusionEndedAt;
    assert.ok(ended);
  });
});
