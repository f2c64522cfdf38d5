import assert from 'node:assert/strict';
import sinon from 'sinon';
import { spawnSync } from 'node:child_process';
import { ClusterCoordinator } from '../../src/announcements/cluster';
import { osLocalProcesses, type LocalProcesses } from '../../src/announcements/local-processes';
import { DeliveryLimiter } from '../../src/announcements/delivery-limiter';
import { RateShare, type ShareRow } from '../../src/announcements/rate-share';
import { TABLES } from '../../src/announcements/tables';
import { MemoryRecordStore } from '../fakes/memory-record-store';
import { seeded } from './support/simulation';

const T0 = Date.parse('2026-11-01T08:00:00Z');
const TOTAL = 50;

/** One process's side of the protocol, with a row store shared by all of them. */
class Peer {
  readonly share: RateShare;
  busy = false;
  private pendingClaim = 0;

  constructor(
    readonly id: string,
    private readonly rows: Map<string, ShareRow>,
    private readonly machine?: string,
  ) {
    this.share = new RateShare(id, {
      totalRatePerSecond: TOTAL,
      claimTtlMs: 2_000,
      ...(machine === undefined ? {} : { machine, sameMachineTtlMs: 1_000 }),
    });
  }

  /** Step 1 of a heartbeat: lower at once if need be, and decide the claim. */
  prepare(now: number): void {
    this.pendingClaim = this.share.beforeWrite(this.busy, now);
  }

  write(now: number): void {
    this.rows.set(this.id, {
      id: this.id,
      at: now,
      busy: this.busy,
      claim: this.pendingClaim,
      ...(this.machine === undefined ? {} : { machine: this.machine }),
    });
  }

  read(now: number): void {
    this.share.afterRead([...this.rows.values()], this.busy, now);
  }

  beat(now: number): void {
    this.prepare(now);
    this.write(now);
    this.read(now);
  }
}

/**
 * One step of a peer's heartbeat (0: decide and lower, 1: write, 2: read), other processes' steps
 * falling between; before deciding, its work may come or go. Answers the next step.
 */
function heartbeatStep(peer: Peer, step: number, random: () => number, now: number): number {
  if (step === 0 && random() < 0.1) peer.busy = !peer.busy;
  if (step === 0) peer.prepare(now);
  else if (step === 1) peer.write(now);
  else peer.read(now);
  return (step + 1) % 3;
}

