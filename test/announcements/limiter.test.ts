import assert from 'node:assert/strict';
import sinon from 'sinon';
import { retryAfterDelay } from '../../src/announcements/backoff';
import { ClusterCoordinator } from '../../src/announcements/cluster';
import {
  ConversationWindows,
  TEAMS_CONVERSATION_LIMITS,
} from '../../src/announcements/conversation-windows';
import { DeliveryLimiter, StoppedError } from '../../src/announcements/delivery-limiter';
import { ThrottleGovernor } from '../../src/announcements/throttle-governor';
import { MemoryRecordStore } from '../fakes/memory-record-store';

const T0 = Date.parse('2026-11-01T08:00:00Z');

/** Starts `count` acquires on keys from `keyOf` and records when each one was let through. */
function acquireAll(
  limiter: DeliveryLimiter,
  count: number,
  keyOf: (i: number) => string,
): { times: number[]; all: Promise<void[]> } {
  const times: number[] = [];
  const all = Promise.all(
    Array.from({ length: count }, (_, i) =>
      limiter.acquire(keyOf(i)).then(() => {
        times[i] = Date.now() - T0;
      }),
    ),
  );
  return { times, all };
}

function inWindow(times: number[], end: number, windowMs: number): number {
  return times.filter((t) => t > end - windowMs && t <= end).length;
}

