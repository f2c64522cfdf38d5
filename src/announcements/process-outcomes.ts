/**
 * One process's side of the outcome journals (outcome-journal.ts): its own journal written, and
 * a dead peer's read; the `leaving` mark of each request as it leaves.
 */
import {
  journalKey,
  type JournalEntry,
  type JournalOutcome,
  type JournalRead,
  type OutcomeJournal,
  type OutcomeJournals,
  type OutcomeRecords,
} from './outcome-journal';

/** Dead peers whose journals are kept in memory after their file was read and removed. */
const KEPT_PEERS = 32;

/**
 * The conversation a connector request is addressed to (`/v3/conversations/{id}/...`); undefined
 * when it names none, or none that can be read (it may then be any).
 */
export function requestConversation(url: string): string | undefined {
  const match = /\/v3\/conversations\/([^/?#]+)/.exec(url);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}

/**
 * One process's side: writes its own journal (only where a peer can tell it has ended), and reads
 * a peer's the first time one of its claims is taken over after the peer is known to have ended
 * (`hasEnded`: the operating system said so, worker-liveness.ts). Read once: the file is removed
 * and its entries kept here, so a later take-over of the same peer's claims in this process finds
 * them; another process finds no file and holds, as before.
 *
 * The `leaving` mark. Every send under way is known here (departing) with its conversation, from
 * before its first request until its answer. With `leavingAtTransport` the connector transport
 * calls `leaving` after its sliding-second check, as the last step before each request is written
 * (bot/announcements/connector-transport.ts): every send under way in the conversation the
 * request is addressed to gets a `leaving` entry, or every send under way when the request names
 * no conversation; a GET delivers nothing. Without it (a sender that is not our transport) the
 * entry is written by `departing`, before the send starts. Either way no request that could carry
 * a recipient's message leaves before that recipient's entry is written, or the journal is marked
 * incomplete; when even that fails, `leaving` throws and the request does not leave.
 */
export class ProcessOutcomes implements OutcomeRecords {
  private readonly own?: OutcomeJournal;
  private readonly read = new Map<string, JournalRead | undefined>();
  private readonly sending = new Map<
    number,
    { id: string; recipient: string; conversationId: string }
  >();
  private nextSend = 0;
  private lastArm = 0;

  constructor(
    private readonly options: {
      workerId: string;
      journals?: OutcomeJournals;
      hasEnded: (workerId: string) => boolean;
      /** The connector transport calls `leaving` before each request (see above). */
      leavingAtTransport?: boolean;
    },
  ) {
    this.own = options.journals?.open(options.workerId);
  }

  record(announcementId: string, recipient: string, outcome: JournalOutcome, at: number): void {
    this.own?.record(announcementId, recipient, outcome, at);
  }

  arm(announcementId: string, recipient: string, now: number): number {
    const at = Math.max(Math.floor(now), this.lastArm + 1);
    this.lastArm = at;
    this.own?.write('armed', announcementId, recipient, at);
    return at;
  }

  departing(announcementId: string, recipient: string, conversationId: string): () => void {
    const token = this.nextSend;
    this.nextSend += 1;
    if (!this.options.leavingAtTransport) this.mark(announcementId, recipient);
    this.sending.set(token, { id: announcementId, recipient, conversationId });
    return () => this.sending.delete(token);
  }

  /** The transport's hook: a request (`method`, `url`) is about to be written. */
  leaving(method: string, url: string): void {
    if (this.sending.size === 0 || method.toUpperCase() === 'GET') return;
    const conversation = requestConversation(url);
    for (const send of this.sending.values()) {
      if (conversation === undefined || conversation === send.conversationId) {
        this.mark(send.id, send.recipient);
      }
    }
  }

  ofEnded(owner: string, announcementId: string, recipient: string): JournalEntry | undefined {
    return this.peer(owner)?.answers.get(journalKey(announcementId, recipient));
  }

  neverLeft(owner: string, announcementId: string, recipient: string, armedAt?: number): boolean {
    if (armedAt === undefined) return false;
    const read = this.peer(owner);
    if (!read?.complete) return false;
    const key = journalKey(announcementId, recipient);
    // The arm still in the ring: nothing written after it has been written over.
    return read.arms.has(`${key}@${armedAt}`) && !read.leaving.has(key) && !read.answers.has(key);
  }

  close(): void {
    this.own?.close();
  }

  private mark(announcementId: string, recipient: string): void {
    if (!this.own || this.own.write('leaving', announcementId, recipient, 0)) return;
    // Not written: the journal is poisoned (a reader holds everything), unless even that failed.
    if (this.own.failed) {
      throw new Error('the outcome journal could not be written nor marked incomplete');
    }
  }

  private peer(owner: string): JournalRead | undefined {
    const journals = this.options.journals;
    if (!journals || !owner || owner === this.options.workerId) return undefined;
    if (!this.read.has(owner)) {
      if (!this.options.hasEnded(owner)) return undefined;
      this.read.set(owner, journals.take(owner));
      if (this.read.size > KEPT_PEERS) this.read.delete(this.read.keys().next().value!);
    }
    return this.read.get(owner);
  }
}
