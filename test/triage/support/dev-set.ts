import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Triage, TriageFields } from '../../../src/triage/types';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'triage');

/** Every development paste's text (all `dev-*.jsonl`, never a blind set), as written. */
export function allDevTexts(): string[] {
  return readdirSync(FIXTURES)
    .filter((n) => n.startsWith('dev-') && n.endsWith('.jsonl'))
    .flatMap((n) => readFileSync(join(FIXTURES, n), 'utf8').split('\n'))
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as { text: string }).text);
}

/** Every development paste's text, lower-cased. */
export function allDevTextsLower(): string[] {
  return allDevTexts().map((text) => text.toLowerCase());
}
export const DEV_SET_PATH = join(FIXTURES, 'dev-set.jsonl');
/** How-to questions collected for development, in the question format below. */
export const DEV_QUESTIONS_PATH = join(FIXTURES, 'dev-questions.jsonl');
/** Code-less and localised pastes collected for development, in the dev-set format. */
export const DEV_EXTRA_PATH = join(FIXTURES, 'dev-extra.jsonl');
/**
 * A second round: the intents weakest on unseen text (Temporary Access Pass, banned and expired
 * passwords, consent, number matching) in the wordings of their pages, logs and people, and
 * everyday chat that must stay unrelated. Dev-set format.
 */
export const DEV_ROUND2_PATH = join(FIXTURES, 'dev-round2.jsonl');
/**
 * A third round, from sources no other set uses: code-less pastes in people's own words and in
 * other languages, look-alikes that must stay unrelated (dev-round3.jsonl), and how-to questions
 * (dev-round3-questions.jsonl). Measured once before the matcher was changed for it.
 */
export const DEV_ROUND3_PATH = join(FIXTURES, 'dev-round3.jsonl');
export const DEV_ROUND3_QUESTIONS_PATH = join(FIXTURES, 'dev-round3-questions.jsonl');
/**
 * A fourth round (dev-round4.jsonl, dev-round4-questions.jsonl): localised help pages and new
 * sources, measured batch by batch before the matcher was changed for each (see dev-round4.md).
 */
export const DEV_ROUND4_PATH = join(FIXTURES, 'dev-round4.jsonl');
export const DEV_ROUND4_QUESTIONS_PATH = join(FIXTURES, 'dev-round4-questions.jsonl');
/**
 * Round 5a (dev-round5a.jsonl, dev-round5a-questions.jsonl): English pastes and how-to questions
 * from public sources no other set uses, collected for issue #9 and measured on arrival (see
 * dev-round5a.md). Not part of model training, and the matcher has not been changed for it.
 */
export const DEV_ROUND5A_PATH = join(FIXTURES, 'dev-round5a.jsonl');
export const DEV_ROUND5A_QUESTIONS_PATH = join(FIXTURES, 'dev-round5a-questions.jsonl');
/**
 * Round 5b (dev-round5b.jsonl, dev-round5b-questions.jsonl): real public non-English text from
 * sources no other set uses (localised docs and labs, help pages, blogs), labelled by hand and
 * measured on arrival; the matcher and model have not been changed for it (see dev-round5b.md).
 */
export const DEV_ROUND5B_PATH = join(FIXTURES, 'dev-round5b.jsonl');
export const DEV_ROUND5B_QUESTIONS_PATH = join(FIXTURES, 'dev-round5b-questions.jsonl');
/**
 * Round 6 (dev-round6.jsonl, dev-round6-questions.jsonl): real public text in English and other
 * languages from sources no other set uses (help-desk pages, forums, issue threads), labelled by
 * hand and measured on arrival; the matcher and model have not been changed for it (see
 * dev-round6.md).
 */
