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
 * The rest of the window, from the arm to the request, is closed the other way round: the arm is
 * journalled (`armed`, at the time also stored on the row as `armedAt`), and a `leaving` entry is
 * written as the very last step before each request that could carry the recipient's message
 * (process-outcomes.ts). An armed claim of an ended peer whose journal is complete and still holds
 * that arm, with no `leaving` entry and no answer for the recipient, never reached the channel:
 * it is queued again, unflagged (neverLeft). The ring is written in order, so while the arm's
 * own slot survives nothing written after it has been written over. A write that
 * fails poisons the journal (a mark in its header, and the file removed): no absence in it is
 * trusted any more, and every armed claim is held.
 *
 * What a slot holds: the first 16 bytes of a SHA-256 of the announcement id and the row key (the
 * row key is `u.<Entra object id>`: the file never holds it in clear, nor any text or token), a
 * time, the kind of entry, and a check over those. The header holds a hash of the writer's worker
 * id and system (boot id and pid namespace) and the poison mark. A fixed ring of 4,096 slots
 * (128 KiB), written in turn, three a send: at 50 sends a second it comes round in 27 s, far
 * longer than an arm waits for its request (milliseconds to a few hundred); when it has come
 * round past an arm anyway, that claim is held.
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
import { closeAndRemove, takeOnce, workerFilePath } from './send-log';

export type JournalOutcome = 'delivered' | 'refused';

export interface JournalEntry {
  outcome: JournalOutcome;
  /** When the answer came, on the writer's clock (milliseconds since the epoch). */
  at: number;
}

/**
 * Everything a journal says, as its reader found it. `complete`: the writer never failed to
 * write an entry (no poison mark) and every slot is intact or never written, so an entry the
 * writer wrote is in it unless the ring came round over it (see neverLeft).
 */
export interface JournalRead {
  answers: Map<string, JournalEntry>;
  /** Recipients (journalKey) a request was about to leave for. */
  leaving: Set<string>;
  /** `${journalKey}@${armedAt}` of each arm still in the ring. */
  arms: Set<string>;
  complete: boolean;
}

/** Where each process keeps its journal and reads a dead peer's (local-processes.ts). */
export interface OutcomeJournals {
  open(workerId: string): OutcomeJournal;
  /** Reads, once, the journal of a peer that has ended (removing it); undefined when unreadable. */
  take(workerId: string): JournalRead | undefined;
}

/** What delivery needs: write this process's answers, read those of a peer known to have ended. */
export interface OutcomeRecords {
  record(announcementId: string, recipient: string, outcome: JournalOutcome, at: number): void;
  /** What `owner` wrote of this recipient, when `owner` is known to have ended on this system. */
  ofEnded(owner: string, announcementId: string, recipient: string): JournalEntry | undefined;
  /**
   * Journals an arm (the `hold` policy) before the row's armed mark is written; returns the
   * arm's time to store on the row (`armedAt`), never the same twice in this process.
   */
  arm?(announcementId: string, recipient: string, now: number): number;
  /**
   * The send to this recipient (in `conversationId`) is about to start; the returned function
   * ends it. Its `leaving` entry is written before any request that could carry it leaves:
   * here at once, or by the transport's hook (`leaving`) when the journal was told so.
   */
  departing?(announcementId: string, recipient: string, conversationId: string): () => void;
  /**
   * True only when `owner` is known to have ended, its journal is complete and still holds this
   * arm (`armedAt`), and holds neither a `leaving` entry nor an answer for the recipient: no
   * request for it ever left, so it may be sent again without "may have it twice".
   */
  neverLeft?(owner: string, announcementId: string, recipient: string, armedAt?: number): boolean;
}

