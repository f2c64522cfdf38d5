import assert from 'node:assert/strict';
import { TokenBuckets } from '../../src/limits/token-bucket';

describe('token buckets', () => {
  it('allows the capacity at once, then refuses with the wait until the next token', () => {
    let now = 1_000_000;
    const buckets = new TokenBuckets(3, 60_000, () => now);
    for (let i = 0; i < 3; i += 1) assert.equal(buckets.take('a').allowed, true);
    const refused = buckets.take('a');
    assert.equal(refused.allowed, false);
    assert.equal(refused.retryAfterMs, 20_000);
    assert.equal(buckets.take('b').allowed, true, 'another key has its own bucket');
    now += 20_000;
    assert.equal(buckets.take('a').allowed, true, 'one token back after a third of the window');
    assert.equal(buckets.take('a').allowed, false);
  });

  it('never gains tokens from a clock that steps back, and never exceeds capacity', () => {
    let now = 5_000_000;
    const buckets = new TokenBuckets(2, 1_000, () => now);
    buckets.take('a');
    buckets.take('a');
    now -= 3_600_000;
    assert.equal(buckets.take('a').allowed, false);
    now += 10 * 3_600_000;
    assert.equal(buckets.peek('a'), 2);
  });

  it('keeps at most maxKeys buckets', () => {
    const buckets = new TokenBuckets(1, 60_000, () => 0, 100);
    for (let i = 0; i < 1000; i += 1) buckets.take(`k${i}`);
    assert.equal(buckets.take('k999').allowed, false, 'recent keys are kept');
    assert.equal(buckets.take('k0').allowed, true, 'the oldest were dropped (and come back full)');
  });
});
