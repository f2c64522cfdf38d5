import fc from 'fast-check';

/** Pieces of sign-in pastes, joined at random into text that looks like one. */
const PASTE_PIECES: readonly string[] = [
  'AADSTS',
  '53003',
  '50126',
  ':',
  ' ',
  '\n',
  '\\r\\n',
  '\\"',
  '"error_codes":[',
  ']',
  'Correlation Id: ',
  '0b1c2d3e-4f50-4172-8394-a5b6c7d8e9f0',
  'Error Code: ',
  '%3a+',
  '\u200b',
  '\u00a0',
  '\u2019',
  'Your account is blocked',
  '@',
  'user ',
];

/**
 * Text shaped like a paste, for the property tests (test/triage/fuzz.test.ts) and the
 * equivalence check of faster triage (bench/triage-equivalence.ts): any binary or grapheme string,
 * or pieces of sign-in pastes (and `extra` pieces) joined at random.
 */
export function pasteLikeText(extra: readonly string[] = []): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: 'binary', maxLength: 400 }),
    fc.string({ unit: 'grapheme', maxLength: 400 }),
    fc
      .array(fc.constantFrom(...PASTE_PIECES, ...extra), { maxLength: 60 })
      .map((parts) => parts.join('')),
  );
}
