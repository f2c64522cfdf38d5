/**
 * Question recall and errors wrongly called questions on rounds 3, 4, 5a and 5b, split into two
 * halves by a stable hash of each item's source (sha1, first byte even: half A, odd: half B), so a
 * change tuned on half A can be checked on half B. `--show-a` lists half A's misses (never B's).
 * Run: npx tsx bench/triage-halves.ts [--show-a]
 */
import { createHash } from 'node:crypto';
import { loadCatalog } from '../src/triage/catalog';
import { triage } from '../src/triage/triage';
import {
  DEV_ROUND3_PATH,
  DEV_ROUND3_QUESTIONS_PATH,
  DEV_ROUND4_PATH,
  DEV_ROUND4_QUESTIONS_PATH,
  DEV_ROUND5A_PATH,
  DEV_ROUND5A_QUESTIONS_PATH,
  DEV_ROUND5B_PATH,
  DEV_ROUND5B_QUESTIONS_PATH,
} from '../test/triage/support/dev-set';
import { readFileSync } from 'node:fs';
interface Raw {
  id: string;
  source?: string;
  text: string;
  intent?: string;
}
const read = (path: string): Raw[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Raw);
const half = (source: string): 'A' | 'B' =>
  (createHash('sha1').update(source).digest()[0]! & 1) === 0 ? 'A' : 'B';
const catalog = loadCatalog();
const sets = [
  ['r3', DEV_ROUND3_PATH, DEV_ROUND3_QUESTIONS_PATH],
  ['r4', DEV_ROUND4_PATH, DEV_ROUND4_QUESTIONS_PATH],
  ['r5a', DEV_ROUND5A_PATH, DEV_ROUND5A_QUESTIONS_PATH],
  ['r5b', DEV_ROUND5B_PATH, DEV_ROUND5B_QUESTIONS_PATH],
] as const;
const showA = process.argv.includes('--show-a');
const tot = { A: { q: 0, qh: 0, e: 0, eq: 0 }, B: { q: 0, qh: 0, e: 0, eq: 0 } };
for (const [name, cp, qp] of sets) {
  const row = { A: { q: 0, qh: 0, e: 0, eq: 0 }, B: { q: 0, qh: 0, e: 0, eq: 0 } };
  for (const c of read(qp)) {
    const h = half(c.source ?? c.id);
    const r = triage(c.text, catalog);
    row[h].q++;
    if (r.intent === 'question') row[h].qh++;
    else if (h === 'A' && showA)
      console.log(
        `A-QMISS ${name} ${c.id} got ${r.intent}\n  ${c.text.slice(0, 600).replace(/\n/g, ' / ')}`,
      );
  }
  for (const c of read(cp)) {
    if (c.intent === 'question') continue;
    const h = half(c.source ?? c.id);
    const r = triage(c.text, catalog);
    row[h].e++;
    if (r.intent === 'question') {
      row[h].eq++;
      if (h === 'A' && showA)
        console.log(`A-WRONGQ ${name} ${c.id}\n  ${c.text.slice(0, 400).replace(/\n/g, ' / ')}`);
    }
  }
  for (const h of ['A', 'B'] as const) {
    tot[h].q += row[h].q;
    tot[h].qh += row[h].qh;
    tot[h].e += row[h].e;
    tot[h].eq += row[h].eq;
    console.log(
      `${name} half ${h}: questions ${row[h].qh}/${row[h].q}, errors called question ${row[h].eq}/${row[h].e}`,
    );
  }
}
for (const h of ['A', 'B'] as const)
  console.log(
    `TOTAL half ${h}: questions ${tot[h].qh}/${tot[h].q} = ${((100 * tot[h].qh) / tot[h].q).toFixed(1)}%, errors called question ${tot[h].eq}/${tot[h].e} = ${((100 * tot[h].eq) / tot[h].e).toFixed(1)}%`,
  );
