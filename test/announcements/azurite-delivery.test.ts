import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANNOUNCEMENT_QUEUE, buildAnnouncementServices } from '../../bot/announcements/services';
import {
  startAnnouncementWorkers,
  type AnnouncementWorkerOptions,
} from '../../bot/announcements/workers';
import { AnnouncementService } from '../../src/announcements/announcement-service';
import { AnnouncementStore } from '../../src/announcements/announcement-store';
import type { ProactiveSender, SendOutcome } from '../../src/announcements/ports';
import { ReferenceStore } from '../../src/announcements/reference-store';
import type { LocalProcesses } from '../../src/announcements/local-processes';
import { dirOutcomeJournals, outcomeJournalPath } from '../../src/announcements/outcome-journal';
import { privateSendLogDir, sendLogPath } from '../../src/announcements/send-log';
import { userRecipient } from '../../src/announcements/tables';
import type { DeliveryMessage, StoredReference } from '../../src/announcements/types';
import { BotProactiveSender } from '../../bot/announcements/proactive-sender';
import { parseConfig } from '../../src/config';
import { LOCAL_TENANT } from '../../src/sandbox/local-tenant';
import { systemClock } from '../../src/ports';
import { createStorage, startAzurite, type AzuriteHandle } from '../../src/storage';
import { ThrottlingConnector } from '../support/throttling-connector';
import {
  AUTHOR,
  AUTHOR_GROUP,
  FreezableQueue,
  FreezableStore,
  ScriptedDirectory,
  installUsers,
  TENANT,
} from './support/domain-harness';

type Storage = ReturnType<typeof createStorage>;

/**
 * The real parts together: Azure Tables and Queues on Azurite, botbuilder's CloudAdapter with
 * auth off, and a connector that enforces the Teams limits and injects failures. Worker
 * "processes" are separate startAnnouncementWorkers calls sharing only storage.
 */
