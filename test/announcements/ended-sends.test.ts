import assert from 'node:assert/strict';
import {
  chmodSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sinon from 'sinon';
import { ClusterCoordinator } from '../../src/announcements/cluster';
import { DeliveryLimiter, sleep } from '../../src/announcements/delivery-limiter';
import { endedPeerSends } from '../../src/announcements/ended-sends';
import type { LocalProcesses, SendLogs } from '../../src/announcements/local-processes';
import {
  privateSendLogDir,
  SEND_LOG_SLOTS,
  SendLog,
  readSendLog,
  sendLogPath,
  takeSendLog,
} from '../../src/announcements/send-log';
import type { RecordStore } from '../../src/ports';
import { MemoryRecordStore } from '../fakes/memory-record-store';
import { peakPerSecond, seeded } from './support/simulation';

const T0 = Date.parse('2026-11-01T08:00:00Z');
const TOTAL = 50;
const HOST = 'boot-1/pid:[4026531836]';

/** A store that, once its process is dead, writes nothing more (a SIGKILL mid-run). */
function dyingStore(records: MemoryRecordStore, dead: () => boolean): RecordStore {
  return new Proxy(records, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        dead()
          ? Promise.reject(new Error('dead'))
          : (value as (...a: unknown[]) => unknown).apply(target, args);
    },
  }) as RecordStore;
}

/** One worker process: its coordinator, its limiter and lanes that send as fast as both allow. */
class Process {
  dead = false;
  readonly limiter: DeliveryLimiter;
  readonly coordinator: ClusterCoordinator;
  private readonly stopLanes = new AbortController();
  private lanes: Promise<void>[] = [];

  constructor(
    readonly id: string,
    readonly pid: number,
    records: MemoryRecordStore,
    running: Set<number>,
    logs: SendLogs | undefined,
  ) {
    this.limiter = new DeliveryLimiter({ ratePerSecond: TOTAL, admitAtSend: true });
    const processes: LocalProcesses = {
      self: () => ({ host: HOST, pid }),
      running: (p) => running.has(p),
      ...(logs ? { sendLogs: logs } : {}),
    };
    this.coordinator = new ClusterCoordinator(
      dyingStore(records, () => this.dead),
      this.limiter,
      { workerId: id, totalRatePerSecond: TOTAL, machine: 'instance-1', processes },
    );
  }

  async start(sent: number[], seed: number): Promise<void> {
    const random = seeded(seed * 1_000 + this.pid);
    await this.coordinator.start();
    this.coordinator.setBusy(true);
    const signal = this.stopLanes.signal;
    let next = 0;
    const lane = async (): Promise<void> => {
      while (!signal.aborted && !this.dead) {
        await this.limiter.acquire(`conversation-${this.id}-${(next += 1)}`, signal);
        // The armed write and the building of the request: a few to a hundred ms that vary.
        await sleep(Math.floor(random() * 100), signal);
        const answered = await this.limiter.admit(signal);
        if (this.dead) return;
        sent.push(Date.now());
        // The channel counted it and answers at once.
        answered();
      }
    };
    this.lanes = Array.from({ length: 8 }, () => lane().catch(() => undefined));
  }

  async stop(): Promise<void> {
    this.stopLanes.abort();
    await Promise.all(this.lanes);
    await this.coordinator.stop();
  }
}

function memoryLogs(): SendLogs {
  const logs = new Map<string, number[]>();
  return {
    open: (id) => {
      logs.set(id, []);
      return { record: (at) => logs.get(id)?.push(at), close: () => logs.delete(id) };
    },
    take: (id) => {
      const times = logs.get(id);
      logs.delete(id);
      return times;
    },
  };
}

