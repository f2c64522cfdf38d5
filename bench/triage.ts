/**
 * Triage accuracy and speed on the labelled dev set. Prints a readable report, then one JSON line
 * with the figures, last, for scripts: {"bench":"triage",...}.
 * Aims: intent >= 97%, code 100%, median < 0.2 ms per paste, a 1 MB paste < 50 ms.
 */
import { performance } from 'node:perf_hooks';
import { loadCatalog } from '../src/triage/catalog';
import { triage } from '../src/triage/triage';
import { DEV_SET_PATH, formatMisses, readDevSet, score } from '../test/triage/support/dev-set';

const WARM_UP_ROUNDS = 20;
const TIMED_ROUNDS = 50;
const ONE_MB_RUNS = 20;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? 0;
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/** A realistic 1 MB paste: a log with one error page in the middle of noise. */
function oneMegabytePaste(): string {
  const line =
    '2024-05-03T10:22:11.123Z INFO [TokenCache] refreshed silently for 0b1c2d3e-4f50-4172-8394-a5b6c7d8e9f0 in 42 ms\n';
  const filler = line.repeat(Math.ceil((512 * 1024) / line.length));
  const error = 'AADSTS53003: Access has been blocked by Conditional Access policies.\n';
  return (filler + error + filler).slice(0, 1024 * 1024);
}

function main(): void {
  const cases = readDevSet();
  if (cases === undefined) {
    console.log(`no dev set at ${DEV_SET_PATH}`);
    process.exitCode = 1;
    return;
  }
  const catalog = loadCatalog();
  const result = score(cases, (text) => triage(text, catalog));

  for (let i = 0; i < WARM_UP_ROUNDS; i += 1) for (const c of cases) triage(c.text, catalog);
  const times: number[] = [];
  for (let i = 0; i < TIMED_ROUNDS; i += 1) {
    for (const c of cases) {
      const start = performance.now();
      triage(c.text, catalog);
      times.push(performance.now() - start);
    }
  }
  times.sort((a, b) => a - b);

  const big = oneMegabytePaste();
  triage(big, catalog);
  const bigTimes: number[] = [];
  for (let i = 0; i < ONE_MB_RUNS; i += 1) {
    const start = performance.now();
    triage(big, catalog);
    bigTimes.push(performance.now() - start);
  }
  bigTimes.sort((a, b) => a - b);

  const figures = {
    bench: 'triage',
    intentAccuracy: round(result.intentAccuracy, 4),
    codeAccuracy: round(result.codeAccuracy, 4),
    fieldAccuracy: round(result.fieldAccuracy, 4),
    medianMs: round(percentile(times, 50), 4),
    p99Ms: round(percentile(times, 99), 4),
    oneMbMs: round(percentile(bigTimes, 50), 3),
    n: result.n,
  };

  console.log(`dev set: ${result.n} pastes, ${catalog.entries.length} catalog codes`);
  console.log(`intent accuracy ${(figures.intentAccuracy * 100).toFixed(1)}% (aim >= 97%)`);
  console.log(`code accuracy   ${(figures.codeAccuracy * 100).toFixed(1)}% (aim 100%)`);
  console.log(`field accuracy  ${(figures.fieldAccuracy * 100).toFixed(1)}%`);
  console.log(`confusion (expected -> got):\n${formatMisses(result.intentMisses) || '  none'}`);
  console.log(`code misses:\n${formatMisses(result.codeMisses) || '  none'}`);
  console.log(`field misses:\n${formatMisses(result.fieldMisses) || '  none'}`);
  console.log(
    `time per paste over ${TIMED_ROUNDS} rounds: median ${figures.medianMs} ms, p99 ${figures.p99Ms} ms (aim median < 0.2 ms)`,
  );
  console.log(`1 MB paste: ${figures.oneMbMs} ms (aim < 50 ms)`);
  console.log(JSON.stringify(figures));
}

main();
