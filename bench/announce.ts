/**
 * Announcement delivery benchmark: N recipients through the real sending path (botbuilder
 * CloudAdapter with auth off, serviceUrl = a local throttling connector that enforces the Teams
 * limits and injects 429s and 5xx), storage on Azurite, the workers in a child process.
 *
 * Run 1 "steady": one worker process from start to end.
 * Run 2 "killed-and-resumed": the worker process is killed with SIGKILL half way and a new one
 * finishes the job.
 *
 * For each run it prints throughput as a fraction of the rate the connector allows, messages
 * lost and duplicated (counted from what the connector recorded), wall time, and how wide the
 * send window was (claim written → outcome written) and how many recipients were inside it when
 * the process died. The last line is one JSON object.
 *
 *   tsx bench/announce.ts [--recipients 10000] [--rate 30] [--inject429 0.05] [--inject5xx 0.01]
 *                         [--in-doubt resend|hold] [--seed 7]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { AnnouncementService } from '../src/announcements/announcement-service';
import { AnnouncementStore } from '../src/announcements/announcement-store';
import type { AudienceDirectory } from '../src/announcements/ports';
import type { DeliveryEvent, InDoubtPolicy } from '../src/announcements/recipient-delivery';
import { ReferenceStore } from '../src/announcements/reference-store';
import type { DeliveryMessage, StoredReference } from '../src/announcements/types';
import { parseConfig } from '../src/config';
import { LOCAL_TENANT } from '../src/sandbox/local-tenant';
import { createStorage, startAzurite } from '../src/storage';
import { ThrottlingConnector } from '../test/support/throttling-connector';
import { startAnnouncementWorkers } from '../bot/announcements/workers';
import { ANNOUNCEMENT_QUEUE } from '../bot/announcements/services';

interface Args {
  recipients: number;
  rate: number;
  inject429: number;
  inject5xx: number;
  inDoubt: InDoubtPolicy;
  seed: number;
  worker: boolean;
  /** Which runs: steady, killed (both by default). */
  runs: string[];
  connection: string;
  prefix: string;
}

function parseArgs(argv: string[]): Args {
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const number = (name: string, fallback: number): number => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const parsed = Number(raw);
    if (!Number.isFinite(parsed) || parsed < 0)
      throw new Error(`--${name}: expected a number, got ${raw}`);
    return parsed;
  };
  const inDoubt = value('in-doubt') ?? 'resend';
  if (inDoubt !== 'resend' && inDoubt !== 'hold') throw new Error('--in-doubt: resend or hold');
  const rate = number('rate', 30);
  if (rate <= 0 || rate > 50) throw new Error('--rate: above 0 and at most 50');
  return {
    recipients: Math.floor(number('recipients', 10_000)),
    rate,
    inject429: number('inject429', 0.05),
    inject5xx: number('inject5xx', 0.01),
    inDoubt,
    seed: number('seed', 7),
    worker: argv.includes('--worker'),
    runs: (value('runs') ?? 'steady,killed').split(','),
    connection: value('connection') ?? '',
    prefix: value('prefix') ?? 'bench',
  };
}

const AUTHOR_GROUP = 'bench-author-group';
const TENANT = '5e1d7c2a-9b64-4f0e-8a3d-2c7b9e4f6a10';

/** The audience comes from stored references ("installed"); Graph is never asked. */
const directory: AudienceDirectory = {
  async *groupMembers() {
    yield [];
  },
  groupName: async () => undefined,
  memberGroups: async (_user, groups) => groups.filter((g) => g === AUTHOR_GROUP),
  authenticatorSettings: async () => ({
    state: 'enabled',
    numberMatching: 'enabled',
    appName: 'enabled',
    location: 'enabled',
  }),
};

type Storage = ReturnType<typeof createStorage>;

