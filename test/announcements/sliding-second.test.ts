import assert from 'node:assert/strict';
import sinon from 'sinon';
import { DeliveryLimiter } from '../../src/announcements/delivery-limiter';
import { SlidingSecond } from '../../src/announcements/sliding-second';

const SPAN = 1_000;

/** A process's first answers, whose round trips are not kept. */
const WARM_UP = 50;

/**
 * Counts a process's warm-up answers (answered 1 ms after their check), then `n` requests answered
 * `tripMs` after their check, one every 100 ms from 0; answers a time when all have left the second.
 */
function steady(second: SlidingSecond, n: number, tripMs: number): number {
  for (let i = 0; i < WARM_UP; i += 1) {
    second.add(-100_000 + i, true);
    second.answered(-100_000 + i, -100_000 + i + 1);
  }
  for (let i = 0; i < n; i += 1) {
    second.add(i * 100, true);
    second.answered(i * 100, i * 100 + tripMs);
  }
  const quiet = n * 100 + tripMs + SPAN;
  assert.equal(second.size(quiet), 0);
  return quiet;
}

describe('the sliding second: when an answered request counts from', () => {
  it('counts from the answer while too few round trips are known (a process just started)', () => {
    const second = new SlidingSecond(SPAN);
    second.add(0, true);
    second.answered(0, 150);
    assert.equal(second.size(SPAN), 1, 'still counted 1,000 ms after its check');
    assert.equal(second.size(SPAN + 150), 0, 'gone a second after its answer');
  });

  it("keeps no round trip of a process's first answers: all its lanes stalled alike at the start", () => {
    const second = new SlidingSecond(SPAN);
    // A restart: every lane checked at 0 and held up 300 ms by the first request's module loading.
    for (let i = 0; i < WARM_UP; i += 1) second.add(0, true);
    for (let i = 0; i < WARM_UP; i += 1) second.answered(0, 450);
    assert.equal(second.typicalTripMs(), undefined, 'the stalled round trips are not typical');
    assert.equal(second.size(SPAN + 449), WARM_UP, 'all counted from their answer');
    assert.equal(second.size(SPAN + 450), 0);
  });

  it('counts a request answered in the typical time from its check, so a slow channel does not cost the rate', () => {
    const second = new SlidingSecond(SPAN);
    const at = steady(second, 10, 150);
    assert.equal(second.typicalTripMs(), 150);
    second.add(at, true);
    second.answered(at, at + 150);
    assert.deepEqual(second.recent(at + SPAN - 1), [SPAN - 1], 'counted from its check');
    assert.equal(second.size(at + SPAN), 0, 'gone a second after its check, not its answer');
  });

  it('counts a request held up after its check (a stall) from when it most likely left', () => {
    const second = new SlidingSecond(SPAN);
    const at = steady(second, 10, 150);
    // Checked at `at`, stalled 300 ms in this process, then the usual 150 ms to its answer.
    second.add(at, true);
    second.answered(at, at + 450);
    assert.equal(second.size(at + SPAN + 299), 1, 'still counted 300 ms past its check’s second');
    assert.equal(second.size(at + SPAN + 300), 0, 'counted from about when it left');
  });

  it('never counts a request from before its check, however long the typical round trip', () => {
    const second = new SlidingSecond(SPAN);
    const at = steady(second, 10, 400);
    second.add(at, true);
    second.answered(at, at + 50); // quicker than usual
    assert.equal(second.size(at + SPAN - 1), 1);
    assert.equal(second.size(at + SPAN), 0);
  });
});

describe('the limiter with a channel that answers 150 ms after counting', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: Date.parse('2026-11-01T08:00:00Z') });
  });
  afterEach(() => clock.restore());

  it('admits the whole rate (10/s) once warm: requests answered in the usual time count from their check', async () => {
    const limiter = new DeliveryLimiter({ ratePerSecond: 10, headroom: 0, admitAtSend: true });
    let admitted = 0;
    let stop = false;
    // Four lanes, each sending as soon as it is admitted; every answer comes 150 ms later.
    const lane = async (): Promise<void> => {
      while (!stop) {
        const answered = await limiter.admit();
        admitted += 1;
        await new Promise((resolve) => setTimeout(resolve, 150));
        answered();
      }
    };
    const lanes = [lane(), lane(), lane(), lane()];
    await clock.tickAsync(30_000);
    stop = true;
    await clock.tickAsync(2_000);
    await Promise.all(lanes);
    // 30 s at 10/s: about 300, less the warm-up's first 58 counted from their answer (about 9);
    // every request counted from its answer, it would be 30 / 1.16 s × 10, about 259.
    assert.ok(admitted >= 280 && admitted <= 312, `admitted ${admitted} in 30 s`);
  });
});