const MAGIC = Buffer.from('HDOUTJ02', 'ascii');
const SLOT_BYTES = 32;
const HASH_BYTES = 16;
/** The header: MAGIC, the writer's identity (a hash of its worker id and system), a poison byte. */
export const JOURNAL_HEADER_BYTES = 32;
const IDENTITY_OFFSET = 8;
const POISON_OFFSET = 24;
const AT_OFFSET = 16;
const KIND_OFFSET = 24;
const CHECK_OFFSET = 28;
export const OUTCOME_JOURNAL_SLOTS = 4096;
/** A reader takes no journal longer than this (a file of another making). */
const MAX_SLOTS = 65_536;
type EntryKind = JournalOutcome | 'armed' | 'leaving';
const CODES: Record<EntryKind, number> = { delivered: 1, refused: 2, armed: 3, leaving: 4 };

/** The recipient as the journal holds it: not reversible without knowing the row key. */
export function journalKey(announcementId: string, recipient: string): string {
  return createHash('sha256')
    .update(`${announcementId}\n${recipient}`)
    .digest()
    .subarray(0, HASH_BYTES)
    .toString('hex');
}

/** Who wrote a journal: its worker id and where it ran (boot id and pid namespace). */
function identityHash(identity: string): Buffer {
  return createHash('sha256').update(`journal\n${identity}`).digest().subarray(0, HASH_BYTES);
}

