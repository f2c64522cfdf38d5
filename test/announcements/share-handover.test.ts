import assert from 'node:assert/strict';
import { setMaxListeners } from 'node:events';
import sinon from 'sinon';
import { ClusterCoordinator } from '../../src/announcements/cluster';
import { DeliveryLimiter, sleep } from '../../src/announcements/delivery-limiter';
import { EndedPeerSends, sendsBeyondClaim } from '../../src/announcements/ended-sends';
import { QueueEndWatch } from '../../src/announcements/queue-end-watch';
import { MemoryRecordStore } from '../fakes/memory-record-store';
import { peakPerSecond, seeded } from './support/simulation';

const T0 = Date.parse('2026-11-01T08:00:00Z');
const TOTAL = 30;

/**
 * A worker process on a machine of its own: coordinator, limiter, and lanes that send while it
 * has work. The channel counts each request as it leaves and answers 0 to 400 ms later, so the
 * sliding second holds some requests past their check and lanes queue there now and then.
 */
class Peer {
  readonly limiter = new DeliveryLimiter({ ratePerSecond: TOTAL, admitAtSend: true });
  readonly coordinator: ClusterCoordinator;
  private readonly stopLanes = new AbortController();
  private lanes: Promise<void>[] = [];

  constructor(
    readonly id: string,
    records: MemoryRecordStore,
  ) {
    this.coordinator = new ClusterCoordinator(records, this.limiter, {
      workerId: id,
      totalRatePerSecond: TOTAL,
      machine: `machine-${id}`,
    });
  }

  async start(sent: number[], seed: number): Promise<void> {
    const random = seeded(seed);
    await this.coordinator.start();
    this.coordinator.setBusy(true);
    const signal = this.stopLanes.signal;
    setMaxListeners(64, signal);
    let next = 0;
    const lane = async (): Promise<void> => {
      while (!signal.aborted) {
        await this.limiter.acquire(`conversation-${this.id}-${(next += 1)}`, signal);
        // The armed write and the building of the request: a few to a hundred ms that vary.
        await sleep(Math.floor(random() * 100), signal);
        const answered = await this.limiter.admit(signal);
        sent.push(Date.now());
        await sleep(Math.floor(random() * 400)).finally(answered);
      }
    };
    this.lanes = Array.from({ length: 16 }, () => lane().catch(() => undefined));
  }

  /** Out of work: its lanes stop and its share is left to the others (worker.onBusy). */
  async idle(): Promise<void> {
    this.stopLanes.abort();
    await Promise.all(this.lanes);
    this.coordinator.setBusy(false);
  }

  async stop(): Promise<void> {
    this.stopLanes.abort();
    await Promise.all(this.lanes);
    await this.coordinator.stop();
  }
}

describe("a peer that ran out of work: its last second in the channel's count", () => {
  it('counts the oldest requests of a live row beyond its claim, at their times', () => {
    // Lowered from 15 to 1 a second: 6 requests in the second before its row, 1 of them its claim.
    const row = { at: 10_000, claim: 1, sent: [900, 700, 500, 300, 100, 0] };
    assert.deepEqual(sendsBeyondClaim(row, 10_050, 1_010), [9_100, 9_300, 9_500, 9_700, 9_900]);
    // Read later: the oldest have left the second, and fewer are beyond the claim.
    assert.deepEqual(sendsBeyondClaim(row, 10_250, 1_010), [9_300, 9_500, 9_700, 9_900]);
    // Within its claim (a busy peer at its share), or from before rows carried sends: nothing.
    assert.deepEqual(sendsBeyondClaim({ ...row, claim: 15 }, 10_050, 1_010), []);
    assert.deepEqual(sendsBeyondClaim({ at: 10_000, claim: 1 }, 10_050, 1_010), []);
  });

  it('counts each of those requests once, over every read of the rows, and never its own row', () => {
    const counted: number[] = [];
    const limiter = {
      countForeign: (times: readonly number[]) => counted.push(...times),
      windowSpanMs: 1_010,
    };
    const sends = new EndedPeerSends(
      limiter as unknown as DeliveryLimiter,
      { wouldCount: () => true },
      { workerId: 'self', totalRatePerSecond: TOTAL },
    );
    const first = { id: 'peer', at: 10_000, busy: false, claim: 1, sent: [900, 500, 100, 0] };
    const own = { id: 'self', at: 10_000, busy: true, claim: 1, sent: [900, 800, 700] };
    sends.count([first, own], 10_050);
    assert.deepEqual(counted, [9_100, 9_500, 9_900]);
    // The same row read again, then a later one holding the same requests: nothing new.
    sends.count([first, own], 10_300);
    sends.count([{ ...first, at: 10_400, sent: [900, 500, 400] }, own], 10_450);
    assert.deepEqual(counted, [9_100, 9_500, 9_900]);
    // A later row with requests the earlier did not hold, beyond the claim: those only.
    sends.count([{ ...first, at: 10_500, sent: [600, 400, 100, 50] }, own], 10_550);
    assert.deepEqual(counted, [9_100, 9_500, 9_900, 10_100, 10_400]);
  });

  describe('two busy processes, one runs out of work (injected clock)', () => {
    let clock: sinon.SinonFakeTimers;

    beforeEach(() => {
      clock = sinon.useFakeTimers({ now: T0 });
    });

    afterEach(() => clock.restore());

    it('never lets the requests of a second add up to more than the app rate when the other takes its share', async function () {
      this.timeout(120_000);
      for (let seed = 1; seed <= 4; seed += 1) {
        const random = seeded(seed);
        const records = new MemoryRecordStore();
        const sent: number[] = [];
        const stayingSent: number[] = [];
        const leaving = new Peer('a-leaving', records);
        const staying = new Peer('b-staying', records);
        await leaving.start(sent, seed);
        await staying.start(stayingSent, seed + 100);
        await clock.tickAsync(4_000 + Math.floor(random() * 1_000));
        const idleAt = Date.now();
        // Its lanes finish the requests under way (their answers come with the clock).
        const idle = leaving.idle();
        await clock.tickAsync(3_000);
        await idle;
        const stopped = Promise.all([staying.stop(), leaving.stop()]);
        await clock.tickAsync(1_000);
        await stopped;
        const { peak, at } = peakPerSecond([...sent, ...stayingSent]);
        assert.ok(
          peak <= TOTAL,
          `seed ${seed}: ${peak} requests in the second to ${at - idleAt} ms after one ran out of work`,
        );
        // Not vacuous: the one left took the other's share (15 a second before; with answers
        // 0 to 400 ms its sliding second lets it reach about 25 of the 29 it may use).
        const late = stayingSent.filter((t) => t >= idleAt + 1_800 && t < idleAt + 2_800);
        assert.ok(late.length >= 22, `seed ${seed}: the one left sent ${late.length}/s`);
      }
    });
  });
});