describe("a dead process's last second in the channel's count", () => {
  it('counts the recorded sends still in the second, and the rest of the claim as sent when the death was learned', () => {
    const row = { at: 10_000, claim: 25, sent: [900, 500, 300, 100, 0] };
    assert.deepEqual(endedPeerSends(row, 10_200, 1_010, TOTAL), [
      9_500,
      9_700,
      9_900,
      10_000,
      ...new Array<number>(21).fill(10_200),
    ]);
    // Learned later: the oldest recorded ones have left the second, so more may be unrecorded.
    assert.equal(endedPeerSends(row, 10_600, 1_010, TOTAL).filter((t) => t === 10_600).length, 22);
    // A row from before rows carried their sends: the whole claim, at the moment learned.
    assert.deepEqual(
      endedPeerSends({ at: 10_000, claim: 3 }, 10_100, 1_010, TOTAL),
      [10_100, 10_100, 10_100],
    );
  });

  it('keeps a log of send times on disk that another process reads after this one is gone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'send-log-'));
    try {
      const path = sendLogPath('host/1234 x', dir);
      assert.ok(!path.slice(dir.length + 1).includes('/'), path);
      const log = new SendLog(path);
      for (let i = 1; i <= SEND_LOG_SLOTS + 10; i += 1) log.record(T0 + i);
      // Not closed: a killed process leaves its log behind. The oldest slots were written over.
      const times = readSendLog(path)!;
      assert.equal(times.length, SEND_LOG_SLOTS);
      assert.equal(times[0], T0 + 11);
      assert.equal(times.at(-1), T0 + SEND_LOG_SLOTS + 10);
      assert.deepEqual(takeSendLog(path), times);
      assert.equal(readSendLog(path), undefined, 'taken once');
      const closed = new SendLog(path);
      closed.record(T0);
      closed.close();
      assert.equal(readSendLog(path), undefined, 'a clean stop removes it');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the logs in a folder only this user may enter, and never writes through a link', () => {
    const base = mkdtempSync(join(tmpdir(), 'send-log-base-'));
    try {
      const dir = privateSendLogDir(base)!;
      assert.ok(dir, 'a private folder is made');
      assert.equal(statSync(dir).mode & 0o777, 0o700);
      assert.equal(privateSendLogDir(base), dir, 'and used again');
      // A folder others may write in is not used: no logs rather than logs anyone can plant.
      chmodSync(dir, 0o777);
      assert.equal(privateSendLogDir(base), undefined);
      chmodSync(dir, 0o700);
      // A name someone left as a link to another file: the log is not opened through it.
      const target = join(base, 'target');
      writeFileSync(target, 'kept');
      const path = sendLogPath('linked', dir);
      symlinkSync(target, path);
      const log = new SendLog(path);
      log.record(T0);
      log.close();
      assert.equal(readFileSync(target, 'utf8'), 'kept');
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  describe('across a death, through the heartbeat rows (injected clock)', () => {
    let clock: sinon.SinonFakeTimers;

    beforeEach(() => {
      clock = sinon.useFakeTimers({ now: T0 });
    });

    afterEach(() => clock.restore());

    /**
     * Two processes on one system, both busy; one is killed at a random moment and the other, or
     * a process started in its place `restartAfterMs` later, takes its share. Returns every
     * request the channel got, the kill time, and the taker-over's requests.
     */
    const killOne = async (options: {
      seed: number;
      survivor: boolean;
      logs: boolean;
      restartAfterMs?: number;
    }): Promise<{ sent: number[]; killedAt: number; takerSent: number[] }> => {
      const random = seeded(options.seed);
      const records = new MemoryRecordStore();
      const running = new Set<number>([11]);
      const logs = options.logs ? memoryLogs() : undefined;
      const sent: number[] = [];
      const takerSent: number[] = [];
      const dying = new Process('dying', 11, records, running, logs);
      await dying.start(sent, options.seed);
      let taker: Process | undefined;
      if (options.survivor) {
        running.add(12);
        taker = new Process('survivor', 12, records, running, logs);
        await taker.start(takerSent, options.seed);
      }
      await clock.tickAsync(1_500 + Math.floor(random() * 1_500));
      const killedAt = Date.now();
      dying.dead = true;
      running.delete(11);
      if (!taker) {
        await clock.tickAsync(options.restartAfterMs ?? 0);
        running.add(13);
        taker = new Process('restarted', 13, records, running, logs);
        await taker.start(takerSent, options.seed);
      }
      await clock.tickAsync(3_000);
      assert.equal(taker.limiter.rate, TOTAL, 'the taker-over has the whole rate');
      await taker.stop();
      await dying.stop();
      return { sent: [...sent, ...takerSent], killedAt, takerSent };
    };

    for (const logs of [true, false]) {
      it(`never lets the requests of a second add up to more than the app rate when a survivor takes a dead peer's share (${logs ? 'send logs' : 'heartbeat rows only'})`, async () => {
        for (let seed = 1; seed <= 8; seed += 1) {
          const { sent, killedAt, takerSent } = await killOne({ seed, survivor: true, logs });
          const { peak, at } = peakPerSecond(sent);
          assert.ok(
            peak <= TOTAL,
            `seed ${seed}: ${peak} requests in the second to ${at - killedAt} ms after the kill`,
          );
          // Not vacuous: the survivor did take the share (about 50 a second after the first).
          const late = takerSent.filter((t) => t >= killedAt + 1_500 && t < killedAt + 2_500);
          assert.ok(late.length >= TOTAL - 3, `seed ${seed}: survivor sent ${late.length}/s`);
        }
      });
    }

    it("never lets a process restarted in place send over its dead predecessor's last second", async () => {
      for (const logs of [true, false]) {
        for (const restartAfterMs of [0, 300, 700]) {
          const { sent, killedAt } = await killOne({
            seed: 3,
            survivor: false,
            logs,
            restartAfterMs,
          });
          const { peak, at } = peakPerSecond(sent);
          assert.ok(
            peak <= TOTAL,
            `logs ${logs}, restart after ${restartAfterMs} ms: ${peak} in the second to ${at - killedAt} ms`,
          );
        }
      }
    });

    it("does not delay a lone restart whose predecessor's last requests have left the second", async () => {
      const firstSecond = async (withPredecessor: boolean): Promise<number> => {
        const restartAfterMs = 1_100;
        if (withPredecessor) {
          const { takerSent, killedAt } = await killOne({
            seed: 5,
            survivor: false,
            logs: true,
            restartAfterMs,
          });
          const from = killedAt + restartAfterMs;
          return takerSent.filter((t) => t < from + 1_000).length;
        }
        const records = new MemoryRecordStore();
        const alone = new Process('alone', 13, records, new Set([13]), memoryLogs());
        const from = Date.now();
        const taken: number[] = [];
        await alone.start(taken, 5);
        await clock.tickAsync(1_000);
        await alone.stop();
        return taken.filter((t) => t < from + 1_000).length;
      };
      const alone = await firstSecond(false);
      assert.ok(alone >= TOTAL - 3, `alone: ${alone}`);
      assert.equal(await firstSecond(true), alone);
    });
  });
});
