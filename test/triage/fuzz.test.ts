import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_PASTE_CHARS, normalize } from '../../src/triage/normalize';
import { triage } from '../../src/triage/triage';
import { INTENTS, type Triage } from '../../src/triage/types';
import { pasteLikeText } from './support/paste-like';
import { testCatalog } from './support/test-catalog';

const catalog = testCatalog();
const FIELD_NAMES = new Set([
  'correlationId',
  'requestId',
  'traceId',
  'timestamp',
  'appId',
  'appName',
  'upn',
  'ip',
  'deviceId',
  'devicePlatform',
  'deviceState',
]);

/** Fails with a reason when a result breaks the Triage contract. */
function assertValid(result: Triage): void {
  assert.ok((INTENTS as readonly string[]).includes(result.intent), result.intent);
  assert.ok(Array.isArray(result.codes));
  assert.equal(new Set(result.codes).size, result.codes.length, 'codes repeat');
  for (const code of result.codes) assert.ok(Number.isInteger(code) && code > 0, String(code));
  if (result.code !== undefined) {
    assert.ok(result.codes.includes(result.code), 'deciding code not among codes');
  }
  if (result.entry !== undefined) assert.equal(result.entry.code, result.code);
  if (result.codes.length > 0) assert.notEqual(result.code, undefined, 'codes but no code');
  if (result.intent === 'unrelated') {
    assert.deepEqual(result.codes, []);
    assert.equal(result.message, undefined);
  }
  assert.ok(result.confidence >= 0 && result.confidence <= 1, String(result.confidence));
  assert.equal(typeof result.truncated, 'boolean');
  for (const [key, value] of Object.entries(result.fields)) {
    assert.ok(FIELD_NAMES.has(key), key);
    assert.equal(typeof value, 'string');
    assert.ok(value.length > 0 && value.length <= 300, `${key} has length ${value.length}`);
  }
}

const pasteLike = pasteLikeText();

describe('triage under random and hostile input', () => {
  it('returns a valid result for any text', () => {
    fc.assert(
      fc.property(pasteLike, (text) => {
        assertValid(triage(text, catalog));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps finding a prefixed code whatever surrounds it', () => {
    fc.assert(
      fc.property(pasteLike, pasteLike, (before, after) => {
        const result = triage(
          `${before} AADSTS50126: Invalid username or password ${after}`,
          catalog,
        );
        assert.ok(result.codes.includes(50126), JSON.stringify(result.codes));
      }),
      { numRuns: 200 },
    );
  });

  it('takes no code from text without digits', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const withoutDigits = normalize(text).text.replace(/\d/g, '');
        assert.deepEqual(triage(withoutDigits, catalog).codes, []);
      }),
      { numRuns: 200 },
    );
  });

  it('survives adversarial repetitions and huge pastes', () => {
    const hostile = [
      'AADSTS'.repeat(100_000),
      '0'.repeat(1_000_000),
      '['.repeat(100_000) + ']'.repeat(100_000),
      '{"error_codes":['.repeat(20_000),
      'Request Id: '.repeat(50_000),
      'a@'.repeat(200_000),
      '\\'.repeat(300_000),
      '\\u0027'.repeat(100_000),
      '%41+'.repeat(100_000),
      'error code '.repeat(60_000),
      '\u200b'.repeat(500_000),
      'We\u2019ve '.repeat(100_000),
      `${'1.'.repeat(200_000)}53003`,
    ];
    for (const text of hostile) {
      const result = triage(text, catalog);
      assertValid(result);
      assert.equal(result.truncated, text.length > MAX_PASTE_CHARS, text.slice(0, 20));
    }
  });
});
