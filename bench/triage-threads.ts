/**
 * Pastes read on a triage thread against on the event loop (src/triage/off-thread.ts).
 *
 * 1. Throughput: the development pastes read 16 at a time, first here (`onThisThread`), then on
 *    the pool's threads: per paste, the wall time, the event loop's busy time (what a turn cannot
 *    overlap with other turns) and the process's CPU time (all threads).
 * 2. Isolation: while one 1 MB paste is read, the longest the event loop went without running a
 *    1 ms timer (what every other person's turn waits meanwhile), here and on a thread.
 *
 * The last line is one JSON object.
 *   tsx bench/triage-threads.ts [--rounds 20] [--threads 1]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { onThisThread, TriageThreads, type PasteReader } from '../src/triage/off-thread';

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at < 0 ? fallback : Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name}: a positive number`);
  return value;
}

const rounds = arg('rounds', 20);
const threads = arg('threads', 1);
const pastes = readFileSync(
  join(__dirname, '..', 'test', 'fixtures', 'triage', 'dev-set.jsonl'),
  'utf8',
)
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => (JSON.parse(line) as { text: string }).text);

async function readAll(reader: PasteReader, texts: string[], width = 16): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < texts.length) await reader.read(texts[next++]);
    }),
  );
}

interface Throughput {
  wallUs: number;
  loopBusyUs: number;
  cpuUs: number;
}

async function throughput(reader: PasteReader): Promise<Throughput> {
  await readAll(reader, pastes); // warm-up (a thread starts and loads the model here)
  const texts = Array.from({ length: rounds }, () => pastes).flat();
  const elu = performance.eventLoopUtilization();
  const cpu = process.cpuUsage();
  const started = performance.now();
  await readAll(reader, texts);
  const wallMs = performance.now() - started;
  const busy = performance.eventLoopUtilization(elu);
  const used = process.cpuUsage(cpu);
  const per = (us: number): number => Math.round((us / texts.length) * 10) / 10;
  return {
    wallUs: per(wallMs * 1000),
    loopBusyUs: per(busy.active * 1000),
    cpuUs: per(used.user + used.system),
  };
}

async function longestHold(reader: PasteReader, text: string): Promise<number> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const tick = setInterval(() => undefined, 1);
  delay.enable();
  await reader.read(text);
  await new Promise((resolve) => setTimeout(resolve, 5));
  delay.disable();
  clearInterval(tick);
  return Math.round((delay.max / 1e6) * 10) / 10;
}

async function main(): Promise<void> {
  const pool = new TriageThreads({ threads });
  const here = await throughput(onThisThread);
  const onThreads = await throughput(pool);
  let big = '';
  for (let i = 0; big.length < 1_000_000; i++) big += `${pastes[i % pastes.length]}\n`;
  big = big.slice(0, 1_000_000);
  const heldHere: number[] = [];
  const heldOnThread: number[] = [];
  for (let i = 0; i < 3; i++) {
    heldHere.push(await longestHold(onThisThread, big));
    heldOnThread.push(await longestHold(pool, big));
  }
  await pool.close();
  const line = (name: string, t: Throughput): string =>
    `${name}: ${t.wallUs} µs a paste (wall, 16 at a time), event loop busy ${t.loopBusyUs} µs, CPU ${t.cpuUs} µs (all threads)`;
  console.log(`${pastes.length} development pastes x ${rounds}, ${threads} thread(s)`);
  console.log(line('here', here));
  console.log(line('on threads', onThreads));
  console.log(
    `one 1 MB paste: the event loop held ${heldHere.join(' / ')} ms here, ${heldOnThread.join(' / ')} ms with it on a thread`,
  );
  console.log(
    JSON.stringify({
      bench: 'triage-threads',
      threads,
      here,
      onThreads,
      bigPasteHoldMs: { here: Math.min(...heldHere), onThread: Math.min(...heldOnThread) },
    }),
  );
}

void main();
