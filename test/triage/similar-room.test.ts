import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../../src/triage/catalog';
import { findSimilar } from '../../src/triage/similar';
import { indexFor } from '../../src/triage/similar-index';

/**
 * findSimilar keeps a window's touched documents and words in room held with the catalog's
 * index, counted afresh for each window and each paste: nothing one paste leaves there may change
 * the answer for the next.
 */
describe('findSimilar: the room kept with the index', () => {
  const catalog = loadCatalog();
  const texts = readFileSync(join(__dirname, '..', 'fixtures', 'triage', 'dev-set.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => (JSON.parse(line) as { text: string }).text);

  it('answers each paste the same whatever was read before it', () => {
    const first = texts.map((text) => findSimilar(text, catalog));
    // A long paste of every text fills the room as far as any paste can, in between.
    const long = texts.join('\n\n');
    const again = [...texts].reverse().map((text) => {
      findSimilar(long, catalog);
      return findSimilar(text, catalog);
    });
    assert.deepEqual(again.reverse(), first);
    assert.ok(
      first.some((match) => match?.sure),
      'some dev pastes have a sure similar form (the check compares real answers)',
    );
  });

  it('leaves no document marked as a candidate after a paste', () => {
    findSimilar(texts.join('\n'), catalog);
    const index = indexFor(catalog);
    assert.ok(index.candidate.every((mark) => mark === 0));
    assert.equal(index.termsAt.length, index.termIds.size);
  });
});
