/**
 * A paced phase of bench/load.ts (bench/load-paced.ts: an open load at a share of the rate the
 * throughput phase reached) with everything that says where a slow turn's time went: the
 * event-loop stalls of the bot and the services (bench/load-stalls.ts), each turn's stages
 * across the processes (bench/load-turns.ts), the TCP connections each side opened, the
 * kernel's TCP counters (bench/load-net.ts), the generator's errors by code, and the bot's
 * allocation and collections over the phase (bench/load-alloc.ts).
 */
import type { Child, Served } from './load-children';
import type { summariseHeap } from './load-alloc';
import { tcpCounters } from './load-net';
import { pacedLoad, type Body, type PacedResult } from './load-paced';
import type { Stall, Stalls } from './load-stalls';
import { describeStages, stageReport, type Marks, type StageReport } from './load-turns';

type HeapSummary = ReturnType<typeof summariseHeap>;

/** A paced phase's latency, with what was seen meanwhile. */
export type PacedRun = Omit<PacedResult, 'marks'> & {
  stalls: string;
  stallCount: number;
  botLongestGc: string;
  stages: StageReport;
  /** Connections accepted by the bot and opened by the bot to the connector, counted part. */
  connections: { generatorOpened: number; botAccepted: number; botOpenedToConnector: number };
  tcp: Record<string, number>;
  /** The bot's allocation a turn (KB) and collections per 1,000 turns, warm-up included. */
  alloc: {
    kb: number;
    scavengesPer1000: number;
    markCompactsPer1000: number;
    promotedKb: number;
    fullGcMaxMs: number;
  };
  /**
   * The share of the phase (warm-up included) the bot process spent on a core: how loaded it
   * really was, since the paced rate is a share of what another phase reached at another moment.
   */
  botBusy: number;
};

/** Where a stall's time went (bench/load-stalls.ts): running, waiting for a core, collecting. */
function stallCause(s: Stall): string {
  const parts: string[] = [];
  if (s.cpuMs !== undefined) {
    const asleep = Math.max(0, s.ms + 10 - s.cpuMs - (s.waitMs ?? 0));
    parts.push(`on a core ${s.cpuMs}`, `waiting for a core ${s.waitMs ?? 0}`, `asleep ${asleep}`);
  }
  parts.push(s.gc ? `gc ${s.gcMs ?? 0}: ${s.gc}` : 'no gc');
  return parts.join(', ');
}

/** A sampling heap profile's summary (bench/load-alloc.ts), in KB a turn, if one was taken. */
function printHeap(name: string, heap: Partial<HeapSummary>, turns: number): void {
  if (heap.total === undefined) return;
  const kb = (bytes: number): string =>
    `${Math.round((bytes / 1024 / Math.max(1, turns)) * 100) / 100} KB`;
  const list = (rows: HeapSummary['bySelf'] = []): string =>
    rows.map((r) => `      ${kb(r.bytes)} ${r.where}\n`).join('');
  process.stdout.write(
    `  ${name}: sampled ${kb(heap.total)} a turn; by allocating frame:\n${list(heap.bySelf)}` +
      `    by the nearest frame of our code:\n${list(heap.byOurs)}`,
  );
}

