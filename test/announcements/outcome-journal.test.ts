import assert from 'node:assert/strict';
import {
  chmodSync,
  closeSync,
  existsSync,
  linkSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  dirOutcomeJournals,
  journalIdentity,
  journalKey,
  OutcomeJournal,
  outcomeJournalPath,
  JOURNAL_HEADER_BYTES,
  readJournal,
  takeJournal,
  type OutcomeJournals,
} from '../../src/announcements/outcome-journal';
import { ProcessOutcomes, requestConversation } from '../../src/announcements/process-outcomes';
import { reopenedValue } from '../../src/announcements/delivery-policy';
import { userRecipient } from '../../src/announcements/tables';
import type { RecipientRecord } from '../../src/announcements/types';
import { privateDir } from './support/private-dir';

const OBJECT_ID = '0f3c9a52-7d1e-4b8a-9c6f-2e5d8b7a1c40';
const RECIPIENT = userRecipient(OBJECT_ID);
const AT = Date.parse('2026-11-01T08:00:00Z');

describe('outcome journal (the channel’s answers, for a successor on the same system)', () => {
  let dir: string;

  beforeEach(() => {
    dir = privateDir('outcome-journal-');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads back what was written, by recipient, with the answer’s time; only this user may read it', () => {
    const path = outcomeJournalPath('host-1234-ab', dir);
    const journal = new OutcomeJournal(path);
    journal.record('ann-1', RECIPIENT, 'delivered', AT);
    journal.record('ann-1', 'u.other', 'refused', AT + 5);
    journal.record('ann-2', RECIPIENT, 'refused', AT + 9);

    assert.equal(statSync(path).mode & 0o777, 0o600);
    const entries = readJournal(path)!.answers;
    assert.equal(entries.size, 3);
    assert.deepEqual(entries.get(journalKey('ann-1', RECIPIENT)), {
      outcome: 'delivered',
      at: AT,
    });
    assert.deepEqual(entries.get(journalKey('ann-1', 'u.other')), {
      outcome: 'refused',
      at: AT + 5,
    });
    // The same recipient of another announcement is another entry.
    assert.equal(entries.get(journalKey('ann-2', RECIPIENT))?.outcome, 'refused');
    assert.equal(entries.get(journalKey('ann-3', RECIPIENT)), undefined);
  });

  it('holds no recipient key or object id in clear', () => {
    const path = outcomeJournalPath('w', dir);
    new OutcomeJournal(path).record('ann-1', RECIPIENT, 'delivered', AT);
    const bytes = readFileSync(path);
    assert.equal(bytes.includes(Buffer.from(OBJECT_ID)), false);
    assert.equal(bytes.includes(Buffer.from(OBJECT_ID.replace(/-/g, ''))), false);
    assert.equal(bytes.includes(Buffer.from('ann-1')), false);
    assert.equal(journalKey('ann-1', RECIPIENT).includes(OBJECT_ID.replace(/-/g, '')), false);
  });

  it('a ring: the oldest slots are written over once it comes round', () => {
    const path = outcomeJournalPath('w', dir);
    const journal = new OutcomeJournal(path, 4);
    for (let i = 0; i < 6; i += 1) journal.record('ann', `u.${i}`, 'delivered', AT + i);
    const entries = readJournal(path)!.answers;
    assert.deepEqual(
      [...entries.values()].map((e) => e.at - AT).sort((a, b) => a - b),
      [2, 3, 4, 5],
    );
    assert.equal(entries.get(journalKey('ann', 'u.0')), undefined);
    assert.equal(entries.get(journalKey('ann', 'u.5'))?.outcome, 'delivered');
  });

  it('a delivery stays a delivery whatever else the journal holds of the recipient', () => {
    const path = outcomeJournalPath('w', dir);
    const journal = new OutcomeJournal(path);
    journal.record('ann', RECIPIENT, 'delivered', AT);
    journal.record('ann', RECIPIENT, 'refused', AT + 1);
    assert.deepEqual(readJournal(path)!.answers.get(journalKey('ann', RECIPIENT)), {
      outcome: 'delivered',
      at: AT,
    });
  });

  it('skips a damaged slot and reads the rest; a file of another size or kind is no journal', () => {
    const path = outcomeJournalPath('w', dir);
    const journal = new OutcomeJournal(path, 8);
    journal.record('ann', 'u.a', 'delivered', AT);
    journal.record('ann', 'u.b', 'delivered', AT);
    const bytes = readFileSync(path);
    bytes[JOURNAL_HEADER_BYTES + 3] ^= 0xff; // inside the first slot's recipient hash
    writeFileSync(path, bytes);
    const entries = readJournal(path)!.answers;
    assert.equal(entries.size, 1);
    assert.equal(entries.get(journalKey('ann', 'u.b'))?.outcome, 'delivered');

    writeFileSync(path, bytes.subarray(0, bytes.length - 5));
    assert.equal(readJournal(path)?.answers, undefined, 'cut short');
    const wrongKind = Buffer.from(bytes);
    wrongKind.write('NOTAJRNL', 0, 'ascii');
    writeFileSync(path, wrongKind);
    assert.equal(readJournal(path)?.answers, undefined, 'not a journal');
    assert.equal(readJournal(join(dir, 'missing'))?.answers, undefined, 'missing');
  });

  it('is not read when others may read or write it', () => {
    const path = outcomeJournalPath('w', dir);
    new OutcomeJournal(path).record('ann', RECIPIENT, 'delivered', AT);
    chmodSync(path, 0o644);
    assert.equal(readJournal(path)?.answers, undefined);
  });

  it('refuses links: never written through one, never read through one', () => {
    const target = join(dir, 'elsewhere');
    writeFileSync(target, 'untouched');
    const path = outcomeJournalPath('w', dir);
    symlinkSync(target, path);
    const journal = new OutcomeJournal(path);
    journal.record('ann', RECIPIENT, 'delivered', AT);
    assert.equal(journal.open, false);
    assert.equal(readFileSync(target, 'utf8'), 'untouched');

    // A real journal behind a link is not read either, and taking it removes only the link.
    rmSync(path);
    const real = join(dir, 'real-journal');
    new OutcomeJournal(real).record('ann', RECIPIENT, 'delivered', AT);
    symlinkSync(real, path);
    assert.equal(readJournal(path)?.answers, undefined);
    assert.equal(takeJournal(path)?.answers, undefined);
    assert.equal(existsSync(path), false);
    assert.equal(readJournal(real)?.answers?.size, 1);
  });

  it('is removed when taken and at a clean stop', () => {
    const path = outcomeJournalPath('w', dir);
    const journal = new OutcomeJournal(path);
    journal.record('ann', RECIPIENT, 'delivered', AT);
    assert.equal(takeJournal(path)?.answers?.size, 1);
    assert.equal(existsSync(path), false);
    assert.equal(takeJournal(path)?.answers, undefined);

    const other = outcomeJournalPath('v', dir);
    const stopping = new OutcomeJournal(other);
    assert.equal(existsSync(other), true);
    stopping.close();
    assert.equal(existsSync(other), false);
  });

  describe('a process’s side (ProcessOutcomes)', () => {
    it('reads a peer’s journal only once the system says it has ended, once, and keeps it', () => {
      const journals = dirOutcomeJournals(dir);
      const ended = new Set<string>();
      const dead = new ProcessOutcomes({ workerId: 'w1', journals, hasEnded: () => false });
      dead.record('ann', RECIPIENT, 'delivered', AT);
      dead.record('ann', 'u.refused', 'refused', AT + 1);
      const survivor = new ProcessOutcomes({
        workerId: 'w2',
        journals,
        hasEnded: (id) => ended.has(id),
      });
      const path = outcomeJournalPath('w1', dir);

      // Still running (or not known to have ended): nothing is read, the journal stays.
      assert.equal(survivor.ofEnded('w1', 'ann', RECIPIENT), undefined);
      assert.equal(existsSync(path), true);

      ended.add('w1');
      assert.deepEqual(survivor.ofEnded('w1', 'ann', RECIPIENT), { outcome: 'delivered', at: AT });
      assert.equal(existsSync(path), false, 'removed when read');
      // Later take-overs in this process still find it.
      assert.equal(survivor.ofEnded('w1', 'ann', 'u.refused')?.outcome, 'refused');
      assert.equal(survivor.ofEnded('w1', 'ann', 'u.never-answered'), undefined);
      // Another process finds no journal: its take-overs stay held.
      const third = new ProcessOutcomes({ workerId: 'w3', journals, hasEnded: () => true });
      assert.equal(third.ofEnded('w1', 'ann', RECIPIENT), undefined);
      survivor.close();
    });

    it('never reads its own journal, and writes none without a place for it', () => {
      const journals = dirOutcomeJournals(dir);
      const self = new ProcessOutcomes({ workerId: 'w1', journals, hasEnded: () => true });
      self.record('ann', RECIPIENT, 'delivered', AT);
      assert.equal(self.ofEnded('w1', 'ann', RECIPIENT), undefined);
      self.close();
      assert.equal(existsSync(outcomeJournalPath('w1', dir)), false);

      const none = new ProcessOutcomes({ workerId: 'w1', hasEnded: () => true });
      none.record('ann', RECIPIENT, 'delivered', AT);
      assert.equal(none.ofEnded('w0', 'ann', RECIPIENT), undefined);
    });
  });
});

