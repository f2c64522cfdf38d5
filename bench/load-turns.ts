/**
 * Where a paced turn's time went, stage by stage, across the bench's processes, and how many
 * TCP connections each side opened. Every process stamps the same turn with the wall clock
 * (`performance.timeOrigin + performance.now()`, one clock for the whole machine):
 * - the load generator (bench/load-paced.ts): when the request was due, when it was written to
 *   its socket, when the answer's head arrived; it names the turn in the `x-bench-turn` header
 *   (the activity's id);
 * - the bot (bench/load-server.ts): when the request's head was read and its answer finished
 *   (node:http's diagnostics channels), and when its reply to the connector left and was answered
 *   (the reply's URL carries the activity id it answers);
 * - the connector (bench/load-services.ts): when the reply's head was read and answered.
 * So a slow turn says whether its time went in the bot's handler, in the connector, or between
 * the processes (the kernel's sockets, or a process that was not scheduled).
 */
import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

export const TURN_HEADER = 'x-bench-turn';

/** Wall-clock ms, comparable between the processes of one machine. */
export const wallMs = (): number => performance.timeOrigin + performance.now();

/** One process's stamps: turn id -> stage -> wall-clock ms; and the connections it saw. */
export interface Marks {
  turns: Record<string, Record<string, number>>;
  /** Connections accepted by this process's servers, and opened by it, by remote port. */
  accepted: number;
  opened: Record<string, number>;
}

/** The activity id in a connector URL (`/v3/conversations/<id>/activities/<activity id>`). */
function activityIdOf(path: string | undefined): string | undefined {
  const match = /\/activities\/([^/?]+)/.exec(path ?? '');
  return match ? decodeURIComponent(match[1]) : undefined;
}

/**
 * Starts stamping this process's turns (`server`: `in`/`out` for the bot, `connector in`/
 * `connector out` for the connector; outgoing replies `reply sent`/`reply answered`). Nothing is
 * kept until `start()`; `take()` returns what was stamped since and stops.
 */
export function stampTurns(
  serverIn: string,
  serverOut: string,
): {
  start(): void;
  take(): Marks;
} {
  let on = false;
  let marks: Marks = { turns: {}, accepted: 0, opened: {} };
  const stamp = (id: string | undefined, stage: string): void => {
    if (!on || id === undefined) return;
    (marks.turns[id] ??= {})[stage] = wallMs();
  };
  const serverId = (request: IncomingMessage): string | undefined => {
    const named = request.headers[TURN_HEADER];
    return typeof named === 'string' ? named : activityIdOf(request.url);
  };
  subscribe('http.server.request.start', (message) => {
    stamp(serverId((message as { request: IncomingMessage }).request), serverIn);
  });
  subscribe('http.server.response.finish', (message) => {
    stamp(serverId((message as { request: IncomingMessage }).request), serverOut);
  });
  subscribe('http.client.request.start', (message) => {
    stamp(activityIdOf((message as { request: ClientRequest }).request.path), 'reply sent');
  });
  subscribe('http.client.response.finish', (message) => {
    stamp(activityIdOf((message as { request: ClientRequest }).request.path), 'reply answered');
  });
  subscribe('net.server.socket', () => {
    if (on) marks.accepted += 1;
  });
  subscribe('net.client.socket', (message) => {
    if (!on) return;
    const { socket } = message as { socket: Socket };
    socket.once('connect', () => {
      const port = String(socket.remotePort);
      marks.opened[port] = (marks.opened[port] ?? 0) + 1;
    });
  });
  return {
    start: () => {
      marks = { turns: {}, accepted: 0, opened: {} };
      on = true;
    },
    take: () => {
      on = false;
      const taken = marks;
      marks = { turns: {}, accepted: 0, opened: {} };
      return taken;
    },
  };
}

/** The stages of a turn, each from one stamp to the next (ms). */
export const STAGES: Array<{ name: string; from: string; to: string }> = [
  { name: 'generator late', from: 'due', to: 'written' },
  { name: 'to the bot', from: 'written', to: 'in' },
  { name: 'bot before reply', from: 'in', to: 'reply sent' },
  { name: 'to the connector', from: 'reply sent', to: 'connector in' },
  { name: 'connector', from: 'connector in', to: 'connector out' },
  { name: 'back to the bot', from: 'connector out', to: 'reply answered' },
  { name: 'bot after reply', from: 'reply answered', to: 'out' },
  { name: 'to the generator', from: 'out', to: 'answered' },
];

const percentile = (sorted: number[], share: number): number =>
  sorted.length === 0
    ? 0
    : (sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ?? 0);
