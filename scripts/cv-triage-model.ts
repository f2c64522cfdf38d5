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
 *   npx tsx scripts/cv-triage-model.ts --no-cv --leave-round-out  # each round held out in turn,
 *     trained with and without the rounds training leaves out (ROUNDS_LEFT_OUT); more variants:
 *     --rounds 2,7,14  --add 14 --add 12,13  --targets 0.85,0.7,0.98  --show (see leaveRoundOut)
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
  developmentFiles,
  groupFolds,
  isRoundFile,
  roundOfFile,
  ROUNDS_LEFT_OUT,
  rulesAnswers,
  SHIPPED_TARGETS,
  type PrecisionTargets,
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

/** The rounds held out in turn by --leave-round-out unless `--rounds` lists others. */
const LEAVE_OUT_ROUNDS = ['2', '7', '8', '9', '10', '11', '12', '13', '14'];

/** Right answers on one held-out round, by the rules or with the model's say. */
interface RoundScore {
  pastes: Tally;
  questions: Tally;
  /** Pastes answered `question`. */
  calledQuestions: number;
  /** Texts whose answer the model changed from wrong to right, and from right to wrong. */
  fixed: number;
  broken: number;
  /** Texts it changed from one wrong answer to another (a guess where triage said nothing). */
  moved: number;
  /** The model alone: texts of the round whose intent it names (0 for the rules). */
  model: number;
}

function score(texts: readonly TrainingText[], got: readonly string[], rules: readonly string[]) {
  const s: RoundScore = {
    pastes: tally(texts, got, (t) => t.intent !== 'question'),
    questions: tally(texts, got, (t) => t.intent === 'question'),
    calledQuestions: texts.filter((t, i) => t.intent !== 'question' && got[i] === 'question')
      .length,
    fixed: 0,
    broken: 0,
    moved: 0,
    model: 0,
  };
  texts.forEach((t, i) => {
    if (got[i] === rules[i]) return;
    if (got[i] === t.intent) s.fixed += 1;
    else if (rules[i] === t.intent) s.broken += 1;
    else s.moved += 1;
  });
  return s;
}

const addScores = (a: RoundScore, b: RoundScore): RoundScore => ({
  pastes: { right: a.pastes.right + b.pastes.right, n: a.pastes.n + b.pastes.n },
  questions: { right: a.questions.right + b.questions.right, n: a.questions.n + b.questions.n },
  calledQuestions: a.calledQuestions + b.calledQuestions,
  fixed: a.fixed + b.fixed,
  broken: a.broken + b.broken,
  moved: a.moved + b.moved,
  model: a.model + b.model,
});
const ZERO: RoundScore = {
  pastes: { right: 0, n: 0 },
  questions: { right: 0, n: 0 },
  calledQuestions: 0,
  fixed: 0,
  broken: 0,
  moved: 0,
  model: 0,
};
const line = (s: RoundScore): string =>
  `intent ${s.pastes.right}/${s.pastes.n}, questions ${s.questions.right}/${s.questions.n}, ` +
  `pastes called questions ${s.calledQuestions}, fixed ${s.fixed}, broken ${s.broken}, moved ${s.moved}` +
  (s.model > 0 ? `; model alone ${s.model}` : '');

/**
 * Leave one round out: for each held-out dev round R, the model is trained on every other
 * development file (and the catalog's wording), once per variant: with the rounds training leaves
 * out (ROUNDS_LEFT_OUT) still out, or with some of them added back (`--add 12,13,14`, repeatable;
 * `--add none` is training as it ships), and with the precision targets that choose the thresholds
 * (`--targets LAST,AGREE,QUESTION`, repeatable; default the shipped 0.9, 0.8, 0.98). R itself and
 * any text sharing a source with it are never trained on; thresholds are chosen on the training
 * side only (grouped 5-fold, the question one where its use acts by today's rules). On R, today's
 * rules (`triageByRules`) against the shipped decision (`learnedDecision` over them). The rules
 * were tuned on every round up to 13, so there the model's fixed and broken counts are the honest
 * part; round 14 was tuned on by no one.
 */
