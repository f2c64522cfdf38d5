/**
 * Time of triage on code-less pastes, this tree against another copy of src/triage (by default
 * main's in .artifacts/main, see bench/triage-equivalence.ts), the two run alternately in one
 * process so the machine's load falls on both alike. Two sets: the pastes of the load bench's
 * triage-only turns (dev-set.jsonl labelled unrelated) and every development paste that carries
 * no code (dev-*.jsonl, never the blind sets). Prints the median and spread of µs a paste over
 * the rounds, and the load average.
 *   npx tsx bench/triage-codeless.ts [--against <dir>] [--rounds N] [--only here|other] [--cold [MB]]
 *   --cold: before each paste, walk an array of MB megabytes (8 by default) so triage's tables are
 *   read from cold caches, as in a turn after the rest of the turn has run; only the paste is timed.
 *   [--profile-loop S [--profile-set codeless]]: only run this tree's triage over the triage-only
 *   (or all code-less) pastes for S seconds, for `node --cpu-prof --import tsx`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCatalog } from '../src/triage/catalog';
import { triage } from '../src/triage/triage';
import type { Triage } from '../src/triage/types';

const FIXTURES = join(__dirname, '..', 'test', 'fixtures', 'triage');
const argv = process.argv.slice(2);
const option = (name: string): string | undefined =>
  argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined;
const against = resolve(option('--against') ?? '.artifacts/main');
const rounds = Number(option('--rounds') ?? 30);

interface Case {
  text: string;
  intent?: string;
}

function read(name: string): Case[] {
  return readFileSync(join(FIXTURES, name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Case)
    .filter((c) => typeof c.text === 'string');
}

type Run = (text: string) => Triage;

const coldAt = argv.indexOf('--cold');
const coldMb = coldAt < 0 ? 0 : Number(/^\d+$/.test(argv[coldAt + 1] ?? '') ? argv[coldAt + 1] : 8);
const flushArray = new Int32Array((coldMb * 1024 * 1024) / 4);
let flushSum = 0;

/** Touches every cache line of the flush array (one write each, so lines are evicted dirty). */
function flush(): void {
  for (let i = 0; i < flushArray.length; i += 16) {
    flushArray[i] = (flushArray[i] ?? 0) + 1;
    flushSum += flushArray[i] ?? 0;
  }
}

function timeSet(run: Run, texts: readonly string[]): number {
  if (coldMb === 0) {
    const start = performance.now();
    for (const text of texts) run(text);
    return ((performance.now() - start) * 1000) / texts.length;
  }
  let total = 0;
  for (const text of texts) {
    flush();
    const start = performance.now();
    run(text);
    total += performance.now() - start;
  }
  return (total * 1000) / texts.length;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

async function main(): Promise<void> {
  const catalog = loadCatalog();
  const here: Run = (text) => triage(text, catalog);
  const triageOnly = read('dev-set.jsonl')
    .filter((c) => c.intent === 'unrelated')
    .map((c) => c.text);
  const all = readdirSync(FIXTURES)
    .filter((n) => n.startsWith('dev-') && n.endsWith('.jsonl'))
    .sort()
    .flatMap(read)
    .map((c) => c.text);
  const codeless = all.filter((text) => here(text).codes.length === 0);

  const seconds = option('--profile-loop');
  if (seconds !== undefined) {
    const until = performance.now() + Number(seconds) * 1000;
    let n = 0;
    const texts = option('--profile-set') === 'codeless' ? codeless : triageOnly;
    while (performance.now() < until)
      for (const text of texts) {
        if (coldMb > 0) flush();
        n += here(text).codes.length;
      }
    console.log(`looped (${n})`);
    return;
  }

  const old = (await import(join(against, 'src', 'triage', 'triage.ts'))) as {
    triage: (text: string, catalog?: unknown) => Triage;
  };
  const oldCatalog = (
    (await import(join(against, 'src', 'triage', 'catalog.ts'))) as {
      loadCatalog: () => unknown;
    }
  ).loadCatalog();
  const other: Run = (text) => old.triage(text, oldCatalog);
  const only = option('--only');
  const runs: Array<[string, Run]> = [
    ['here', here],
    ['other', other],
  ];
  const chosen = runs.filter(([name]) => only === undefined || name === only);
  const sets: Array<[string, readonly string[]]> = [
    [`triage-only pastes (${triageOnly.length})`, triageOnly],
    [`code-less dev pastes (${codeless.length})`, codeless],
  ];
  const load = os.loadavg()[0]?.toFixed(2);
  // Warm-up: each copy over each set a few times.
  for (let i = 0; i < 5; i += 1)
    for (const [, run] of chosen) for (const [, t] of sets) timeSet(run, t);
  const times = new Map<string, number[]>();
  for (let r = 0; r < rounds; r += 1) {
    // Alternate which copy goes first, so neither always runs after the other's garbage.
    const order = r % 2 === 0 ? chosen : [...chosen].reverse();
    for (const [setName, texts] of sets) {
      for (const [name, run] of order) {
        const key = `${setName} ${name}`;
        const list = times.get(key) ?? [];
        list.push(timeSet(run, texts));
        times.set(key, list);
      }
    }
  }
  console.log(
    `load average ${load} before, ${os.loadavg()[0]?.toFixed(2)} after; ${rounds} rounds` +
      (coldMb > 0 ? `; cold: ${coldMb} MB walked before each paste (${flushSum > 0})` : '; warm'),
  );
  for (const [setName] of sets) {
    const line = chosen.map(([name]) => {
      const list = times.get(`${setName} ${name}`) ?? [];
      const s = [...list].sort((a, b) => a - b);
      return `${name} ${median(list).toFixed(1)} µs (${(s[0] ?? 0).toFixed(1)}–${(s[s.length - 1] ?? 0).toFixed(1)})`;
    });
    const ratio =
      chosen.length === 2
        ? `, other/here ${(median(times.get(`${setName} other`) ?? []) / median(times.get(`${setName} here`) ?? [])).toFixed(2)}`
        : '';
    console.log(`${setName}: ${line.join(', ')}${ratio}`);
  }
}

void main();
