/**
 * Measures the triage fallback model honestly before it is used: grouped cross-validation by
 * `source` (k = 5) over the development sets. For every held-out fold it reports the intent
 * accuracy of (a) triage alone, (b) the model alone, (c) triage with the model as a fallback,
 * overall, on code-less texts and on texts with a code, plus recall per intent. The fallback's
 * probability threshold is chosen inside the training folds (an inner grouped cross-validation),
 * never on the held-out fold. Triage itself was tuned on these sets, so (a) is optimistic here.
 *
 *   npx tsx scripts/cv-triage-model.ts            # the cross-validation
 *   npx tsx scripts/cv-triage-model.ts --old DIR:3  # also round 3 against an older src/triage in DIR
 *   npx tsx scripts/cv-triage-model.ts --no-cv --old DIR:3  # that alone
 *   npx tsx scripts/cv-triage-model.ts --options '{"kind":"svm"}'  # another learner's settings
 *
 * Never reads a blind set.
 */
import type { Catalog } from '../src/triage/catalog';
import { learnedDecision, type FallbackGuards } from '../src/triage/fallback';
import { classify, loadModel, type LoadedModel, type ModelGuess } from '../src/triage/model';
import { triageByRules } from '../src/triage/triage';
import type { Triage } from '../src/triage/types';
import {
  catalogTexts,
  DEFAULT_OPTIONS,
  chooseThresholds,
  groupFolds,
  isRoundFile,
  outOfFold as outOfFoldWith,
  readTrainingTexts,
  train,
  type TrainingText,
  type TrainOptions,
} from './triage-model-training';

/** The catalog's wording, added to every training fold and never held out. */
let catalogWords: TrainingText[] = [];
/** The learner's settings: the shipped ones, or changed by `--options JSON` to compare learners. */
let options: TrainOptions = DEFAULT_OPTIONS;
const fit = (texts: readonly TrainingText[]): LoadedModel =>
  loadModel(train([...texts, ...catalogWords], options));
const outOfFold = (texts: readonly TrainingText[], k: number): ModelGuess[] =>
  outOfFoldWith(texts, catalogWords, k, options);

const FOLDS = 5;
const INNER_FOLDS = 4;

/** The word-list checks the shipped gate uses: today's, or an older triage's when measuring it. */
let guards: FallbackGuards | undefined;
type Thresholds = ReturnType<typeof chooseThresholds>;
const NEVER = 2;
/**
 * How the model may change triage's answer (learnedDecision in fallback.ts). `shipped`: all three
 * uses; `fallback`: only the last-resort answer where triage found nothing (the first version);
 * `+agree`, `+question`: the fallback with one of the other two uses.
 */
export const POLICIES: Record<string, (t: Thresholds) => Thresholds> = {
  fallback: (t) => ({ ...t, agreeThreshold: NEVER, questionThreshold: NEVER }),
  '+agree': (t) => ({ ...t, questionThreshold: NEVER }),
  '+question': (t) => ({ ...t, agreeThreshold: NEVER }),
  shipped: (t) => t,
};

function combineAll(
  t: Triage,
  text: string,
  guess: ModelGuess,
  chosen: Thresholds,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, policy] of Object.entries(POLICIES)) {
    out[name] = learnedDecision(t, text, guess, policy(chosen), guards) ?? t.intent;
  }
  return out;
}

interface Tally {
  right: number;
  n: number;
}
const pct = (t: Tally): string =>
  `${((100 * t.right) / Math.max(1, t.n)).toFixed(1)}% (${t.right}/${t.n})`;

function tally(
  texts: readonly TrainingText[],
  got: readonly string[],
  keep: (t: TrainingText) => boolean,
): Tally {
  let right = 0;
  let n = 0;
  texts.forEach((t, i) => {
    if (!keep(t)) return;
    n += 1;
    if (got[i] === t.intent) right += 1;
  });
  return { right, n };
}

function report(
  name: string,
  texts: readonly TrainingText[],
  columns: Record<string, string[]>,
): void {
  console.log(`\n== ${name}`);
  const slices: Record<string, (t: TrainingText) => boolean> = {
    all: () => true,
    'code-less': (t) => t.codes.length === 0,
    'code-less pastes': (t) => t.codes.length === 0 && t.intent !== 'question',
    'with a code': (t) => t.codes.length > 0,
  };
  for (const [slice, keep] of Object.entries(slices)) {
    const cells = Object.entries(columns).map(([c, got]) => `${c} ${pct(tally(texts, got, keep))}`);
    console.log(`${slice.padEnd(17)} ${cells.join('  |  ')}`);
  }
  const base = columns.triage ?? [];
  for (const [c, got] of Object.entries(columns)) {
    if (c === 'triage' || c === 'model') continue;
    let fixed = 0;
    let broke = 0;
    texts.forEach((t, i) => {
      if (got[i] === base[i]) return;
      if (got[i] === t.intent) fixed += 1;
      if (base[i] === t.intent) broke += 1;
    });
    console.log(
      `${c}: changed triage's answer on ${fixed + broke}+ texts: ${fixed} fixed, ${broke} broken`,
    );
  }
  console.log('recall per intent:');
  const intents = [...new Set(texts.map((t) => t.intent))].sort();
  for (const intent of intents) {
    const cells = Object.entries(columns).map(
      ([c, got]) => `${c} ${pct(tally(texts, got, (t) => t.intent === intent))}`,
    );
    console.log(`  ${intent.padEnd(25)} ${cells.join('  |  ')}`);
  }
}

