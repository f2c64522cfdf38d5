/**
 * Triage accuracy and speed. Measures the development set (dev-set.jsonl with the extra
 * code-less and localised pastes, and the development questions) and, when present, every blind
 * set (blind-<name>.jsonl with blind-<name>-questions.jsonl), each reported on its own, only ever
 * measured here, never tuned on; the first blind set was retired into dev round 12. For each: intent, deciding-code and field accuracy, precision and recall per intent, a
 * confusion table, the share of questions that got the question outcome and the share of error
 * pastes wrongly called questions. Then speed. Prints one JSON line with the figures, last, for
 * scripts: {"bench":"triage",...}.
 * Aims: intent >= 98% on unseen text, code 100%, median < 0.2 ms per paste, a 1 MB paste < 20 ms.
 */
import { performance } from 'node:perf_hooks';
import { loadCatalog } from '../src/triage/catalog';
import { triage } from '../src/triage/triage';
import type { Triage } from '../src/triage/types';
import {
  blindSets,
  DEV_CODES_PATH,
  DEV_EXTRA_PATH,
  DEV_QUESTIONS_PATH,
  DEV_ROUND2_PATH,
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
  DEV_SET_PATH,
  formatConfusion,
  formatMisses,
  perIntent,
  readDevSet,
  readQuestions,
  score,
  scoreQuestions,
  type DevCase,
  type QuestionCase,
} from '../test/triage/support/dev-set';

const WARM_UP_ROUNDS = 20;
const TIMED_ROUNDS = 50;
const ONE_MB_RUNS = 20;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? 0;
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));
const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;

/** A realistic 1 MB paste: a log with one error page in the middle of noise. */
function oneMegabytePaste(): string {
  const line =
    '2024-05-03T10:22:11.123Z INFO [TokenCache] refreshed silently for 0b1c2d3e-4f50-4172-8394-a5b6c7d8e9f0 in 42 ms\n';
  const filler = line.repeat(Math.ceil((512 * 1024) / line.length));
  const error = 'AADSTS53003: Access has been blocked by Conditional Access policies.\n';
  return (filler + error + filler).slice(0, 1024 * 1024);
}

interface SetFigures {
  n: number;
  intentAccuracy: number;
  codeAccuracy: number;
  fieldAccuracy: number;
  minRecall: number;
  questions: number;
  questionRecall: number;
  calledQuestion: number;
}

/** Prints one set's report and returns its figures. */
function report(
  name: string,
  cases: readonly DevCase[],
  questions: readonly QuestionCase[],
  run: (text: string) => Triage,
  options: { itemised: boolean; topics: boolean },
): SetFigures {
  const result = score(cases, run);
  const q = scoreQuestions(questions, run);
  const intents = perIntent(result.confusion);
  const recalls = intents.filter((i) => i.support > 0).map((i) => i.recall);
  console.log(`\n== ${name}: ${result.n} pastes, ${q.n} questions`);
  console.log(`intent accuracy ${pct(result.intentAccuracy)} (aim >= 98%)`);
  console.log(`code accuracy   ${pct(result.codeAccuracy)} (aim 100%)`);
  console.log(`field accuracy  ${pct(result.fieldAccuracy)}`);
  console.log('per intent (precision / recall / pastes):');
  for (const i of intents) {
    console.log(
      `  ${i.intent.padEnd(26)} ${pct(i.precision).padStart(6)} / ${pct(i.recall).padStart(6)} / ${i.support}`,
    );
  }
  console.log(`confusion (expected: got):\n${formatConfusion(result.confusion)}`);
  if (options.itemised) {
    console.log(`intent misses:\n${formatMisses(result.intentMisses) || '  none'}`);
    console.log(`code misses:\n${formatMisses(result.codeMisses) || '  none'}`);
    console.log(`field misses:\n${formatMisses(result.fieldMisses) || '  none'}`);
  } else {
    // A blind set is reported in totals only, so no single item can be tuned on.
    console.log(
      `misses: ${result.intentMisses.length} intent, ${result.codeMisses.length} code, ${result.fieldMisses.length} field (items not listed)`,
    );
  }
  // A blind set labels topics in its own words, so only the outcome is compared there.
  const topic = options.topics ? ` (topic right ${pct(q.topicAccuracy)})` : '';
  console.log(`questions given the question outcome: ${pct(q.recall)} of ${q.n}${topic}`);
  if (options.itemised) console.log(`question misses:\n${formatMisses(q.misses) || '  none'}`);
  console.log(`error pastes wrongly called questions: ${pct(result.calledQuestion)}`);
  return {
    n: result.n,
    intentAccuracy: round(result.intentAccuracy, 4),
    codeAccuracy: round(result.codeAccuracy, 4),
    fieldAccuracy: round(result.fieldAccuracy, 4),
    minRecall: round(recalls.length === 0 ? 1 : Math.min(...recalls), 4),
    questions: q.n,
    questionRecall: round(q.recall, 4),
    calledQuestion: round(result.calledQuestion, 4),
  };
}

