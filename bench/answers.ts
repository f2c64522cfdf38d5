/**
 * Measures findAnswer() on labelled texts and prints figures; asserts nothing. The texts are
 * development files: the first blind set was retired into dev round 12 (see
 * test/fixtures/triage/dev-round12.md), and the sets still blind are left to bench/triage.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findAnswer, HIGH_CONFIDENCE } from '../src/answers/find-answer';

function rows(file: string): { text: string; intent?: string }[] {
  return readFileSync(join(__dirname, '..', 'test', 'fixtures', 'triage', file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { text: string; intent?: string });
}

function measure(label: string, texts: string[]): void {
  let high = 0;
  let medium = 0;
  const started = process.hrtime.bigint();
  for (const text of texts) {
    const match = findAnswer(text);
    if (match.kind === 'answer' && match.score >= HIGH_CONFIDENCE) high += 1;
    else if (match.kind === 'answer') medium += 1;
  }
  const micros = Number(process.hrtime.bigint() - started) / 1000 / Math.max(1, texts.length);
  console.log(
    `${label.padEnd(34)} n=${String(texts.length).padStart(3)}  answered high=${high}  medium=${medium}  not sure=${texts.length - high - medium}  ${micros.toFixed(0)} µs/text`,
  );
}

const pastes = (file: string) =>
  rows(file)
    .filter((r) => r.intent !== 'unrelated')
    .map((r) => r.text);

measure('dev-set sign-in pastes', pastes('dev-set.jsonl'));
measure('dev-extra sign-in pastes', pastes('dev-extra.jsonl'));
measure(
  'dev how-to questions',
  rows('dev-questions.jsonl').map((r) => r.text),
);
measure('dev round 12 sign-in pastes', pastes('dev-round12.jsonl'));
measure(
  'dev round 12 how-to questions',
  rows('dev-round12-questions.jsonl').map((r) => r.text),
);
