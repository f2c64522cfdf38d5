/**
 * Each process's answers from the channel, written where a process that outlives it on the same
 * operating system can read them after it has ended: the in-doubt window of the `hold` policy
 * made smaller (delivery-policy.ts reopenedValue).
 *
 * Under `hold` a worker marks a claim `armed` before its request; a process that takes over an
 * armed claim of a dead one cannot tell whether the message went out, and fails it as
 * `outcome-unknown`. Most of that window is not the request itself but the outcome write that
 * follows the answer (a table write, tens to hundreds of milliseconds on a busy store). So as
 * soon as the channel answers, before that write, the worker writes the answer here,
 * synchronously: a 2xx (`delivered`) or a definite refusal that sent nothing (`refused`, a
 * 403-like permanent failure). The kernel's page cache outlives a SIGKILL, so a reader on the
 * same system sees every answer written before the death. Only a peer the operating system says
 * has ended is read (local-processes.ts): it can write nothing more, and the reader takes what it
 * finds as settled. What is not found stays held, as before; an unreadable journal is none.
 *
 * What a slot holds: the first 16 bytes of a SHA-256 of the announcement id and the row key (the
 * row key is `u.<Entra object id>`: the file never holds it in clear, nor any text or token), the
 * answer's time, the answer, and a check over those. A fixed ring of slots (32 KiB), written in
 * turn: a claim's outcome is written to storage moments after its slot, long before the ring
 * comes round to it again.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

export type JournalOutcome = 'delivered' | 'refused';

export interface JournalEntry {
  outcome: JournalOutcome;
  /** When the answer came, on the writer's clock (milliseconds since the epoch). */
  at: number;
}

/** Where each process keeps its journal and reads a dead peer's (local-processes.ts). */
export interface OutcomeJournals {
  open(workerId: string): OutcomeJournal;
  /** Reads, once, the journal of a peer that has ended (removing it); undefined when unreadable. */
  take(workerId: string): Map<string, JournalEntry> | undefined;
}

/** What delivery needs: write this process's answers, read those of a peer known to have ended. */
export interface OutcomeRecords {
  record(announcementId: string, recipient: string, outcome: JournalOutcome, at: number): void;
  /** What `owner` wrote of this recipient, when `owner` is known to have ended on this system. */
  ofEnded(owner: string, announcementId: string, recipient: string): JournalEntry | undefined;
}

const MAGIC = Buffer.from('HDOUTJ01', 'ascii');
const SLOT_BYTES = 32;
const HASH_BYTES = 16;
const AT_OFFSET = 16;
const OUTCOME_OFFSET = 24;
const CHECK_OFFSET = 28;
export const OUTCOME_JOURNAL_SLOTS = 1024;
/** A reader takes no journal longer than this (a file of another making). */
const MAX_SLOTS = 65_536;
const CODES: Record<JournalOutcome, number> = { delivered: 1, refused: 2 };

/** The recipient as the journal holds it: not reversible without knowing the row key. */
export function journalKey(announcementId: string, recipient: string): string {
  return createHash('sha256')
    .update(`${announcementId}\n${recipient}`)
    .digest()
    .subarray(0, HASH_BYTES)
    .toString('hex');
}