export const DEV_ROUND6_PATH = join(FIXTURES, 'dev-round6.jsonl');
export const DEV_ROUND6_QUESTIONS_PATH = join(FIXTURES, 'dev-round6-questions.jsonl');
/**
 * Round 7 (dev-round7.jsonl, dev-round7-questions.jsonl): real public text in English and other
 * languages from sources no other set uses (issue threads, help-desk pages, other vendors'
 * look-alikes), labelled by hand and measured on arrival before triage was changed for it (see
 * dev-round7.md).
 */
export const DEV_ROUND7_PATH = join(FIXTURES, 'dev-round7.jsonl');
export const DEV_ROUND7_QUESTIONS_PATH = join(FIXTURES, 'dev-round7-questions.jsonl');
/**
 * Round 8 (dev-round8.jsonl, dev-round8-questions.jsonl): real public text from sources no other
 * set uses, most of it other vendors' look-alikes and code-less Microsoft 365 sign-in text in a
 * person's own words, labelled by hand and measured on arrival before triage was changed for it
 * (see dev-round8.md).
 */
export const DEV_ROUND8_PATH = join(FIXTURES, 'dev-round8.jsonl');
export const DEV_ROUND8_QUESTIONS_PATH = join(FIXTURES, 'dev-round8-questions.jsonl');
/**
 * Round 9 (dev-round9.jsonl, dev-round9-questions.jsonl): real public text from sources no other
 * set uses, about half of it code-less Microsoft 365 / Entra sign-in text in a person's own words or
 * in another language, labelled by hand and measured on arrival before triage was changed for it
 * (see dev-round9.md).
 */
export const DEV_ROUND9_PATH = join(FIXTURES, 'dev-round9.jsonl');
export const DEV_ROUND9_QUESTIONS_PATH = join(FIXTURES, 'dev-round9-questions.jsonl');
/**
 * Round 10 (dev-round10.jsonl, dev-round10-questions.jsonl): real public text from sources no other
 * set uses, mostly code-less: other products' lock-out, two-step and sign-in texts that must stay
 * `unrelated`, and Microsoft 365 / Entra sign-in problems in a person's own words (Q&A threads, help
 * desks, blogs) in several languages, labelled by hand and measured on arrival before triage was
 * changed for it (see dev-round10.md).
 */
export const DEV_ROUND10_PATH = join(FIXTURES, 'dev-round10.jsonl');
export const DEV_ROUND10_QUESTIONS_PATH = join(FIXTURES, 'dev-round10-questions.jsonl');
/**
 * Round 11 (dev-round11.jsonl): code-carrying pastes from sources no other set uses, several codes in
 * one paste or a code beside look-alike numbers, labelled with the code that blocked the person and
 * measured on arrival before the code decision was changed for it (see dev-round11.md). No questions.
 */
export const DEV_ROUND11_PATH = join(FIXTURES, 'dev-round11.jsonl');
/**
 * Pastes that carry more than one AADSTS code, or a code beside other numbers that look like one
 * (HTTP statuses, versions, lifetimes in seconds), labelled with the deciding code (issue #9).
 * Dev-set format; measured before the code-decision rules were changed for it.
 */
export const DEV_CODES_PATH = join(FIXTURES, 'dev-codes.jsonl');
/**
 * Round 12 (dev-round12.jsonl, dev-round12-questions.jsonl): the first blind set, measured blind
 * from round 3 to round 11 and retired from blind use on 2026-12-07; since then a development
 * round like the others, measured on arrival before triage was changed for it (see dev-round12.md).
 */
export const DEV_ROUND12_PATH = join(FIXTURES, 'dev-round12.jsonl');
export const DEV_ROUND12_QUESTIONS_PATH = join(FIXTURES, 'dev-round12-questions.jsonl');
/**
 * Round 13 (dev-round13.jsonl, dev-round13-questions.jsonl): Authenticator and number-matching
 * complaints in people's own words, other products' and consumer look-alikes, questions from docs
 * feedback; measured on arrival before triage was changed for it (see dev-round13.md).
 */
