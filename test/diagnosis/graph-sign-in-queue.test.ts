import assert from 'node:assert/strict';
import sinon from 'sinon';
import type { SignInQuery, SignInRecord } from '../../src/diagnosis/ports';
import { ThrottleBudgetError, TokenBucket, bucketFor } from '../../src/graph/rate-limiter';
import { SIGN_IN_PAGE, SignInQueue, signInFilter } from '../../src/graph/sign-in-queue';
import { aSignIn, minutesAgo, nextId } from './fakes/builders';

/** A sign-in log that answers the filters the queue sends, and remembers them. */
function fakeLog(rows: SignInRecord[]) {
  const filters: string[] = [];
  const fetch = async (filter: string, top: number): Promise<SignInRecord[]> => {
    filters.push(filter);
    const code = /status\/errorCode eq (\d+)/.exec(filter)?.[1];
    const user = /userId eq '([^']+)'/.exec(filter)?.[1];
    const correlation = /correlationId eq '([^']+)'/.exec(filter)?.[1];
    const since = /createdDateTime ge (\S+)/.exec(filter)?.[1];
    return rows
      .filter((r) => code === undefined || r.status.errorCode === Number(code))
      .filter((r) => user === undefined || r.userId === user)
      .filter((r) => correlation === undefined || r.correlationId === correlation)
      .filter((r) => since === undefined || Date.parse(r.createdDateTime) >= Date.parse(since))
      .slice(0, top);
  };
  return { fetch, filters };
}

const since = new Date(minutesAgo(60 * 24));

