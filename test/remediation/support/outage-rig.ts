import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RemediationAnnouncer } from '../../../bot/remediation/announcer';
import { composeBot, type ComposedBot } from '../../../bot/compose';
import { startBotServer, type BotServer } from '../../../bot/server';
import { TableAuditLog } from '../../../src/audit/audit-log';
import { parseConfig } from '../../../src/config';
import { createGraphClient } from '../../../src/graph/client';
import { SandboxCredential } from '../../../src/graph/credential';
import { GraphDirectoryWriter } from '../../../src/graph/directory-writer';
import { GraphGroupMembership } from '../../../src/graph/group-membership';
import { GraphRemediationReader } from '../../../src/graph/remediation-reader';
import { GraphTransport } from '../../../src/graph/transport';
import { RemediationService } from '../../../src/remediation/service';
import type { CreateCommand } from '../../../src/remediation/service';
import { DEMO_USERS } from '../../../src/sandbox/demo-ids';
import { LOCAL_TENANT } from '../../../src/sandbox/local-tenant';
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox/server';
import { createStorage, startAzurite, type AzuriteHandle } from '../../../src/storage';
import { freePort } from '../../support/free-port';
import { RecordingNotifier } from './recording-notifier';
import { workerPolicy } from './worker-policy';

/**
 * Faults on real parts: the composed bot on an Azurite that persists to a folder on fixed ports
 * (so it can be stopped and started again under the bot), with its outbox on disk, and the
 * sandbox tenant. Used by test/remediation/storage-outage.test.ts and `verify:security`.
 */

const helpdesk = { id: '29:helpdesk', aadObjectId: DEMO_USERS.helpdesk.id, name: 'Helpdesk Agent' };
const TAP_PATH = /temporaryAccessPassMethods$/;

