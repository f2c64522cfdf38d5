import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Triage, TriageFields } from '../../../src/triage/types';

export const DEV_SET_PATH = join(__dirname, '..', '..', 'fixtures', 'triage', 'dev-set.jsonl');

/** One labelled paste. */
export interface DevCase {
  id: string;
  text: string;
  intent: string;
  code?: number;
  codes: number[];
  fields: Record<string, string>;
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
  };
}

/** The labelled pastes, or undefined while the file does not exist yet. */
export function readDevSet(path: string = DEV_SET_PATH): DevCase[] | undefined {
  if (!existsSync(path)) return undefined;
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, number }) => toCase(JSON.parse(line), number));
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
  for (const item of cases) {
    const got = run(item.text);
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
  };
}

export function formatMisses(misses: readonly Miss[]): string {
  return misses.map((m) => `  ${m.id}: expected ${m.expected}, got ${m.got}`).join('\n');
}
