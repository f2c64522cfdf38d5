import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blindSets } from './support/dev-set';

// Only file names are made up here: the benchmark finds every blind set by name, and no test
// reads a blind set's texts.
describe('finding the blind sets the benchmark measures', () => {
  let dir = '';

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'blind-sets-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const touch = (...names: string[]): void => {
    for (const name of names) writeFileSync(join(dir, name), '');
  };

  it('pairs each blind set with its own questions, in name order', () => {
    touch(
      'blind-4.jsonl',
      'blind-4-questions.jsonl',
      'blind-4.md',
      'blind-3.jsonl',
      'blind-3-questions.jsonl',
      'blind-3.md',
      'blind-10.jsonl',
      'dev-set.jsonl',
    );
    assert.deepEqual(blindSets(dir), [
      {
        name: 'blind-3',
        casesPath: join(dir, 'blind-3.jsonl'),
        questionsPath: join(dir, 'blind-3-questions.jsonl'),
      },
      {
        name: 'blind-4',
        casesPath: join(dir, 'blind-4.jsonl'),
        questionsPath: join(dir, 'blind-4-questions.jsonl'),
      },
      {
        name: 'blind-10',
        casesPath: join(dir, 'blind-10.jsonl'),
        questionsPath: join(dir, 'blind-10-questions.jsonl'),
      },
    ]);
  });

  it('no longer counts a retired blind set, now a development round, as blind', () => {
    touch('dev-round12.jsonl', 'dev-round12-questions.jsonl', 'dev-round12.md', 'blind-5.jsonl');
    assert.deepEqual(
      blindSets(dir).map((set) => set.name),
      ['blind-5'],
    );
  });

  it('never takes a questions file or a development file for a set of pastes', () => {
    touch('blind-questions.jsonl', 'blind-4-questions.jsonl', 'dev-extra.jsonl', 'blind-4.md');
    assert.deepEqual(blindSets(dir), []);
  });

  it('finds nothing in a folder that does not exist', () => {
    assert.deepEqual(blindSets(join(dir, 'missing')), []);
  });
});