describe('the leaving mark (a request about to leave, for a successor on the same system)', () => {
  let dir: string;
  const ANN = 'ann-1';

  beforeEach(() => {
    dir = privateDir('leaving-mark-');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A writer `w1` on `host`, a survivor `w2` that knows w1 ended, over journals of `slots`. */
  function pair(
    options: { slots?: number; host?: string; readerHost?: string; atTransport?: boolean } = {},
  ): { dead: ProcessOutcomes; survivor: () => ProcessOutcomes } {
    const journals = (host?: string): OutcomeJournals => {
      const base = dirOutcomeJournals(dir, host);
      return options.slots === undefined
        ? base
        : {
            open: (id) =>
              new OutcomeJournal(
                outcomeJournalPath(id, dir),
                options.slots,
                journalIdentity(id, host),
              ),
            take: base.take,
          };
    };
    const dead = new ProcessOutcomes({
      workerId: 'w1',
      journals: journals(options.host ?? 'boot/ns'),
      hasEnded: () => false,
      leavingAtTransport: options.atTransport,
    });
    const survivor = (): ProcessOutcomes =>
      new ProcessOutcomes({
        workerId: 'w2',
        journals: journals(options.readerHost ?? options.host ?? 'boot/ns'),
        hasEnded: (id) => id === 'w1',
      });
    return { dead, survivor };
  }

  it('an arm with no leaving entry after it: never left; with one, or with an answer: not', () => {
    const { dead, survivor } = pair();
    const quiet = dead.arm(ANN, 'u.quiet', AT);
    const left = dead.arm(ANN, 'u.left', AT);
    const answered = dead.arm(ANN, 'u.answered', AT);
    assert.ok(left > quiet && answered > left, 'arm times are never the same twice');
    dead.departing(ANN, 'u.left', 'conv-left');
    const done = dead.departing(ANN, 'u.answered', 'conv-answered');
    dead.record(ANN, 'u.answered', 'delivered', AT + 5);
    done();

    const reader = survivor();
    assert.equal(reader.neverLeft('w1', ANN, 'u.quiet', quiet), true);
    assert.equal(reader.neverLeft('w1', ANN, 'u.left', left), false, 'a request may have left');
    assert.equal(reader.neverLeft('w1', ANN, 'u.answered', answered), false);
    assert.equal(reader.ofEnded('w1', ANN, 'u.answered')?.outcome, 'delivered');
    // Another arm than the one on the row (or none recorded on it) proves nothing.
    assert.equal(reader.neverLeft('w1', ANN, 'u.quiet', quiet + 1000), false);
    assert.equal(reader.neverLeft('w1', ANN, 'u.quiet', undefined), false);
  });

  it('holds while the owner is not known to have ended, and for a journal of another owner or system', () => {
    const { dead } = pair({ host: 'boot-a/ns-1' });
    const at = dead.arm(ANN, RECIPIENT, AT);
    const running = new ProcessOutcomes({
      workerId: 'w2',
      journals: dirOutcomeJournals(dir, 'boot-a/ns-1'),
      hasEnded: () => false,
    });
    assert.equal(running.neverLeft('w1', ANN, RECIPIENT, at), false);
    assert.equal(existsSync(outcomeJournalPath('w1', dir)), true, 'not read');

    const otherSystem = new ProcessOutcomes({
      workerId: 'w2',
      journals: dirOutcomeJournals(dir, 'boot-b/ns-1'),
      hasEnded: () => true,
    });
    assert.equal(otherSystem.neverLeft('w1', ANN, RECIPIENT, at), false, 'another boot');

    // w1's file copied under w3's name: another owner's journal.
    const { dead: again } = pair({ host: 'boot-a/ns-1' });
    const at2 = again.arm(ANN, RECIPIENT, AT);
    writeFileSync(outcomeJournalPath('w3', dir), readFileSync(outcomeJournalPath('w1', dir)), {
      mode: 0o600,
    });
    const reader = new ProcessOutcomes({
      workerId: 'w2',
      journals: dirOutcomeJournals(dir, 'boot-a/ns-1'),
      hasEnded: () => true,
    });
    assert.equal(reader.neverLeft('w3', ANN, RECIPIENT, at2), false, 'another owner');
    assert.equal(reader.neverLeft('w1', ANN, RECIPIENT, at2), true, 'its own owner');
  });

  it('holds when the ring came round past the arm: later entries may have been written over', () => {
    const { dead, survivor } = pair({ slots: 4 });
    const at = dead.arm(ANN, RECIPIENT, AT);
    // Four more entries: the arm's slot is written over.
    for (let i = 0; i < 4; i += 1) dead.record(ANN, `u.other-${i}`, 'delivered', AT + i);
    assert.equal(survivor().neverLeft('w1', ANN, RECIPIENT, at), false);

    const { dead: fits, survivor: reads } = pair({ slots: 4 });
    const kept = fits.arm(ANN, RECIPIENT, AT);
    for (let i = 0; i < 3; i += 1) fits.record(ANN, `u.other-${i}`, 'delivered', AT + i);
    assert.equal(reads().neverLeft('w1', ANN, RECIPIENT, kept), true, 'the arm is still there');
  });

  it('a failed write leaves the journal marked incomplete: every armed claim is held, the send goes on', () => {
    const { dead, survivor } = pair();
    const quiet = dead.arm(ANN, 'u.quiet', AT);
    dead.arm(ANN, 'u.failed', AT);
    // The file's descriptor goes bad under the writer: its next write fails.
    const own = (dead as unknown as { own: { fd: number } }).own;
    closeSync(own.fd);
    assert.doesNotThrow(() => dead.departing(ANN, 'u.failed', 'conv-failed'));
    assert.equal(survivor().neverLeft('w1', ANN, 'u.quiet', quiet), false);
  });

  it('poisoning writes a mark in the file before removing it: a copy left behind is not trusted', () => {
    const path = outcomeJournalPath('w1', dir);
    const identity = journalIdentity('w1', 'h');
    const journal = new OutcomeJournal(path, 8, identity);
    journal.write('armed', ANN, RECIPIENT, AT);
    // A second name for the same file: what a removal that failed would leave.
    const kept = join(dir, 'kept');
    linkSync(path, kept);
    assert.equal(readJournal(kept, identity)?.complete, true);
    journal.poison();
    assert.equal(existsSync(path), false, 'removed');
    assert.equal(readJournal(kept, identity)?.complete, false, 'and marked');
    assert.equal(journal.failed, false);
    assert.equal(journal.write('leaving', ANN, RECIPIENT, AT), false, 'writes nothing more');
  });

  it('when not even the incomplete mark can be written, no request may leave', () => {
    const failing = {
      write: () => false,
      record: () => undefined,
      close: () => undefined,
      failed: true,
    } as unknown as OutcomeJournal;
    const outcomes = new ProcessOutcomes({
      workerId: 'w1',
      journals: { open: () => failing, take: () => undefined },
      hasEnded: () => false,
      leavingAtTransport: true,
    });
    const done = outcomes.departing(ANN, RECIPIENT, 'conv-1');
    assert.throws(() =>
      outcomes.leaving('POST', 'https://smba/v3/conversations/conv-1/activities'),
    );
    done();
    const direct = new ProcessOutcomes({
      workerId: 'w1',
      journals: { open: () => failing, take: () => undefined },
      hasEnded: () => false,
    });
    assert.throws(() => direct.departing(ANN, RECIPIENT, 'conv-1'));
  });

  it('at the transport: marks the sends of the conversation a request goes to, all of them when it names none', () => {
    const { dead, survivor } = pair({ atTransport: true });
    const arms = ['u.a', 'u.b', 'u.c', 'u.d'].map((u) => [u, dead.arm(ANN, u, AT)] as const);
    const a = dead.departing(ANN, 'u.a', 'a:1/x');
    const b = dead.departing(ANN, 'u.b', 'b:2');
    // Started but waiting at the sliding-second check: nothing has left for it yet.
    dead.departing(ANN, 'u.c', 'c:3');
    dead.leaving('GET', 'https://smba/v3/conversations/c%3A3/members');
    dead.leaving(
      'POST',
      `https://smba/amer/v3/conversations/${encodeURIComponent('a:1/x')}/activities`,
    );
    dead.leaving('PUT', 'https://smba/v3/conversations/b%3A2/activities/act-1');
    a();
    b();
    // A request that names no conversation could be any send's: every one under way is marked.
    const d = dead.departing(ANN, 'u.d', 'd:4');
    dead.leaving('POST', 'https://smba/v3/conversations');
    d();
    dead.leaving('POST', 'https://smba/v3/conversations');
    const reader = survivor();
    const never = arms.filter(([u, at]) => reader.neverLeft('w1', ANN, u, at)).map(([u]) => u);
    assert.deepEqual(never, []);
    const { dead: again, survivor: reads } = pair({ atTransport: true });
    const c = again.arm(ANN, 'u.c', AT);
    again.departing(ANN, 'u.c', 'c:3');
    again.leaving('GET', 'https://smba/v3/conversations/c%3A3/members');
    again.leaving('POST', 'https://smba/v3/conversations/other/activities');
    assert.equal(reads().neverLeft('w1', ANN, 'u.c', c), true, 'only another conversation left');
  });

  it('finds the conversation a connector request is addressed to', () => {
    assert.equal(requestConversation('https://s/v3/conversations/a%3Ab/activities'), 'a:b');
    assert.equal(requestConversation('https://s/v3/conversations?x=1'), undefined);
    assert.equal(requestConversation('https://s/v3/conversations/%E0%A4%A/activities'), undefined);
  });
});

describe('what a take-over makes of a dead worker’s journalled answer (reopenedValue)', () => {
  const at = '2026-11-01T08:00:05.000Z';
  const armed: RecipientRecord = {
    kind: 'user',
    objectId: OBJECT_ID,
    status: 'sending',
    attempts: 1,
    transientFailures: 0,
    armed: true,
    leaseOwner: 'w1',
    leaseUntil: AT + 30_000,
    updatedAt: '2026-11-01T08:00:00.000Z',
  };

  it('delivered: sent, at the answer’s time, under either policy', () => {
    for (const policy of ['hold', 'resend'] as const) {
      const value = reopenedValue(armed, policy, at, { outcome: 'delivered', at: AT });
      assert.equal(value.status, 'sent');
      assert.equal(value.sentAt, '2026-11-01T08:00:00.000Z');
      assert.equal(value.inDoubt, undefined, 'not "may have it twice"');
      assert.equal(value.leaseOwner, undefined);
      assert.equal(value.armed, undefined);
    }
  });

  it('refused: nothing went out, so it is queued again, unflagged, even though it was armed', () => {
    const value = reopenedValue(armed, 'hold', at, { outcome: 'refused', at: AT });
    assert.equal(value.status, 'queued');
    assert.equal(value.inDoubt, undefined);
    assert.equal(value.armed, undefined);
  });

  it('nothing journalled: held as outcome unknown, as before', () => {
    const value = reopenedValue(armed, 'hold', at, undefined);
    assert.equal(value.status, 'failed');
    assert.equal(value.reason, 'outcome-unknown');
  });
});
