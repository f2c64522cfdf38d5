import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadCatalog } from '../../src/triage/catalog';
import { indexFor, MIN_MATCHED_WEIGHT, sentences } from '../../src/triage/similar-index';
import { tokenIds, tokens } from '../../src/triage/tokens';
import { testCatalog } from './support/test-catalog';
import { allDevTextsLower } from './support/dev-set';

const listOf = (lists: { at: Int32Array; items: Int32Array }, k: number): number[] =>
  Array.from(lists.items.subarray(lists.at[k] ?? 0, lists.at[k + 1] ?? 0));

describe('similar forms: the index (similar-index.ts)', () => {
  for (const [name, catalog] of [
    ['shipped', loadCatalog()],
    ['test', testCatalog()],
  ] as const) {
    it(`lists for every document of the ${name} catalog telling words without which it cannot match`, () => {
      const index = indexFor(catalog);
      const tellingOf = new Map<number, number[]>();
      for (const lists of [index.signatureLong, index.signatureShort]) {
        for (let term = 0; term < index.idf.length; term += 1) {
          for (const doc of listOf(lists, term))
            tellingOf.set(doc, [...(tellingOf.get(doc) ?? []), term]);
        }
      }
      index.docs.forEach((doc, i) => {
        const terms = listOf(index.docTerms, i);
        assert.deepEqual(
          terms.map((t) => [...index.termIds.keys()][t]),
          [...doc.terms],
        );
        const telling = tellingOf.get(i) ?? [];
        // Each listed once, in the list of its kind, and all of them among its words.
        assert.equal(new Set(telling).size, telling.length);
        for (const t of telling) assert.ok(terms.includes(t));
        const kind = doc.short ? index.signatureShort : index.signatureLong;
        for (const t of telling) assert.ok(listOf(kind, t).includes(i));
        // The rest of its words, all together, weigh less than any match of it needs.
        const rest = terms
          .filter((t) => !telling.includes(t))
          .reduce((sum, t) => sum + (index.idf[t] ?? 0), 0);
        const need = Math.max(MIN_MATCHED_WEIGHT, (index.worthAsking[i] ?? 0) * doc.weight);
        assert.ok(rest < need, `${doc.form}: ${rest} of ${need} without its telling words`);
      });
    });
  }

  it('reads a text as numbers the same words tokens() reads (tokenIds)', () => {
    const index = indexFor(loadCatalog());
    const expected = (text: string): number[] =>
      tokens(text).flatMap((t) => {
        const id = index.termIds.get(t);
        return id === undefined ? [] : [id];
      });
    const kept = new Map<string, number>();
    const texts = [
      ...allDevTextsLower().flatMap(sentences),
      'パスワードの有効期限が切れました password expired',
      `sign in ${'x'.repeat(41)} can't log on`,
    ];
    // Twice: the second time every word is read from what was kept.
    for (let round = 0; round < 2; round += 1)
      for (const text of texts)
        assert.deepEqual(tokenIds(text, index.termIds, kept), expected(text), text);
    fc.assert(
      fc.property(fc.string(), (text) => {
        const lower = text.toLowerCase();
        assert.deepEqual(tokenIds(lower, index.termIds, kept), expected(lower));
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});