describe('the last seconds of a shared broadcast: the queue is empty (injected clock)', () => {
  let clock: sinon.SinonFakeTimers;

  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: T0 });
  });

  afterEach(() => clock.restore());

  it('beats every 100 ms only while this process has work, the queue is empty and others share the rate', async () => {
    let beats = 0;
    let sharing = true;
    const watch = new QueueEndWatch(
      () => (beats += 1),
      () => sharing,
    );
    watch.update(true, false);
    await clock.tickAsync(1_000);
    assert.equal(beats, 0, 'the queue still has work');
    watch.update(false, true);
    await clock.tickAsync(1_000);
    assert.equal(beats, 0, 'no work of its own');
    watch.update(true, true);
    await clock.tickAsync(1_000);
    assert.equal(beats, 10);
    sharing = false;
    await clock.tickAsync(1_000);
    assert.equal(beats, 10, 'alone: nobody leaves a share');
    sharing = true;
    watch.update(true, false);
    assert.equal(watch.watching, false);
    await clock.tickAsync(1_000);
    assert.equal(beats, 10, 'work came back to the queue');
    watch.update(true, true);
    watch.stop();
    await clock.tickAsync(1_000);
    assert.equal(beats, 10, 'stopped');
    // A queue that stays empty while work goes on: 5 s of quick beats, then the usual ones only.
    watch.update(true, true);
    await clock.tickAsync(8_000);
    assert.equal(beats, 60);
    watch.update(true, true);
    await clock.tickAsync(1_000);
    assert.equal(beats, 60, 'until the queue gives work again');
    watch.update(true, false);
    watch.update(true, true);
    await clock.tickAsync(1_000);
    assert.equal(beats, 70);
    watch.stop();
  });

  it('takes the share of a peer that ran out of work within 200 ms, not at its next half-second beat', async function () {
    this.timeout(60_000);
    /** Ms from the peer's idle to the one left first using 29 a second, with or without the watch. */
    const raiseAfter = async (offsetMs: number, watched: boolean): Promise<number> => {
      const records = new MemoryRecordStore();
      const leaving = new Peer('a-leaving', records);
      const staying = new Peer('b-staying', records);
      await leaving.start([], 1);
      await staying.start([], 2);
      const watch = new QueueEndWatch(
        () => staying.coordinator.beat(),
        () => staying.coordinator.sharingWith > 1,
      );
      await clock.tickAsync(2_000 + offsetMs);
      // The queue is empty: the one left still works through what it holds.
      if (watched) watch.update(true, true);
      await clock.tickAsync(50);
      // Its lanes finish the requests under way; it leaves its share when the last is answered.
      const idle = leaving.idle();
      let idleAt: number | undefined;
      let raisedAt: number | undefined;
      for (let t = 0; t < 2_000 && raisedAt === undefined; t += 10) {
        await clock.tickAsync(10);
        if (idleAt === undefined && leaving.limiter.rate <= 1) idleAt = Date.now();
        if (idleAt !== undefined && staying.limiter.rate >= TOTAL - 1) raisedAt = Date.now();
      }
      watch.stop();
      await idle;
      const stopped = Promise.all([staying.stop(), leaving.stop()]);
      await clock.tickAsync(1_000);
      await stopped;
      assert.ok(idleAt !== undefined, 'the peer left its share');
      return (raisedAt ?? Number.POSITIVE_INFINITY) - idleAt;
    };
    const offsets = [0, 120, 240, 360, 480];
    const without: number[] = [];
    for (const offset of offsets) {
      const after = await raiseAfter(offset, true);
      assert.ok(after <= 200, `offset ${offset}: raised ${after} ms after the peer went idle`);
      without.push(await raiseAfter(offset, false));
    }
    // Not vacuous: without the watch the raise waits for the next periodic beat.
    assert.ok(Math.max(...without) > 300, `without the watch: ${without.join(', ')} ms`);
  });
});