/** Runs `target` paced at `rate` turns a second for `seconds` (after a 3 s warm-up). */
export async function pacedRun(
  target: Served,
  services: Child,
  body: () => Body,
  options: { rate: number; seconds: number; name?: string },
): Promise<PacedRun> {
  const stallsOf = async (child: Child): Promise<Stalls> =>
    (await child.call('stalls')) as unknown as Stalls;
  // From here to the end of the phase the bot keeps every tick of its stall tracker.
  await target.call('stalls ticks');
  await stallsOf(services);
  await target.call('marks on');
  await services.call('marks on');
  await target.call('alloc on');
  const cpuBefore = await target.call('cpu');
  const began = performance.now();
  // BENCH_CPU_PROF=<dir>: a CPU profile of the bot over the paced phase too (warm-up included).
  if (options.name) await target.call(`profile paced-${options.name}`);
  // BENCH_HEAP_PROF=<dir>: a sampling heap profile over the paced phase too (see load-alloc.ts).
  if (options.name) await target.call(`heap paced-${options.name}`);
  // BENCH_HEAP_SNAPSHOT=<dir>: a heap snapshot of the bot halfway through the paced phase (what
  // outlives a turn while turns go on; the phase's latency is then not to be read).
  const midway = process.env.BENCH_HEAP_SNAPSHOT
    ? setTimeout(
        () => void target.call(`snapshot paced-${options.name ?? 'run'}`),
        (3 + options.seconds / 2) * 1000,
      )
    : undefined;
  const tcp = tcpCounters();
  const { marks: generatorMarks, ...result } = await pacedLoad(
    `${target.url}/api/messages`,
    body,
    options,
  );
  const tcpGrown = tcp();
  clearTimeout(midway);
  if (options.name) await target.call(`profile paced-${options.name}`);
  if (options.name)
    printHeap(
      `paced ${options.name}`,
      await target.call(`heap paced-${options.name}`),
      options.rate * (options.seconds + 3),
    );
  const cpuAfter = await target.call('cpu');
  const wallMsSpent = performance.now() - began;
  const allocated = await target.call('alloc');
  const botMarks = (await target.call('marks')) as unknown as Marks;
  const servicesMarks = (await services.call('marks')) as unknown as Marks;
  const seen = (who: string, list: Stall[]): string[] =>
    list
      .filter((s) => s.at >= result.countedFrom)
      .map((s) => `${who} ${s.at - result.countedFrom}: ${s.ms} (${stallCause(s)})`);
  const ofBot = await stallsOf(target);
  const stalls = [
    ...seen('bot', ofBot.stalls),
    ...seen('services', (await stallsOf(services)).stalls),
  ];
  const connectorPort = new URL(target.connectorUrl).port;
  const sent = Math.max(1, Math.round(options.rate * (options.seconds + 3)));
  const per1000 = (n: number): number => Math.round((n / sent) * 10_000) / 10;
  return {
    ...result,
    stalls: stalls.join(', ') || 'none',
    stallCount: stalls.length,
    botLongestGc: ofBot.longestGc,
    stages: stageReport(result.countedFrom, ofBot.ticks, generatorMarks, botMarks, servicesMarks),
    connections: {
      generatorOpened: result.socketsOpened.counted,
      botAccepted: botMarks.accepted,
      botOpenedToConnector: botMarks.opened[connectorPort] ?? 0,
    },
    tcp: tcpGrown,
    botBusy:
      Math.round(
        ((cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system) /
          1000 /
          wallMsSpent) *
          100,
      ) / 100,
    alloc: {
      kb: Math.round((allocated.bytes / 1024 / sent) * 10) / 10,
      scavengesPer1000: per1000(allocated.scavenges),
      markCompactsPer1000: per1000(allocated.markCompacts),
      promotedKb: Math.round((allocated.promotedBytes / 1024 / sent) * 10) / 10,
      fullGcMaxMs: allocated.fullGcMaxMs,
    },
  };
}

/** The paced phase in a few printed lines. */
export function describePaced(name: string, p: PacedRun): string {
  const codes = Object.entries(p.errorCodes)
    .map(([code, n]) => `${n} ${code}`)
    .join(', ');
  const c = p.connections;
  return (
    `${name}: ${p.offeredRps} turns/s offered, ${p.rps} answered, p50 ${p.p50Ms} ms, p99 ${p.p99Ms} ms (${p.non2xx} non-2xx, ${p.errors} errors${codes ? `: ${codes}` : ''}; the generator's own send lag p99 ${p.sendLagP99Ms} ms, most ${p.sendLagMaxMs} ms)\n` +
    `      slowest (ms into the run: ms): ${p.slowest.map((s) => `${s.atMs}: ${s.ms}`).join(', ')}\n` +
    `      event-loop stalls over 50 ms (ms into the run: ms (where the time went)): ${p.stalls}; the bot's longest garbage collection (warm-up included): ${p.botLongestGc} ms\n` +
    describeStages(p.stages) +
    `      connections opened in the counted part: generator -> bot ${c.generatorOpened} (bot accepted ${c.botAccepted}), bot -> connector ${c.botOpenedToConnector}; warm-up: generator ${p.socketsOpened.warmUp}\n` +
    `      kernel TCP counters over the phase (whole machine): ${JSON.stringify(p.tcp)}\n` +
    `      the bot process used ${p.botBusy} of a core over the phase (all its threads); it allocated ${p.alloc.kb} KB a turn; per 1,000 turns ${p.alloc.scavengesPer1000} scavenges, ${p.alloc.markCompactsPer1000} full collections (longest ${p.alloc.fullGcMaxMs} ms); ${p.alloc.promotedKb} KB a turn promoted to the old generation\n`
  );
}

/** The paced phase's figures for the bench's JSON line. */
export function pacedJson(p: PacedRun) {
  return {
    offeredRps: p.offeredRps,
    p50Ms: p.p50Ms,
    p99Ms: p.p99Ms,
    stalls: p.stallCount,
    errors: p.errorCodes,
    connectionsOpened: p.connections,
    tailShares: p.stages.tailShares,
    botBusy: p.botBusy,
    allocKbPerTurn: p.alloc.kb,
    scavengesPer1000: p.alloc.scavengesPer1000,
    markCompactsPer1000: p.alloc.markCompactsPer1000,
    promotedKbPerTurn: p.alloc.promotedKb,
    fullGcMaxMs: p.alloc.fullGcMaxMs,
  };
}