function leaveRoundOut(argv: readonly string[]): void {
  const listed = (flag: string): string[][] =>
    argv.flatMap((arg, i) => (arg === flag ? [(argv[i + 1] ?? '').split(',')] : []));
  const heldOut = listed('--rounds')[0] ?? LEAVE_OUT_ROUNDS;
  const leftOutRounds = [...new Set([...ROUNDS_LEFT_OUT].map((f) => roundOfFile(f) ?? ''))];
  const adds = listed('--add').map((a) => a.filter((r) => r !== 'none'));
  if (adds.length === 0) adds.push([], leftOutRounds);
  const targetsList: PrecisionTargets[] = listed('--targets').map(
    ([threshold, agree, question]) => ({
      threshold: Number(threshold ?? SHIPPED_TARGETS.threshold),
      agree: Number(agree ?? SHIPPED_TARGETS.agree),
      question: Number(question ?? SHIPPED_TARGETS.question),
    }),
  );
  if (targetsList.length === 0) targetsList.push(SHIPPED_TARGETS);
  const show = argv.includes('--show');

  const { pasteFiles, questionFiles } = developmentFiles(new Set());
  const everything = readTrainingTexts(pasteFiles, questionFiles);
  const rules = rulesAnswers(everything);
  const variants = adds.flatMap((add) =>
    targetsList.map((targets) => ({
      add,
      targets,
      name:
        `${add.length === 0 ? 'as shipped' : `+${add.join(',')}`}` +
        (targets === SHIPPED_TARGETS ? '' : ` targets ${Object.values(targets).join('/')}`),
    })),
  );
  const totals = new Map<string, RoundScore>();
  const total = (key: string, s: RoundScore): void => {
    totals.set(key, addScores(totals.get(key) ?? ZERO, s));
  };
  console.log(`\n== leave one round out (${everything.length} development texts in all)`);
  for (const round of heldOut) {
    const held = everything.map((t, i) => i).filter((i) => isRoundFile(everything[i]!.file, round));
    const heldTexts = held.map((i) => everything[i]!);
    const heldSources = new Set(heldTexts.map((t) => t.source));
    const heldRules = held.map((i) => rules[i]!.intent);
    const byRules = score(heldTexts, heldRules, heldRules);
    console.log(`\nround ${round} (${heldTexts.length} texts): rules alone ${line(byRules)}`);
    for (const scope of ['all', round === '14' ? 'r14' : 'r<=13']) total(`${scope}|rules`, byRules);
    for (const add of adds) {
      const trainIdx = everything
        .map((_, i) => i)
        .filter((i) => {
          const t = everything[i]!;
          const r = roundOfFile(t.file);
          if (r === round || heldSources.has(t.source)) return false;
          return !ROUNDS_LEFT_OUT.has(t.file) || (r !== undefined && add.includes(r));
        });
      const trainTexts = trainIdx.map((i) => everything[i]!);
      const trainRules = trainIdx.map((i) => rules[i]!);
      const inner = outOfFold(trainTexts, FOLDS);
      const fitted = fit(trainTexts);
      const guesses = heldTexts.map((t) => classify(t.text, fitted));
      for (const v of variants.filter((x) => x.add === add)) {
        const chosen = chooseThresholds(trainTexts, inner, trainRules, v.targets);
        const got = heldTexts.map(
          (t, k) => learnedDecision(rules[held[k]!]!, t.text, guesses[k]!, chosen) ?? heldRules[k]!,
        );
        const s = score(heldTexts, got, heldRules);
        s.model = heldTexts.filter((t, k) => guesses[k]!.intent === t.intent).length;
        const th = `${chosen.threshold}/${chosen.agreeThreshold}/${chosen.questionThreshold}`;
        console.log(`  ${v.name.padEnd(34)} (${trainTexts.length} trained, ${th}): ${line(s)}`);
        for (const scope of ['all', round === '14' ? 'r14' : 'r<=13'])
          total(`${scope}|${v.name}`, s);
        if (!show) continue;
        heldTexts.forEach((t, k) => {
          if (got[k] === heldRules[k]) return;
          const verdict =
            got[k] === t.intent ? 'fixed' : heldRules[k] === t.intent ? 'broken' : 'moved';
          console.log(`    ${verdict} ${t.id} (${t.intent}): ${heldRules[k]} -> ${got[k]}`);
        });
      }
    }
  }
  console.log('\n== totals over the held-out rounds');
  for (const scope of ['all', 'r<=13', 'r14']) {
    for (const name of ['rules', ...variants.map((v) => v.name)]) {
      const s = totals.get(`${scope}|${name}`);
      if (s !== undefined) console.log(`${scope.padEnd(6)} ${name.padEnd(34)} ${line(s)}`);
    }
  }
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
  if (process.argv.includes('--leave-round-out')) leaveRoundOut(process.argv);
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