export const DEV_ROUND13_PATH = join(FIXTURES, 'dev-round13.jsonl');
export const DEV_ROUND13_QUESTIONS_PATH = join(FIXTURES, 'dev-round13-questions.jsonl');
/**
 * Round 14 (dev-round14.jsonl, dev-round14-questions.jsonl): sign-in errors from tools that sign in to
 * Entra (with and without codes), code-less texts in people's own words and in other languages,
 * personal-account and other products' look-alikes, questions from docs feedback; measured on
 * arrival before triage was changed for it (see dev-round14.md).
 */
export const DEV_ROUND14_PATH = join(FIXTURES, 'dev-round14.jsonl');
export const DEV_ROUND14_QUESTIONS_PATH = join(FIXTURES, 'dev-round14-questions.jsonl');
/**
 * Round 15 (dev-round15.jsonl, dev-round15-questions.jsonl): code-less sign-in complaints in
 * people's own words (Authenticator, sign-in loops, lock-outs, Autopilot and compliance), tool and
 * SDK errors with and without codes, game and other products' look-alikes; measured on arrival
 * before triage was changed for it (see dev-round15.md).
 */
export const DEV_ROUND15_PATH = join(FIXTURES, 'dev-round15.jsonl');
export const DEV_ROUND15_QUESTIONS_PATH = join(FIXTURES, 'dev-round15-questions.jsonl');
/**
 * Round 16 (dev-round16.jsonl, dev-round16-questions.jsonl): code-less Authenticator and MFA
 * complaints in people's own words and from a city helpdesk's tickets, legacy mail clients, tool
 * and SDK errors (two codes in one paste, a mangled code, error names without codes), a TAP
 * admin-side message, personal-account and other products' look-alikes, German, Italian and
 * Japanese pages; measured on arrival before triage was changed for it (see dev-round16.md).
 */
export const DEV_ROUND16_PATH = join(FIXTURES, 'dev-round16.jsonl');
export const DEV_ROUND16_QUESTIONS_PATH = join(FIXTURES, 'dev-round16-questions.jsonl');
/**
 * Round 17 (dev-round17.jsonl, dev-round17-questions.jsonl): code-less Authenticator and MFA
 * complaints in people's own words and helpdesk tickets, forgotten passwords, device-compliance
 * titles without codes, mail clients, personal-account look-alikes, Spanish, French, German,
 * Portuguese and Japanese pages; measured on arrival before triage was changed for it (see
 * dev-round17.md).
 */
export const DEV_ROUND17_PATH = join(FIXTURES, 'dev-round17.jsonl');
export const DEV_ROUND17_QUESTIONS_PATH = join(FIXTURES, 'dev-round17-questions.jsonl');
/**
 * Round 18 (dev-round18.jsonl, dev-round18-questions.jsonl): Windows Hello for Business PIN and TPM
 * messages, Authenticator and number-matching complaints, Linux Entra clients (authd, himmelblau,
 * linux-entra-sso), AWS SAML tools, mail clients, device-compliance and Conditional Access texts,
 * Japanese, German, Dutch and Spanish pages; measured on arrival before triage was changed for it
 * (see dev-round18.md).
 */
export const DEV_ROUND18_PATH = join(FIXTURES, 'dev-round18.jsonl');
export const DEV_ROUND18_QUESTIONS_PATH = join(FIXTURES, 'dev-round18-questions.jsonl');

/** One blind set: its pastes and, when it has them, its questions. */
export interface BlindSet {
  name: string;
  casesPath: string;
  questionsPath: string;
}

/**
 * Every blind set in the fixtures, each measured on its own and never tuned on:
 * `blind-<name>.jsonl` with `blind-<name>-questions.jsonl`, in name order. The files may not exist.
 */
export function blindSets(dir: string = FIXTURES): BlindSet[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^blind-.+\.jsonl$/.test(f) && !f.endsWith('-questions.jsonl'))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((f) => ({
      name: f.replace(/\.jsonl$/, ''),
      casesPath: join(dir, f),
      questionsPath: join(dir, f.replace(/\.jsonl$/, '-questions.jsonl')),
    }));
}

