import assert from 'node:assert/strict';
import { HeartbeatLiveness } from '../../src/announcements/worker-liveness';

describe('worker liveness from heartbeats', () => {
  let now = 1_000_000;
  const clock = (): number => now;
  const view = (rows: Record<string, number>): Map<string, number> => new Map(Object.entries(rows));

  beforeEach(() => {
    now = 1_000_000;
  });

  it('calls a process gone only after its heartbeat stood still for the stale span, on our clock', () => {
    const live = new HeartbeatLiveness('me', 5_000, clock);
    // The other host's clock is far off: only whether its value changes matters.
    live.recordView(view({ me: now, other: 42 }));
    for (let i = 0; i < 5; i += 1) {
      now += 1_000;
      live.recordView(view({ me: now, other: 42 }));
    }
    assert.equal(live.isGone('other'), false, 'exactly the stale span is not enough');
    assert.equal(live.generation(), 0);
    now += 1_000;
    live.recordView(view({ me: now, other: 42 }));
    assert.equal(live.isGone('other'), true);
    assert.equal(live.generation(), 1, 'a newly gone process bumps the generation once');
    now += 1_000;
    live.recordView(view({ me: now, other: 42 }));
    assert.equal(live.generation(), 1);
    live.recordView(view({ me: now, other: 43 }));
    assert.equal(live.isGone('other'), false, 'a beat brings it back');
  });

  it('never calls itself, an unknown process, or anyone gone while its own view is old', () => {
    const live = new HeartbeatLiveness('me', 5_000, clock);
    live.recordView(view({ me: now, other: 1 }));
    now += 6_000;
    assert.equal(live.isGone('me'), false);
    assert.equal(live.isGone('stranger'), false);
    assert.equal(live.isGone('other'), false, 'our own last read is older than the stale span');
    live.recordView(view({ me: now, other: 1 }));
    assert.equal(live.isGone('other'), true);
  });

  it('calls a process the operating system says has ended gone at once, and no other', () => {
    const live = new HeartbeatLiveness('me', 5_000, clock);
    live.recordView(view({ me: now, ended: 7, other: 8 }), new Set(['ended', 'absent']));
    assert.equal(live.isGone('ended'), true, 'no stale span to wait for');
    assert.equal(live.isGone('other'), false);
    assert.equal(live.isGone('absent'), false, 'no row: nothing to take over from');
    now += 6_000;
    assert.equal(live.isGone('ended'), false, 'our own view is old');
  });

  it('says a process has ended (its journal may be read) only when the operating system said so', () => {
    const live = new HeartbeatLiveness('me', 5_000, clock);
    live.recordView(view({ me: now, ended: 7, stale: 8 }), new Set(['ended', 'absent', 'me']));
    for (let i = 0; i < 6; i += 1) {
      now += 1_000;
      live.recordView(view({ me: now, ended: 7, stale: 8 }), new Set(['ended', 'absent', 'me']));
    }
    assert.equal(live.hasEnded('ended'), true);
    assert.equal(live.isGone('stale'), true, 'gone by its heartbeat');
    assert.equal(live.hasEnded('stale'), false, 'but not known to have ended: it may still send');
    assert.equal(live.hasEnded('absent'), false, 'no row');
    assert.equal(live.hasEnded('me'), false, 'never itself');
  });

  it('lets this process act only while its own last beat is younger than half the stale span', () => {
    const live = new HeartbeatLiveness('me', 5_000, clock);
    assert.equal(live.mayAct(), false, 'no beat written yet');
    live.recordOwnBeat(now);
    now += 2_400;
    assert.equal(live.mayAct(), true);
    now += 200;
    assert.equal(live.mayAct(), false);
  });
});