/** 32-bit FNV-1a over the slot's first bytes: a slot written in part or damaged is skipped. */
function check(slot: Buffer): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < CHECK_OFFSET; i += 1) {
    hash ^= slot[i];
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** One process's journal, written by it alone. Every failure leaves it silent, never the sender. */
export class OutcomeJournal {
  private fd: number | undefined;
  private next = 0;
  private readonly slot = Buffer.alloc(SLOT_BYTES);

  constructor(
    private readonly path: string,
    private readonly slots = OUTCOME_JOURNAL_SLOTS,
  ) {
    try {
      // Never through a link someone else left at this name; only this user may read it.
      const { O_WRONLY, O_CREAT, O_TRUNC, O_NOFOLLOW } = constants;
      this.fd = openSync(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o600);
      writeSync(this.fd, Buffer.concat([MAGIC, Buffer.alloc(SLOT_BYTES * slots)]));
    } catch {
      this.close();
    }
  }

  get open(): boolean {
    return this.fd !== undefined;
  }

  record(announcementId: string, recipient: string, outcome: JournalOutcome, at: number): void {
    if (this.fd === undefined) return;
    this.slot.fill(0);
    Buffer.from(journalKey(announcementId, recipient), 'hex').copy(this.slot, 0);
    this.slot.writeDoubleLE(at, AT_OFFSET);
    this.slot[OUTCOME_OFFSET] = CODES[outcome];
    this.slot.writeUInt32LE(check(this.slot), CHECK_OFFSET);
    try {
      const position = MAGIC.length + (this.next % this.slots) * SLOT_BYTES;
      writeSync(this.fd, this.slot, 0, SLOT_BYTES, position);
      this.next += 1;
    } catch {
      this.close();
    }
  }

  /** At a clean stop: every outcome is in storage, nobody needs it any more. */
  close(): void {
    if (this.fd === undefined) return;
    try {
      closeSync(this.fd);
      unlinkSync(this.path);
    } catch {
      // Already gone.
    }
    this.fd = undefined;
  }
}

/**
 * The entries of a journal by recipient (journalKey), or undefined when there is none to trust:
 * missing, a link, not a plain file of this user's that only this user may read and write, of
 * the wrong size or kind. A damaged slot is skipped (its recipient stays held).
 */
export function readOutcomeJournal(path: string): Map<string, JournalEntry> | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    const uid = process.getuid?.();
    const slots = (stat.size - MAGIC.length) / SLOT_BYTES;
    if (
      !stat.isFile() ||
      (uid !== undefined && stat.uid !== uid) ||
      (stat.mode & 0o077) !== 0 ||
      !Number.isInteger(slots) ||
      slots < 1 ||
      slots > MAX_SLOTS
    ) {
      return undefined;
    }
    const data = Buffer.alloc(stat.size);
    if (readSync(fd, data, 0, data.length, 0) !== data.length) return undefined;
    if (!data.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
    const entries = new Map<string, JournalEntry>();
    for (let i = 0; i < slots; i += 1) {
      const slot = data.subarray(
        MAGIC.length + i * SLOT_BYTES,
        MAGIC.length + (i + 1) * SLOT_BYTES,
      );
      const code = slot[OUTCOME_OFFSET];
      if ((code !== 1 && code !== 2) || slot.readUInt32LE(CHECK_OFFSET) !== check(slot)) continue;
      const key = slot.subarray(0, HASH_BYTES).toString('hex');
      const entry: JournalEntry = {
        outcome: code === 1 ? 'delivered' : 'refused',
        at: slot.readDoubleLE(AT_OFFSET),
      };
      // A delivery is final whatever else the journal holds of the recipient.
      if (entries.get(key)?.outcome !== 'delivered') entries.set(key, entry);
    }
    return entries;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Reads a dead peer's journal once and removes it (a link is removed, never followed). */
export function takeOutcomeJournal(path: string): Map<string, JournalEntry> | undefined {
  const entries = readOutcomeJournal(path);
  try {
    unlinkSync(path);
  } catch {
    // Nothing to remove.
  }
  return entries;
}

/** Where a worker's journal lives in `dir`, the send logs' folder (send-log.ts). */
export function outcomeJournalPath(workerId: string, dir: string): string {
  return join(dir, `announce-outcomes-${workerId.replace(/[^A-Za-z0-9._-]/g, '_')}`);
}

/** Journals in `dir` (a folder only this user may enter: privateSendLogDir). */
export function dirOutcomeJournals(dir: string): OutcomeJournals {
  return {
    open: (workerId) => new OutcomeJournal(outcomeJournalPath(workerId, dir)),
    take: (workerId) => takeOutcomeJournal(outcomeJournalPath(workerId, dir)),
  };
}

/** Dead peers whose journals are kept in memory after their file was read and removed. */
const KEPT_PEERS = 32;

/**
 * One process's side: writes its own journal (only where a peer can tell it has ended), and reads
 * a peer's the first time one of its claims is taken over after the peer is known to have ended
 * (`hasEnded`: the operating system said so, worker-liveness.ts). Read once: the file is removed
 * and its entries kept here, so a later take-over of the same peer's claims in this process finds
 * them; another process finds no file and holds, as before.
 */
export class ProcessOutcomes implements OutcomeRecords {
  private readonly own?: OutcomeJournal;
  private readonly read = new Map<string, Map<string, JournalEntry> | undefined>();

  constructor(
    private readonly options: {
      workerId: string;
      journals?: OutcomeJournals;
      hasEnded: (workerId: string) => boolean;
    },
  ) {
    this.own = options.journals?.open(options.workerId);
  }

  record(announcementId: string, recipient: string, outcome: JournalOutcome, at: number): void {
    this.own?.record(announcementId, recipient, outcome, at);
  }

  ofEnded(owner: string, announcementId: string, recipient: string): JournalEntry | undefined {
    const journals = this.options.journals;
    if (!journals || !owner || owner === this.options.workerId) return undefined;
    if (!this.read.has(owner)) {
      if (!this.options.hasEnded(owner)) return undefined;
      this.read.set(owner, journals.take(owner));
      if (this.read.size > KEPT_PEERS) this.read.delete(this.read.keys().next().value!);
    }
    return this.read.get(owner)?.get(journalKey(announcementId, recipient));
  }

  close(): void {
    this.own?.close();
  }
}