export function journalIdentity(workerId: string, host = ''): string {
  return `${workerId}\n${host}`;
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

/**
 * One process's journal, written by it alone. A failed write never stops the sender, but it
 * leaves the journal marked incomplete (poisoned, or removed), so no reader trusts an absence
 * in it; `failed` is true when even that could not be done (then no request may leave).
 */
export class OutcomeJournal {
  private fd: number | undefined;
  private next = 0;
  private readonly slot = Buffer.alloc(SLOT_BYTES);
  private poisoned = false;
  failed = false;

  constructor(
    private readonly path: string,
    private readonly slots = OUTCOME_JOURNAL_SLOTS,
    identity = '',
  ) {
    try {
      // Never through a link someone else left at this name; only this user may read it.
      const { O_WRONLY, O_CREAT, O_TRUNC, O_NOFOLLOW } = constants;
      this.fd = openSync(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o600);
      const header = Buffer.alloc(JOURNAL_HEADER_BYTES);
      MAGIC.copy(header, 0);
      identityHash(identity).copy(header, IDENTITY_OFFSET);
      writeSync(this.fd, Buffer.concat([header, Buffer.alloc(SLOT_BYTES * slots)]));
    } catch {
      // Nothing of ours at the path when the open failed; a file cut short is poisoned.
      if (this.fd === undefined) this.poisoned = true;
      else this.poison();
    }
  }

  get open(): boolean {
    return this.fd !== undefined;
  }

  record(announcementId: string, recipient: string, outcome: JournalOutcome, at: number): void {
    this.write(outcome, announcementId, recipient, at);
  }

  /**
   * Writes one entry; true once the write returned. On failure the journal is poisoned (see
   * poison) and false returned; without a journal (closed, poisoned) false as well.
   */
  write(kind: EntryKind, announcementId: string, recipient: string, at: number): boolean {
    if (this.fd === undefined) return false;
    this.slot.fill(0);
    Buffer.from(journalKey(announcementId, recipient), 'hex').copy(this.slot, 0);
    this.slot.writeDoubleLE(at, AT_OFFSET);
    this.slot[KIND_OFFSET] = CODES[kind];
    this.slot.writeUInt32LE(check(this.slot), CHECK_OFFSET);
    try {
      const position = JOURNAL_HEADER_BYTES + (this.next % this.slots) * SLOT_BYTES;
      if (writeSync(this.fd, this.slot, 0, SLOT_BYTES, position) !== SLOT_BYTES) {
        throw new Error('short write');
      }
      this.next += 1;
      return true;
    } catch {
      this.poison();
      return false;
    }
  }

  /**
   * Marks the journal as one nobody may trust an absence in: a poison byte in its header, and
   * the file removed (a reader then finds none, and holds every armed claim). `failed` when
   * neither could be done.
   */
  poison(): void {
    if (this.poisoned) return;
    let marked = false;
    if (this.fd !== undefined) {
      try {
        marked = writeSync(this.fd, Buffer.from([1]), 0, 1, POISON_OFFSET) === 1;
      } catch {
        marked = false;
      }
      try {
        closeSync(this.fd);
      } catch {
        // Closed already.
      }
      this.fd = undefined;
    }
    try {
      unlinkSync(this.path);
      marked = true;
    } catch (error) {
      // Nothing there is as good as removed.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') marked = true;
    }
    this.poisoned = true;
    this.failed = !marked;
  }

  /** At a clean stop: every outcome is in storage, nobody needs it any more. */
  close(): void {
    if (this.fd !== undefined) closeAndRemove(this.fd, this.path);
    this.fd = undefined;
  }
}

/**
 * A journal's entries, or undefined when there is none to trust: missing, a link, not a plain
 * file of this user's that only this user may read and write, of the wrong size or kind, or
 * (`identity` given) written by another worker or on another system. A damaged slot is skipped
 * (its recipient stays held) and makes the read incomplete.
 */
export function readJournal(path: string, identity?: string): JournalRead | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    const uid = process.getuid?.();
    const slots = (stat.size - JOURNAL_HEADER_BYTES) / SLOT_BYTES;
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
    if (
      identity !== undefined &&
      !data.subarray(IDENTITY_OFFSET, IDENTITY_OFFSET + HASH_BYTES).equals(identityHash(identity))
    ) {
      return undefined;
    }
    const read: JournalRead = {
      answers: new Map(),
      leaving: new Set(),
      arms: new Set(),
      complete: data[POISON_OFFSET] === 0,
    };
    for (let i = 0; i < slots; i += 1) {
      const slot = data.subarray(
        JOURNAL_HEADER_BYTES + i * SLOT_BYTES,
        JOURNAL_HEADER_BYTES + (i + 1) * SLOT_BYTES,
      );
      const code = slot[KIND_OFFSET];
      if (code === 0 && slot.every((b) => b === 0)) continue;
      if (code < 1 || code > 4 || slot.readUInt32LE(CHECK_OFFSET) !== check(slot)) {
        read.complete = false;
        continue;
      }
      const key = slot.subarray(0, HASH_BYTES).toString('hex');
      const at = slot.readDoubleLE(AT_OFFSET);
      if (code === 3) {
        read.arms.add(`${key}@${at}`);
      } else if (code === 4) {
        read.leaving.add(key);
      } else if (read.answers.get(key)?.outcome !== 'delivered') {
        // A delivery is final whatever else the journal holds of the recipient.
        read.answers.set(key, { outcome: code === 1 ? 'delivered' : 'refused', at });
      }
    }
    return read;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Reads a dead peer's journal once and removes it (a link is removed, never followed). */
export function takeJournal(path: string, identity?: string): JournalRead | undefined {
  return takeOnce(path, (at) => readJournal(at, identity));
}

/** Where a worker's journal lives in `dir`, the send logs' folder (send-log.ts). */
export function outcomeJournalPath(workerId: string, dir: string): string {
  return workerFilePath('announce-outcomes', workerId, dir);
}

/**
 * Journals in `dir` (a folder only this user may enter: privateSendLogDir), each stamped with its
 * writer's worker id and `host` (boot id and pid namespace): a reader takes only one written by
 * the worker it asks for, on its own system.
 */
export function dirOutcomeJournals(dir: string, host?: string): OutcomeJournals {
  return {
    open: (workerId) =>
      new OutcomeJournal(
        outcomeJournalPath(workerId, dir),
        OUTCOME_JOURNAL_SLOTS,
        journalIdentity(workerId, host),
      ),
    take: (workerId) =>
      takeJournal(outcomeJournalPath(workerId, dir), journalIdentity(workerId, host)),
  };
}
