import assert from 'node:assert/strict';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  dirOutcomeJournals,
  journalKey,
  OutcomeJournal,
  outcomeJournalPath,
  ProcessOutcomes,
  readOutcomeJournal,
  takeOutcomeJournal,
} from '../../src/announcements/outcome-journal';
import { reopenedValue } from '../../src/announcements/delivery-policy';
import { userRecipient } from '../../src/announcements/tables';
import type { RecipientRecord } from '../../src/announcements/types';

const OBJECT_ID = '0f3c9a52-7d1e-4b8a-9c6f-2e5d8b7a1c40';
const RECIPIENT = userRecipient(OBJECT_ID);
const AT = Date.parse('2026-11-01T08:00:00Z');

describe('outcome journal (the channel’s answers, for a successor on the same system)', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'outcome-journal-'));
    chmodSync(dir, 0o700);
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads back what was written, by recipient, with the answer’s time; only this user may read it', () => {
    const path = outcomeJournalPath('host-1234-ab', dir);
    const journal = new OutcomeJournal(path);
    journal.record('ann-1', RECIPIENT, 'delivered', AT);
    journal.record('ann-1', 'u.other', 'refused', AT + 5);
    journal.record('ann-2', RECIPIENT, 'refused', AT + 9);

    assert.equal(statSync(path).mode & 0o777, 0o600);
    const entries = readOutcomeJournal(path)!;
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
    const entries = readOutcomeJournal(path)!;
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
    assert.deepEqual(readOutcomeJournal(path)!.get(journalKey('ann', RECIPIENT)), {
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
    bytes[8 + 3] ^= 0xff; // inside the first slot's recipient hash
    writeFileSync(path, bytes);
    const entries = readOutcomeJournal(path)!;
    assert.equal(entries.size, 1);
    assert.equal(entries.get(journalKey('ann', 'u.b'))?.outcome, 'delivered');

    writeFileSync(path, bytes.subarray(0, bytes.length - 5));
    assert.equal(readOutcomeJournal(path), undefined, 'cut short');
    const wrongKind = Buffer.from(bytes);
    wrongKind.write('NOTAJRNL', 0, 'ascii');
    writeFileSync(path, wrongKind);
    assert.equal(readOutcomeJournal(path), undefined, 'not a journal');
    assert.equal(readOutcomeJournal(join(dir, 'missing')), undefined, 'missing');
  });

  it('is not read when others may read or write it', () => {
    const path = outcomeJournalPath('w', dir);
    new OutcomeJournal(path).record('ann', RECIPIENT, 'delivered', AT);
    chmodSync(path, 0o644);
    assert.equal(readOutcomeJournal(path), undefined);
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
    assert.equal(readOutcomeJournal(path), undefined);
    assert.equal(takeOutcomeJournal(path), undefined);
    assert.equal(existsSync(path), false);
    assert.equal(readOutcomeJournal(real)?.size, 1);
  });

  it('is removed when taken and at a clean stop', () => {
    const path = outcomeJournalPath('w', dir);
    const journal = new OutcomeJournal(path);
    journal.record('ann', RECIPIENT, 'delivered', AT);
    assert.equal(takeOutcomeJournal(path)?.size, 1);
    assert.equal(existsSync(path), false);
    assert.equal(takeOutcomeJournal(path), undefined);

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
