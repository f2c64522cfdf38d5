/**
 * Moments this process's event loop could not run a 10 ms timer for more than 50 ms (wall
 * clock, ms since 1970, and how long): to tell a stall of the bot from one elsewhere, and what
 * the stall was. For each stall, where its time went:
 * - `cpuMs`: the main thread was running (our code, a library's, or a garbage collection's pause);
 * - `waitMs`: the main thread was ready to run but waiting for a core the machine gave to
 *   another process (Linux's per-thread scheduler statistics, /proc/self/task/<pid>/schedstat);
 * - the rest: the thread was asleep (a synchronous system call that blocked, a lock);
 * - `gcMs`: the garbage collections V8 reported in that time (perf_hooks), with their kinds.
 * Without /proc (not Linux), `cpuMs` and `waitMs` are left out.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

export interface Stall {
  at: number;
  ms: number;
  cpuMs?: number;
  waitMs?: number;
  gcMs?: number;
  /** The collections in the stall, e.g. `major 112` (kind and ms). */
  gc?: string;
}

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
};

/** Reads the main thread's time on a core and waiting for one (ns), or undefined off Linux. */
function schedReader(): (() => { run: number; wait: number }) | undefined {
  let fd: number;
  try {
    fd = openSync(`/proc/self/task/${process.pid}/schedstat`, 'r');
  } catch {
    return undefined;
  }
  process.once('exit', () => closeSync(fd));
  const buffer = Buffer.alloc(128);
  return () => {
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    const [run = 0, wait = 0] = buffer.toString('latin1', 0, n).split(' ').map(Number);
    return { run, wait };
  };
}

interface Gap {
  at: number;
  from: number;
  to: number;
  ms: number;
  cpuMs?: number;
  waitMs?: number;
}

/** What `take()` returns: the stalls since the last call, and the longest collection meanwhile. */
export interface Stalls {
  stalls: Stall[];
  /**
   * Every run of the 10 ms timer: [wall-clock ms when it ran, ms since the last run, ms of it
   * the main thread was on a core, ms it waited for one] (the last two 0 off Linux). Over a slow
   * turn's life they say whether this process was busy, waiting for a core, or idle meanwhile.
   */
  ticks: Array<[number, number, number, number]>;
  /** The longest garbage-collection pause since the last call, e.g. `major 12` (kind and ms). */
  longestGc: string;
}

/**
 * Starts watching; `take()` returns the stalls seen since the last call (the collections
 * reported for each are matched when taken, since V8 reports them after the pause); `take(true)`
 * also keeps every tick until the next call (a paced phase's, not a long run's).
 */
export function watchStalls(): { take(keepTicks?: boolean): Stalls } {
  const gaps: Gap[] = [];
  let ticks: Array<[number, number, number, number]> = [];
  let keepTicks = false;
  const collections: Array<{ start: number; end: number; kind: string }> = [];
  let longest = { ms: 0, kind: 'none' };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as Array<PerformanceEntry & { detail?: unknown }>) {
      const kind = (entry.detail as { kind?: number } | undefined)?.kind ?? -1;
      const collection = {
        start: entry.startTime,
        end: entry.startTime + entry.duration,
        kind: GC_KINDS[kind] ?? 'other',
      };
      collections.push(collection);
      if (entry.duration > longest.ms) longest = { ms: entry.duration, kind: collection.kind };
    }
    // A minute of collections is kept: more than a phase.
    const horizon = performance.now() - 60_000;
    while (collections.length > 0 && (collections[0]?.end ?? 0) < horizon) collections.shift();
  }).observe({ entryTypes: ['gc'] });
  const sched = schedReader();
  let last = performance.now();
  let lastSched = sched?.();
  setInterval(() => {
    const now = performance.now();
    const nowSched = sched?.();
    if (keepTicks && ticks.length < 200_000) {
      const ms = (ns: number): number => Math.round(ns / 1e5) / 10;
      ticks.push([
        Math.round(performance.timeOrigin + now),
        Math.round((now - last) * 10) / 10,
        ms((nowSched?.run ?? 0) - (lastSched?.run ?? 0)),
        ms((nowSched?.wait ?? 0) - (lastSched?.wait ?? 0)),
      ]);
    }
    if (now - last > 60) {
      const gap: Gap = { at: Date.now(), from: last, to: now, ms: Math.round(now - last - 10) };
      if (nowSched !== undefined && lastSched !== undefined) {
        gap.cpuMs = Math.round((nowSched.run - lastSched.run) / 1e6);
        gap.waitMs = Math.round((nowSched.wait - lastSched.wait) / 1e6);
      }
      gaps.push(gap);
    }
    last = now;
    lastSched = nowSched;
  }, 10).unref();
  const stallsOf = (taken: Gap[]): Stall[] =>
    taken.map(({ at, from, to, ms, cpuMs, waitMs }) => {
      const inside = collections.filter((c) => c.end > from && c.start < to);
      const gcMs = inside.reduce(
        (sum, c) => sum + Math.min(c.end, to) - Math.max(c.start, from),
        0,
      );
      return {
        at,
        ms,
        ...(cpuMs === undefined ? {} : { cpuMs, waitMs }),
        gcMs: Math.round(gcMs),
        gc: inside.map((c) => `${c.kind} ${Math.round(c.end - c.start)}`).join(' '),
      };
    });
  return {
    take: (keep = false) => {
      const taken = {
        stalls: stallsOf(gaps.splice(0)),
        ticks,
        longestGc: `${longest.kind} ${Math.round(longest.ms)}`,
      };
      longest = { ms: 0, kind: 'none' };
      ticks = [];
      keepTicks = keep;
      return taken;
    },
  };
}