describe('announcement rate limiting', () => {
  let clock: sinon.SinonFakeTimers;

  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: T0 });
  });

  afterEach(() => clock.restore());

  it('paces the app evenly at its rate, minus the headroom', async () => {
    const limiter = new DeliveryLimiter({ ratePerSecond: 30, headroom: 0.1 });
    const { times, all } = acquireAll(limiter, 28, (i) => `conv:${i}`);
    await clock.tickAsync(2_000);
    await all;
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    // 30/s less 10% is 27/s: one every 37 ms, never two inside that.
    assert.ok(
      gaps.every((g) => g >= 37 && g <= 38),
      `gaps ${gaps.join(',')}`,
    );
    assert.equal(inWindow(times, 1_000, 1_000), 27);
  });

  it('keeps one conversation within 7/1 s, 8/2 s and 60/30 s while others flow', async () => {
    const limiter = new DeliveryLimiter({ ratePerSecond: 50, headroom: 0 });
    const { times: same, all } = acquireAll(limiter, 70, () => 'conv:author');
    const { times: others, all: rest } = acquireAll(limiter, 20, (i) => `conv:${i}`);
    await clock.tickAsync(40_000);
    await Promise.all([all, rest]);
    for (const t of same) {
      assert.ok(inWindow(same, t, 1_000) <= 7, `7 per second at ${t}`);
      assert.ok(inWindow(same, t, 2_000) <= 8, `8 per 2 s at ${t}`);
      assert.ok(inWindow(same, t, 30_000) <= 60, `60 per 30 s at ${t}`);
    }
    assert.ok(same[69] >= 30_000, 'the 61st message waits for the 30 s window');
    assert.ok(Math.max(...others) < 2_000, 'other conversations are not held up by a busy one');
  });

  it('knows the hourly limit of a thread', () => {
    const windows = new ConversationWindows(TEAMS_CONVERSATION_LIMITS);
    let at = 0;
    for (let i = 0; i < 1_800; i += 1) {
      at = windows.peek('conv:x', at);
      windows.record('conv:x', at);
    }
    const next = windows.peek('conv:x', at);
    assert.ok(next >= 3_600_000, `the 1801st send waits for the hour, got ${next}`);
  });

  it('lets an isolated 429 slow only its own recipient', async () => {
    const governor = new ThrottleGovernor({ random: () => 0 });
    const limiter = new DeliveryLimiter({ ratePerSecond: 20, headroom: 0, governor });
    for (let i = 0; i < 30; i += 1) governor.recordSuccess();
    assert.equal(governor.recordThrottled(Date.now(), 5_000), undefined);
    limiter.blockConversation('conv:throttled', Date.now() + 5_000);
    const { times, all } = acquireAll(limiter, 10, (i) =>
      i === 0 ? 'conv:throttled' : `conv:${i}`,
    );
    await clock.tickAsync(6_000);
    await all;
    assert.ok(times[0] >= 5_000, 'the throttled conversation waits its Retry-After');
    assert.ok(Math.max(...times.slice(1)) < 1_000, 'everybody else carries on');
  });

  it('pauses every caller on a burst of 429s, for at least Retry-After, with bounded jitter', async () => {
    const governor = new ThrottleGovernor({ random: () => 1 });
    const limiter = new DeliveryLimiter({ ratePerSecond: 20, headroom: 0, governor });
    const paused: number[] = [];
    governor.onPause((until) => paused.push(until - T0));
    let result: number | undefined;
    for (let i = 0; i < 5; i += 1) result = governor.recordThrottled(Date.now(), 2_000);
    assert.ok(result !== undefined, 'five 429s in a row are a burst');
    // Retry-After 2 s plus at most a quarter of it.
    assert.equal(result - T0, 2_500);
    const { times, all } = acquireAll(limiter, 5, (i) => `conv:${i}`);
    await clock.tickAsync(4_000);
    await all;
    assert.ok(
      times.every((t) => t >= 2_500),
      `nobody before the pause ends: ${times.join(',')}`,
    );
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    assert.ok(
      gaps.every((g) => g >= 50),
      'and they resume at the steady pace, not all at once',
    );
    assert.deepEqual(paused, [2_500]);
  });

  it('doubles the pause while bursts keep coming, and caps it', () => {
    const governor = new ThrottleGovernor({ random: () => 0, maxPauseMs: 10_000 });
    const pauses: number[] = [];
    for (let burst = 0; burst < 5; burst += 1) {
      const now = Math.max(Date.now(), governor.pausedUntil());
      let until: number | undefined;
      for (let i = 0; i < 5; i += 1) until = governor.recordThrottled(now, 2_000) ?? until;
      pauses.push((until ?? now) - now);
      clock.setSystemTime(until ?? now);
    }
    assert.deepEqual(pauses, [2_000, 4_000, 8_000, 10_000, 10_000]);
  });

  it('does not mistake scattered 429s (5% of answers) for a burst', () => {
    const governor = new ThrottleGovernor({ random: () => 0.5 });
    let pauses = 0;
    // One 429 in every twenty answers, spread evenly, for a long run.
    for (let i = 0; i < 10_000; i += 1) {
      if (i % 20 === 0) pauses += governor.recordThrottled(Date.now(), 1_000) === undefined ? 0 : 1;
      else governor.recordSuccess();
    }
    assert.equal(pauses, 0);
  });

  it('gives callers waiting at a slow pace a new turn as soon as the pace gets faster', async () => {
    // An idle process keeps a trickle (0.5/s): lanes that arrive then get turns 2 s apart.
    const limiter = new DeliveryLimiter({ ratePerSecond: 0.5, headroom: 0 });
    const { times, all } = acquireAll(limiter, 16, (i) => `conv:${i}`);
    await clock.tickAsync(10);
    assert.equal(times.filter((t) => t !== undefined).length, 1, 'one at once, the rest queued');
    // Its heartbeat won a share: the queued callers must not keep their turns 30 s away.
    limiter.setRate(50);
    await clock.tickAsync(400);
    await all;
    assert.ok(Math.max(...times) < 400, `all through by ${Math.max(...times)} ms`);
    assert.ok(inWindow(times, 400, 1_000) <= 50);
  });

  it('lets a caller wait for room in the sliding second without counting it, then counts it as it leaves', async () => {
    const limiter = new DeliveryLimiter({ ratePerSecond: 3, headroom: 0, admitAtSend: true });
    for (let i = 0; i < 3; i += 1) {
      (await limiter.admit())(); // answered at once
      await clock.tickAsync(100);
    }
    let roomAt = -1;
    const waiting = limiter.room().then(() => (roomAt = Date.now() - T0));
    await clock.tickAsync(500);
    assert.equal(roomAt, -1, 'the second is full: wait');
    await clock.tickAsync(212);
    await waiting;
    assert.ok(roomAt > 1_000 && roomAt < 1_100, `room after the first left the second (${roomAt})`);
    // Waiting counted nothing: the one place that opened is still free when the request leaves.
    let through = 0;
    for (let i = 0; i < 2; i += 1) void limiter.admit().then(() => (through += 1));
    await clock.tickAsync(10);
    assert.equal(through, 1);
  });

  it('counts a request from its answer: requests held up by a stall after the check do not free the next second early', async () => {
    const limiter = new DeliveryLimiter({ ratePerSecond: 3, headroom: 0, admitAtSend: true });
    // Three counted at 0 ms; the process stalls, so they leave, and are answered, at 300 ms.
    const answered = [await limiter.admit(), await limiter.admit(), await limiter.admit()];
    await clock.tickAsync(300);
    for (const done of answered) {
      done();
      done(); // a second call (the answer, then a failed body) moves nothing again
    }
    // The channel counted them at about 300 ms: the fourth waits until they leave its second.
    let fourthAt = -1;
    const fourth = limiter.admit().then(() => (fourthAt = Date.now() - T0));
    await clock.tickAsync(900);
    assert.equal(fourthAt, -1, 'counted from 0 ms, it would have gone at about 1,010 ms');
    await clock.tickAsync(500);
    await fourth;
    assert.ok(
      fourthAt > 1_300 && fourthAt < 1_400,
      `after the answers left the second (${fourthAt})`,
    );
    assert.equal(limiter.snapshot().grantsInWindow, 1);
  });

  it('keeps a request in the sliding second until it is answered, for room as well as admit', async () => {
    const limiter = new DeliveryLimiter({ ratePerSecond: 3, headroom: 0, admitAtSend: true });
    const answered = [await limiter.admit(), await limiter.admit(), await limiter.admit()];
    // Long after their check, still no answer: the channel may not have counted them yet.
    await clock.tickAsync(1_500);
    let roomAt = -1;
    const room = limiter.room().then(() => (roomAt = Date.now() - T0));
    await clock.tickAsync(100);
    assert.equal(roomAt, -1, 'no room while they are unanswered');
    for (const done of answered) done();
    await clock.tickAsync(900);
    assert.equal(roomAt, -1, 'counted from their answer at 1,600 ms');
    await clock.tickAsync(200);
    await room;
    assert.ok(roomAt > 2_600 && roomAt < 2_700, `room once they left the second (${roomAt})`);
  });

  it('gives a waiting caller back when stopped', async () => {
    const limiter = new DeliveryLimiter({ ratePerSecond: 1, headroom: 0 });
    await limiter.acquire('conv:a');
    const controller = new AbortController();
    const waiting = limiter.acquire('conv:b', controller.signal);
    controller.abort();
    await assert.rejects(waiting, StoppedError);
  });

  it('never waits less than Retry-After and spreads retries over at most a quarter more', () => {
    for (const r of [0, 0.3, 0.99]) {
      const delay = retryAfterDelay(4_000, 1, { baseMs: 1_000, maxMs: 30_000, random: () => r });
      assert.ok(delay >= 4_000 && delay <= 5_000, String(delay));
    }
    const fallback = retryAfterDelay(undefined, 3, {
      baseMs: 1_000,
      maxMs: 30_000,
      random: () => 1,
    });
    assert.equal(fallback, 4_000, 'without Retry-After: exponential backoff');
  });

  describe('across worker processes', () => {
    it('splits the app rate among busy processes and takes it back when one is gone', async () => {
      const records = new MemoryRecordStore();
      const a = new DeliveryLimiter({ ratePerSecond: 30, headroom: 0 });
      const b = new DeliveryLimiter({ ratePerSecond: 30, headroom: 0 });
      const ca = new ClusterCoordinator(records, a, { workerId: 'a', totalRatePerSecond: 30 });
      const cb = new ClusterCoordinator(records, b, { workerId: 'b', totalRatePerSecond: 30 });
      ca.setBusy(true);
      cb.setBusy(true);
      await ca.start();
      await cb.start();
      await clock.tickAsync(1_100);
      assert.equal(a.rate, 15);
      assert.equal(b.rate, 15);
      await cb.stop();
      await clock.tickAsync(600);
      assert.equal(a.rate, 30, 'b left');
      // A process that dies leaves its heartbeat (and its claim) behind; its claim counts for
      // the claim span (six beats, 3 s) after it was written, no longer.
      await records.upsert(
        'annControl',
        { partition: 'workers', row: 'dead' },
        { at: Date.now(), busy: true, claim: 15 },
      );
      await clock.tickAsync(500);
      assert.equal(a.rate, 15);
      await clock.tickAsync(2_000);
      assert.equal(a.rate, 15, 'five missed beats are not enough');
      await clock.tickAsync(1_000);
      assert.equal(a.rate, 30);
      await ca.stop();
    });

    it('makes a pause decided in one process hold in the others', async () => {
      const records = new MemoryRecordStore();
      const governorA = new ThrottleGovernor({ random: () => 0 });
      const a = new DeliveryLimiter({ ratePerSecond: 30, headroom: 0, governor: governorA });
      const b = new DeliveryLimiter({ ratePerSecond: 30, headroom: 0 });
      const ca = new ClusterCoordinator(records, a, { workerId: 'a', totalRatePerSecond: 30 });
      const cb = new ClusterCoordinator(records, b, { workerId: 'b', totalRatePerSecond: 30 });
      await ca.start();
      await cb.start();
      for (let i = 0; i < 5; i += 1) governorA.recordThrottled(Date.now(), 10_000);
      await clock.tickAsync(1_500);
      assert.equal(b.governor.pausedUntil() - T0, 10_000, 'b adopted the pause from storage');
      let passedAt = 0;
      const waiting = b.acquire('conv:z').then(() => (passedAt = Date.now() - T0));
      await clock.tickAsync(12_000);
      await waiting;
      assert.ok(passedAt >= 10_000, `b sent nothing during the pause (${passedAt})`);
      await ca.stop();
      await cb.stop();
    });
  });
});
