import assert from 'node:assert/strict';
import sinon from 'sinon';
import {
  DOCUMENTED_LIMITS,
  TenantRateLimits,
  ThrottleBudgetError,
  TokenBucket,
  bucketFor,
  limitClassOf,
} from '../../src/graph/rate-limiter';

/** Largest number of instants in any window of `windowMs` (Graph's sliding-window count). */
function busiestWindow(times: number[], windowMs: number): number {
  let best = 0;
  for (const t of times)
    best = Math.max(best, times.filter((x) => x > t - windowMs && x <= t).length);
  return best;
}

describe('per-tenant rate limiter', () => {
  let clock: sinon.SinonFakeTimers;

  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: Date.parse('2026-01-15T12:00:00Z') });
  });
  afterEach(() => clock.restore());

  it('knows which paths count against which documented limit', () => {
    assert.equal(limitClassOf('/auditLogs/signIns?$filter=x'), 'sign-in-reports');
    assert.equal(limitClassOf('/identityProtection/riskyUsers/abc'), 'identity-protection');
    assert.equal(limitClassOf('/identityProtection/riskDetections?$top=5'), 'identity-protection');
    assert.equal(limitClassOf('/identity/conditionalAccess/policies'), 'identity-protection');
    assert.equal(limitClassOf('/users/abc'), undefined);
  });

  it('never lets more sign-in reads into a 10 s window than Graph allows, however many ask', async () => {
    const limits = new TenantRateLimits({ maxWaitMs: 120_000 });
    const bucket = limits.bucket('sign-in-reports');
    const sent: number[] = [];
    const all = Array.from({ length: 12 }, () =>
      bucket.acquire().then(() => sent.push(Date.now())),
    );
    await clock.tickAsync(60_000);
    await Promise.all(all);
    assert.equal(sent.length, 12);
    const { limit, windowMs } = DOCUMENTED_LIMITS['sign-in-reports'];
    assert.ok(
      busiestWindow(sent, windowMs) <= limit,
      `busiest window ${busiestWindow(sent, windowMs)}`,
    );
    // With head-room for network jitter, still closer to 5 than to 4 per window.
    assert.ok(busiestWindow(sent, windowMs) >= 4);
  });

  it('paces nothing when told the tenant has no limits, and keeps pacing by default', async () => {
    const sent: number[] = [];
    const unpaced = new TenantRateLimits({ pacing: 'off' }).bucket('sign-in-reports');
    await Promise.all(
      Array.from({ length: 50 }, () => unpaced.acquire().then(() => sent.push(Date.now()))),
    );
    assert.equal(sent.length, 50);
    assert.equal(new Set(sent).size, 1, 'all fifty at the same instant');
    const paced = new TenantRateLimits().bucket('sign-in-reports');
    let granted = 0;
    const waits = Array.from({ length: 3 }, () => paced.acquire().then(() => (granted += 1)));
    await clock.tickAsync(0);
    assert.equal(granted, 1, 'the default still makes the second caller wait');
    await clock.tickAsync(60_000);
    await Promise.all(waits);
  });

  it('spaces Identity Protection reads a little over a second apart', async () => {
    const bucket = new TenantRateLimits().bucket('identity-protection');
    const sent: number[] = [];
    const start = Date.now();
    const all = [0, 1, 2].map(() => bucket.acquire().then(() => sent.push(Date.now() - start)));
    await clock.tickAsync(5_000);
    await Promise.all(all);
    assert.deepEqual(sent, [0, 1200, 2400]);
  });

  it('serves waiters first come, first served', async () => {
    const bucket = new TokenBucket('t', { capacity: 1, refillMs: 100, maxWaitMs: 10_000 });
    const order: number[] = [];
    const all = [1, 2, 3, 4].map((n) => bucket.acquire().then(() => order.push(n)));
    await clock.tickAsync(1_000);
    await Promise.all(all);
    assert.deepEqual(order, [1, 2, 3, 4]);
  });

  it('refuses at once, saying when to retry, a caller who would wait past the budget', async () => {
    const bucket = new TokenBucket('sign-in-reports', {
      ...bucketFor({ limit: 5, windowMs: 10_000 }),
      maxWaitMs: 5_000,
    });
    await bucket.acquire();
    const queued = [bucket.acquire(), bucket.acquire()];
    await assert.rejects(bucket.acquire(), (error: unknown) => {
      assert.ok(error instanceof ThrottleBudgetError);
      assert.equal(error.code, 'graph-throttled');
      assert.equal(error.retryAfterSeconds, 8);
      assert.match(error.userMessage, /try again in about 8 seconds/);
      return true;
    });
    await clock.tickAsync(10_000);
    await Promise.all(queued);
  });

  it('hands out nothing while paused after an unexpected 429', async () => {
    const bucket = new TokenBucket('t', { capacity: 1, refillMs: 100, maxWaitMs: 60_000 });
    bucket.pause(3_000);
    let served = false;
    const waiting = bucket.acquire().then(() => (served = true));
    await clock.tickAsync(2_900);
    assert.equal(served, false);
    await clock.tickAsync(200);
    await waiting;
    assert.equal(served, true);
  });

  it('a pause past the wait budget refuses the callers already waiting at once, and keeps the rest', async () => {
    const bucket = new TokenBucket('identity-protection', {
      capacity: 1,
      refillMs: 1_000,
      maxWaitMs: 10_000,
    });
    await bucket.acquire(); // the token of the read that got the 429
    const outcomes: string[] = [];
    const first = bucket.acquire().then(
      () => outcomes.push('first served'),
      (e: unknown) => outcomes.push(e instanceof ThrottleBudgetError ? 'first refused' : 'other'),
    );
    bucket.pause(4_000);
    const second = bucket.acquire().then(
      () => outcomes.push('second served'),
      () => outcomes.push('second refused'),
    );
    await clock.tickAsync(0);
    assert.deepEqual(outcomes, [], 'a 4 s pause is within the budget: both wait');
    bucket.pause(30_000);
    await clock.tickAsync(0);
    assert.deepEqual(
      outcomes.sort(),
      ['first refused', 'second refused'],
      'told at once, not after 30 s',
    );
    assert.equal(bucket.waiting, 0);
    await Promise.all([first, second]);
    await assert.rejects(bucket.acquire(), ThrottleBudgetError, 'a newcomer too');
  });

  it('lets a quiet bucket answer the first caller without waiting', async () => {
    const bucket = new TenantRateLimits().bucket('sign-in-reports');
    let served = false;
    await bucket.acquire().then(() => (served = true));
    assert.equal(served, true);
    assert.equal(bucket.waiting, 0);
  });

  describe('Identity Protection reads about people', () => {
    const RISK = '/identityProtection/riskyUsers/';

    it("take turns between people, so one person's burst delays another's read by one", async () => {
      const limits = new TenantRateLimits();
      const served: string[] = [];
      const read = (person: string) =>
        limits.acquireFor(`${RISK}${person}`, person).then(() => served.push(person));
      const burst = [1, 2, 3, 4].map(() => read('flooder'));
      const other = read('other');
      await assert.rejects(
        limits.acquireFor(`${RISK}flooder`, 'flooder'),
        { code: 'graph-throttled' },
        'a fifth read about the same person waits no more',
      );
      await clock.tickAsync(10_000);
      await Promise.all([...burst, other]);
      assert.deepEqual(served, ['flooder', 'other', 'flooder', 'flooder', 'flooder']);
    });

    it('still keep to the tenant limit and its wait budget, whoever they are about', async () => {
      const limits = new TenantRateLimits({ maxWaitMs: 5_000 });
      const at: number[] = [];
      const start = Date.now();
      const people = ['a', 'b', 'c', 'd', 'e'];
      const reads = people.map((p) =>
        limits.acquireFor(`${RISK}${p}`, p).then(() => at.push(Date.now() - start)),
      );
      await assert.rejects(limits.acquireFor(`${RISK}f`, 'f'), (error: unknown) => {
        assert.ok(error instanceof ThrottleBudgetError);
        return true;
      });
      await clock.tickAsync(10_000);
      await Promise.all(reads);
      assert.equal(busiestWindow(at, 1_000), DOCUMENTED_LIMITS['identity-protection'].limit);
      assert.equal(at.length, people.length);
    });
  });
});
