import assert from 'node:assert/strict';
import sinon from 'sinon';
import { Rounds } from '../../src/announcements/rounds';
import { HeartbeatLiveness } from '../../src/announcements/worker-liveness';

const T0 = Date.parse('2026-11-01T08:00:00Z');

describe("the supervisor's rounds", () => {
  let clock: sinon.SinonFakeTimers;

  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: T0 });
  });

  afterEach(() => clock.restore());

  it('runs a round at once when woken, one at a time, and keeps its pace otherwise', async () => {
    const started: number[] = [];
    let finish: () => void = () => undefined;
    const rounds = new Rounds(
      async () => {
        started.push(Date.now() - T0);
        await new Promise<void>((resolve) => (finish = resolve));
      },
      () => 1_000,
      () => undefined,
    );
    rounds.start();
    await clock.tickAsync(0);
    assert.deepEqual(started, [0]);
    finish();
    await clock.tickAsync(300);
    rounds.wake();
    await clock.tickAsync(0);
    assert.deepEqual(started, [0, 300], 'woken: no wait for the next tick');
    // Woken while a round is under way: the next one follows it at once, not alongside it.
    rounds.wake();
    await clock.tickAsync(50);
    assert.deepEqual(started, [0, 300]);
    finish();
    await clock.tickAsync(0);
    assert.deepEqual(started, [0, 300, 350]);
    finish();
    await clock.tickAsync(999);
    assert.equal(started.length, 3);
    await clock.tickAsync(1);
    assert.deepEqual(started, [0, 300, 350, 1_350]);
    const stopping = rounds.stop();
    finish();
    await stopping;
    rounds.wake();
    await clock.tickAsync(5_000);
    assert.equal(started.length, 4, 'stopped: woken or not, no more rounds');
  });

  it('is woken when a process is found gone, once per process found', () => {
    let now = T0;
    const live = new HeartbeatLiveness('me', 3_000, () => now);
    let told = 0;
    live.onFound = () => (told += 1);
    live.recordView(
      new Map([
        ['me', now],
        ['dead', 1],
        ['other', 1],
      ]),
    );
    assert.equal(told, 0);
    now += 500;
    live.recordView(
      new Map([
        ['me', now],
        ['dead', 1],
        ['other', 2],
      ]),
      new Set(['dead']),
    );
    assert.equal(told, 1, 'ended: found gone at the first fresh view');
    now += 500;
    live.recordView(
      new Map([
        ['me', now],
        ['dead', 1],
        ['other', 3],
      ]),
      new Set(['dead']),
    );
    assert.equal(told, 1);
  });
});
