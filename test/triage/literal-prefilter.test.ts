import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CUES } from '../../src/triage/concepts';
import {
  gramsOf,
  prefilterOf,
  requiredLiterals,
  runBits,
} from '../../src/triage/literal-prefilter';
import { caseBlindTestOf, PatternRuns, topAlternatives } from '../../src/triage/pattern-runs';
import { allDevTexts, allDevTextsLower } from './support/dev-set';

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

  it('sets the bit of each run of one to three characters of the text, and no other', () => {
    const bitsOfRuns = (text: string): Set<number> => {
      const bits = new Set<number>();
      for (let at = 0; at < text.length; at += 1)
        for (let length = 1; length <= 3 && at + length <= text.length; length += 1)
          bits.add(runBits(text.slice(at, at + length))[0]);
      return bits;
    };
    const setBits = (grams: Int32Array): Set<number> => {
      const bits = new Set<number>();
      for (let bit = 0; bit < grams.length * 32; bit += 1)
        if (((grams[bit >>> 5] ?? 0) & (1 << (bit & 31))) !== 0) bits.add(bit);
      return bits;
    };
    const reused = gramsOf('a long text first, so that reuse must clear it');
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        assert.deepEqual(setBits(gramsOf(text)), bitsOfRuns(text));
        assert.deepEqual(setBits(gramsOf(text, reused)), bitsOfRuns(text));
      }),
      { seed: 11, numRuns: 300 },
    );
    assert.equal(setBits(gramsOf('')).size, 0);
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

  it('splits a pattern at its top-level bars only, and not where a group captures', () => {
    assert.deepEqual(topAlternatives(/a|b(?:c|d)|[|]e|\|f|(?<!x|y)g/), [
      'a',
      'b(?:c|d)',
      '[|]e',
      '\\|f',
      '(?<!x|y)g',
    ]);
    assert.deepEqual(topAlternatives(/abc/), ['abc']);
    assert.equal(topAlternatives(/a|(b)/), undefined);
    assert.equal(topAlternatives(/(a)\1|b/), undefined);
    assert.equal(topAlternatives(/(?<n>a)\k<n>|b/), undefined);
  });

  it('answers as the whole pattern does, trying only the alternatives that may match', () => {
    const runs = new PatternRuns(PATTERNS);
    const texts = allDevTextsLower();
    let held = 0;
    for (const text of texts) {
      const grams = gramsOf(text);
      PATTERNS.forEach((pattern, i) => {
        const expected = pattern.test(text);
        held += expected ? 1 : 0;
        assert.equal(runs.test(i, grams, text), expected, pattern.source);
        assert.equal(runs.mayMatch(i, grams, text), FILTERS[i]?.(grams, text) ?? true);
      });
    }
    // The comparison is worth something only if the patterns hold on some texts.
    assert.ok(held > 100, `${held}`);
    const mixed = /\bcode\b|[0-9]{3}x|never/;
    // A global pattern's test depends on lastIndex: it is left to the pattern itself.
    const global = /b|c/g;
    const few = new PatternRuns([mixed, global]);
    for (const text of ['a code', '123x', 'never', 'codes', '12x', 'nothing'])
      assert.equal(few.test(0, gramsOf(text), text), mixed.test(text), text);
    assert.equal(few.test(1, gramsOf('abc'), 'abc'), true);
    assert.equal(global.lastIndex, 2);
  });

  it('reads case-blind runs in lower case, from ASCII characters only', () => {
    assert.deepEqual(requiredLiterals(/Sign In|MFA/i, true), ['sign in', 'mfa']);
    // A character outside ASCII ends a run: lower-casing may not give back the pattern's form.
    assert.deepEqual(requiredLiterals(/Ab\u00c9cde/i, true), ['cde']);
    assert.deepEqual(requiredLiterals(/abc|ÉÉ/i, true), undefined);
    // Without the i flag, or with u (its folding maps the long s onto "s"), none.
    assert.equal(requiredLiterals(/abc/, true), undefined);
    assert.equal(requiredLiterals(/abc/iu, true), undefined);
    assert.deepEqual(requiredLiterals(/Abc/im, true), ['abc']);
  });

  it('tries a case-blind word list as the pattern itself would, on any text', () => {
    // The concept cues' word lists made case-blind, and a few written for the awkward letters.
    const patterns = [
      ...PATTERNS.map((p) => new RegExp(p.source, 'i')),
      /\bstrasse\b|kelvin|\bsign in\b|Σίγμα|long s/i,
      // "ς" matches "σ" case-blind, but lower-cases to itself: the run must not hold "σ".
      /kσ/i,
      /^\s*at \w+|error code\s*[:=]/im,
    ];
    const tests = patterns.map(caseBlindTestOf);
    const same = (text: string): void =>
      patterns.forEach((pattern, i) =>
        assert.equal(tests[i]?.(text), pattern.test(text), `${pattern.source.slice(0, 40)}`),
      );
    const texts = allDevTexts();
    let held = 0;
    for (const text of texts) {
      same(text);
      same(text.toUpperCase());
      held += patterns.filter((p) => p.test(text)).length;
    }
    assert.ok(held > 100, `${held}`);
    const awkward = fc.constantFrom(
      'ſ',
      'K',
      'İ',
      'ı',
      'ß',
      'Σ',
      'σ',
      'ς',
      'É',
      'é',
      'S',
      'k',
      ' ',
    );
    const piece = fc.oneof(
      awkward,
      fc.constantFrom('sign in', 'STRASSE', 'Kelvin', 'long s', 'mfa'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => same(pieces.join(''))),
      { seed: 5, numRuns: 500 },
    );
  });
});