type TriageFn = (text: string) => Triage;

/** Grouped k-fold over `texts`: per text, triage, the model and each combination. */
function crossValidate(texts: readonly TrainingText[], run: TriageFn): Record<string, string[]> {
  const triaged = texts.map((t) => run(t.text));
  const fold = groupFolds(texts, FOLDS);
  const columns: Record<string, string[]> = { triage: triaged.map((t) => t.intent), model: [] };
  for (let f = 0; f < FOLDS; f += 1) {
    const trainIdx = texts.map((_, i) => i).filter((i) => fold[i] !== f);
    const trainTexts = trainIdx.map((i) => texts[i] as TrainingText);
    const inner = outOfFold(trainTexts, INNER_FOLDS);
    // The question threshold is measured where that use can act: on the rules' answers.
    const chosen = chooseThresholds(
      trainTexts,
      inner,
      trainIdx.map((i) => triaged[i] as Triage),
    );
    const fitted = fit(trainTexts);
    console.log(
      `fold ${f + 1}: ${texts.length - trainIdx.length} held out; thresholds ${JSON.stringify(chosen)}`,
    );
    texts.forEach((t, i) => {
      if (fold[i] !== f) return;
      const guess = classify(t.text, fitted);
      (columns.model as string[])[i] = guess.intent;
      for (const [name, got] of Object.entries(
        combineAll(triaged[i] as Triage, t.text, guess, chosen),
      )) {
        columns[name] ??= new Array<string>(texts.length);
        (columns[name] as string[])[i] = got;
      }
    });
  }
  return columns;
}

/**
 * A later development round measured as it first was: triage as it stood before the round was
 * collected (an older src/triage in `dir`) and a model trained on every other development file,
 * so neither has seen the round.
 */
async function unseenRound(dir: string, round: string): Promise<void> {
  const old = (await import(`${dir}/triage`)) as { triage: TriageFn; triageByRules?: TriageFn };
  // The catalog as it stood then: later phrases may have been written from this round.
  const oldCatalog = (await import(`${dir}/catalog.ts`)) as { loadCatalog: () => Catalog };
  catalogWords = catalogTexts(oldCatalog.loadCatalog());
  // Its own vendor and chat checks, as they stood then (chat had no check before round 2).
  const signals = (await import(`${dir}/signals.ts`)) as Omit<FallbackGuards, 'isEverydayChatter'>;
  const chatter = (await import(`${dir}/chatter.ts`).catch(() => ({}))) as Partial<FallbackGuards>;
  guards = {
    isOtherVendorText: signals.isOtherVendorText,
    isOtherServiceMessage: signals.isOtherServiceMessage,
    isEverydayChatter: chatter.isEverydayChatter ?? (() => false),
  };
  const isRound = (file: string): boolean => isRoundFile(file, round);
  const everything = readTrainingTexts();
  const before = everything.filter((t) => !isRound(t.file));
  // A round the model is not trained on (not in PASTE_FILES) is read from its own files.
  const listed = everything.filter((t) => isRound(t.file));
  const unseen =
    listed.length > 0
      ? listed
      : readTrainingTexts([`dev-round${round}.jsonl`], [`dev-round${round}-questions.jsonl`]);
  // Where the question use could act, by that triage's own rules (before it had a model, its
  // whole answer).
  const rulesThen = old.triageByRules ?? old.triage;
  const chosen = chooseThresholds(
    before,
    outOfFold(before, FOLDS),
    before.map((t) => rulesThen(t.text)),
  );
  console.log(`\nround ${round}: thresholds chosen on the other files ${JSON.stringify(chosen)}`);
  const fitted = fit(before);
  const columns: Record<string, string[]> = { triage: [], model: [] };
  for (const t of unseen) {
    const triaged = old.triage(t.text);
    const guess = classify(t.text, fitted);
    (columns.triage as string[]).push(triaged.intent);
    (columns.model as string[]).push(guess.intent);
    for (const [name, got] of Object.entries(combineAll(triaged, t.text, guess, chosen))) {
      (columns[name] ??= []).push(got);
    }
  }
  report(`dev round ${round}, unseen by the triage in ${dir} and by the model`, unseen, columns);
}

async function main(): Promise<void> {
  const texts = readTrainingTexts();
  console.log(
    `${texts.length} development texts, ${new Set(texts.map((t) => t.source)).size} sources`,
  );
  catalogWords = catalogTexts();
  guards = undefined;
  const at = process.argv.indexOf('--options');
  if (at >= 0)
    options = { ...DEFAULT_OPTIONS, ...(JSON.parse(process.argv[at + 1] ?? '{}') as object) };
  if (!process.argv.includes('--no-cv')) {
    report(
      'grouped 5-fold by source, current triage',
      texts,
      crossValidate(texts, (s) => triageByRules(s)),
    );
  }
  // --old DIR:ROUND (repeatable): an older src/triage and the round it had not seen.
  process.argv.forEach((arg, i) => {
    if (arg !== '--old') return;
    const [dir, round] = (process.argv[i + 1] ?? '').split(':');
    if (dir !== undefined && round !== undefined) pending.push(() => unseenRound(dir, round));
  });
  for (const run of pending) await run();
}
const pending: (() => Promise<void>)[] = [];

void main();