/** One labelled paste. */
export interface DevCase {
  id: string;
  text: string;
  intent: string;
  code?: number;
  codes: number[];
  fields: Record<string, string>;
  /** Language of the paste when it is not English (BCP 47, e.g. "de"). */
  lang?: string;
}

/** One labelled how-to question. */
export interface QuestionCase {
  id: string;
  source: string;
  text: string;
  topic: string;
  mentionsCode?: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toCase(raw: unknown, line: number): DevCase {
  if (!isRecord(raw) || typeof raw.id !== 'string' || typeof raw.text !== 'string') {
    throw new Error(`dev set line ${line}: expected an object with string id and text`);
  }
  if (typeof raw.intent !== 'string') throw new Error(`dev set ${raw.id}: expected an intent`);
  const codes = Array.isArray(raw.codes) ? raw.codes.filter((c) => typeof c === 'number') : [];
  const fields: Record<string, string> = {};
  if (isRecord(raw.fields)) {
    for (const [key, value] of Object.entries(raw.fields)) {
      if (typeof value === 'string') fields[key] = value;
    }
  }
  return {
    id: raw.id,
    text: raw.text,
    intent: raw.intent,
    ...(typeof raw.code === 'number' ? { code: raw.code } : {}),
    codes,
    fields,
    ...(typeof raw.lang === 'string' ? { lang: raw.lang } : {}),
  };
}

function toQuestion(raw: unknown, line: number): QuestionCase {
  if (!isRecord(raw) || typeof raw.id !== 'string' || typeof raw.text !== 'string') {
    throw new Error(`question line ${line}: expected an object with string id and text`);
  }
  return {
    id: raw.id,
    source: typeof raw.source === 'string' ? raw.source : '',
    text: raw.text,
    topic: typeof raw.topic === 'string' ? raw.topic : 'general',
    ...(typeof raw.mentionsCode === 'number' ? { mentionsCode: raw.mentionsCode } : {}),
  };
}

function readLines<T>(path: string, parse: (raw: unknown, line: number) => T): T[] | undefined {
  if (!existsSync(path)) return undefined;
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, number }) => parse(JSON.parse(line), number));
}

/** Labelled questions, or undefined while the file does not exist. */
export function readQuestions(path: string): QuestionCase[] | undefined {
  return readLines(path, toQuestion);
}

/** The labelled pastes, or undefined while the file does not exist yet. */
export function readDevSet(path: string = DEV_SET_PATH): DevCase[] | undefined {
  return readLines(path, toCase);
}

export interface Miss {
  id: string;
  expected: string;
  got: string;
}

export interface Score {
  n: number;
  intentAccuracy: number;
  codeAccuracy: number;
  fieldAccuracy: number;
  intentMisses: Miss[];
  codeMisses: Miss[];
  fieldMisses: Miss[];
  /** expected intent -> got intent -> count, over every case. */
  confusion: Map<string, Map<string, number>>;
  /** Share of error pastes (labelled with any intent but `question`) that got `question`. */
  calledQuestion: number;
}

export interface IntentFigures {
  intent: string;
  precision: number;
  recall: number;
  support: number;
}

/** Precision and recall per intent from a confusion table; intents never expected nor got are left out. */
export function perIntent(confusion: Score['confusion']): IntentFigures[] {
  const intents = new Set<string>();
  for (const [expected, row] of confusion) {
    intents.add(expected);
    for (const got of row.keys()) intents.add(got);
  }
  const cell = (e: string, g: string): number => confusion.get(e)?.get(g) ?? 0;
  return [...intents].sort().map((intent) => {
    let support = 0;
    let predicted = 0;
    for (const [expected, row] of confusion) {
      const n = row.get(intent) ?? 0;
      predicted += n;
      if (expected === intent) for (const count of row.values()) support += count;
    }
    const hits = cell(intent, intent);
    return {
      intent,
      precision: ratio(hits, predicted),
      recall: ratio(hits, support),
      support,
    };
  });
}