describe('sign-in look-ups under the report limit', () => {
  it('writes a precise filter with documented operators only, always scoped to the user', () => {
    const filter = signInFilter({
      userId: '0A6F3B1E4C2D4E8F9A7B1C3D5E7F9A01',
      correlationId: 'c4f2a9e1-6b3d-4e7a-8c5f-2d1b0a9e8f02',
      since: new Date('2026-01-14T12:00:00.123Z'),
      top: 20,
    });
    assert.equal(
      filter,
      "userId eq '0A6F3B1E-4C2D-4E8F-9A7B-1C3D5E7F9A01' and correlationId eq 'c4f2a9e1-6b3d-4e7a-8c5f-2d1b0a9e8f02' and createdDateTime ge 2026-01-14T12:00:00Z",
    );
    assert.doesNotMatch(filter, / ne | in \(/);
  });

  it('answers one person with their own query straight away', async () => {
    const row = aSignIn();
    const log = fakeLog([row]);
    const queue = new SignInQueue(log.fetch, undefined);
    const rows = await queue.find({
      userId: row.userId,
      correlationId: row.correlationId,
      since,
      top: 20,
      expectedErrorCode: 53003,
    });
    assert.deepEqual(
      rows.map((r) => r.id),
      [row.id],
    );
    assert.equal(log.filters.length, 1);
    assert.match(log.filters[0], /correlationId eq/);
  });

  describe('in a burst', () => {
    let clock: sinon.SinonFakeTimers;
    beforeEach(() => (clock = sinon.useFakeTimers({ now: Date.parse('2026-01-15T12:00:00Z') })));
    afterEach(() => clock.restore());

    it('answers everyone waiting for the same code with one query, each with only their own rows', async () => {
      const users = Array.from({ length: 30 }, () => nextId());
      const rows = users.map((userId) =>
        aSignIn({ userId, createdDateTime: new Date(Date.now() - 60_000).toISOString() }),
      );
      const log = fakeLog(rows);
      const bucket = new TokenBucket('sign-in-reports', {
        ...bucketFor({ limit: 5, windowMs: 10_000 }),
        maxWaitMs: 60_000,
      });
      const queue = new SignInQueue(log.fetch, bucket);
      const queries: SignInQuery[] = users.map((userId, i) => ({
        userId,
        correlationId: rows[i].correlationId,
        since: new Date(Date.now() - 3_600_000),
        top: 20,
        expectedErrorCode: 53003,
      }));
      const answers = Promise.all(queries.map((q) => queue.find(q)));
      await clock.tickAsync(5_000);
      const results = await answers;
      results.forEach((answer, i) =>
        assert.deepEqual(
          answer.map((r) => r.id),
          [rows[i].id],
        ),
      );
      assert.equal(log.filters.length, 1, 'everyone who asked together shares one query');
      assert.match(log.filters[0], /^status\/errorCode eq 53003 and createdDateTime ge /);
    });

    it('sends a look-up the merged answer cannot vouch for back for a query of its own', async () => {
      const a = aSignIn({ createdDateTime: minutesAgo(1) });
      const other = aSignIn({
        userId: nextId(),
        createdDateTime: minutesAgo(1),
        status: { errorCode: 53000, failureReason: null, additionalDetails: null },
      });
      const log = fakeLog([a, other]);
      const bucket = new TokenBucket('sign-in-reports', {
        capacity: 1,
        refillMs: 1_000,
        maxWaitMs: 60_000,
      });
      const queue = new SignInQueue(log.fetch, bucket);
      await bucket.acquire(); // someone else just used the token
      const hinted = (q: Partial<SignInQuery>): SignInQuery => ({
        userId: '',
        since,
        top: 50,
        expectedErrorCode: 53003,
        ...q,
      });
      const both = Promise.all([
        queue.find(hinted({ userId: a.userId })),
        queue.find(hinted({ userId: other.userId })),
      ]);
      await clock.tickAsync(5_000);
      const [forA, forOther] = await both;
      assert.deepEqual(
        forA.map((r) => r.id),
        [a.id],
      );
      assert.deepEqual(
        forOther.map((r) => r.id),
        [other.id],
        'found by its own query despite the other code',
      );
      assert.equal(log.filters.length, 2);
      assert.match(log.filters[1], /^userId eq/);
    });

    it('sends look-ups alone when a merged page was full before reaching their time range', async () => {
      const target = aSignIn({ createdDateTime: minutesAgo(600) });
      const noise = Array.from({ length: SIGN_IN_PAGE }, () =>
        aSignIn({ userId: nextId(), createdDateTime: minutesAgo(1) }),
      );
      const log = fakeLog([...noise, target]);
      const bucket = new TokenBucket('sign-in-reports', {
        capacity: 1,
        refillMs: 1_000,
        maxWaitMs: 60_000,
      });
      const queue = new SignInQueue(log.fetch, bucket);
      await bucket.acquire();
      const both = Promise.all([
        queue.find({ userId: target.userId, since, top: 50, errorCode: 53003 }),
        queue.find({ userId: noise[0].userId, since, top: 50, errorCode: 53003 }),
      ]);
      await clock.tickAsync(5_000);
      const [forTarget, forNoise] = await both;
      assert.deepEqual(
        forTarget.map((r) => r.id),
        [target.id],
      );
      assert.deepEqual(
        forNoise.map((r) => r.id),
        [noise[0].id],
      );
      assert.equal(log.filters.length, 3, 'one merged page, then one query each');
      assert.ok(log.filters.slice(1).every((f) => f.startsWith('userId eq')));
    });

    it('refuses at once a look-up whose turn would come past the wait budget, but not one that merges', async () => {
      const log = fakeLog([]);
      const bucket = new TokenBucket('sign-in-reports', {
        capacity: 1,
        refillMs: 1_000,
        maxWaitMs: 3_000,
      });
      const queue = new SignInQueue(log.fetch, bucket);
      await bucket.acquire(); // someone else just used the token
      const lookUp = (errorCode: number) =>
        queue.find({ userId: nextId(), since, top: 20, errorCode });
      // Three turns fit in 3 s at one token a second: each code is a query of its own.
      const fitting = [53003, 53000, 50076].map(lookUp);
      let refused: unknown;
      const late = lookUp(50074).catch((error: unknown) => (refused = error));
      await clock.tickAsync(0);
      assert.ok(refused instanceof ThrottleBudgetError, 'refused at once, before any time passed');
      assert.equal(refused.retryAfterSeconds, 4, 'told when its turn would have come');
      assert.match(refused.userMessage ?? '', /try again in about 4 seconds/);
      // Same code as one waiting: answered by that query, so no turn of its own to wait for.
      const riding = lookUp(53003);
      await clock.tickAsync(10_000);
      await Promise.all([...fitting, riding, late]);
      assert.equal(log.filters.length, 3, 'the rider shared the first query');
      assert.ok(!log.filters.some((f) => f.includes('50074')), 'the refused look-up was not sent');
    });

    it('serves people in turn, so one person with many look-ups waiting delays another by one', async () => {
      const flooder = nextId();
      const other = nextId();
      const log = fakeLog([]);
      const bucket = new TokenBucket('sign-in-reports', {
        capacity: 1,
        refillMs: 1_000,
        maxWaitMs: 60_000,
      });
      const queue = new SignInQueue(log.fetch, bucket, 4);
      const own = (userId: string) => ({
        userId,
        correlationId: nextId(),
        since,
        top: 20,
      });
      const flood = [1, 2, 3, 4].map(() => queue.find(own(flooder)));
      const asked = queue.find(own(other));
      await assert.rejects(
        queue.find(own(flooder)),
        { code: 'graph-throttled' },
        'fifth waits no more',
      );
      await clock.tickAsync(10_000);
      await Promise.all([...flood, asked]);
      const whose = log.filters.map((f) => (f.includes(other) ? 'other' : 'flooder'));
      assert.deepEqual(whose, ['flooder', 'other', 'flooder', 'flooder', 'flooder']);
    });
  });
});
