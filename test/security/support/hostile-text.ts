import fc from 'fast-check';
import { MAX_PASTE_CHARS } from '../../../src/triage/normalize';

/** A template expression the card templating would turn into this marker if it ever ran one. */
export const EVAL_MARKER = 'EVALUATED9X';
const EXPRESSIONS = [
  "${concat('EVALU','ATED9X')}",
  "${if(true,'EVALUATED9X','')}",
  '${$root.title}',
  '${from.name}',
  '{{DATE(2020-01-01T00:00:00Z)}}',
  '$when',
];
const PIECES = [
  'AADSTS50053',
  'AADSTS53003: Access has been blocked by Conditional Access policies.',
  'Correlation ID: 1b2c3d4e-0000-4000-8000-000000000000',
  '\u202e', // right-to-left override
  '\u2066\u2069',
  '\u200b\u200c\u200d\ufeff', // zero-width
  '\ud800', // lone high surrogate
  '\udc00', // lone low surrogate
  '\u0000',
  '\r\n',
  '<script>alert(1)</script>',
  '**bold** [link](javascript:alert(1)) ![img](http://x/y.png)',
  '```\ncode\n```',
  '"}, {"type": "Action.OpenUrl", "url": "https://attacker.invalid"}',
];

/** Generated pastes mixing sign-in errors with hostile text, including the extremes. */
export function hostileText(): fc.Arbitrary<string> {
  const piece = fc.oneof(
    fc.constantFrom(...EXPRESSIONS),
    fc.constantFrom(...PIECES),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ maxLength: 40 }),
  );
  const mixed = fc.array(piece, { minLength: 1, maxLength: 12 }).map((parts) => parts.join(' '));
  const extreme = fc.constantFrom(
    Array.from({ length: 10_000 }, (_, i) => (i % 7 === 0 ? 'AADSTS50053' : `line ${i}`)).join(
      '\n',
    ),
    `AADSTS50053 ${'x'.repeat(MAX_PASTE_CHARS)}`,
    `${EXPRESSIONS.join(' ')} ${'\u202e'.repeat(500)}`,
    '\u0000'.repeat(5_000),
  );
  return fc.oneof({ weight: 9, arbitrary: mixed }, { weight: 1, arbitrary: extreme });
}