/** The confusion table as text: one row per expected intent, only the cells that are not zero. */
export function formatConfusion(confusion: Score['confusion']): string {
  return [...confusion.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([expected, row]) => {
      const cells = [...row.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([got, n]) => (got === expected ? `${n} right` : `${n} -> ${got}`))
        .join(', ');
      return `  ${expected}: ${cells}`;
    })
    .join('\n');
}

/** Share of questions that got the question outcome, and the ones that did not. */
export function scoreQuestions(
  cases: readonly QuestionCase[],
  run: (text: string) => Triage,
): { n: number; recall: number; topicAccuracy: number; misses: Miss[] } {
  const misses: Miss[] = [];
  let topics = 0;
  for (const item of cases) {
    const got = run(item.text);
    if (got.intent !== 'question')
      misses.push({ id: item.id, expected: 'question', got: got.intent });
    else if (got.question?.topic === item.topic) topics += 1;
  }
  return {
    n: cases.length,
    recall: ratio(cases.length - misses.length, cases.length),
    topicAccuracy: ratio(topics, cases.length),
    misses,
  };
}

const ratio = (hits: number, total: number): number => (total === 0 ? 1 : hits / total);

/**
 * Compares triage results with the labels. Code accuracy counts cases that carry codes: all codes
 * in order, and the deciding code when labelled. Field accuracy counts labelled fields.
 */
export function score(cases: readonly DevCase[], run: (text: string) => Triage): Score {
  const intentMisses: Miss[] = [];
  const codeMisses: Miss[] = [];
  const fieldMisses: Miss[] = [];
  let withCodes = 0;
  let fieldTotal = 0;
  let errorPastes = 0;
  let questions = 0;
  const confusion: Score['confusion'] = new Map();
  for (const item of cases) {
    const got = run(item.text);
    const row = confusion.get(item.intent) ?? new Map<string, number>();
    row.set(got.intent, (row.get(got.intent) ?? 0) + 1);
    confusion.set(item.intent, row);
    if (item.intent !== 'question') {
      errorPastes += 1;
      if (got.intent === 'question') questions += 1;
    }
    if (got.intent !== item.intent) {
      intentMisses.push({ id: item.id, expected: item.intent, got: got.intent });
    }
    if (item.codes.length > 0) {
      withCodes += 1;
      const sameCodes = JSON.stringify(got.codes) === JSON.stringify(item.codes);
      const sameCode = item.code === undefined || got.code === item.code;
      if (!sameCodes || !sameCode) {
        codeMisses.push({
          id: item.id,
          expected: `${item.code ?? '-'} ${JSON.stringify(item.codes)}`,
          got: `${got.code ?? '-'} ${JSON.stringify(got.codes)}`,
        });
      }
    }
    for (const [key, value] of Object.entries(item.fields)) {
      fieldTotal += 1;
      const actual = got.fields[key as keyof TriageFields];
      if (actual !== value) {
        fieldMisses.push({
          id: item.id,
          expected: `${key}=${value}`,
          got: `${key}=${actual ?? '-'}`,
        });
      }
    }
  }
  return {
    n: cases.length,
    intentAccuracy: ratio(cases.length - intentMisses.length, cases.length),
    codeAccuracy: ratio(withCodes - codeMisses.length, withCodes),
    fieldAccuracy: ratio(fieldTotal - fieldMisses.length, fieldTotal),
    intentMisses,
    codeMisses,
    fieldMisses,
    confusion,
    calledQuestion: errorPastes === 0 ? 0 : questions / errorPastes,
  };
}

export function formatMisses(misses: readonly Miss[]): string {
  return misses.map((m) => `  ${m.id}: expected ${m.expected}, got ${m.got}`).join('\n');
}
