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

  it('pairs each blind set with its own questions, the first set first', () => {
    touch(
      'blind-set.jsonl',
      'blind-questions.jsonl',
      'blind-set.md',
      'blind-3.jsonl',
      'blind-3-questions.jsonl',
      'blind-3.md',
      'dev-set.jsonl',
    );
    assert.deepEqual(blindSets(dir), [
      {
        name: 'blind-set',
        casesPath: join(dir, 'blind-set.jsonl'),
        questionsPath: join(dir, 'blind-questions.jsonl'),
      },
      {
        name: 'blind-3',
        casesPath: join(dir, 'blind-3.jsonl'),
        questionsPath: join(dir, 'blind-3-questions.jsonl'),
      },
    ]);
  });

  it('never takes a questions file or a development file for a set of pastes', () => {
    touch('blind-questions.jsonl', 'blind-4-questions.jsonl', 'dev-extra.jsonl', 'blind-4.md');
    assert.deepEqual(blindSets(dir), []);
  });

  it('finds nothing in a folder that does not exist', () => {
    assert.deepEqual(blindSets(join(dir, 'missing')), []);
  });
});
