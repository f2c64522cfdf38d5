import assert from 'node:assert/strict';
import { refusedForNowOrAsIs } from '../../bot/remediation/notifier';
import { RefusedForNow } from '../../src/remediation/tell-requester';

/**
 * Which connector refusals are only for now (Teams busy: worth trying the edit again later) and
 * how long Teams asked to wait; the errors are shaped as the connector client throws them (a
 * status code, and the response with its headers).
 */
describe('a connector refusal, for now or for good', () => {
  const NOW = Date.parse('2026-11-22T09:30:00Z');
  const refusal = (status: number, headers: Record<string, string> = {}) => {
    const error = new Error(`refused with ${status}`) as Error & Record<string, unknown>;
    error.statusCode = status;
    error.response = { status, headers: { get: (name: string) => headers[name.toLowerCase()] } };
    return error;
  };

  it('429 and 503 are for now, with the Retry-After in seconds or as a date', () => {
    const seconds = refusedForNowOrAsIs(refusal(429, { 'retry-after': '7' }), () => NOW);
    assert.ok(seconds instanceof RefusedForNow);
    assert.equal(seconds.retryAfterMs, 7_000);
    const date = refusedForNowOrAsIs(
      refusal(503, { 'retry-after': 'Sun, 22 Nov 2026 09:30:30 GMT' }),
      () => NOW,
    );
    assert.ok(date instanceof RefusedForNow);
    assert.equal(date.retryAfterMs, 30_000);
    const unsaid = refusedForNowOrAsIs(refusal(503), () => NOW);
    assert.ok(unsaid instanceof RefusedForNow);
    assert.equal(unsaid.retryAfterMs, undefined);
  });

  it('keeps what was refused in it, for the log', () => {
    const original = refusal(429);
    const forNow = refusedForNowOrAsIs(original) as RefusedForNow;
    assert.equal(forNow.reason, original);
    assert.equal(forNow.message, 'refused with 429');
  });

  it('403, 404, 400, 500 and errors without a status are for good: passed on as they are', () => {
    for (const status of [400, 403, 404, 500]) {
      const error = refusal(status);
      assert.equal(refusedForNowOrAsIs(error), error, String(status));
    }
    const plain = new Error('socket hang up');
    assert.equal(refusedForNowOrAsIs(plain), plain);
    assert.equal(refusedForNowOrAsIs(undefined), undefined);
  });
});
