import assert from 'node:assert/strict';
import { ANNOUNCEMENT_QUEUE, buildAnnouncementServices } from '../../bot/announcements/services';
import { startAnnouncementWorkers } from '../../bot/announcements/workers';
import { AnnouncementService } from '../../src/announcements/announcement-service';
import { AnnouncementStore } from '../../src/announcements/announcement-store';
import { AudienceExpander } from '../../src/announcements/audience-expansion';
import { RecipientScan } from '../../src/announcements/recipient-scan';
import { ReferenceStore } from '../../src/announcements/reference-store';
import {
  recipientPartition,
  recipientPartitions,
  shardsFor,
  TABLES,
  userRecipient,
} from '../../src/announcements/tables';
import type { DeliveryMessage, RecipientRecord } from '../../src/announcements/types';
import { WorkerCounters } from '../../src/announcements/worker-counters';
import { NO_LIVENESS } from '../../src/announcements/worker-liveness';
import { parseConfig } from '../../src/config';
import type { RecordStore } from '../../src/ports';
import { LOCAL_TENANT } from '../../src/sandbox/local-tenant';
import { createStorage, startAzurite, type AzuriteHandle } from '../../src/storage';
import { ThrottlingConnector } from '../support/throttling-connector';
import {
  AUTHOR,
  AUTHOR_GROUP,
  AUTHOR_REFERENCE,
  ScriptedDirectory,
  installUsers,
  userId,
} from './support/domain-harness';

type Storage = ReturnType<typeof createStorage>;