function speed(cases: readonly DevCase[]): { medianMs: number; p99Ms: number; oneMbMs: number } {
  const catalog = loadCatalog();
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
  return {
    medianMs: round(percentile(times, 50), 4),
    p99Ms: round(percentile(times, 99), 4),
    oneMbMs: round(percentile(bigTimes, 50), 3),
  };
}

function main(): void {
  const devCases = readDevSet(DEV_SET_PATH);
  if (devCases === undefined) {
    console.log(`no dev set at ${DEV_SET_PATH}`);
    process.exitCode = 1;
    return;
  }
  const catalog = loadCatalog();
  const run = (text: string): Triage => triage(text, catalog);
  console.log(`${catalog.entries.length} catalog codes, ${catalog.messages.length} messages`);

  const dev = report('dev set (dev-set.jsonl)', devCases, [], run, {
    itemised: true,
    topics: true,
  });
  // The other development sets, in the order they were collected; `key` names each in the JSON
  // line and `timed` puts its pastes in the speed run.
  const sets = [
    {
      key: 'devExtra',
      title: 'dev extra (dev-extra.jsonl, dev-questions.jsonl)',
      cases: DEV_EXTRA_PATH,
      questions: DEV_QUESTIONS_PATH,
      topics: true,
    },
    {
      key: 'devRound2',
      title: 'dev round 2 (dev-round2.jsonl): weak intents and chatter',
      cases: DEV_ROUND2_PATH,
      topics: true,
    },
    {
      key: 'devRound3',
      title: 'dev round 3 (dev-round3.jsonl, dev-round3-questions.jsonl): new sources, own words',
      cases: DEV_ROUND3_PATH,
      questions: DEV_ROUND3_QUESTIONS_PATH,
    },
    {
      key: 'devRound4',
      title:
        'dev round 4 (dev-round4.jsonl, dev-round4-questions.jsonl): localised pages, new sources',
      cases: DEV_ROUND4_PATH,
      questions: DEV_ROUND4_QUESTIONS_PATH,
    },
    {
      key: 'devRound5a',
      title: 'dev round 5a (dev-round5a.jsonl, dev-round5a-questions.jsonl): English, new sources',
      cases: DEV_ROUND5A_PATH,
      questions: DEV_ROUND5A_QUESTIONS_PATH,
    },
    {
      key: 'devRound5b',
      title:
        'dev round 5b (dev-round5b.jsonl, dev-round5b-questions.jsonl): localised, new sources',
      cases: DEV_ROUND5B_PATH,
      questions: DEV_ROUND5B_QUESTIONS_PATH,
    },
    {
      key: 'devRound6',
      title: 'dev round 6 (dev-round6.jsonl, dev-round6-questions.jsonl): mixed, new sources',
      cases: DEV_ROUND6_PATH,
      questions: DEV_ROUND6_QUESTIONS_PATH,
    },
    {
      key: 'devRound7',
      title: 'dev round 7 (dev-round7.jsonl, dev-round7-questions.jsonl): mixed, new sources',
      cases: DEV_ROUND7_PATH,
      questions: DEV_ROUND7_QUESTIONS_PATH,
    },
    {
      key: 'devRound8',
      title: 'dev round 8 (dev-round8.jsonl, dev-round8-questions.jsonl): look-alikes, own words',
      cases: DEV_ROUND8_PATH,
      questions: DEV_ROUND8_QUESTIONS_PATH,
    },
    {
      key: 'devRound9',
      title:
        'dev round 9 (dev-round9.jsonl, dev-round9-questions.jsonl): code-less, other languages',
      cases: DEV_ROUND9_PATH,
      questions: DEV_ROUND9_QUESTIONS_PATH,
    },
    {
      key: 'devRound10',
      title:
        'dev round 10 (dev-round10.jsonl, dev-round10-questions.jsonl): look-alikes, own words',
      cases: DEV_ROUND10_PATH,
      questions: DEV_ROUND10_QUESTIONS_PATH,
    },
    {
      key: 'devRound11',
      title: 'dev round 11 (dev-round11.jsonl): several codes, codes beside look-alike numbers',
      cases: DEV_ROUND11_PATH,
    },
    {
      key: 'devRound12',
      title:
        'dev round 12 (dev-round12.jsonl, dev-round12-questions.jsonl): the first blind set, retired',
      cases: DEV_ROUND12_PATH,
      questions: DEV_ROUND12_QUESTIONS_PATH,
    },
    {
      key: 'devRound13',
      title:
        'dev round 13 (dev-round13.jsonl, dev-round13-questions.jsonl): Authenticator, own words',
      cases: DEV_ROUND13_PATH,
      questions: DEV_ROUND13_QUESTIONS_PATH,
    },
    {
      key: 'devRound14',
      title: 'dev round 14 (dev-round14.jsonl, dev-round14-questions.jsonl): tools, own words',
      cases: DEV_ROUND14_PATH,
      questions: DEV_ROUND14_QUESTIONS_PATH,
    },
    {
      key: 'devRound15',
      title: 'dev round 15 (dev-round15.jsonl, dev-round15-questions.jsonl): own words, tools',
      cases: DEV_ROUND15_PATH,
      questions: DEV_ROUND15_QUESTIONS_PATH,
    },
    {
      key: 'devRound16',
      title:
        'dev round 16 (dev-round16.jsonl, dev-round16-questions.jsonl): own words, mail clients',
      cases: DEV_ROUND16_PATH,
      questions: DEV_ROUND16_QUESTIONS_PATH,
    },
    {
      key: 'devRound17',
      title: 'dev round 17 (dev-round17.jsonl, dev-round17-questions.jsonl): own words, languages',
      cases: DEV_ROUND17_PATH,
      questions: DEV_ROUND17_QUESTIONS_PATH,
    },
    {
      key: 'devRound18',
      title: 'dev round 18 (dev-round18.jsonl, dev-round18-questions.jsonl): Hello, Authenticator',
      cases: DEV_ROUND18_PATH,
      questions: DEV_ROUND18_QUESTIONS_PATH,
    },
    {
      key: 'devCodes',
      title:
        'dev codes (dev-codes.jsonl): several codes in one paste, codes beside look-alike numbers',
      cases: DEV_CODES_PATH,
      timed: false,
    },
  ];
  const figures: Record<string, SetFigures> = {};
  const timedCases: DevCase[] = [...devCases];
  for (const set of sets) {
    const cases = readDevSet(set.cases) ?? [];
    const questions = set.questions === undefined ? [] : (readQuestions(set.questions) ?? []);
    figures[set.key] = report(set.title, cases, questions, run, {
      itemised: true,
      topics: set.topics === true,
    });
    if (set.timed !== false) timedCases.push(...cases);
  }

  // `--dev-only` measures the development sets alone, for use while tuning.
  const devOnly = process.argv.includes('--dev-only');
  const blinds: Record<string, SetFigures> = {};
  for (const set of devOnly ? [] : blindSets()) {
    const cases = readDevSet(set.casesPath) ?? [];
    const questions = readQuestions(set.questionsPath) ?? [];
    blinds[set.name] = report(`BLIND ${set.name} (never tuned on)`, cases, questions, run, {
      itemised: false,
      topics: false,
    });
  }
  if (Object.keys(blinds).length === 0 && !devOnly) console.log('\n(no blind set yet)');
  // `blind` names the first blind set still blind (blind-3 since the first one became dev round
  // 12); `blinds` holds every one.
  const blind = blinds['blind-3'];

  const timing = speed(timedCases);
  console.log(
    `\ntime per paste over ${TIMED_ROUNDS} rounds: median ${timing.medianMs} ms, p99 ${timing.p99Ms} ms (aim median < 0.2 ms)`,
  );
  console.log(`1 MB paste: ${timing.oneMbMs} ms (aim < 20 ms)`);
  console.log(
    JSON.stringify({
      bench: 'triage',
      ...dev,
      ...figures,
      ...(blind === undefined ? {} : { blind }),
      ...(Object.keys(blinds).length === 0 ? {} : { blinds }),
      ...timing,
    }),
  );
}

main();
