/**
 * Rounds 3 to 14 split into two halves by a stable hash of each item's source (sha1, first byte
 * even: half A, odd: half B), so a change tuned on half A can be checked on half B. Per half:
 * intent accuracy on the pastes, code accuracy on the pastes that carry codes (codes and deciding code),
 * question recall, and pastes wrongly called questions.
 * `--show-a` lists half A's misses; `--show-b` lists half B's. Until round 13 only half A was ever
 * listed and half B only counted; from this session on (issue #9, "Halves B as a tuning pool" in
 * docs/triage-model.md) half B is tuned on too, so its figures are in-sample from then on and only
 * fresh rounds and the blind sets measure unseen text. `--only r7` limits the listing to one round.
 * `--rules` scores triage by its rules alone (`triageByRules`, no learned model).
 * Run: npx tsx bench/triage-halves.ts [--show-a] [--show-b] [--only r7] [--rules]
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadCatalog } from '../src/triage/catalog';
import { triage as shipped, triageByRules } from '../src/triage/triage';
import {
  DEV_ROUND3_PATH,
  DEV_ROUND3_QUESTIONS_PATH,
  DEV_ROUND4_PATH,
  DEV_ROUND4_QUESTIONS_PATH,
  DEV_ROUND5A_PATH,
  DEV_ROUND5A_QUESTIONS_PATH,
  DEV_ROUND5B_PATH,
  DEV_ROUND5B_QUESTIONS_PATH,
  DEV_ROUND6_PATH,
  DEV_ROUND6_QUESTIONS_PATH,
  DEV_ROUND7_PATH,
  DEV_ROUND7_QUESTIONS_PATH,
  DEV_ROUND8_PATH,
  DEV_ROUND8_QUESTIONS_PATH,
  DEV_ROUND9_PATH,
  DEV_ROUND9_QUESTIONS_PATH,
  DEV_ROUND10_PATH,
  DEV_ROUND10_QUESTIONS_PATH,
  DEV_ROUND11_PATH,
  DEV_ROUND12_PATH,
  DEV_ROUND12_QUESTIONS_PATH,
  DEV_ROUND13_PATH,
  DEV_ROUND13_QUESTIONS_PATH,
  DEV_ROUND14_PATH,
  DEV_ROUND14_QUESTIONS_PATH,
  DEV_ROUND15_PATH,
  DEV_ROUND15_QUESTIONS_PATH,
  DEV_ROUND16_PATH,
  DEV_ROUND16_QUESTIONS_PATH,
  DEV_ROUND17_PATH,
  DEV_ROUND17_QUESTIONS_PATH,
  DEV_ROUND18_PATH,
  DEV_ROUND18_QUESTIONS_PATH,
} from '../test/triage/support/dev-set';

interface Raw {
  id: string;
  source?: string;
  text: string;
  intent?: string;
  code?: number;
  codes?: number[];
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
  ['r6', DEV_ROUND6_PATH, DEV_ROUND6_QUESTIONS_PATH],
  ['r7', DEV_ROUND7_PATH, DEV_ROUND7_QUESTIONS_PATH],
  ['r8', DEV_ROUND8_PATH, DEV_ROUND8_QUESTIONS_PATH],
  ['r9', DEV_ROUND9_PATH, DEV_ROUND9_QUESTIONS_PATH],
  ['r10', DEV_ROUND10_PATH, DEV_ROUND10_QUESTIONS_PATH],
  ['r11', DEV_ROUND11_PATH, undefined],
  ['r12', DEV_ROUND12_PATH, DEV_ROUND12_QUESTIONS_PATH],
  ['r13', DEV_ROUND13_PATH, DEV_ROUND13_QUESTIONS_PATH],
  ['r14', DEV_ROUND14_PATH, DEV_ROUND14_QUESTIONS_PATH],
  ['r15', DEV_ROUND15_PATH, DEV_ROUND15_QUESTIONS_PATH],
  ['r16', DEV_ROUND16_PATH, DEV_ROUND16_QUESTIONS_PATH],
  ['r17', DEV_ROUND17_PATH, DEV_ROUND17_QUESTIONS_PATH],
  ['r18', DEV_ROUND18_PATH, DEV_ROUND18_QUESTIONS_PATH],
] as const;
const shown = new Set<'A' | 'B'>(
  (['A', 'B'] as const).filter((h) => process.argv.includes(`--show-${h.toLowerCase()}`)),
);
const triage = process.argv.includes('--rules') ? triageByRules : shipped;
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
const how = (r: ReturnType<typeof triage>): string =>
  `${r.matchedBy === undefined ? '' : ` by ${r.matchedBy}`}${r.unsure === undefined ? '' : ` lead ${r.unsure.intent} ${r.unsure.score.toFixed(2)}`}`;
const line = (text: string): string => text.slice(0, 400).replace(/\n/g, ' / ');

interface Row {
  e: number;
  eok: number;
  q: number;
  qok: number;
  eq: number;
  c: number;
  cok: number;
}
const empty = (): Row => ({ e: 0, eok: 0, q: 0, qok: 0, eq: 0, c: 0, cok: 0 });
const pct = (n: number, d: number): string => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`);
const tot = { A: empty(), B: empty() };
for (const [name, casesPath, questionsPath] of sets) {
  const row = { A: empty(), B: empty() };
  const listing = only === undefined || only === name;
  const show = (h: 'A' | 'B'): boolean => listing && shown.has(h);
  for (const c of questionsPath === undefined ? [] : read(questionsPath)) {
    const h = half(c.source ?? c.id);
    const r = triage(c.text, catalog);
    row[h].q++;
    if (r.intent === 'question') row[h].qok++;
    else if (show(h))
      console.log(`${h}-QMISS ${name} ${c.id} got ${r.intent}${how(r)}\n  ${line(c.text)}`);
  }
  for (const c of read(casesPath)) {
    if (c.intent === 'question') continue;
    const h = half(c.source ?? c.id);
    const r = triage(c.text, catalog);
    row[h].e++;
    if (r.intent === c.intent) row[h].eok++;
    else if (show(h))
      console.log(
        `${h}-MISS ${name} ${c.id} expected ${c.intent} got ${r.intent}${how(r)}\n  ${line(c.text)}`,
      );
    if (r.intent === 'question') row[h].eq++;
    // As in the benchmark: a paste with codes counts when its codes, in order, and its deciding
    // code (when labelled) are both right.
    if (c.codes === undefined || c.codes.length === 0) continue;
    row[h].c++;
    const sameCodes = JSON.stringify(r.codes) === JSON.stringify(c.codes);
    if (sameCodes && (c.code === undefined || r.code === c.code)) row[h].cok++;
    else if (show(h))
      console.log(
        `${h}-CODEMISS ${name} ${c.id} expected ${c.code} ${JSON.stringify(c.codes)} got ${r.code} ${JSON.stringify(r.codes)}\n  ${line(c.text)}`,
      );
  }
  for (const h of ['A', 'B'] as const) {
    for (const k of ['e', 'eok', 'q', 'qok', 'eq', 'c', 'cok'] as const) tot[h][k] += row[h][k];
    const x = row[h];
    console.log(
      `${name} half ${h}: intent ${x.eok}/${x.e} ${pct(x.eok, x.e)}, code ${x.cok}/${x.c}, questions ${x.qok}/${x.q}, pastes called question ${x.eq}/${x.e}`,
    );
  }
}
for (const h of ['A', 'B'] as const) {
  const x = tot[h];
  console.log(
    `TOTAL half ${h}: intent ${x.eok}/${x.e} ${pct(x.eok, x.e)}, code ${x.cok}/${x.c} ${pct(x.cok, x.c)}, questions ${x.qok}/${x.q} ${pct(x.qok, x.q)}, pastes called question ${x.eq}/${x.e} ${pct(x.eq, x.e)}`,
  );
}