describe('sharing the app rate among worker processes', () => {
  it('never lets the rates in use add up to more than the app rate, whatever the interleaving', () => {
    // Odd seeds: three machines; even seeds: one machine, whose claims count a shorter span.
    for (let seed = 1; seed <= 40; seed += 1) {
      const random = seeded(seed);
      const rows = new Map<string, ShareRow>();
      const peers = ['a', 'b', 'c'].map((id) => new Peer(id, rows, seed % 2 ? undefined : 'host'));
      let now = T0;
      // Each heartbeat is three steps (decide and lower, write, read) that other processes'
      // steps may fall between; work comes and goes at random.
      const steps = peers.map(() => 0);
      for (let i = 0; i < 3_000; i += 1) {
        now += Math.floor(random() * 40);
        const p = Math.floor(random() * peers.length);
        steps[p] = heartbeatStep(peers[p], steps[p], random, now);
        const inUse = peers.reduce((sum, q) => sum + q.share.rate, 0);
        assert.ok(inUse <= TOTAL + 1e-9, `seed ${seed}, step ${i}: ${inUse}/s in use`);
      }
    }
  });

  it('makes room for a process that gets work, and gives back the share of one that has none', () => {
    const rows = new Map<string, ShareRow>();
    const a = new Peer('a', rows);
    const b = new Peer('b', rows);
    a.beat(T0);
    assert.equal(a.share.rate, 50, 'alone, even idle: the whole rate');
    b.beat(T0);
    assert.equal(b.share.rate, 0, 'a claims everything: b waits');
    // a lowers on its next beats (the first one wrote its claim before it saw b).
    a.beat(T0 + 1);
    a.beat(T0 + 2);
    b.beat(T0 + 3);
    assert.equal(a.share.rate, 1, 'idle with others: a trickle for progress cards, no share');
    assert.equal(b.share.rate, 1);
    a.busy = true;
    a.beat(T0 + 10);
    assert.equal(a.share.rate, 49, 'the only busy process: all but the idle one’s trickle');
    b.busy = true;
    b.beat(T0 + 20);
    assert.equal(b.share.rate, 1, 'a still claims its whole share: b waits');
    a.beat(T0 + 500);
    assert.equal(a.share.rate, 25, 'a saw b busy and gave way first');
    assert.ok(a.share.unsettled(true, T0 + 500), 'a wrote 49 before it saw b: it beats again');
    a.beat(T0 + 600);
    b.beat(T0 + 700);
    assert.equal(b.share.rate, 25);
    b.busy = false;
    b.beat(T0 + 800);
    assert.equal(b.share.rate, 1, 'lowered at once');
    a.beat(T0 + 1_000);
    assert.equal(a.share.rate, 25, 'a raises only as far as the claim it wrote before it looked');
    a.beat(T0 + 1_100);
    assert.equal(a.share.rate, 49);
  });

  it('splits in whole requests per second that add up to the app rate', () => {
    // The sliding second counts whole requests: a share of 16.7 could only ever use 16.
    const rows = new Map<string, ShareRow>();
    const peers = ['a', 'b', 'c'].map((id) => new Peer(id, rows));
    for (const p of peers) p.busy = true;
    for (let round = 0; round < 4; round += 1) {
      for (const p of peers) p.beat(T0 + round * 100);
    }
    assert.deepEqual(
      peers.map((p) => p.share.rate),
      [17, 17, 16],
    );
  });

  it('stops counting the claim of a process whose heartbeat stopped, after the claim span', () => {
    const rows = new Map<string, ShareRow>();
    const a = new Peer('a', rows);
    const dead = new Peer('dead', rows);
    a.busy = true;
    dead.busy = true;
    a.beat(T0);
    dead.beat(T0);
    a.beat(T0 + 500);
    dead.beat(T0 + 500);
    assert.equal(a.share.rate, 25);
    // `dead` writes nothing more.
    a.beat(T0 + 2_000);
    assert.equal(a.share.rate, 25, 'its claim still counts 1.5 s after its last beat');
    a.beat(T0 + 2_600);
    assert.equal(a.share.rate, 50);
  });

  it('gives a process restarted on the same machine the whole rate once the dead claim is a shorter span old', () => {
    const rows = new Map<string, ShareRow>();
    const dead = new Peer('old', rows, 'instance-1');
    dead.busy = true;
    dead.beat(T0);
    assert.equal(dead.share.rate, TOTAL);
    // Killed right after that beat; started again on the same instance 0.6 s later.
    const restarted = new Peer('new', rows, 'instance-1');
    restarted.busy = true;
    restarted.beat(T0 + 600);
    assert.ok(restarted.share.rate < TOTAL, 'the dead claim still counts 0.6 s after its beat');
    restarted.beat(T0 + 1_100);
    assert.equal(restarted.share.rate, TOTAL, 'same machine: gone after 1 s, not 2 s');

    // Started on another machine instead, it waits for the full claim span.
    const elsewhere = new Peer('other', new Map([['old', rows.get('old')!]]), 'instance-2');
    elsewhere.busy = true;
    elsewhere.beat(T0 + 1_100);
    assert.ok(elsewhere.share.rate < TOTAL, 'another machine trusts no clock but its own');
    elsewhere.beat(T0 + 2_100);
    assert.equal(elsewhere.share.rate, TOTAL);
  });

  it('counts nothing for a process the operating system says has ended, at once', () => {
    const rows = new Map<string, ShareRow>();
    const dead = new Peer('old', rows, 'instance-1');
    dead.busy = true;
    dead.beat(T0);
    const restarted = new Peer('new', rows, 'instance-1');
    restarted.busy = true;
    restarted.beat(T0 + 300);
    assert.ok(restarted.share.rate < TOTAL, 'not known to have ended: its claim counts');
    rows.set('old', { ...rows.get('old')!, ended: true });
    restarted.beat(T0 + 400);
    assert.ok(restarted.share.unsettled(true, T0 + 400), 'it wrote 25 before it read: again');
    restarted.beat(T0 + 500);
    assert.equal(restarted.share.rate, TOTAL, 'ended: no claim span to wait out');
  });

  it('stays within the app rate when processes die and are started again, their rows called ended only after death, survivors told between reads', () => {
    for (let seed = 1; seed <= 30; seed += 1) {
      const random = seeded(seed);
      const rows = new Map<string, ShareRow>();
      let started = 0;
      const fresh = (): Peer => new Peer(`p${(started += 1)}`, rows, 'host');
      const peers = [fresh(), fresh(), fresh()];
      const steps = peers.map(() => 0);
      let now = T0;
      let restarts = 0;
      let told = 0;
      const dead: string[] = [];
      for (let i = 0; i < 3_000; i += 1) {
        now += Math.floor(random() * 40);
        const p = Math.floor(random() * peers.length);
        if (random() < 0.01) {
          // Killed: it sends nothing from now on, whatever its step; its row stays behind and the
          // operating system can tell it has ended. Another process takes its place at once.
          const row = rows.get(peers[p].id);
          if (row) rows.set(row.id, { ...row, ended: true });
          dead.push(peers[p].id);
          peers[p] = fresh();
          peers[p].busy = random() < 0.7;
          steps[p] = 0;
          restarts += 1;
        } else if (random() < 0.05 && dead.length > 0) {
          // Between two reads, the operating system tells a survivor that the dead have ended
          // (the pid check of ClusterCoordinator.checkLocalPeers), whatever its step.
          peers[p].share.markEnded(dead);
          told += 1;
        } else {
          steps[p] = heartbeatStep(peers[p], steps[p], random, now);
        }
        const inUse = peers.reduce((sum, q) => sum + q.share.rate, 0);
        assert.ok(inUse <= TOTAL + 1e-9, `seed ${seed}, step ${i}: ${inUse}/s in use`);
      }
      assert.ok(restarts > 10, `seed ${seed}: ${restarts} restarts`);
      assert.ok(told > 10, `seed ${seed}: told ${told} times`);
    }
  });

  describe('through the heartbeat rows', () => {
    let clock: sinon.SinonFakeTimers;

    beforeEach(() => {
      clock = sinon.useFakeTimers({ now: T0 });
    });

    afterEach(() => clock.restore());

    it('keeps two coordinators within the app rate while their work comes and goes', async () => {
      const records = new MemoryRecordStore();
      const limiters = ['a', 'b'].map(() => new DeliveryLimiter({ ratePerSecond: TOTAL }));
      const coordinators = ['a', 'b'].map(
        (workerId, i) =>
          new ClusterCoordinator(records, limiters[i], { workerId, totalRatePerSecond: TOTAL }),
      );
      for (const c of coordinators) await c.start();
      const random = seeded(7);
      let bothBusy = 0;
      for (let i = 0; i < 400; i += 1) {
        coordinators[Math.floor(random() * 2)].setBusy(random() < 0.6);
        await clock.tickAsync(Math.floor(random() * 120));
        const inUse = limiters[0].rate + limiters[1].rate;
        assert.ok(inUse <= TOTAL + 1e-9, `step ${i}: ${inUse}/s in use`);
        if (limiters[0].rate === 25 && limiters[1].rate === 25) bothBusy += 1;
      }
      assert.ok(bothBusy > 0, 'the split was reached at some point');
      for (const c of coordinators) await c.stop();
    });

    it('takes the whole rate back soon after a restart on the same machine, later elsewhere', async () => {
      const restartedAt = async (machine: string): Promise<number> => {
        const records = new MemoryRecordStore();
        // What a process killed outright leaves: its last heartbeat, claiming the whole rate.
        await records.upsert(
          TABLES.control,
          { partition: 'workers', row: 'killed' },
          { at: Date.now(), busy: true, claim: TOTAL, machine: 'instance-1' },
        );
        const limiter = new DeliveryLimiter({ ratePerSecond: TOTAL });
        const started = Date.now();
        const next = new ClusterCoordinator(records, limiter, {
          workerId: 'next',
          totalRatePerSecond: TOTAL,
          machine,
        });
        await next.start();
        next.setBusy(true);
        while (limiter.rate < TOTAL && Date.now() - started < 10_000) await clock.tickAsync(100);
        await next.stop();
        return Date.now() - started;
      };
      const sameMachine = await restartedAt('instance-1');
      const otherMachine = await restartedAt('instance-2');
      assert.ok(sameMachine <= 2_100, `same machine: ${sameMachine} ms`);
      assert.ok(
        otherMachine >= 3_000 && otherMachine <= 3_600,
        `other machine: ${otherMachine} ms`,
      );
    });
    it('takes the whole rate at once when the predecessor on this operating system has ended', async () => {
      /** What a restarted process finds: the killed one's last row, claiming the whole rate. */
      const startAfterKill = async (
        row: { host: string; pid: number },
        processes: LocalProcesses,
      ): Promise<{ rate: number; gone: boolean }> => {
        const records = new MemoryRecordStore();
        await records.upsert(
          TABLES.control,
          { partition: 'workers', row: 'killed' },
          { at: Date.now(), busy: true, claim: TOTAL, machine: 'instance-1', ...row },
        );
        const limiter = new DeliveryLimiter({ ratePerSecond: TOTAL });
        const next = new ClusterCoordinator(records, limiter, {
          workerId: 'next',
          totalRatePerSecond: TOTAL,
          machine: 'instance-1',
          processes,
        });
        await clock.tickAsync(700);
        await next.start();
        next.setBusy(true);
        await clock.tickAsync(50);
        const result = { rate: limiter.rate, gone: next.liveness.isGone('killed') };
        await next.stop();
        return result;
      };
      const here = 'boot-1/pid:[4026531836]';
      const os = (running: number[]): LocalProcesses => ({
        self: () => ({ host: here, pid: 20 }),
        running: (pid) => running.includes(pid),
      });
      assert.deepEqual(await startAfterKill({ host: here, pid: 10 }, os([20])), {
        rate: TOTAL,
        gone: true,
      });
      // Still running (or its id taken by another process): its claim counts as before.
      const running = await startAfterKill({ host: here, pid: 10 }, os([10, 20]));
      assert.ok(running.rate < TOTAL, `running: ${running.rate}/s`);
      assert.equal(running.gone, false);
      // Another pid namespace (another container) or kernel: its ids mean nothing here.
      const elsewhere = await startAfterKill(
        { host: 'boot-1/pid:[4026532999]', pid: 10 },
        os([20]),
      );
      assert.ok(elsewhere.rate < TOTAL, `other namespace: ${elsewhere.rate}/s`);
      assert.equal(elsewhere.gone, false);
      // No way to tell on this system: nothing is ever called ended.
      const unknown = await startAfterKill(
        { host: here, pid: 10 },
        { self: () => undefined, running: () => false },
      );
      assert.ok(unknown.rate < TOTAL, `unknown: ${unknown.rate}/s`);
    });

    it('gives a survivor the share of a peer in its namespace as soon as its process ends, in one heartbeat', async () => {
      /** A survivor and a busy peer; the peer dies 1.2 s in. What the survivor has 100 ms later. */
      const survive = async (
        peerHost: string,
        tellsEnded: boolean,
      ): Promise<{ rate: number; beatsAfterDeath: number }> => {
        const here = 'boot-1/pid:[4026531836]';
        const running = new Set([10, 11]);
        const processes: LocalProcesses = {
          self: () => (tellsEnded ? { host: here, pid: 10 } : undefined),
          running: (pid) => running.has(pid),
        };
        const records = new MemoryRecordStore();
        const upsert = sinon.spy(records, 'upsert');
        const peerRow = () =>
          records.upsert(
            TABLES.control,
            { partition: 'workers', row: 'peer' },
            {
              at: Date.now(),
              busy: true,
              claim: TOTAL / 2,
              machine: 'instance-2',
              host: peerHost,
              pid: 11,
            },
          );
        await peerRow();
        const limiter = new DeliveryLimiter({ ratePerSecond: TOTAL });
        const survivor = new ClusterCoordinator(records, limiter, {
          workerId: 'survivor',
          totalRatePerSecond: TOTAL,
          machine: 'instance-1',
          processes,
        });
        await survivor.start();
        survivor.setBusy(true);
        for (let t = 0; t < 1_200; t += 300) {
          await peerRow();
          await clock.tickAsync(300);
        }
        assert.equal(limiter.rate, TOTAL / 2, 'both busy: half each');
        running.delete(11);
        const before = upsert.getCalls().filter((c) => c.args[1].row === 'survivor').length;
        await clock.tickAsync(100);
        const result = {
          rate: limiter.rate,
          beatsAfterDeath:
            upsert.getCalls().filter((c) => c.args[1].row === 'survivor').length - before,
        };
        await survivor.stop();
        return result;
      };
      assert.deepEqual(await survive('boot-1/pid:[4026531836]', true), {
        rate: TOTAL,
        beatsAfterDeath: 1,
      });
      // Another namespace, or a system that cannot tell: the claim counts until it ages out.
      const elsewhere = await survive('boot-1/pid:[4026532999]', true);
      assert.equal(elsewhere.rate, TOTAL / 2);
      assert.equal(elsewhere.beatsAfterDeath, 0);
      const unknown = await survive('boot-1/pid:[4026531836]', false);
      assert.equal(unknown.rate, TOTAL / 2);
    });
  });
});

describe('processes on this operating system', () => {
  it('tells a process that has ended from one that runs, here on Linux', function () {
    const os = osLocalProcesses();
    const self = os.self();
    if (process.platform !== 'linux' || self === undefined) this.skip();
    assert.equal(self!.pid, process.pid);
    assert.match(self!.host, /^[0-9a-f-]+\/pid:\[\d+\]$/);
    assert.equal(os.running(process.pid), true);
    // A child that has exited and been reaped: no process has its id any more.
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    assert.equal(os.running(Number(child.stdout)), false);
  });
});