function storageFor(connection: string, prefix: string): Storage {
  return createStorage(
    { connectionString: connection },
    { tablePrefix: prefix, queuePrefix: `${prefix.toLowerCase()}-` },
  );
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

// ---------------------------------------------------------------------------------------------
// Worker process

async function runWorker(args: Args): Promise<void> {
  const storage = storageFor(args.connection, args.prefix);
  const claimed = new Map<string, number>();
  const windows: number[] = [];
  const observe = (event: DeliveryEvent): void => {
    if (event.kind === 'sending') claimed.set(event.recipient, event.at);
    if (event.kind === 'recorded') {
      const at = claimed.get(event.recipient);
      if (at !== undefined) windows.push(event.at - at);
      claimed.delete(event.recipient);
    }
  };
  const stop = await startAnnouncementWorkers({
    config: { ...parseConfig({}, LOCAL_TENANT), helpdeskGroupId: AUTHOR_GROUP },
    records: storage.records,
    queue: storage.queue<DeliveryMessage>(ANNOUNCEMENT_QUEUE),
    directory,
    options: {
      ratePerSecond: args.rate,
      inDoubt: args.inDoubt,
      observe,
      log: (line) => process.stderr.write(`${line}\n`),
      supervisor: { progressIntervalMs: 5_000 },
    },
  });
  process.stdout.write(`@${JSON.stringify({ event: 'ready' })}\n`);
  process.on('SIGTERM', () => {
    void stop().then(() => {
      windows.sort((a, b) => a - b);
      const stats = {
        event: 'stats',
        windows: windows.length,
        windowP50: percentile(windows, 50),
        windowP99: percentile(windows, 99),
        windowMax: windows[windows.length - 1] ?? 0,
      };
      process.stdout.write(`@${JSON.stringify(stats)}\n`);
      process.exit(0);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Orchestrator

interface WorkerHandle {
  child: ChildProcess;
  ready: Promise<void>;
  stats: Promise<Record<string, number>>;
}

function spawnWorker(args: Args, connection: string, prefix: string): WorkerHandle {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      __filename,
      '--worker',
      '--connection',
      connection,
      '--prefix',
      prefix,
      '--rate',
      String(args.rate),
      '--in-doubt',
      args.inDoubt,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let onReady: () => void = () => undefined;
  let onStats: (s: Record<string, number>) => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  const stats = new Promise<Record<string, number>>((resolve) => (onStats = resolve));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith('@')) return;
    const message = JSON.parse(line.slice(1)) as { event: string } & Record<string, number>;
    if (message.event === 'ready') onReady();
    if (message.event === 'stats') onStats(message);
  });
  createInterface({ input: child.stderr! }).on('line', (line) => {
    if (process.env.BENCH_VERBOSE || /error|failed|Error/.test(line))
      process.stderr.write(`  [worker] ${line}\n`);
  });
  child.once('exit', () => onStats({}));
  return { child, ready, stats };
}

async function until(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function seedReferences(
  storage: Storage,
  connectorUrl: string,
  count: number,
): Promise<string[]> {
  const references = new ReferenceStore(storage.records);
  const ids = Array.from(
    { length: count },
    (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  );
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < ids.length) {
      const objectId = ids[next];
      next += 1;
      const reference: StoredReference = {
        serviceUrl: connectorUrl,
        tenantId: TENANT,
        conversationId: `a:bench-${objectId}`,
        conversationType: 'personal',
        botId: '28:bench-bot',
        userId: `29:${objectId}`,
        userObjectId: objectId,
        userName: `User ${objectId.slice(-5)}`,
      };
      await references.saveUser(objectId, reference, 'bench');
    }
  };
  await Promise.all(Array.from({ length: 32 }, lane));
  return ids.map((id) => `a:bench-${id}`);
}

interface RunResult {
  name: string;
  allowedRateFraction: number;
  lost: number;
  duplicates: number;
  seconds: number;
  claimsAtKill?: number;
  deliveredUnrecorded?: number;
  windowP50Ms?: number;
  windowP99Ms?: number;
  connector: Record<string, number>;
}

async function run(
  args: Args,
  connection: string,
  name: string,
  kill: boolean,
): Promise<RunResult> {
  const prefix = kill ? 'benchkill' : 'benchsteady';
  const storage = storageFor(connection, prefix);
  const connector = new ThrottlingConnector({
    appRatePerSecond: args.rate,
    inject429: args.inject429,
    inject5xx: args.inject5xx,
    seed: args.seed + (kill ? 1 : 0),
  });
  const url = await connector.start();
  process.stdout.write(`\n[${name}] seeding ${args.recipients} installed users... `);
  const conversations = await seedReferences(storage, url, args.recipients);
  process.stdout.write('done\n');

  const store = new AnnouncementStore(storage.records);
  const queue = storage.queue<DeliveryMessage>(ANNOUNCEMENT_QUEUE);
  const service = new AnnouncementService({
    store,
    references: new ReferenceStore(storage.records),
    directory,
    queue,
    clock: { now: () => new Date() },
    authorGroupIds: [AUTHOR_GROUP],
  });
  const author = { objectId: 'bench-author', name: 'Bench author' };
  const authorReference: StoredReference = {
    serviceUrl: url,
    tenantId: TENANT,
    conversationId: 'a:bench-author',
    conversationType: 'personal',
    botId: '28:bench-bot',
  };
  const { announcement } = await service.draft({
    template: 'number-matching',
    activationDate: '2099-12-01',
    audience: { kind: 'installed' },
    author,
    authorReference,
  });

  let worker = spawnWorker(args, connection, prefix);
  await worker.ready;
  const started = Date.now();
  await service.confirm(announcement.id, author, {
    reference: authorReference,
    activityId: 'progress-card',
  });
  const progress = setInterval(() => {
    const done = connector.delivered.length;
    const elapsed = (Date.now() - started) / 1000;
    process.stdout.write(
      `[${name}] ${done}/${args.recipients} delivered, ${(done / Math.max(1, elapsed)).toFixed(1)}/s, ${elapsed.toFixed(0)} s\n`,
    );
  }, 30_000);

  let claimsAtKill: number | undefined;
  let deliveredUnrecorded: number | undefined;
  const firstStats: Record<string, number>[] = [];
  if (kill) {
    await until(() => connector.delivered.length >= args.recipients / 2, 3_600_000, 'half way');
    worker.child.kill('SIGKILL');
    await new Promise((r) => worker.child.once('exit', r));
    const killedAt = Date.now();
    const deliveredAtKill = new Set(connector.delivered.map((d) => d.conversationId));
    // Restart at once, as a supervisor would, and look at what the dead worker left meanwhile:
    // its claims stay as they are until their lease runs out, long after this read.
    worker = spawnWorker(args, connection, prefix);
    const rows = await store.recipients(announcement.id);
    const sending = rows.filter((r) => r.value.status === 'sending');
    claimsAtKill = sending.length;
    deliveredUnrecorded = sending.filter((r) =>
      deliveredAtKill.has(r.value.reference?.conversationId ?? ''),
    ).length;
    process.stdout.write(
      `[${name}] killed the worker at ${deliveredAtKill.size} delivered; it held ${claimsAtKill} claim(s), ${deliveredUnrecorded} of them already delivered but not yet recorded\n`,
    );
    await worker.ready;
    process.stdout.write(
      `[${name}] the new worker was ready ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill\n`,
    );
  }
  let finishedAt = 0;
  await until(
    async () => {
      const record = (await store.get(announcement.id))?.value;
      if (record?.state === 'completed' && record.finishedAt) {
        finishedAt = Date.parse(record.finishedAt);
        return true;
      }
      return false;
    },
    3_600_000,
    'completion',
  );
  clearInterval(progress);
  if (process.env.BENCH_VERBOSE) {
    const rows = await store.recipients(announcement.id);
    rows.sort((a, b) => Date.parse(b.value.updatedAt) - Date.parse(a.value.updatedAt));
    for (const r of rows.slice(0, 8)) {
      process.stdout.write(
        `[${name}] late row ${r.key.row} ${r.value.status} +${((Date.parse(r.value.updatedAt) - started) / 1000).toFixed(1)} s attempts ${r.value.attempts} ${r.value.reason ?? ''}\n`,
      );
    }
  }
  worker.child.kill('SIGTERM');
  const stats = await worker.stats;
  firstStats.push(stats);
  await connector.stop();

  const seconds = (finishedAt - started) / 1000;
  if (process.env.BENCH_VERBOSE) {
    const perSecond = new Map<number, number>();
    for (const d of connector.delivered) {
      const bucket = Math.floor((d.at - started) / 1000);
      perSecond.set(bucket, (perSecond.get(bucket) ?? 0) + 1);
    }
    const line = [...perSecond.entries()].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k}:${v}`);
    process.stdout.write(`[${name}] deliveries per second: ${line.join(' ')}\n`);
  }
  const first = connector.delivered[0]?.at ?? started;
  const last = connector.delivered[connector.delivered.length - 1]?.at ?? started;
  process.stdout.write(
    `[${name}] first delivery after ${((first - started) / 1000).toFixed(1)} s, last after ${((last - started) / 1000).toFixed(1)} s, completion recorded after ${seconds.toFixed(1)} s\n`,
  );
  const unique = new Set(connector.delivered.map((d) => d.conversationId));
  const lost = connector.lost(conversations).length;
  const duplicates = connector.duplicates(conversations);
  const fraction = unique.size / (args.rate * seconds);
  process.stdout.write(
    `[${name}] ${unique.size} delivered in ${seconds.toFixed(1)} s = ${(unique.size / seconds).toFixed(2)}/s of ${args.rate}/s allowed (${(fraction * 100).toFixed(1)}%); lost ${lost}, duplicates ${duplicates}\n` +
      `[${name}] connector: ${connector.stats.requests} requests, ${connector.stats.injected429} injected 429, ${connector.stats.injected5xx} injected 5xx, ${connector.stats.appLimited} over the app rate, ${connector.stats.conversationLimited} over a conversation limit, peak ${connector.stats.peakPerWindow}/s; ${connector.updated.length} progress-card updates\n` +
      (stats.windows
        ? `[${name}] send window (request sent → outcome written) over ${stats.windows} sends of the last worker: p50 ${stats.windowP50} ms, p99 ${stats.windowP99} ms, max ${stats.windowMax} ms\n`
        : ''),
  );
  return {
    name,
    allowedRateFraction: Math.round(fraction * 1000) / 1000,
    lost,
    duplicates,
    seconds: Math.round(seconds * 10) / 10,
    claimsAtKill,
    deliveredUnrecorded,
    windowP50Ms: stats.windowP50,
    windowP99Ms: stats.windowP99,
    connector: { ...connector.stats, progressUpdates: connector.updated.length },
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.worker) {
    await runWorker(args);
    return;
  }
  process.stdout.write(
    `announce bench: ${args.recipients} recipients at ${args.rate}/s, ${args.inject429 * 100}% 429 and ${args.inject5xx * 100}% 5xx injected, in-doubt policy ${args.inDoubt}\n`,
  );
  const runs: RunResult[] = [];
  // Each run gets its own Azurite, so the second does not start with the first one's data.
  const withAzurite = async (name: string, kill: boolean): Promise<void> => {
    const azurite = await startAzurite({ inMemory: true });
    try {
      runs.push(await run(args, azurite.connectionString, name, kill));
    } finally {
      await azurite.stop();
    }
  };
  if (args.runs.includes('steady')) await withAzurite('steady', false);
  if (args.runs.includes('killed')) await withAzurite('killed-and-resumed', true);
  process.stdout.write(
    `${JSON.stringify({
      bench: 'announce',
      recipients: args.recipients,
      ratePerSecond: args.rate,
      runs: runs.map((r) => ({
        name: r.name,
        allowedRateFraction: r.allowedRateFraction,
        lost: r.lost,
        duplicates: r.duplicates,
        seconds: r.seconds,
        ...(r.claimsAtKill === undefined
          ? {}
          : { claimsAtKill: r.claimsAtKill, deliveredUnrecorded: r.deliveredUnrecorded }),
        windowP50Ms: r.windowP50Ms,
        windowP99Ms: r.windowP99Ms,
      })),
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