const round = (ms: number): number => Math.round(ms * 10) / 10;

export interface StageReport {
  /** Turns stamped by every process (the rest, e.g. a turn that failed, are left out). */
  turns: number;
  /** Per stage: p50, p99 and most (ms) over every turn. */
  stages: Record<string, { p50: number; p99: number; max: number }>;
  /** Of the slowest 1% of turns (due -> answered): the share of their time each stage took. */
  tailShares: Record<string, number>;
  /**
   * The slowest turns' stages (ms), with when each was due (ms after `from`), and what the
   * bot's main thread did while the turn was under way (from its stall tracker's 10 ms ticks):
   * ms on a core, ms waiting for one, and the longest gap between two ticks (its loop late).
   */
  slowest: Array<{
    atMs: number;
    ms: number;
    stages: Record<string, number>;
    bot: { onCore: number; waiting: number; longestTick: number };
  }>;
}

/** Joins the processes' stamps of the turns due after `from` (wall-clock ms) into stages. */
export function stageReport(
  from: number,
  botTicks: Array<[number, number, number, number]>,
  ...sources: Marks[]
): StageReport {
  const joined: Array<Record<string, number>> = [];
  for (const [id, first] of Object.entries(sources[0]?.turns ?? {})) {
    if ((first.due ?? 0) < from) continue;
    const all = Object.assign({}, ...sources.map((s) => s.turns[id] ?? {})) as Record<
      string,
      number
    >;
    if (STAGES.every((s) => all[s.from] !== undefined && all[s.to] !== undefined)) {
      joined.push(all);
    }
  }
  const total = (t: Record<string, number>): number => t.answered - t.due;
  const stagesOf = (t: Record<string, number>): Record<string, number> =>
    Object.fromEntries(STAGES.map((s) => [s.name, round(t[s.to] - t[s.from])]));
  const stages: StageReport['stages'] = {};
  for (const s of STAGES) {
    const values = joined.map((t) => t[s.to] - t[s.from]).sort((a, b) => a - b);
    stages[s.name] = {
      p50: round(percentile(values, 0.5)),
      p99: round(percentile(values, 0.99)),
      max: round(values[values.length - 1] ?? 0),
    };
  }
  const bySlowness = [...joined].sort((a, b) => total(b) - total(a));
  const tail = bySlowness.slice(0, Math.max(1, Math.ceil(joined.length / 100)));
  const tailTotal = tail.reduce((sum, t) => sum + total(t), 0) || 1;
  const tailShares = Object.fromEntries(
    STAGES.map((s) => [
      s.name,
      Math.round((tail.reduce((sum, t) => sum + t[s.to] - t[s.from], 0) / tailTotal) * 100) / 100,
    ]),
  );
  return {
    turns: joined.length,
    stages,
    tailShares,
    slowest: bySlowness.slice(0, 5).map((t) => ({
      atMs: Math.round(t.due - from),
      ms: round(total(t)),
      stages: stagesOf(t),
      // Each tick covers [end - gap, end]; those ending inside the turn's life, added up.
      bot: botTicks
        .filter(([end]) => end >= t.written && end <= t.answered)
        .reduce(
          (sum, [, gap, run, wait]) => ({
            onCore: round(sum.onCore + run),
            waiting: round(sum.waiting + wait),
            longestTick: Math.max(sum.longestTick, gap),
          }),
          { onCore: 0, waiting: 0, longestTick: 0 },
        ),
    })),
  };
}

/** The report in a few printed lines. */
export function describeStages(report: StageReport): string {
  const stages = Object.entries(report.stages)
    .map(([name, s]) => `${name} ${s.p50} / ${s.p99} / ${s.max}`)
    .join(', ');
  const shares = Object.entries(report.tailShares)
    .filter(([, share]) => share >= 0.01)
    .map(([name, share]) => `${name} ${share}`)
    .join(', ');
  const slowest = report.slowest
    .map(
      (t) =>
        `${t.atMs}: ${t.ms} (${Object.entries(t.stages)
          .filter(([, ms]) => ms >= 1)
          .map(([name, ms]) => `${name} ${ms}`)
          .join(
            ', ',
          )}; the bot meanwhile: on a core ${t.bot.onCore}, waiting for one ${t.bot.waiting}, its loop's longest tick ${t.bot.longestTick})`,
    )
    .join('; ');
  return (
    `      stages of ${report.turns} turns, p50 / p99 / most ms: ${stages}\n` +
    `      the slowest 1%'s time by stage: ${shares}\n` +
    `      slowest by stage (ms into the run: ms): ${slowest}\n`
  );
}
