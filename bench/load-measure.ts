/**
 * The throughput phases of bench/load.ts: autocannon against /api/messages, each request a new
 * activity, and what a turn cost the bot process over the phase (its CPU, what it sent, the
 * cores each process kept busy meanwhile).
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import autocannon from 'autocannon';
import { DEMO_USERS } from '../src/sandbox/demo-ids';
import { teamsMessage } from '../test/support/local-connector';
import type { Child, Served } from './load-children';
import type { Body, Phase } from './load-paced';
import type { summariseHeap } from './load-alloc';

type HeapSummary = ReturnType<typeof summariseHeap>;

const MEMBER = { id: '29:bench-member', aadObjectId: DEMO_USERS.member.id, name: 'Bench member' };

/** Runs autocannon against /api/messages, each request a new activity from `texts`. */
export async function drive(
  target: Served,
  texts: string[],
  options: { seconds?: number; amount?: number; connections: number },
): Promise<Phase> {
  const nextBody = bodies(target, texts);
  const result = await autocannon({
    url: `${target.url}/api/messages`,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds }),
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: nextBody().payload }),
      },
    ],
  });
  return {
    rps: Math.round(result.requests.average * 10) / 10,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** A new activity from `texts` each call, from 500 senders in turn. */
export function bodies(target: Served, texts: string[]): () => Body {
  let next = 0;
  return (): Body => {
    const text = texts[next % texts.length];
    next += 1;
    // 500 senders, each in their own personal chat (a Teams id each; all are the sandbox's demo
    // member in Entra, so every diagnosis reads a real sandbox user). One sender sending 16
    // pastes at once is not what load looks like, and it made every turn contend for that
    // person's one row of drafts.
    const sender = next % 500;
    const from = { ...MEMBER, id: `${MEMBER.id}-${sender}` };
    const activity = teamsMessage(target.connectorUrl, text, from, `a:bench-${sender}`);
    return { id: activity.id as string, payload: JSON.stringify(activity) };
  };
}

/** CPU seconds a process has used, and its descendants' (Linux /proc; 0 elsewhere). */
export function cpuSeconds(
  pid: number | undefined,
  which: 'own' | 'descendants' | 'main thread',
): number {
  if (pid === undefined) return 0;
  try {
    let ticks = 0;
    if (which !== 'descendants') {
      // After the command's closing parenthesis, utime and stime are the 12th and 13th fields.
      // The main thread's task has the process's id.
      const path = which === 'own' ? `/proc/${pid}/stat` : `/proc/${pid}/task/${pid}/stat`;
      const stat = readFileSync(path, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks = Number(fields[11]) + Number(fields[12]);
    } else {
      for (const task of readdirSync(`/proc/${pid}/task`)) {
        const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
        for (const child of children ? children.split(' ').map(Number) : []) {
          ticks += (cpuSeconds(child, 'own') + cpuSeconds(child, 'descendants')) * 100;
        }
      }
    }
    return ticks / 100; // USER_HZ is 100 on Linux
  } catch {
    return 0;
  }
}

/** Busy CPU seconds of the whole machine, every core. */
function machineSeconds(): number {
  return os.cpus().reduce((sum, c) => sum + c.times.user + c.times.sys + c.times.irq, 0) / 1000;
}

/** Runs a phase and says how many cores each process kept busy meanwhile. */
async function sharing<T>(
  sources: Record<string, () => number>,
  run: () => Promise<T>,
): Promise<{ result: T; cores: Record<string, number> }> {
  const before = Object.fromEntries(Object.entries(sources).map(([k, read]) => [k, read()]));
  const machineBefore = machineSeconds();
  const began = process.hrtime.bigint();
  const result = await run();
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  const cores: Record<string, number> = {};
  for (const [name, read] of Object.entries(sources)) {
    cores[name] = Math.round(((read() - before[name]) / seconds) * 100) / 100;
  }
  const ours = Object.values(cores).reduce((a, b) => a + b, 0);
  cores.machine = Math.round(((machineSeconds() - machineBefore) / seconds) * 100) / 100;
  cores.others = Math.max(0, Math.round((cores.machine - ours) * 100) / 100);
  return { result, cores };
}

/** What one turn cost, averaged over a phase: the bot process's own CPU and what it sent. */
export interface PerTurn {
  cpuMs: number;
  /** CPU of the bot's main thread a turn, ms (what runs turns; triage threads left out). */
  mainThreadMs: number;
  graphRequests: number;
  batchItems: number;
  tableRoundTrips: number;
  queueRoundTrips: number;
  connectorActivities: number;
  activityBytes: number;
  logLines: number;
  /** KB allocated on the bot's V8 heap, and its collections per 1,000 turns (load-alloc.ts). */
  allocKb: number;
  scavengesPer1000: number;
  markCompactsPer1000: number;
  /** KB a turn promoted to the old generation by scavenges; the longest full collection, ms. */
  promotedKb: number;
  fullGcMaxMs: number;
}

export type Measured = Phase & { perTurn: PerTurn; cores: Record<string, number> };

/** Runs a phase and divides what the bot and the services counted during it by its turns. */
export async function measured(
  name: string,
  target: Served,
  services: Child,
  run: () => Promise<Phase>,
): Promise<Measured> {
  const snapshot = async () => ({
    cpu: await target.call('cpu'),
    sent: await target.call('counts'),
    services: await services.call('counts'),
    logLines: target.logLines(),
    mainThread: cpuSeconds(target.child.pid, 'main thread'),
  });
  // BENCH_CPU_PROF=<dir>: a CPU profile of the bot process over this phase alone;
  // BENCH_HEAP_PROF=<dir>: a sampling heap profile of it.
  await target.call(`profile ${name}`);
  await target.call(`heap ${name}`);
  await target.call('alloc on');
  const before = await snapshot();
  const { result: phase, cores } = await sharing(
    {
      bot: () => cpuSeconds(target.child.pid, 'own'),
      azurite: () => cpuSeconds(target.child.pid, 'descendants'),
      services: () => cpuSeconds(services.child.pid, 'own'),
      autocannon: () => cpuSeconds(process.pid, 'own'),
    },
    run,
  );
  const after = await snapshot();
  const allocated = await target.call('alloc');
  await target.call(`profile ${name}`);
  const heap = (await target.call(`heap ${name}`)) as unknown as Partial<HeapSummary>;
  const turns = Math.max(1, phase.requests);
  const per = (n: number, digits = 2): number =>
    Math.round((n / turns) * 10 ** digits) / 10 ** digits;
  const sentTo = (port: string | undefined): number =>
    port === undefined ? 0 : (after.sent[port] ?? 0) - (before.sent[port] ?? 0);
  const delta = (key: string): number => after.services[key] - before.services[key];
  if (heap.total !== undefined) {
    const list = (rows: HeapSummary['bySelf']): string =>
      rows.map((r) => `      ${per(r.bytes / 1024, 1)} KB ${r.where}\n`).join('');
    process.stdout.write(
      `  ${name}: sampled ${per(heap.total / 1024, 1)} KB allocated a turn; by allocating frame:\n${list(heap.bySelf ?? [])}` +
        `    by the nearest frame of our code:\n${list(heap.byOurs ?? [])}`,
    );
  }
  if (process.env.BENCH_TRACE_REQUESTS) {
    process.stdout.write(`  ${name}, a turn:\n`);
    for (const key of Object.keys(after.sent).filter((k) => k.includes(' '))) {
      const n = per(sentTo(key));
      if (n > 0) process.stdout.write(`    ${n} ${key}\n`);
    }
    for (const key of Object.keys(after.services).filter((k) => k.includes(' '))) {
      const n = per(after.services[key] - (before.services[key] ?? 0));
      if (n > 0) process.stdout.write(`    ${n} Graph: ${key}\n`);
    }
  }
  const cpuUs = after.cpu.user + after.cpu.system - (before.cpu.user + before.cpu.system);
  return {
    ...phase,
    cores,
    perTurn: {
      cpuMs: per(cpuUs / 1000, 3),
      mainThreadMs: per((after.mainThread - before.mainThread) * 1000, 3),
      graphRequests: per(delta('graphRequests')),
      batchItems: per(delta('batchItems')),
      tableRoundTrips: per(sentTo(target.ports.table)),
      queueRoundTrips: per(sentTo(target.ports.queue)),
      connectorActivities: per(delta('connectorActivities')),
      activityBytes: per(delta('connectorBytes'), 0),
      logLines: per(after.logLines - before.logLines),
      allocKb: per(allocated.bytes / 1024, 1),
      scavengesPer1000: per(allocated.scavenges * 1000, 1),
      markCompactsPer1000: per(allocated.markCompacts * 1000, 1),
      promotedKb: per(allocated.promotedBytes / 1024, 1),
      fullGcMaxMs: allocated.fullGcMaxMs,
    },
  };
}