describe('announcement delivery on Azurite @slow', function () {
  this.timeout(60_000);
  let azurite: AzuriteHandle;
  let connector: ThrottlingConnector;
  let storage: Storage;
  let stops: (() => Promise<void>)[];
  let run = 0;
  const config = { ...parseConfig({}, LOCAL_TENANT), helpdeskGroupId: AUTHOR_GROUP };

  before(async () => {
    azurite = await startAzurite({ inMemory: true });
  });

  after(async () => {
    // The killed worker's send log: a peer on this system would read and remove it; none here.
    const dir = privateSendLogDir();
    if (dir) rmSync(sendLogPath('doomed', dir), { force: true });
    if (dir) rmSync(outcomeJournalPath('doomed', dir), { force: true });
    await azurite.stop();
  });

  beforeEach(async () => {
    run += 1;
    storage = createStorage(
      { connectionString: azurite.connectionString },
      { tablePrefix: `t${run}`, queuePrefix: `q${run}-` },
    );
    connector = new ThrottlingConnector({ appRatePerSecond: 50, seed: run });
    await connector.start();
    stops = [];
  });

  afterEach(async () => {
    await Promise.all(stops.map((stop) => stop()));
    await connector.stop();
  });

  function service(): AnnouncementService {
    return new AnnouncementService({
      store: new AnnouncementStore(storage.records),
      references: new ReferenceStore(storage.records),
      directory: new ScriptedDirectory(),
      queue: storage.queue<DeliveryMessage>(ANNOUNCEMENT_QUEUE),
      clock: systemClock,
      authorGroupIds: [AUTHOR_GROUP],
    });
  }

  async function announce(): Promise<string> {
    const authorReference: StoredReference = {
      serviceUrl: connector.url,
      tenantId: TENANT,
      conversationId: 'a:author',
      conversationType: 'personal',
      botId: '28:bot',
    };
    const announcements = service();
    const { announcement } = await announcements.draft({
      template: 'number-matching',
      activationDate: '2099-12-01',
      audience: { kind: 'installed' },
      author: AUTHOR,
      authorReference,
    });
    await announcements.confirm(announcement.id, AUTHOR, { reference: authorReference });
    return announcement.id;
  }

  // The connector answers within milliseconds, but on a busy machine an answer can take over a
  // second; a send that times out may have been delivered and is then sent again. A generous
  // timeout keeps these tests about correctness, not speed. Claims of a dead process are taken
  // over when its heartbeat stops (five seconds), not when their lease runs out.
  const fast: AnnouncementWorkerOptions = {
    ratePerSecond: 50,
    httpTimeoutMs: 10_000,
    policy: { leaseMs: 20_000, backoffBaseMs: 200, backoffMaxMs: 1_000 },
    worker: { visibilitySeconds: 3, idleMs: 50, maxIdleMs: 200 },
    supervisor: { progressIntervalMs: 1_000, idleScanMs: 500, staleMs: 5_000, leaseMs: 2_000 },
    log: () => undefined,
  };

  async function startWorkers(
    workerId: string,
    extra: Partial<AnnouncementWorkerOptions> = {},
    parts: { records?: Storage['records']; queue?: ReturnType<Storage['queue']> } = {},
  ): Promise<void> {
    const services = buildAnnouncementServices({
      config,
      records: parts.records ?? storage.records,
      queue: (parts.queue ?? storage.queue(ANNOUNCEMENT_QUEUE)) as ReturnType<
        typeof storage.queue<DeliveryMessage>
      >,
      directory: new ScriptedDirectory(),
    });
    const stop = await startAnnouncementWorkers(services, { ...fast, workerId, ...extra });
    stops.push(stop);
  }

  async function until(check: () => Promise<boolean>, timeoutMs = 45_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function stateOf(id: string): Promise<string | undefined> {
    return (await new AnnouncementStore(storage.records).get(id))?.value.state;
  }

  it('two worker processes deliver to everyone exactly once through 429s, 5xx and blocked users', async () => {
    const users = await installUsers(storage.records, 120, connector.url);
    connector.setFaults({ inject429: 0.05, inject5xx: 0.02 });
    const blocked = [`a:${users[3]}`, `a:${users[77]}`];
    for (const conversation of blocked) connector.blocked.add(conversation);
    const perWorker = new Map<string, number>();
    const counting = (workerId: string): Partial<AnnouncementWorkerOptions> => ({
      onAttempt: () => perWorker.set(workerId, (perWorker.get(workerId) ?? 0) + 1),
    });
    // Small backlogs and small queue messages (13 of them), so that neither process can take
    // every message in one go and both always find work, however the two are scheduled.
    await startWorkers('p1', {
      ...counting('p1'),
      recipientsPerMessage: 10,
      worker: { ...fast.worker, backlogSeconds: 0.5 },
    });
    await startWorkers('p2', {
      ...counting('p2'),
      recipientsPerMessage: 10,
      worker: { ...fast.worker, backlogSeconds: 0.5 },
    });
    const id = await announce();
    await until(async () => (await stateOf(id)) === 'completed');

    const delivered = connector.deliveriesByConversation();
    for (const user of users) {
      const conversation = `a:${user}`;
      assert.equal(delivered.get(conversation) ?? 0, blocked.includes(conversation) ? 0 : 1, user);
    }
    const store = new AnnouncementStore(storage.records);
    for (const conversation of blocked) {
      const row = (await store.recipient(id, userRecipient(conversation.slice(2))))!.value;
      assert.equal(row.status, 'failed');
      assert.match(row.reason ?? '', /blocked/);
    }
    // An injected 429 or 5xx may come before it, but after the 403 nobody asks again.
    assert.equal(connector.stats.blocked, blocked.length, 'one 403 per blocked user');
    assert.ok(connector.stats.injected429 + connector.stats.injected5xx > 0, 'faults happened');
    assert.ok(
      (perWorker.get('p1') ?? 0) > 0 && (perWorker.get('p2') ?? 0) > 0,
      `both worked: ${JSON.stringify([...perWorker])}`,
    );
    assert.ok(connector.stats.peakPerWindow <= 50, 'never over the app rate');
  });

  it('resumes after a worker dies mid-run: only the armed send held, nobody twice, exact final counts', async () => {
    const users = await installUsers(storage.records, 80, connector.url);
    const id = await announce();
    // The first process runs on views of storage and channel that can all stop answering at
    // once: from outside, that is a process that died.
    const records = new FreezableStore(storage.records);
    const queue = new FreezableQueue(storage.queue<DeliveryMessage>(ANNOUNCEMENT_QUEUE));
    const real = new BotProactiveSender(config.bot, { timeoutMs: 10_000 });
    let dead = false;
    let calls = 0;
    const never = <T>(): Promise<T> => new Promise<T>(() => undefined);
    const die = (): void => {
      dead = true;
      records.frozen = true;
      queue.frozen = true;
    };
    const sender: ProactiveSender = {
      send: (reference, message): Promise<SendOutcome> => {
        // One lane, so when the 31st send starts every earlier outcome is written: the process
        // dies between two calls, never while an answer is on its way back.
        calls += 1;
        if (calls === 31) die();
        return dead ? never() : real.send(reference, message);
      },
      update: (reference, activityId, message) =>
        dead ? never() : real.update(reference, activityId, message),
      openPersonal: (target) => (dead ? never() : real.openPersonal(target)),
    };
    await startWorkers(
      'doomed',
      {
        sender,
        ratePerSecond: 20,
        worker: { ...fast.worker, concurrency: 1 },
        // Its supervisor ticks (and flushes this process's totals) once at start only: it dies
        // with every send it recorded missing from the running totals.
        supervisor: { ...fast.supervisor, tickMs: 600_000 },
      },
      { records, queue },
    );
    stops.pop(); // a dead process is never stopped
    await until(async () => dead);
    const deliveredAtDeath = connector.delivered.length;
    await startWorkers('survivor', { supervisor: { ...fast.supervisor, countGraceMs: 500 } });
    await until(async () => (await stateOf(id)) === 'completed');
    const store = new AnnouncementStore(storage.records);
    await until(async () => Boolean((await store.get(id))?.value.reportedAt));

    const delivered = connector.deliveriesByConversation();
    const missing = users.filter((u) => !delivered.has(`a:${u}`));
    // The default policy holds what may have reached Teams: the one send the process had armed
    // when it died (it never left). Its other claims, never armed, are sent by the survivor.
    assert.equal(missing.length, 1, `only the armed send is held: ${missing.join(', ')}`);
    const held = await store.recipient(id, userRecipient(missing[0]));
    assert.equal(held?.value.status, 'failed');
    assert.equal(held?.value.reason, 'outcome-unknown');
    assert.equal(connector.duplicates(users.map((u) => `a:${u}`)), 0, 'nobody twice');
    assert.ok(deliveredAtDeath < 80, 'the survivor did part of the work');
    // The running totals never learnt what the dead process recorded; the report is still exact.
    const totals = await store.counterTotals(id);
    assert.ok(totals.counts.sent < 79, `running totals short: ${totals.counts.sent}`);
    const toAuthor = [...connector.delivered, ...connector.updated]
      .filter((d) => d.conversationId === 'a:author')
      .map((d) => JSON.stringify(d.activity));
    const final = toAuthor.filter((text) => text.includes('Final report.'));
    assert.ok(final.length > 0, 'the author got the final report');
    assert.match(final[final.length - 1], /Final report\. 79 of 80 received/);
    assert.match(final[final.length - 1], /"title":"Failed","value":"1"/);
  });

  it('a worker killed after the channel answered, before its outcome write: a successor on the same system records the delivery from its journal', async () => {
    const users = await installUsers(storage.records, 40, connector.url);
    const id = await announce();
    const journalDir = mkdtempSync(join(tmpdir(), 'azurite-journal-'));
    chmodSync(journalDir, 0o700);
    const records = new FreezableStore(storage.records);
    const queue = new FreezableQueue(storage.queue<DeliveryMessage>(ANNOUNCEMENT_QUEUE));
    const real = new BotProactiveSender(config.bot, { timeoutMs: 10_000 });
    let dead = false;
    let calls = 0;
    let victim = '';
    const never = <T>(): Promise<T> => new Promise<T>(() => undefined);
    // Two processes of one system: the doomed one's id stops running when it dies.
    const DOOMED_PID = 4001;
    const system = (pid: number): LocalProcesses => ({
      self: () => ({ host: 'boot-id/pid-namespace', pid }),
      running: (other) => !(dead && other === DOOMED_PID),
      outcomeJournals: dirOutcomeJournals(journalDir),
    });
    const sender: ProactiveSender = {
      send: async (reference, message): Promise<SendOutcome> => {
        if (dead) return never();
        calls += 1;
        const outcome = await real.send(reference, message);
        // Teams took it and said so; the process dies with only its journal knowing (one lane:
        // every earlier outcome is in storage, and no other send is under way).
        if (calls >= 21 && outcome.kind === 'sent' && !dead) {
          victim = reference.conversationId;
          dead = true;
          records.frozen = true;
          queue.frozen = true;
        }
        return outcome;
      },
      update: (reference, activityId, message) =>
        dead ? never() : real.update(reference, activityId, message),
      openPersonal: (target) => (dead ? never() : real.openPersonal(target)),
    };
    try {
      await startWorkers(
        'doomed-journal',
        {
          sender,
          ratePerSecond: 20,
          worker: { ...fast.worker, concurrency: 1 },
          supervisor: { ...fast.supervisor, tickMs: 600_000 },
          cluster: { processes: system(DOOMED_PID) },
        },
        { records, queue },
      );
      stops.pop(); // a dead process is never stopped
      await until(async () => dead);
      assert.equal(
        existsSync(outcomeJournalPath('doomed-journal', journalDir)),
        true,
        'the journal outlives the process',
      );
      await startWorkers('survivor', {
        supervisor: { ...fast.supervisor, countGraceMs: 500 },
        cluster: { processes: system(4002) },
      });
      await until(async () => (await stateOf(id)) === 'completed');
      const store = new AnnouncementStore(storage.records);
      await until(async () => Boolean((await store.get(id))?.value.reportedAt));

      const delivered = connector.deliveriesByConversation();
      for (const user of users) assert.equal(delivered.get(`a:${user}`), 1, `${user} exactly once`);
      const row = await store.recipient(id, userRecipient(victim.slice(2)));
      assert.equal(row?.value.status, 'sent', `recorded from the journal: ${row?.value.reason}`);
      const final = [...connector.delivered, ...connector.updated]
        .filter((d) => d.conversationId === 'a:author')
        .map((d) => JSON.stringify(d.activity))
        .filter((text) => text.includes('Final report.'));
      assert.match(final[final.length - 1], /Final report\. 40 of 40 received/);
      assert.equal(
        existsSync(outcomeJournalPath('doomed-journal', journalDir)),
        false,
        'read and removed',
      );
    } finally {
      rmSync(journalDir, { recursive: true, force: true });
    }
  });

  it('cancels on Azurite: queued recipients are cancelled and sending stops', async () => {
    await installUsers(storage.records, 100, connector.url);
    const id = await announce();
    await startWorkers('p1', { ratePerSecond: 10 });
    await until(async () => connector.delivered.length >= 10);
    await service().cancel(id, AUTHOR);
    const cancelledAt = Date.now();
    await until(async () => (await stateOf(id)) === 'cancelled');

    const rows = await new AnnouncementStore(storage.records).recipients(id);
    const sent = rows.filter((r) => r.value.status === 'sent').length;
    const cancelled = rows.filter((r) => r.value.status === 'cancelled').length;
    assert.equal(sent + cancelled, 100);
    assert.ok(cancelled > 50, `cancelled ${cancelled}`);
    const toUsers = connector.delivered.filter((d) => d.conversationId !== 'a:author');
    assert.equal(toUsers.length, sent);
    assert.ok(
      toUsers.every((d) => d.at <= cancelledAt + 3_000),
      'sending stopped',
    );
  });
});
