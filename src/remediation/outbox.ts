import type { AuditInput, AuditLog } from '../audit/audit-log';
import { ConflictError } from '../errors';
import type { Journal } from '../ports';
import type { ChangeCause, FailedParts, NoticePart, RemediationEvents } from './events';
import { NOTICE_PARTS, currentParts } from './events';
import type { RequestStore } from './request-store';
import { transition } from './state-machine';
import type { Outcome, RemediationRequest } from './types';

/**
 * Work that must happen after a decision but must not hold up the click that caused it: storing
 * a fix's outcome, its audit entry, and telling the channel and the requester. Each piece is
 * written to the journal (a local file store, so it survives storage being down and the process
 * stopping) before it is tried; what fails stays there and is tried again with growing pauses
 * until it is done. Nothing in an item is a secret: outcomes and audit entries are plain words.
 */

/** The end of a run, to be stored on a request that is still `executing`. */
export type PendingFinish = {
  type: 'succeed' | 'fail';
  at: string;
  outcome: Outcome;
  also?: Partial<RemediationRequest>;
};

export type OutboxItem = {
  /** requestId~cause~version: one item per change. */
  id: string;
  requestId: string;
  finish?: PendingFinish;
  /** Audit entries still to be written, in order. */
  audit: AuditInput[];
  tell?: { cause: ChangeCause; parts: NoticePart[] };
  attempts: number;
  /** Not tried again before this time (ISO). */
  nextAt: string;
};

/** Where items wait. keep() returns once the item would survive the process stopping. */
export type OutboxJournal = Journal<OutboxItem>;

/** Kept in memory only: for domain tests, and when no journal folder is configured. */
export class MemoryJournal implements OutboxJournal {
  private readonly items = new Map<string, OutboxItem>();

  async keep(item: OutboxItem): Promise<void> {
    this.items.set(item.id, structuredClone(item));
  }

  async remove(id: string): Promise<void> {
    this.items.delete(id);
  }

  async list(): Promise<OutboxItem[]> {
    return [...this.items.values()].map((item) => structuredClone(item));
  }
}

const FIRST_PAUSE_MS = 1_000;
const LONGEST_PAUSE_MS = 60_000;
/** A Retry-After longer than this is taken as this (a wrong header must not stall an outcome). */
const LONGEST_ASKED_PAUSE_MS = 5 * 60_000;

/** Some notices of an item did not go; the item waits for its next try. */
class NotDelivered extends Error {
  readonly retryAfterMs?: number;
  constructor(failed: FailedParts) {
    super(`not delivered: ${failed.join(', ')}`);
    this.retryAfterMs = failed.retryAfterMs;
  }
}

export function newItem(
  request: RemediationRequest,
  cause: ChangeCause,
  parts: Omit<OutboxItem, 'id' | 'requestId' | 'attempts' | 'nextAt' | 'audit'> & {
    audit?: AuditInput[];
  },
  now: Date,
): OutboxItem {
  const id = `${request.id}~${cause}~${request.version}`;
  return {
    id,
    requestId: request.id,
    ...parts,
    // Each entry keyed and timed once, so a retry after a lost answer writes it only once.
    audit: (parts.audit ?? []).map((entry, index) => ({
      ...entry,
      at: entry.at ?? now.toISOString(),
      once: `${id}~${index}`,
    })),
    attempts: 0,
    nextAt: now.toISOString(),
  };
}

/** Every notice part, for a change whose people have not been told anything yet. */
export function allNotices(cause: ChangeCause): OutboxItem['tell'] {
  return { cause, parts: [...NOTICE_PARTS] };
}

/** What the outbox works with: the remediation steps (steps.ts), as far as the outbox sees them. */
export interface OutboxHost {
  readonly outbox: OutboxJournal;
  readonly deps: { audit: Pick<AuditLog, 'append'>; events: Pick<RemediationEvents, 'changed'> };
  readonly requests: Pick<RequestStore, 'get' | 'replace'>;
  /** Items this instance is working right now. */
  readonly working: ReadonlySet<string>;
  now(): Date;
  warn(event: string, error: unknown, requestId?: string): void;
  workNow(item: OutboxItem): Promise<boolean>;
}

/**
 * Works one item as far as it goes: the outcome, then each audit entry, then the notices. After
 * each step the journal is brought up to date, so a retry never repeats a finished step (an
 * audit entry written just before the process stops may be written twice; never lost). Returns
 * true when the item is done.
 */
export async function workItem(
  steps: OutboxHost,
  item: OutboxItem,
  /** Called once the outcome and the audit entries are stored, before the notices. */
  stored?: () => void,
): Promise<boolean> {
  const journal = steps.outbox;
  try {
    if (item.finish) {
      await storeFinish(steps, item.requestId, item.finish);
      delete item.finish;
      await journal.keep(item);
    }
    while (item.audit.length > 0) {
      await steps.deps.audit.append(item.audit[0]);
      item.audit.shift();
      await journal.keep(item);
    }
    stored?.();
    if (item.tell) {
      const stored = await steps.requests.get(item.requestId);
      if (stored) {
        const failed = await steps.deps.events.changed(
          { cause: item.tell.cause, request: stored.request, earlierTries: item.attempts },
          currentParts(item.tell.parts),
        );
        if (failed && failed.length > 0) {
          item.tell.parts = [...failed];
          throw new NotDelivered(failed);
        }
      }
      delete item.tell;
    }
    await journal.remove(item.id);
    return true;
  } catch (error) {
    item.attempts += 1;
    const backoff = Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS * 2 ** (item.attempts - 1));
    // Teams said how long to wait: not sooner than that (and never more than the longest asked).
    const asked = error instanceof NotDelivered ? (error.retryAfterMs ?? 0) : 0;
    const pause = Math.max(backoff, Math.min(asked, LONGEST_ASKED_PAUSE_MS));
    item.nextAt = new Date(steps.now().getTime() + pause).toISOString();
    steps.warn('remediation.outbox-retry-later', error, item.requestId);
    await journal.keep(item).catch((keepError: unknown) => {
      steps.warn('remediation.outbox-not-kept', keepError, item.requestId);
    });
    return false;
  }
}

/**
 * Stores the end of a run. Only a request still `executing` is changed; one that is already
 * final was closed by another path (a reconciliation that read the tenant), and the truth from
 * the run is then in the audit entry that follows.
 */
async function storeFinish(
  steps: OutboxHost,
  requestId: string,
  finish: PendingFinish,
): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const stored = await steps.requests.get(requestId);
    if (!stored || stored.request.state !== 'executing') return;
    const event = { type: finish.type, at: new Date(finish.at), outcome: finish.outcome };
    try {
      await steps.requests.replace(
        { ...transition(stored.request, event), ...finish.also },
        stored.etag,
      );
      return;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  throw new ConflictError(`request ${requestId} kept changing while its outcome was stored`);
}

/** Works every item that is due; safe to call often (items in progress are skipped). */
export async function workDue(steps: OutboxHost): Promise<{ done: number; waiting: number }> {
  let done = 0;
  let waiting = 0;
  const now = steps.now().getTime();
  for (const item of await steps.outbox.list()) {
    if (steps.working.has(item.id)) continue;
    if (Date.parse(item.nextAt) > now || !(await steps.workNow(item))) waiting += 1;
    else done += 1;
  }
  return { done, waiting };
}