/** Counts the record store's calls by method and table. */
function counting(records: RecordStore): { records: RecordStore; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const proxy = new Proxy(records, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const key = `${String(name)} ${String(args[0])}`;
        calls.set(key, (calls.get(key) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { records: proxy, calls };
}

describe('recipient rows spread over partitions', () => {
  it('puts a recipient in the same shard every time, and spreads recipients over every shard', () => {
    const keys = Array.from({ length: 400 }, (_, i) => userRecipient(userId(i)));
    const partitions = recipientPartitions('ann-1', 4);
    assert.deepEqual(partitions, ['ann-1.0', 'ann-1.1', 'ann-1.2', 'ann-1.3']);
    const counts = new Map<string, number>();
    for (const key of keys) {
      const partition = recipientPartition('ann-1', 4, key);
      assert.equal(recipientPartition('ann-1', 4, key), partition, 'stable');
      counts.set(partition, (counts.get(partition) ?? 0) + 1);
    }
    assert.deepEqual([...counts.keys()].sort(), partitions);
    for (const [partition, count] of counts) assert.ok(count > 50, `${partition}: ${count}`);
    // One shard, and announcements from before shards: the announcement id, as it always was.
    assert.equal(recipientPartition('ann-1', 1, keys[0]), 'ann-1');
    assert.equal(recipientPartition('ann-1', undefined, keys[0]), 'ann-1');
    assert.equal(shardsFor(999), 1);
    assert.equal(shardsFor(10_000), 10);
    assert.equal(shardsFor(10_000_000), 64);
  });
});

describe('sharded recipient rows on Azurite @slow', function () {
  this.timeout(60_000);
  let azurite: AzuriteHandle;
  let storage: Storage;
  let run = 0;
  const config = { ...parseConfig({}, LOCAL_TENANT), helpdeskGroupId: AUTHOR_GROUP };

  before(async () => {
    azurite = await startAzurite({ inMemory: true });
  });

  after(async () => azurite.stop());

  beforeEach(() => {
    run += 1;
    storage = createStorage(
      { connectionString: azurite.connectionString },
      { tablePrefix: `s${run}`, queuePrefix: `s${run}-` },
    );
  });

  /**
   * `count` people installed and announced to, the recipients listed in their shards, and the
   * expansion's delivery messages taken off the queue: only what a scan queues is left to see.
   */
  async function expandedWithoutMessages(count: number) {
    await installUsers(storage.records, count, 'http://127.0.0.1:9/');
    const id = await announce();
    const store = new AnnouncementStore(storage.records);
    const queue = storage.queue<DeliveryMessage>(ANNOUNCEMENT_QUEUE);
    await new AudienceExpander({
      store,
      references: new ReferenceStore(storage.records),
      directory: new ScriptedDirectory(),
      queue,
      clock: { now: () => new Date() },
    }).expand(id);
    for (;;) {
      const messages = await queue.receive(32, 30);
      if (messages.length === 0) break;
      for (const message of messages) await queue.delete(message);
    }
    return { id, store, queue };
  }

  /** Drafts and confirms an announcement to everyone installed, 30 recipients per shard. */
  async function announce(records: RecordStore = storage.records): Promise<string> {
    const announcements = new AnnouncementService({
      store: new AnnouncementStore(records),
      references: new ReferenceStore(records),
      directory: new ScriptedDirectory(),
      queue: storage.queue<DeliveryMessage>(ANNOUNCEMENT_QUEUE),
      clock: { now: () => new Date() },
      authorGroupIds: [AUTHOR_GROUP],
      rowsPerShard: 30,
    });
    const { announcement } = await announcements.draft({
      template: 'number-matching',
      activationDate: '2099-12-01',
      audience: { kind: 'installed' },
      author: AUTHOR,
      authorReference: AUTHOR_REFERENCE,
    });
    await announcements.confirm(announcement.id, AUTHOR, { reference: AUTHOR_REFERENCE });
    return announcement.id;
  }

  it('writes each shard in its own partition and delivers to everyone exactly once', async () => {
    const connector = new ThrottlingConnector({ appRatePerSecond: 50, seed: 3 });
    await connector.start();
    try {
      const users = await installUsers(storage.records, 120, connector.url);
      const id = await announce();
      const store = new AnnouncementStore(storage.records);
      assert.equal((await store.require(id)).value.shards, 4);
      const metered = counting(storage.records);
      const services = buildAnnouncementServices({
        config,
        records: metered.records,
        queue: storage.queue<DeliveryMessage>(ANNOUNCEMENT_QUEUE),
        directory: new ScriptedDirectory(),
      });
      const stop = await startAnnouncementWorkers(services, {
        workerId: 'p1',
        ratePerSecond: 50,
        httpTimeoutMs: 10_000,
        worker: { idleMs: 50, maxIdleMs: 200 },
        supervisor: { progressIntervalMs: 1_000, idleScanMs: 500, leaseMs: 2_000 },
        log: () => undefined,
      });
      try {
        const deadline = Date.now() + 45_000;
        while ((await store.require(id)).value.state !== 'completed') {
          if (Date.now() > deadline) throw new Error('timed out');
          await new Promise((r) => setTimeout(r, 100));
        }
      } finally {
        await stop();
      }
      // No row in the announcement's own partition; every shard holds some, each row where its
      // key says.
      assert.equal((await storage.records.list(TABLES.recipients, id)).length, 0);
      let rows = 0;
      for (const partition of recipientPartitions(id, 4)) {
        const inShard = await storage.records.list<RecipientRecord>(TABLES.recipients, partition);
        assert.ok(inShard.length > 0, `${partition} has rows`);
        for (const row of inShard) {
          assert.equal(recipientPartition(id, 4, row.key.row), partition);
          assert.equal(row.value.status, 'sent');
        }
        rows += inShard.length;
      }
      assert.equal(rows, 120);
      // Each delivery message held rows of one shard, claimed in one transaction: a recipient
      // is read on its own only for a retry (the connector answers 429 over the app rate).
      const reads = metered.calls.get(`get ${TABLES.recipients}`) ?? 0;
      assert.ok(reads <= connector.stats.appLimited, `${reads} reads`);
      assert.ok((metered.calls.get(`replaceBatch ${TABLES.recipients}`) ?? 0) >= 4);
      const delivered = connector.deliveriesByConversation();
      for (const user of users) assert.equal(delivered.get(`a:${user}`), 1, user);
    } finally {
      await connector.stop();
    }
  });

  it('reopens a stopped process’s claims one transaction per shard and re-queues them with their rows', async () => {
    const { id, store, queue } = await expandedWithoutMessages(90);
    // A process that died holding every claim, one in five armed (its request may have left).
    const past = Date.now() - 60_000;
    const armed = new Set<string>();
    for (const row of await store.recipients(id)) {
      const isArmed = armed.size < 18 && row.key.row.endsWith('0');
      if (isArmed) armed.add(row.key.row);
      await store.replaceRecipient(
        id,
        row.key.row,
        {
          ...row.value,
          status: 'sending',
          attempts: 1,
          leaseOwner: 'gone',
          leaseUntil: past,
          armed: isArmed ? true : undefined,
        },
        row.etag,
      );
    }
    assert.ok(armed.size > 0);

    const metered = counting(storage.records);
    const scanStore = new AnnouncementStore(metered.records);
    const counters = new WorkerCounters(scanStore, 'supervisor');
    const scan = new RecipientScan(
      {
        store: scanStore,
        queue,
        counters,
        clock: { now: () => new Date() },
        liveness: NO_LIVENESS,
        inDoubt: 'hold',
      },
      120_000,
    );
    const announcement = (await store.require(id)).value;
    const result = await scan.scan(announcement, false, new Map());

    assert.equal(result.unfinished, 90 - armed.size);
    // One transaction per shard (3 shards of about 30 rows), no row written on its own.
    assert.equal(metered.calls.get(`replaceBatch ${TABLES.recipients}`), 3);
    assert.equal(metered.calls.get(`replace ${TABLES.recipients}`), undefined);
    const after = await store.recipients(id);
    for (const row of after) {
      if (armed.has(row.key.row)) {
        assert.equal(row.value.status, 'failed');
        assert.equal(row.value.reason, 'outcome-unknown');
      } else {
        assert.equal(row.value.status, 'queued');
        assert.equal(row.value.leaseOwner, undefined);
      }
    }
    // The messages carry the reopened rows with their current eTags, one shard each, so a
    // worker claims each message in one transaction without reading a row.
    const current = new Map(after.map((r) => [r.key.row, r.etag]));
    const requeued: string[] = [];
    for (const message of await queue.receive(32, 30)) {
      const body = message.body;
      assert.equal(body.kind, 'deliver');
      if (body.kind !== 'deliver') continue;
      assert.ok(body.rows, 'rows carried');
      assert.equal(new Set(body.recipients.map((k) => recipientPartition(id, 3, k))).size, 1);
      body.recipients.forEach((key, i) => {
        assert.equal(body.rows![i].etag, current.get(key), key);
        assert.equal(body.rows![i].value.status, 'queued');
      });
      requeued.push(...body.recipients);
    }
    assert.deepEqual(
      requeued.sort(),
      after
        .filter((r) => !armed.has(r.key.row))
        .map((r) => r.key.row)
        .sort(),
    );
    await counters.flush();
    assert.equal((await store.counterTotals(id)).counts.failed, armed.size);
  });

  it('after a death reads only the claims: reopens the stopped process’s, leaves queued rows to the next full scan', async () => {
    const { id, store, queue } = await expandedWithoutMessages(60);
    const past = Date.now() - 60_000;
    let claims = 0;
    for (const row of await store.recipients(id)) {
      if (claims === 10) break;
      await store.replaceRecipient(
        id,
        row.key.row,
        { ...row.value, status: 'sending', attempts: 1, leaseOwner: 'gone', leaseUntil: past },
        row.etag,
      );
      claims += 1;
    }
    const announcement = (await store.require(id)).value;
    // 75 s later with a 10 s stale span at 1 a second: a full scan re-queues every queued row.
    const scan = new RecipientScan(
      {
        store,
        queue,
        counters: new WorkerCounters(store, 'supervisor'),
        clock: { now: () => new Date(Date.now() + 75_000) },
        liveness: NO_LIVENESS,
        inDoubt: 'hold',
      },
      10_000,
      1,
    );
    const requeued = async (): Promise<string[]> =>
      (await queue.receive(32, 30)).flatMap((m) =>
        m.body.kind === 'deliver' ? m.body.recipients : [],
      );
    const claimsOnly = await scan.scan(announcement, false, new Map(), true);
    assert.deepEqual(claimsOnly, { unfinished: 10, allFinal: false });
    assert.equal((await requeued()).length, 10, 'the claims, reopened and re-queued');
    const queued = (await store.recipients(id)).filter((r) => r.value.status === 'queued');
    assert.equal(queued.length, 60);
    const full = await scan.scan(announcement, false, new Map());
    assert.equal(full.unfinished, 60);
    // The 50 it left; the 10 it reopened were touched just now and are not stale.
    assert.equal((await requeued()).length, 50, 'the queued rows, at the full scan');
    // With no claim left, a claims-only scan still never says the job is done.
    const none = new RecipientScan(
      {
        store,
        queue,
        counters: new WorkerCounters(store, 'supervisor'),
        clock: { now: () => new Date() },
        liveness: NO_LIVENESS,
        inDoubt: 'hold',
      },
      10_000,
      1,
    );
    assert.deepEqual(await none.scan(announcement, false, new Map(), true), {
      unfinished: 0,
      allFinal: false,
    });
  });

  it('leaves queued rows alone while the announcement may still be ahead of them in the queue', async () => {
    const { id, store, queue } = await expandedWithoutMessages(60);
    const announcement = (await store.require(id)).value;
    // 60 recipients at 1 a second: a row may wait a minute behind the others, plus staleMs.
    const scanAt = (secondsLater: number): RecipientScan =>
      new RecipientScan(
        {
          store,
          queue,
          counters: new WorkerCounters(store, 'supervisor'),
          clock: { now: () => new Date(Date.now() + secondsLater * 1000) },
          liveness: NO_LIVENESS,
          inDoubt: 'hold',
        },
        10_000,
        1,
      );
    await scanAt(30).scan(announcement, false, new Map());
    assert.equal((await queue.receive(32, 30)).length, 0, 'nothing re-queued within the wait');
    await scanAt(75).scan(announcement, false, new Map());
    const requeued = (await queue.receive(32, 30)).flatMap((m) =>
      m.body.kind === 'deliver' ? m.body.recipients : [],
    );
    assert.equal(requeued.length, 60, 'every row re-queued once the wait is over');
  });
});
