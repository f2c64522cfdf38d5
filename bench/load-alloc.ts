/**
 * What a bot process allocates over a phase, for bench/load.ts:
 * - `gcCounter()`: bytes allocated on the V8 heap and the collections that freed them (v8's
 *   GCProfiler reports the heap's used size before and after each collection; what was used
 *   before one collection less what was left after the previous is what was allocated between
 *   them), so "bytes a turn" and "scavenges per 1,000 turns" are counts, not timings;
 * - `heapSampling()`: V8's sampling heap profiler with the objects collected since kept in the
 *   samples (BENCH_HEAP_PROF=<dir>), summed by the function that allocated and by the first
 *   frame of this project's own code on the stack (what of ours made a library allocate);
 *   with BENCH_HEAP_PROF_PROMOTED=1 only what outlived the young generation.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join, relative } from 'node:path';
import v8 from 'node:v8';

export interface Allocation {
  bytes: number;
  scavenges: number;
  /** Mark-compact collections (full ones, incremental marking included). */
  markCompacts: number;
  /** Time in collections, ms (their pauses on the main thread). */
  gcMs: number;
  /**
   * Bytes scavenges moved to the old generation (its used size after each less before): what
   * outlived two scavenges, which only a full collection can free.
   */
  promotedBytes: number;
  /** The longest full collection's pause, and all of them, ms. */
  fullGcMaxMs: number;
  fullGcMs: number;
}

interface GcHeap {
  heapStatistics: { usedHeapSize: number };
  heapSpaceStatistics: { spaceName: string; spaceUsedSize: number }[];
}
interface GcStatistic {
  gcType: string;
  cost: number;
  beforeGC: GcHeap;
  afterGC: GcHeap;
}

/** The old generation's used bytes (old space and large objects; code apart). */
const oldUsed = (heap: GcHeap): number =>
  heap.heapSpaceStatistics
    .filter((s) => s.spaceName === 'old_space' || s.spaceName === 'large_object_space')
    .reduce((sum, s) => sum + s.spaceUsedSize, 0);

/** `start()` begins counting; `take()` returns what was allocated and collected since. */
export function gcCounter(): { start(): void; take(): Allocation } {
  let profiler: v8.GCProfiler | undefined;
  let startUsed = 0;
  return {
    start() {
      profiler?.stop();
      profiler = new v8.GCProfiler();
      startUsed = v8.getHeapStatistics().used_heap_size;
      profiler.start();
    },
    take() {
      const nowUsed = v8.getHeapStatistics().used_heap_size;
      const stats = ((profiler?.stop() as { statistics?: GcStatistic[] } | undefined)?.statistics ??
        []) as GcStatistic[];
      profiler = undefined;
      let bytes = 0;
      let after = startUsed;
      const counted: Allocation = {
        bytes: 0,
        scavenges: 0,
        markCompacts: 0,
        gcMs: 0,
        promotedBytes: 0,
        fullGcMaxMs: 0,
        fullGcMs: 0,
      };
      for (const s of stats) {
        bytes += Math.max(0, s.beforeGC.heapStatistics.usedHeapSize - after);
        after = s.afterGC.heapStatistics.usedHeapSize;
        if (s.gcType === 'Scavenge' || s.gcType === 'MinorMarkSweep') {
          counted.scavenges += 1;
          counted.promotedBytes += Math.max(0, oldUsed(s.afterGC) - oldUsed(s.beforeGC));
        } else if (s.gcType === 'MarkSweepCompact') {
          counted.markCompacts += 1;
          counted.fullGcMs += s.cost / 1000;
          counted.fullGcMaxMs = Math.max(counted.fullGcMaxMs, s.cost / 1000);
        }
        counted.gcMs += s.cost / 1000;
      }
      bytes += Math.max(0, nowUsed - after);
      const tenth = (ms: number): number => Math.round(ms * 10) / 10;
      return {
        ...counted,
        bytes,
        gcMs: Math.round(counted.gcMs),
        fullGcMs: tenth(counted.fullGcMs),
        fullGcMaxMs: tenth(counted.fullGcMaxMs),
      };
    },
  };
}

interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapNode[];
}

const ROOT = join(__dirname, '..');

/** Where a frame is: `path:line` inside the project (node_modules shortened), or `(kind)`. */
function place(frame: HeapNode['callFrame']): string {
  const url = frame.url.replace(/^file:\/\//, '');
  if (url === '') return `(${frame.functionName || 'V8'})`;
  const path = url.startsWith('/') ? relative(ROOT, url) : url;
  return `${frame.functionName || '(anonymous)'} ${path.replace(/^.*node_modules\//, '~')}:${frame.lineNumber + 1}`;
}

/** Our own code: the project's files outside node_modules (bench/ itself left out). */
const ours = (frame: HeapNode['callFrame']): boolean =>
  /\/(bot|src|cards)\//.test(frame.url) && !frame.url.includes('node_modules');

/** Bytes by allocating frame and by the nearest frame of our own code, largest first. */
export function summariseHeap(head: HeapNode, top = 12) {
  const bySelf: Record<string, number> = {};
  const byOurs: Record<string, number> = {};
  let total = 0;
  const walk = (node: HeapNode, ourFrame: string): void => {
    const here = ours(node.callFrame) ? place(node.callFrame) : ourFrame;
    if (node.selfSize > 0) {
      total += node.selfSize;
      const self = place(node.callFrame);
      bySelf[self] = (bySelf[self] ?? 0) + node.selfSize;
      byOurs[here] = (byOurs[here] ?? 0) + node.selfSize;
    }
    for (const child of node.children) walk(child, here);
  };
  walk(head, '(no code of ours on the stack)');
  const largest = (table: Record<string, number>) =>
    Object.entries(table)
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([where, bytes]) => ({ where, bytes }));
  return { total, bySelf: largest(bySelf), byOurs: largest(byOurs) };
}

/**
 * `heapSampling(name)` starts V8's sampling heap profiler; the next call stops it, writes
 * BENCH_HEAP_PROF/<kind>-<name>.heapprofile and returns the summary. Without BENCH_HEAP_PROF,
 * nothing.
 */
let sampling: Session | undefined;
export async function heapSampling(
  name: string,
): Promise<ReturnType<typeof summariseHeap> | undefined> {
  const dir = process.env.BENCH_HEAP_PROF;
  if (!dir) return undefined;
  const post = (method: string, params?: object): Promise<unknown> =>
    new Promise((resolve, reject) =>
      sampling!.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );
  if (!sampling) {
    sampling = new Session();
    sampling.connect();
    await post('HeapProfiler.enable');
    await post('HeapProfiler.startSampling', {
      samplingInterval: 16384,
      includeObjectsCollectedByMajorGC: true,
      // BENCH_HEAP_PROF_PROMOTED=1: objects a scavenge freed are dropped from the samples, so
      // the profile holds what outlived the young generation (promoted to old space, what full
      // collections then have to free) and what is still alive.
      includeObjectsCollectedByMinorGC: process.env.BENCH_HEAP_PROF_PROMOTED !== '1',
    });
    return undefined;
  }
  const { profile } = (await post('HeapProfiler.stopSampling')) as { profile: { head: HeapNode } };
  sampling.disconnect();
  sampling = undefined;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${process.argv[2]}-${name}.heapprofile`), JSON.stringify(profile));
  return summariseHeap(profile.head, process.env.BENCH_HEAP_PROF_PROMOTED === '1' ? 30 : 12);
}
