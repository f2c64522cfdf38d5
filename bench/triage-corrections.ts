/**
 * How far "That's not it" takes a person whose paste triage misread: for every labelled paste
 * that triage reads wrongly from its words alone (the card then offers the button), whether the
 * right problem can be chosen at all, whether it is among the choice card's leads (what the paste
 * showed, then triage's runners-up) and whether it is the first of them. Development pastes and
 * each blind set apart; the blind sets are reported as totals only, never paste by paste, and
 * nothing here is tuned on them.
 *
 *   tsx bench/triage-corrections.ts
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../src/triage/catalog';
import { correctionLeads, isChoosable, readFromWordsAlone } from '../src/triage/correction';
import { triage } from '../src/triage/triage';
import { blindSets, readDevSet, type DevCase } from '../test/triage/support/dev-set';

const FIXTURES = join(__dirname, '../test/fixtures/triage');

interface Tally {
  pastes: number;
  misread: number;
  /** Misread from words alone: the card offers "That's not it". */
  offered: number;
  /** ... and the right problem is one a person can choose. */
  choosable: number;
  inLeads: number;
  firstLead: number;
}

function tally(cases: readonly DevCase[]): Tally {
  const catalog = loadCatalog();
  const t: Tally = { pastes: 0, misread: 0, offered: 0, choosable: 0, inLeads: 0, firstLead: 0 };
  for (const c of cases) {
    t.pastes += 1;
    const read = triage(c.text, catalog);
    if (read.intent === c.intent) continue;
    t.misread += 1;
    if (!readFromWordsAlone(read)) continue;
    t.offered += 1;
    if (!isChoosable(c.intent)) continue;
    t.choosable += 1;
    const leads: string[] = correctionLeads(read);
    if (leads.includes(c.intent)) t.inLeads += 1;
    if (leads[0] === c.intent) t.firstLead += 1;
  }
  return t;
}

function line(name: string, t: Tally): string {
  return `${name}: ${t.pastes} pastes, ${t.misread} misread; "That's not it" offered on ${t.offered}; the right problem choosable on ${t.choosable}, among the leads on ${t.inLeads}, the first lead on ${t.firstLead}`;
}

function main(): void {
  const devFiles = readdirSync(FIXTURES)
    .filter((f) => /^dev-.+\.jsonl$/.test(f) && !f.endsWith('-questions.jsonl'))
    .sort();
  const dev = devFiles.flatMap((f) => readDevSet(join(FIXTURES, f)) ?? []);
  const results: Record<string, Tally> = { dev: tally(dev) };
  process.stdout.write(`${line(`development (${devFiles.length} files)`, results.dev)}\n`);
  for (const set of blindSets(FIXTURES)) {
    results[set.name] = tally(readDevSet(set.casesPath) ?? []);
    process.stdout.write(`${line(set.name, results[set.name])}\n`);
  }
  process.stdout.write(`${JSON.stringify({ bench: 'triage-corrections', ...results })}\n`);
}

main();
