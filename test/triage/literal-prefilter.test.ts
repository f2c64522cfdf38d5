import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CUES } from '../../src/triage/concepts';
import { gramsOf, prefilterOf, requiredLiterals } from '../../src/triage/literal-prefilter';
import { allDevTextsLower } from './support/dev-set';

const PATTERNS = [...new Set(CUES.flatMap((c) => [...c.groups, ...(c.context ?? [])]))];
const FILTERS = PATTERNS.map(prefilterOf);

describe('literal prefilter (a quick "cannot match" for word-list patterns)', () => {
  it('reads the runs every match needs, and none it may skip', () => {
    assert.deepEqual(requiredLiterals(/password (?:expired|reset)|\bmfa\b/), ['password ', 'mfa']);
    // An optional character ends a run; a repeated one ends it after itself.
    assert.deepEqual(requiredLiterals(/sign[ -]?in/), ['sign']);
    assert.deepEqual(requiredLiterals(/lo+gin/), ['gin']);
    // A group needed by the match gives its alternatives; an optional one gives nothing.
    assert.deepEqual(requiredLiterals(/(?:abc|de)x?/), ['abc', 'de']);
    // Lookarounds are not consumed: what they name is not required.
    assert.deepEqual(requiredLiterals(/(?<!not )locked\b(?! screen)/), ['locked']);
  });

  it('gives no filter where a match needs no run, or the syntax is not followed', () => {
    assert.equal(requiredLiterals(/abc|\d+/), undefined);
    assert.equal(requiredLiterals(/(?:abc)?/), undefined);
    assert.equal(requiredLiterals(/abc/i), undefined);
    assert.equal(requiredLiterals(/(a)\1/), undefined);
    assert.equal(requiredLiterals(/(?<name>abc)/), undefined);
    assert.equal(prefilterOf(/[a-z]+/), undefined);
  });

  it('never rules out a concept pattern on a text it matches (every dev paste)', () => {
    for (const text of allDevTextsLower()) {
      const grams = gramsOf(text);
      PATTERNS.forEach((pattern, i) => {
        if (pattern.test(text)) assert.notEqual(FILTERS[i]?.(grams, text), false, pattern.source);
      });
    }
  });

  it('never rules out a match in generated text around a pattern match', () => {
    const sample = allDevTextsLower().flatMap((text) =>
      PATTERNS.flatMap((p) => {
        const m = new RegExp(p.source, 'g').exec(text);
        return m === null ? [] : [m[0]];
      }),
    );
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...sample), fc.string(), (a, found, b) => {
        const text = `${a}${found}${b}`;
        const grams = gramsOf(text);
        PATTERNS.forEach((pattern, i) => {
          if (pattern.test(text)) assert.notEqual(FILTERS[i]?.(grams, text), false, pattern.source);
        });
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