export async function until<T>(what: string, check: () => Promise<T | undefined>, ms = 40_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface OutageRig {
  sandbox: SandboxTenant;
  outboxDir: string;
  stopStorage(): Promise<void>;
  startStorage(): Promise<void>;
  startBot(): Promise<void>;
  stopBot(): Promise<void>;
  botUrl(): string;
  /** The service as a separate tool sees it: to make requests and read them back. */
  direct(): { service: RemediationService; audit: TableAuditLog };
  /** A pending request by the sandbox's member about themselves; its id. */
  ask(kind: CreateCommand['kind']): Promise<string>;
  close(): Promise<void>;
}

export async function startOutageRig(): Promise<OutageRig> {
  const dir = mkdtempSync(path.join(tmpdir(), 'helpdesk-outage-'));
  const outboxDir = path.join(dir, 'outbox');
  const ports = { blob: await freePort(), queue: await freePort(), table: await freePort() };
  let azurite: AzuriteHandle = await startAzurite({ location: path.join(dir, 'azurite'), ports });
  const sandbox = await startSandboxTenant({ port: 0 });
  let bot: ComposedBot | undefined;
  let server: BotServer | undefined;
  const rig: OutageRig = {
    sandbox,
    outboxDir,
    stopStorage: () => azurite.stop(),
    async startStorage() {
      azurite = await startAzurite({ location: path.join(dir, 'azurite'), ports });
    },
    async startBot() {
      const config = { ...parseConfig({}, LOCAL_TENANT), port: 0 };
      bot = composeBot(config, {
        storage: { connectionString: azurite.connectionString },
        graphBaseUrl: sandbox.url,
        graphCredential: new SandboxCredential(),
        outboxDir,
      });
      const composed = bot;
      server = await startBotServer({
        port: 0,
        adapter: composed.adapter,
        handleTurn: (context) => composed.app.run(context),
        probes: composed.probes,
      });
      await composed.startBackground();
    },
    async stopBot() {
      await server?.drain(2000);
      await bot?.stopBackground();
    },
    botUrl: () => server?.url ?? '',
    direct() {
      const graph = createGraphClient({
        baseUrl: sandbox.url,
        credential: new SandboxCredential(),
      });
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
    },
    async ask(kind) {
      const created = await rig.direct().service.create({
        actor: { id: DEMO_USERS.member.id, name: 'Demo User' },
        kind,
        subjectId: DEMO_USERS.member.id,
        mode: 'request',
        inputs: {},
      });
      if (created.status !== 'created') throw new Error(JSON.stringify(created));
      return created.request.id;
    },
    async close() {
      await rig.stopBot();
      await sandbox.close();
      await azurite.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await rig.startBot();
  return rig;
}

export interface ApprovalOutage {
  approverAnswer: string;
  passesMade: number;
  /** Items in the outbox folder while storage was down. */
  waitingOnDisk: number;
  /** After storage came back. */
  finalState?: string;
  successEntries: number;
  outboxEmptied: boolean;
}

/**
 * Storage stops while the pass is being written; the approver's answer is read; storage starts
 * again and the outcome is waited for.
 */
export async function approveDuringOutage(rig: OutageRig): Promise<ApprovalOutage> {
  const requestId = await rig.ask('issue-tap');
  rig.sandbox.faults.add({ method: 'POST', pathPattern: TAP_PATH, latencyMs: 4000, times: 1 });
  const answer = fetch(`${rig.botUrl()}/api/messages`, {
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
    rig.sandbox.faults.list().length === 0 ? true : undefined,
  );
  await rig.stopStorage();
  const approverAnswer = await answer;
  const passesMade = rig.sandbox.requests.filter(
    (r) => r.method === 'POST' && TAP_PATH.test(r.path),
  ).length;
  const waitingOnDisk = readdirSync(rig.outboxDir).length;
  await rig.startStorage();
  const { service, audit } = rig.direct();
  const stored = await until('the outcome to be stored', async () => {
    const found = await service.requests.get(requestId);
    return found?.request.state === 'succeeded' ? found.request : undefined;
  }).catch(() => undefined);
  const successes = await until('the success entry', async () => {
    const found = (await audit.since(new Date(Date.now() - 3_600_000))).filter(
      (e) => e.requestId === requestId && e.event === 'succeeded',
    );
    return found.length > 0 ? found : undefined;
  }).catch(() => []);
  const outboxEmptied = await until('the outbox to empty', async () =>
    readdirSync(rig.outboxDir).length === 0 ? true : undefined,
  ).catch(() => false);
  return {
    approverAnswer,
    passesMade,
    waitingOnDisk,
    finalState: stored?.state,
    successEntries: successes.length,
    outboxEmptied,
  };
}

export interface StoppedRun {
  state?: string;
  errorCode?: string;
  lastAuditEvent?: string;
  lastAuditActor?: string;
  rerun: number;
}

/** A bot stops with a run `executing` (written as it would leave it); a new bot starts. */
export async function settleAfterStop(rig: OutageRig): Promise<StoppedRun> {
  const requestId = await rig.ask('revoke-sessions');
  const { service, audit } = rig.direct();
  const stored = await service.requests.get(requestId);
  if (!stored) throw new Error('the request was not stored');
  await service.requests.replace(
    {
      ...stored.request,
      state: 'executing',
      version: 3,
      startedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    },
    stored.etag,
  );
  await rig.stopBot();
  const revokes = () =>
    rig.sandbox.requests.filter((r) => r.path.endsWith('revokeSignInSessions')).length;
  const before = revokes();
  await rig.startBot();
  const settled = await until('the run to be settled', async () => {
    const found = await service.requests.get(requestId);
    return found?.request.state === 'executing' ? undefined : found?.request;
  }).catch(() => undefined);
  // The state is written first and its audit entry just after: wait for an entry past the ask.
  const last = await until('the settling audit entry', async () => {
    const entry = (await audit.since(new Date(Date.now() - 3_600_000)))
      .filter((e) => e.requestId === requestId)
      .at(-1);
    return entry && entry.event !== 'requested' ? entry : undefined;
  }).catch(() => undefined);
  return {
    state: settled?.state,
    errorCode: settled?.outcome?.errorCode,
    lastAuditEvent: last?.event,
    lastAuditActor: last?.actorId,
    rerun: revokes() - before,
  };
}
