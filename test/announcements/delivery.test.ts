import assert from 'node:assert/strict';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import sinon from 'sinon';
import {
  dirOutcomeJournals,
  outcomeJournalPath,
  type OutcomeRecords,
} from '../../src/announcements/outcome-journal';
import { ProcessOutcomes } from '../../src/announcements/process-outcomes';
import { PromptReports } from '../../src/announcements/prompt-reports';
import type { RecipientRecord } from '../../src/announcements/types';
import { userRecipient } from '../../src/announcements/tables';
import type { StoredRecord } from '../../src/ports';
import {
  AUTHOR,
  TENANT,
  WorkerProcess,
  World,
  conversationOf,
  userId,
} from './support/domain-harness';
import { privateDir } from './support/private-dir';

/**
 * Delivery on in-memory storage under fake timers: exactly once per recipient, retries and their
 * bounds, cancel, crash and resume, and two workers racing. Each "process" has its own limiter,
 * counters and worker; a killed one never touches storage again, as a dead process would not.
 */
describe('announcement delivery', () => {
  let clock: sinon.SinonFakeTimers;
  let world: World;
  let processes: WorkerProcess[];

  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: Date.parse('2026-11-01T08:00:00Z') });
    world = new World();
    processes = [];
  });

  afterEach(async () => {
    const live = processes.splice(0);
    const stopping = Promise.all(live.map((p) => p.stop()));
    await clock.tickAsync(60_000);
    await stopping;
    clock.restore();
  });

  function start(
    workerId: string,
    options: Partial<ConstructorParameters<typeof WorkerProcess>[1]> = {},
  ): WorkerProcess {
    const process = new WorkerProcess(world, { workerId, ...options }).start();
    processes.push(process);
    return process;
  }

  async function runUntil(done: () => Promise<boolean> | boolean, maxMs = 300_000): Promise<void> {
    for (let waited = 0; !(await done()); waited += 100) {
      if (waited > maxMs) throw new Error(`not done after ${maxMs} ms of fake time`);
      await clock.tickAsync(100);
    }
  }

  async function state(id: string): Promise<string | undefined> {
    return (await world.store.get(id))?.value.state;
  }

  async function rows(id: string): Promise<Map<string, RecipientRecord>> {
    const list: StoredRecord<RecipientRecord>[] = await world.store.recipients(id);
    return new Map(list.map((r) => [r.key.row, r.value]));
  }

  it('sends to every installed user exactly once and ends with a report', async () => {
    const users = await world.install(40);
    const id = await world.announce({ kind: 'installed' });
    start('w1');
    await runUntil(
      async () => (await state(id)) === 'completed' && world.notifier.final !== undefined,
    );

    for (const user of users) assert.equal(world.sender.count(conversationOf(user)), 1, user);
    assert.equal(world.sender.delivered.length, 40);
    const final = world.notifier.final!;
    assert.equal(final.counts.sent, 40);
    assert.equal(final.total, 40);
    assert.equal(final.remaining, 0);
    const record = (await world.store.get(id))!.value;
    assert.equal(record.total, 40);
    assert.ok(record.reportedAt, 'the final report was shown');
  });

  it('counts a user reached through nested groups and several pages once', async () => {
    const users = await world.install(4);
    const [a, b, c, d] = users.map((id) => ({ id, displayName: `User ${id.slice(-2)}` }));
    // Graph returns transitive members; a user in two nested groups can still show up twice
    // across pages, and in another case.
    world.directory.groups.set('g1', [[a, b, c], [b, { ...d, id: d.id.toUpperCase() }], [a]]);
    const id = await world.announce({ kind: 'group', groupId: 'g1' });
    start('w1');
    await runUntil(async () => (await state(id)) === 'completed');

    assert.equal((await world.store.get(id))!.value.total, 4);
    assert.equal((await rows(id)).size, 4);
    for (const user of users) assert.equal(world.sender.count(conversationOf(user)), 1);
    assert.equal(world.sender.delivered.length, 4);
  });

  it('treats 403 blocked as final, retries 5xx a bounded number of times', async () => {
    const [blocked, flaky, broken, fine] = await world.install(4);
    world.sender.script = (conversation, call) => {
      if (conversation === conversationOf(blocked)) {
        return {
          kind: 'permanent',
          reason: 'blocked',
          status: 403,
          detail: 'MessageWritesBlocked',
        };
      }
      if (conversation === conversationOf(flaky) && call <= 2) {
        return { kind: 'transient', status: 502, detail: 'bad gateway' };
      }
      if (conversation === conversationOf(broken)) {
        return { kind: 'transient', status: 500, detail: 'internal error' };
      }
      return { kind: 'sent' };
    };
    const id = await world.announce({ kind: 'installed' });
    start('w1');
    await runUntil(async () => (await state(id)) === 'completed');

    const calls = (user: string): number =>
      world.sender.calls.filter((c) => c.conversationId === conversationOf(user)).length;
    const byKey = await rows(id);
    assert.equal(calls(blocked), 1, 'a blocked user is never retried');
    assert.equal(byKey.get(userRecipient(blocked))!.status, 'failed');
    assert.match(byKey.get(userRecipient(blocked))!.reason ?? '', /blocked/);
    assert.equal(calls(flaky), 3);
    assert.equal(byKey.get(userRecipient(flaky))!.status, 'sent');
    assert.equal(calls(broken), 4, 'one try and three retries, then it gives up');
    assert.equal(byKey.get(userRecipient(broken))!.status, 'failed');
    assert.match(byKey.get(userRecipient(broken))!.reason ?? '', /500/);
    assert.equal(byKey.get(userRecipient(fine))!.status, 'sent');
    assert.equal(world.notifier.final?.counts.failed, 2);
  });

  it('waits out a 429 for that recipient only, at least its Retry-After', async () => {
    const users = await world.install(30);
    const throttled = conversationOf(users[0]);
    world.sender.script = (conversation, call) =>
      conversation === throttled && call === 1
        ? { kind: 'throttled', retryAfterMs: 4_000 }
        : { kind: 'sent' };
    const id = await world.announce({ kind: 'installed' });
    start('w1');
    await runUntil(async () => (await state(id)) === 'completed');

    const attempts = world.sender.calls.filter((c) => c.conversationId === throttled);
    assert.equal(attempts.length, 2);
    assert.ok(attempts[1].at - attempts[0].at >= 4_000, 'Retry-After honoured');
    assert.ok(attempts[1].at - attempts[0].at <= 5_000, 'jitter stays within a quarter of it');
    const others = world.sender.delivered.filter((d) => d.conversationId !== throttled);
    assert.equal(others.length, 29);
    // Everybody else went out at the normal pace while that one recipient waited.
    assert.ok(Math.max(...others.map((d) => d.at)) < attempts[1].at);
  });

  it('stops at a cancel: queued recipients become cancelled and nothing more is sent', async () => {
    await world.install(100);
    const id = await world.announce({ kind: 'installed' });
    start('w1', { ratePerSecond: 5 });
    await clock.tickAsync(4_000);
    await world.service.cancel(id, AUTHOR);
    const cancelledAt = Date.now();
    await runUntil(
      async () => (await state(id)) === 'cancelled' && world.notifier.final !== undefined,
    );

    const byKey = [...(await rows(id)).values()];
    const sent = byKey.filter((r) => r.status === 'sent').length;
    const cancelled = byKey.filter((r) => r.status === 'cancelled').length;
    assert.ok(sent > 0 && sent < 40, `sent ${sent}`);
    assert.equal(sent + cancelled, 100);
    assert.equal(world.sender.delivered.length, sent);
    // Workers read the announcement at most every 2 s; after that nothing new goes out.
    assert.ok(world.sender.calls.every((c) => c.at <= cancelledAt + 2_500));
    assert.equal(world.notifier.final?.counts.cancelled, cancelled);
  });

  describe('a worker killed mid-run', () => {
    async function killAfter(
      deliveries: number,
      inDoubt: 'resend' | 'hold',
    ): Promise<{
      id: string;
      users: string[];
      victim: string;
    }> {
      const users = await world.install(30);
      const id = await world.announce({ kind: 'installed' });
      const first = start('w1', { policy: { inDoubt } });
      let victim = '';
      world.sender.afterDelivery = (conversation) => {
        // Teams has taken this message; the process dies before it can record that.
        if (world.sender.delivered.length === deliveries) {
          victim = conversation;
          first.kill();
        }
      };
      await runUntil(() => victim !== '');
      world.sender.afterDelivery = undefined;
      await clock.tickAsync(1_000);
      start('w2', { policy: { inDoubt } });
      await runUntil(async () => (await state(id)) === 'completed');
      return { id, users, victim };
    }

    it('resumes in another worker: nobody skipped, only the in-doubt recipient may get it twice', async () => {
      const { id, users, victim } = await killAfter(10, 'resend');
      await runUntil(() => world.notifier.final !== undefined);
      const byKey = await rows(id);
      for (const user of users) {
        const copies = world.sender.count(conversationOf(user));
        if (conversationOf(user) === victim) {
          assert.equal(copies, 2, 'sent before the death and again after');
        } else {
          assert.equal(copies, 1, `${user} exactly once`);
        }
        assert.equal(byKey.get(userRecipient(user))!.status, 'sent');
      }
      // Flagged: the victim, plus the claims the dead worker held unsent (a whole delivery
      // message is claimed at once; their outcome was just as unknown to the survivor). Nobody
      // it had recorded as sent is flagged or resent.
      const flagged = users.filter((u) => byKey.get(userRecipient(u))!.inDoubt === true);
      assert.ok(flagged.map(conversationOf).includes(victim));
      const recordedBeforeDeath = users.length - flagged.length;
      assert.ok(recordedBeforeDeath >= 9, `the 9 recorded sends stay unflagged: ${flagged.length}`);
      assert.equal(world.notifier.final?.inDoubt, flagged.length, 'the report says so');
    });

    it('with the hold policy never sends twice, and holds only what was armed to go out', async () => {
      const { id, users, victim } = await killAfter(10, 'hold');
      const byKey = await rows(id);
      for (const user of users) {
        assert.ok(world.sender.count(conversationOf(user)) <= 1, `${user} at most once`);
      }
      // A whole message's recipients were claimed at once, and three more lanes held claims
      // waiting for the limiter: none of those had gone out, so the survivor sends them all.
      const notSent = users.filter((u) => world.sender.count(conversationOf(u)) === 0);
      assert.deepEqual(notSent, [], 'only a send that may have gone out is held');
      const unknown = users.filter(
        (u) => byKey.get(userRecipient(u))!.reason === 'outcome-unknown',
      );
      assert.ok(
        unknown.some((u) => conversationOf(u) === victim),
        'the victim is held',
      );
      for (const user of unknown) assert.equal(byKey.get(userRecipient(user))!.status, 'failed');
      const sent = users.filter((u) => byKey.get(userRecipient(u))!.status === 'sent');
      assert.equal(sent.length + unknown.length, users.length, 'no one is left unaccounted for');
    });
  });

  describe('a worker killed after the channel answered, before its outcome write', () => {
    let dir: string;

    beforeEach(() => {
      dir = privateDir('delivery-journal-');
    });

    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    /**
     * w1 journals each answer (outcome-journal.ts) and dies right after journalling the tenth
     * delivery, before writing it to storage. w2 takes its claims over; `knowsEnded` says whether
     * w2's system tells it w1 has ended (the same machine and namespace), `spoil` runs between.
     */
    async function killAfterAnswer(
      knowsEnded: boolean,
      spoil: () => void = () => undefined,
    ): Promise<{ id: string; users: string[]; victim: string; survivor: WorkerProcess }> {
      const users = await world.install(30);
      const id = await world.announce({ kind: 'installed' });
      const journals = dirOutcomeJournals(dir);
      const own = new ProcessOutcomes({ workerId: 'w1', journals, hasEnded: () => false });
      let victim = '';
      let delivered = 0;
      const journal: OutcomeRecords = {
        record: (announcementId, recipient, outcome, at) => {
          own.record(announcementId, recipient, outcome, at);
          if (outcome !== 'delivered' || victim !== '') return;
          delivered += 1;
          if (delivered === 10) {
            victim = recipient;
            first.kill();
          }
        },
        ofEnded: (owner, announcementId, recipient) =>
          own.ofEnded(owner, announcementId, recipient),
      };
      const first = start('w1', { journal });
      await runUntil(() => victim !== '');
      spoil();
      await clock.tickAsync(1_000);
      const survivor = start('w2', {
        journal: new ProcessOutcomes({
          workerId: 'w2',
          journals,
          hasEnded: (owner) => knowsEnded && owner === 'w1',
        }),
      });
      await runUntil(async () => (await state(id)) === 'completed');
      return { id, users, victim, survivor };
    }

    function userOf(key: string, users: string[]): string {
      return users.find((u) => userRecipient(u) === key)!;
    }

    it('a successor that knows the worker ended records its journalled delivery as sent, not held', async () => {
      const { id, users, victim, survivor } = await killAfterAnswer(true);
      const byKey = await rows(id);
      const row = byKey.get(victim)!;
      assert.equal(row.status, 'sent', `the journalled delivery is recorded sent: ${row.reason}`);
      assert.equal(row.reason, undefined);
      assert.equal(row.sentAt, new Date(row.sentAt!).toISOString());
      assert.equal(world.sender.count(conversationOf(userOf(victim, users))), 1, 'sent once');
      for (const user of users) {
        assert.ok(world.sender.count(conversationOf(user)) <= 1, `${user} at most once`);
        const status = byKey.get(userRecipient(user))!.status;
        assert.ok(status === 'sent' || status === 'failed', `${user} is final: ${status}`);
      }
      assert.ok(
        survivor.logs.some((l) => /journal/.test(l)),
        `the take-over says why: ${survivor.logs.join(' | ')}`,
      );
      assert.equal(existsSync(outcomeJournalPath('w1', dir)), false, 'read once and removed');
    });

    it('stays held when the successor cannot tell the worker has ended (another machine)', async () => {
      const { id, users, victim } = await killAfterAnswer(false);
      const row = (await rows(id)).get(victim)!;
      assert.equal(row.status, 'failed');
      assert.equal(row.reason, 'outcome-unknown');
      assert.equal(world.sender.count(conversationOf(userOf(victim, users))), 1, 'never twice');
      assert.equal(existsSync(outcomeJournalPath('w1', dir)), true, 'nobody read it');
    });

    it('stays held when the dead worker’s journal cannot be read', async () => {
      const { id, users, victim } = await killAfterAnswer(true, () =>
        writeFileSync(outcomeJournalPath('w1', dir), 'not a journal', { mode: 0o600 }),
      );
      const row = (await rows(id)).get(victim)!;
      assert.equal(row.status, 'failed');
      assert.equal(row.reason, 'outcome-unknown');
      assert.equal(world.sender.count(conversationOf(userOf(victim, users))), 1, 'never twice');
    });
  });

  describe('a worker killed between its arm and its request (the leaving mark)', () => {
    let dir: string;

    beforeEach(() => {
      dir = privateDir('delivery-leaving-');
    });

    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    /** Where w1 dies: the `n`-th time it reaches this point. */
    type KillPoint =
      | 'after-arm' // arm journalled, its row write never made
      | 'before-leaving' // armed, waiting at the sliding second: nothing left
      | 'after-leaving' // the leaving entry written, the request not yet out
      | 'at-connector' // the connector took the message, the answer never read
      | 'after-answer'; // the answer journalled, the outcome write never made

    interface Run {
      id: string;
      users: string[];
      /** Recipient keys w1 journalled a leaving entry for, and an answer for. */
      leaving: Set<string>;
      answered: Set<string>;
      victim: string;
      survivor: WorkerProcess;
    }

    /** w1 (under hold, with its journal) dies at `point`; w2, knowing it ended, finishes. */
    async function killAt(point: KillPoint, n: number, users = 30): Promise<Run> {
      const installed = await world.install(users);
      const id = await world.announce({ kind: 'installed' });
      const journals = dirOutcomeJournals(dir);
      const own = new ProcessOutcomes({ workerId: 'w1', journals, hasEnded: () => false });
      const leaving = new Set<string>();
      const answered = new Set<string>();
      const seen = new Map<KillPoint, number>();
      let victim = '';
      let dead = false;
      const reached = (at: KillPoint, recipient: string): boolean => {
        const count = (seen.get(at) ?? 0) + 1;
        seen.set(at, count);
        if (at !== point || count !== n || dead) return false;
        dead = true;
        victim = recipient;
        first.kill();
        return true;
      };
      // A dead process writes nothing more.
      const journal: OutcomeRecords = {
        record: (announcementId, recipient, outcome, at) => {
          if (dead) return;
          own.record(announcementId, recipient, outcome, at);
          answered.add(recipient);
          reached('after-answer', recipient);
        },
        ofEnded: (owner, announcementId, recipient) =>
          own.ofEnded(owner, announcementId, recipient),
        arm: (announcementId, recipient, now) => {
          if (dead) return now;
          const at = own.arm(announcementId, recipient, now);
          reached('after-arm', recipient);
          return at;
        },
        departing: (announcementId, recipient, conversationId) => {
          if (dead || reached('before-leaving', recipient)) return () => undefined;
          const done = own.departing(announcementId, recipient, conversationId);
          leaving.add(recipient);
          reached('after-leaving', recipient);
          return done;
        },
      };
      world.sender.afterDelivery = (conversation) => {
        const user = installed.find((u) => conversationOf(u) === conversation)!;
        reached('at-connector', userRecipient(user));
      };
      const first = start('w1', { journal, policy: { inDoubt: 'hold' } });
      await runUntil(() => dead);
      world.sender.afterDelivery = undefined;
      await clock.tickAsync(1_000);
      const survivor = start('w2', {
        policy: { inDoubt: 'hold' },
        journal: new ProcessOutcomes({
          workerId: 'w2',
          journals,
          hasEnded: (owner) => owner === 'w1',
        }),
      });
      await runUntil(async () => (await state(id)) === 'completed');
      return { id, users: installed, leaving, answered, victim, survivor };
    }

    /**
     * Nobody gets the message twice; everyone is sent or held, never flagged "may have it
     * twice"; the only held ones are those w1 marked leaving and had no answer for.
     */
    async function checkRun(run: Run, label: string): Promise<{ held: string[] }> {
      const byKey = await rows(run.id);
      const held: string[] = [];
      for (const user of run.users) {
        const key = userRecipient(user);
        const row = byKey.get(key)!;
        const copies = world.sender.count(conversationOf(user));
        assert.ok(copies <= 1, `${label}: ${user} delivered ${copies} times`);
        assert.notEqual(row.inDoubt, true, `${label}: ${user} flagged`);
        if (row.status === 'sent') {
          assert.equal(copies, 1, `${label}: ${user} recorded sent but delivered ${copies}`);
        } else {
          assert.equal(row.status, 'failed', `${label}: ${user} ended ${row.status}`);
          assert.equal(row.reason, 'outcome-unknown', `${label}: ${user}`);
          held.push(key);
        }
      }
      const inDoubt = [...run.leaving].filter((k) => !run.answered.has(k)).sort();
      assert.deepEqual(held.sort(), inDoubt, `${label}: held = marked leaving without an answer`);
      return { held };
    }

    it('armed, killed before its request left: sent again once, not held, not flagged', async () => {
      const run = await killAt('before-leaving', 10);
      const row = (await rows(run.id)).get(run.victim)!;
      assert.equal(row.status, 'sent', `the victim: ${row.status} ${row.reason}`);
      assert.equal(row.inDoubt, undefined);
      const victimUser = run.users.find((u) => userRecipient(u) === run.victim)!;
      assert.equal(world.sender.count(conversationOf(victimUser)), 1);
      assert.equal(run.leaving.has(run.victim), false);
      assert.ok(
        run.survivor.logs.some((l) => /no request left|request never left/.test(l)),
        `the take-over says why: ${run.survivor.logs.join(' | ')}`,
      );
      await checkRun(run, 'before-leaving');
    });

    it('armed and marked leaving, killed before the request: held (it may have left)', async () => {
      const run = await killAt('after-leaving', 10);
      const row = (await rows(run.id)).get(run.victim)!;
      assert.equal(row.status, 'failed');
      assert.equal(row.reason, 'outcome-unknown');
      const { held } = await checkRun(run, 'after-leaving');
      assert.ok(held.includes(run.victim));
    });

    it('armed, marked leaving and delivered, the answer journalled: recorded sent', async () => {
      const run = await killAt('after-answer', 10);
      const row = (await rows(run.id)).get(run.victim)!;
      assert.equal(row.status, 'sent');
      const victimUser = run.users.find((u) => userRecipient(u) === run.victim)!;
      assert.equal(world.sender.count(conversationOf(victimUser)), 1, 'not sent again');
      await checkRun(run, 'after-answer');
    });

    it('holds every armed claim when the journal is gone (another namespace, a new container)', async () => {
      const installed = await world.install(12);
      const id = await world.announce({ kind: 'installed' });
      const journals = dirOutcomeJournals(dir);
      const own = new ProcessOutcomes({ workerId: 'w1', journals, hasEnded: () => false });
      let dead = false;
      const journal: OutcomeRecords = {
        record: (a, r, o, at) => (dead ? undefined : own.record(a, r, o, at)),
        ofEnded: () => undefined,
        arm: (a, r, now) => own.arm(a, r, now),
        departing: (a, r, c) => {
          if (dead) return () => undefined;
          if (r === userRecipient(installed[5])) {
            dead = true;
            first.kill();
            return () => undefined;
          }
          return own.departing(a, r, c);
        },
      };
      const first = start('w1', { journal, policy: { inDoubt: 'hold' } });
      await runUntil(() => dead);
      rmSync(outcomeJournalPath('w1', dir));
      await clock.tickAsync(1_000);
      start('w2', {
        policy: { inDoubt: 'hold' },
        journal: new ProcessOutcomes({ workerId: 'w2', journals, hasEnded: () => true }),
      });
      await runUntil(async () => (await state(id)) === 'completed');
      const row = (await rows(id)).get(userRecipient(installed[5]))!;
      assert.equal(row.reason, 'outcome-unknown', 'no journal: held as before');
      assert.equal(world.sender.count(conversationOf(installed[5])), 0);
    });

    it('over random kill points: nobody delivered twice, held only what was marked leaving and unanswered', async () => {
      // A small seeded generator: the same runs every time.
      let seed = 0x2f6e2b1;
      const random = (): number => {
        seed = (seed + 0x6d2b79f5) | 0;
        let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
      };
      const points: KillPoint[] = [
        'after-arm',
        'before-leaving',
        'after-leaving',
        'at-connector',
        'after-answer',
      ];
      const resent: string[] = [];
      let heldTotal = 0;
      for (let i = 0; i < 20; i += 1) {
        const point = points[Math.floor(random() * points.length)];
        const n = 1 + Math.floor(random() * 20);
        const run = await killAt(point, n, 24);
        const { held } = await checkRun(run, `run ${i} (${point} #${n})`);
        heldTotal += held.length;
        if (point === 'before-leaving' && !held.includes(run.victim)) resent.push(run.victim);
        // The next run starts afresh: its own world, processes and journals.
        const live = processes.splice(0);
        const stopping = Promise.all(live.map((p) => p.stop()));
        await clock.tickAsync(60_000);
        await stopping;
        world = new World();
        rmSync(dir, { recursive: true, force: true });
        dir = privateDir('delivery-leaving-');
      }
      assert.ok(heldTotal > 0, 'some runs died with a request out');
      assert.ok(resent.length > 0, 'some runs died with an armed claim that never left');
    });
  });

  it('two workers in parallel never send twice, even with every recipient queued twice', async () => {
    const users = await world.install(60);
    const id = await world.announce({ kind: 'installed' });
    // A second listing of the audience (the expand message delivered twice) queues everyone again.
    await world.queue.send({ v: 1, kind: 'expand', announcementId: id });
    const keys = users.map(userRecipient);
    for (let i = 0; i < keys.length; i += 5) {
      await world.queue.send({
        v: 1,
        kind: 'deliver',
        announcementId: id,
        recipients: keys.slice(i, i + 5),
      });
    }
    const a = start('w1', { ratePerSecond: 20 });
    const b = start('w2', { ratePerSecond: 20 });
    await runUntil(async () => (await state(id)) === 'completed');

    for (const user of users) assert.equal(world.sender.count(conversationOf(user)), 1, user);
    assert.equal(world.sender.calls.length, 60);
    assert.ok(a.sends > 0 && b.sends > 0, `both worked: ${a.sends} + ${b.sends}`);
  });

  it('claims a message’s recipients together, and a graceful stop gives unsent claims back', async () => {
    const users = await world.install(120);
    const id = await world.announce({ kind: 'installed' });
    const first = start('w1', { ratePerSecond: 2 });
    await runUntil(async () => {
      const now = await rows(id);
      return [...now.values()].filter((r) => r.status === 'sending').length >= 40;
    });
    // Far more are claimed than one lane could hold: whole messages were claimed at once.
    processes.splice(processes.indexOf(first), 1);
    const stopping = first.stop();
    await clock.tickAsync(1_000);
    await stopping;
    const afterStop = [...(await rows(id)).values()];
    assert.deepEqual(
      afterStop.filter((r) => r.status === 'sending'),
      [],
      'no claim is left behind by a process that stopped on purpose',
    );
    assert.ok(
      afterStop.every((r) => r.status !== 'queued' || r.attempts === 0),
      'a claim given back does not count as an attempt',
    );
    start('w2', { ratePerSecond: 50 });
    await runUntil(async () => (await state(id)) === 'completed');
    for (const user of users) assert.equal(world.sender.count(conversationOf(user)), 1, user);
  });

  it('installs the app through Graph for users who never had it, and opens the chat', async () => {
    await world.install(1); // the tenant's serviceUrl comes from an earlier install event
    const newcomer = userId(500);
    const guest = userId(501);
    const unlicensed = userId(502);
    world.directory.groups.set('g2', [
      [{ id: newcomer }, { id: guest, userType: 'Guest' }, { id: unlicensed }],
    ]);
    world.directory.install = (objectId) =>
      objectId === unlicensed
        ? { kind: 'unavailable', reason: 'user-not-found-or-no-teams' }
        : { kind: 'installed', alreadyInstalled: false };
    const id = await world.announce({ kind: 'group', groupId: 'g2' });
    start('w1');
    await runUntil(async () => (await state(id)) === 'completed');

    const byKey = await rows(id);
    assert.deepEqual(world.directory.installs.sort(), [newcomer, unlicensed].sort());
    assert.deepEqual(world.sender.opened, [newcomer]);
    assert.equal(world.sender.count(conversationOf(newcomer)), 1);
    assert.equal(byKey.get(userRecipient(newcomer))!.status, 'sent');
    assert.equal((await world.references.user(newcomer))?.conversationId, conversationOf(newcomer));
    assert.equal(byKey.get(userRecipient(guest))!.status, 'unreachable');
    assert.equal(byKey.get(userRecipient(guest))!.reason, 'guest-without-app');
    assert.equal(byKey.get(userRecipient(unlicensed))!.status, 'unreachable');
    assert.equal(byKey.get(userRecipient(unlicensed))!.reason, 'user-not-found-or-no-teams');
  });

  it('opens a new chat once when the stored one is gone (chat history cleared)', async () => {
    const [user] = await world.install(1);
    world.sender.script = (conversation, call) =>
      conversation === conversationOf(user) && call === 1
        ? { kind: 'conversation-gone', detail: '404 ConversationNotFound' }
        : { kind: 'sent' };
    const id = await world.announce({ kind: 'installed' });
    start('w1');
    await runUntil(async () => (await state(id)) === 'completed');

    assert.deepEqual(world.sender.opened, [user]);
    assert.equal(world.sender.count(conversationOf(user)), 1);
    assert.equal((await rows(id)).get(userRecipient(user))!.status, 'sent');
  });

  it('re-queues recipients whose queue message was lost', async () => {
    const users = await world.install(5);
    const id = await world.announce({ kind: 'installed' });
    // Expand by hand, then lose every delivery message, as a crash between the row write and
    // the queue write would.
    const expander = start('w0');
    await runUntil(async () => (await world.store.get(id))!.value.expanded);
    await expander.stop();
    processes.splice(processes.indexOf(expander), 1);
    while ((await world.queue.receive(32, 600)).length > 0) {
      // drained: received messages stay hidden for ten minutes
    }
    start('w1');
    await runUntil(async () => (await state(id)) === 'completed', 600_000);
    for (const user of users) assert.equal(world.sender.count(conversationOf(user)), 1);
  });

  it('tells the helpdesk once per report, even on a double click', async () => {
    const id = await world.announce({ kind: 'installed' });
    const reports = new PromptReports({
      records: world.records,
      store: world.store,
      queue: world.queue,
      clock: { now: () => new Date() },
    });
    const input = {
      announcementId: id,
      user: { objectId: userId(7), name: 'Member' },
      upn: 'member@sandbox.example',
      serviceUrl: 'https://smba.example/amer/',
      tenantId: TENANT,
    };
    const first = await reports.report(input);
    const second = await reports.report(input);
    assert.equal(first.duplicate, false);
    assert.equal(second.duplicate, true);
    start('w1');
    await runUntil(() => world.notifier.notices.length > 0);
    await clock.tickAsync(5_000);

    assert.equal(world.notifier.notices.length, 1);
    const notice = world.notifier.notices[0];
    assert.equal(notice.user.name, 'Member');
    assert.equal(notice.user.upn, 'member@sandbox.example');
    assert.equal(notice.reportedAt, '2026-11-01T08:00:00.000Z');
    assert.ok((await reports.list(id))[0].notifiedAt, 'recorded as told');
  });
});
