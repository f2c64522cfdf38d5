/**
 * How far "That's not it" takes a person whose paste triage misread: for every labelled paste
 * that triage reads wrongly from its words alone (the card then offers the button), whether the
 * right problem can be chosen at all, whether it is among the choice card's leads (what the paste
 * showed, then triage's runners-up) and whether it is the first of them. Also the sign-in errors
 * read as no sign-in error at all, whose card offers "It is a sign-in problem" unless the text is
 * taken for small talk or everyday chat, and how often texts that are none get that button too. Development pastes and
 * each blind set apart; the blind sets are reported as totals only, never paste by paste, and
 * nothing here is tuned on them.
 *
 *   tsx bench/triage-corrections.ts
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { unrelatedCardData } from '../cards/triage/unrelated';
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
  /** Sign-in errors read as no sign-in error, answered by the unrelated card (no weak lead). */
  readAsNothing: number;
  /** ... whose card offers "It is a sign-in problem" (not taken for small talk or chat). */
  nothingOffered: number;
  /** Texts that really are no sign-in error whose card offers it all the same. */
  unrelatedOffered: number;
  unrelatedTexts: number;
}

function tally(cases: readonly DevCase[]): Tally {
  const catalog = loadCatalog();
  const t: Tally = {
    pastes: 0,
    misread: 0,
    offered: 0,
    choosable: 0,
    inLeads: 0,
    firstLead: 0,
    readAsNothing: 0,
    nothingOffered: 0,
    unrelatedOffered: 0,
    unrelatedTexts: 0,
  };
  for (const c of cases) {
    t.pastes += 1;
    const read = triage(c.text, catalog);
    // The unrelated card (bot/routes/messages.ts): a weak lead gets the unsure card instead.
    const unrelatedCard = read.intent === 'unrelated' && read.unsure === undefined;
    const button = unrelatedCard && unrelatedCardData(c.text, read).notIt !== undefined;
    if (c.intent === 'unrelated') {
      t.unrelatedTexts += 1;
      if (button) t.unrelatedOffered += 1;
    } else if (isChoosable(c.intent) && unrelatedCard) {
      t.readAsNothing += 1;
      if (button) t.nothingOffered += 1;
    }
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
  return `${name}: ${t.pastes} pastes, ${t.misread} misread; "That's not it" offered on ${t.offered}; the right problem choosable on ${t.choosable}, among the leads on ${t.inLeads}, the first lead on ${t.firstLead}; read as no sign-in error (unrelated card) ${t.readAsNothing}, "It is a sign-in problem" offered on ${t.nothingOffered}; offered on ${t.unrelatedOffered} of ${t.unrelatedTexts} texts that are none`;
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
