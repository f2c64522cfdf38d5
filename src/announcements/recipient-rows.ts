/**
 * Every move of a recipient row, each a compare-and-set on the eTag read (or written) just
 * before it, so two workers (or a worker and the author cancelling) never both move one
 * recipient. A lost race is answered from the row as it now is: final means done, anything else
 * means someone else is on it.
 */
import { ConflictError } from '../errors';
import type { Clock, StoredRecord, WorkQueue } from '../ports';
import type { AnnouncementStore } from './announcement-store';
import {
  reopenedValue,
  type DeliveryEvent,
  type DeliveryPolicy,
  type TaskResult,
} from './delivery-policy';
import type { OutcomeRecords } from './outcome-journal';
import {
  TERMINAL_STATUSES,
  type DeliveryMessage,
  type RecipientRecord,
  type RecipientStatus,
  type StoredReference,
} from './types';
import type { WorkerCounters } from './worker-counters';

export type Row = StoredRecord<RecipientRecord>;

export function isRow(value: Row | TaskResult): value is Row {
  return typeof value === 'object' && 'etag' in value;
}

export interface RecipientRowsDeps {
  store: AnnouncementStore;
  queue: WorkQueue<DeliveryMessage>;
  counters: WorkerCounters;
  clock: Clock;
  workerId: string;
  policy: DeliveryPolicy;
  /** The channel's answers journalled by this process and by peers that ended here. */
  journal?: OutcomeRecords;
  observe?: (event: DeliveryEvent) => void;
  log?: (line: string) => void;
}

export class RecipientRows {
  constructor(private readonly deps: RecipientRowsDeps) {}

  async read(id: string, key: string): Promise<Row | undefined> {
    return this.deps.store.recipient(id, key);
  }

  /** queued → sending under this worker's lease (or renews it); a lost race ends the task. */
  async claim(
    id: string,
    key: string,
    row: Row,
    reference: StoredReference,
    countAttempt = true,
  ): Promise<Row | TaskResult> {
    const at = this.now();
    try {
      const claimed = await this.deps.store.replaceRecipient(
        id,
        key,
        {
          ...row.value,
          status: 'sending',
          attempts: row.value.attempts + (countAttempt ? 1 : 0),
          leaseOwner: this.deps.workerId,
          leaseUntil: at + this.deps.policy.leaseMs,
          armed: countAttempt ? undefined : row.value.armed,
          armedAt: countAttempt ? undefined : row.value.armedAt,
          reference,
          updatedAt: new Date(at).toISOString(),
        },
        row.etag,
      );
      this.deps.observe?.({ kind: 'claimed', announcementId: id, recipient: key, at });
      return claimed;
    } catch (error) {
      if (error instanceof ConflictError) return this.afterLostRace(id, key);
      throw error;
    }
  }

  /** queued → sending for every row of a delivery message, in one transaction. */
  async claimAll(
    id: string,
    keys: readonly string[],
    rows: readonly { etag: string; value: RecipientRecord }[],
  ): Promise<Row[]> {
    const at = this.now();
    const written = await this.deps.store.replaceRecipients(
      id,
      rows.map(({ etag, value }, i) => ({
        key: keys[i],
        etag,
        row: {
          ...value,
          status: 'sending' as const,
          attempts: value.attempts + 1,
          leaseOwner: this.deps.workerId,
          leaseUntil: at + this.deps.policy.leaseMs,
          armed: undefined,
          armedAt: undefined,
          updatedAt: new Date(at).toISOString(),
        },
      })),
    );
    for (const key of keys) {
      this.deps.observe?.({ kind: 'claimed', announcementId: id, recipient: key, at });
    }
    return written;
  }

  /**
   * Marks the claim as about to reach the channel (the `hold` policy), renewing its lease: from
   * here on a death leaves the outcome unknown. A lost race ends the task.
   */
  async arm(id: string, key: string, claimed: Row, armedAt?: number): Promise<Row | TaskResult> {
    const at = this.now();
    try {
      return await this.deps.store.replaceRecipient(
        id,
        key,
        {
          ...claimed.value,
          armed: true,
          armedAt,
          leaseUntil: at + this.deps.policy.leaseMs,
          updatedAt: new Date(at).toISOString(),
        },
        claimed.etag,
      );
    } catch (error) {
      if (error instanceof ConflictError) return this.afterLostRace(id, key);
      throw error;
    }
  }

  /** Gives a claim back unused (the worker is stopping, or may not act, before the send). */
  async release(id: string, key: string, claimed: Row): Promise<void> {
    await this.deps.store
      .replaceRecipient(
        id,
        key,
        {
          ...claimed.value,
          status: 'queued',
          attempts: Math.max(0, claimed.value.attempts - 1),
          leaseOwner: undefined,
          leaseUntil: undefined,
          updatedAt: this.iso(),
        },
        claimed.etag,
      )
      .catch(() => undefined);
  }

  /**
   * A claim whose owner stopped without an outcome (its lease ran out, or its process is known
   * to be gone): the in-doubt policy decides between sending again and holding it for the author.
   * Under `hold` only an armed claim may have reached the channel; any other is sent again. An
   * owner the operating system says has ended may have journalled the channel's answer before
   * it died (outcome-journal.ts): that answer settles it.
   */
  async reopen(id: string, key: string, row: Row): Promise<Row | TaskResult> {
    const owner = row.value.leaseOwner ?? '';
    const journaled = this.deps.journal?.ofEnded(owner, id, key);
    // Used only for an armed claim without a journalled answer (reopenedValue).
    const neverLeft = this.deps.journal?.neverLeft?.(owner, id, key, row.value.armedAt) ?? false;
    this.deps.log?.(
      `[announce] ${id}/${key}: claim by ${owner || '?'} ended without an outcome${journaled ? ` (its journal: ${journaled.outcome})` : neverLeft ? ' (its journal: armed, no request left)' : ''}`,
    );
    this.deps.observe?.({
      kind: 'taken-over',
      announcementId: id,
      recipient: key,
      from: owner,
      at: this.now(),
      via: 'row',
      ...(journaled ? { journal: journaled.outcome } : {}),
    });
    const { inDoubt } = this.deps.policy;
    const reopened = reopenedValue(row.value, inDoubt, this.iso(), journaled, neverLeft);
    if (reopened.status !== 'queued') {
      return this.finish(id, key, row, reopened.status, reopened.reason, reopened);
    }
    try {
      return await this.deps.store.replaceRecipient(id, key, reopened, row.etag);
    } catch (error) {
      if (error instanceof ConflictError) return this.afterLostRace(id, key);
      throw error;
    }
  }

  /** Moves the recipient to a final status (compare-and-set on the row given). */
  async finish(
    id: string,
    key: string,
    row: Row,
    status: RecipientStatus,
    reason?: string,
    extra: Partial<RecipientRecord> = {},
  ): Promise<TaskResult> {
    try {
      await this.deps.store.replaceRecipient(
        id,
        key,
        {
          ...row.value,
          ...extra,
          status,
          reason: reason ?? (status === 'sent' ? undefined : row.value.reason),
          leaseOwner: undefined,
          leaseUntil: undefined,
          notBefore: undefined,
          updatedAt: this.iso(),
        },
        row.etag,
      );
    } catch (error) {
      if (error instanceof ConflictError) {
        // Only possible when our claim was taken over and another worker moved the recipient.
        this.deps.log?.(`[announce] ${id}/${key}: lost the row before recording ${status}`);
        return this.afterLostRace(id, key);
      }
      throw error;
    }
    this.deps.observe?.({
      kind: 'recorded',
      announcementId: id,
      recipient: key,
      at: this.now(),
      status,
    });
    this.deps.counters.add(id, status, status === 'sent' && row.value.inDoubt === true);
    return 'done';
  }

  /**
   * Back to queued with a due time. A short wait stays in this worker; a long one gets a new
   * delayed message (if that cannot be sent, the message being processed is kept and brings the
   * recipient back).
   */
  async requeue(
    id: string,
    key: string,
    row: Row,
    value: RecipientRecord,
    delayMs: number,
  ): Promise<TaskResult> {
    const due = this.now() + Math.max(0, delayMs);
    try {
      await this.deps.store.replaceRecipient(
        id,
        key,
        {
          ...value,
          status: 'queued',
          armed: undefined,
          armedAt: undefined,
          notBefore: delayMs > 0 ? due : undefined,
          leaseOwner: undefined,
          leaseUntil: undefined,
          updatedAt: this.iso(),
        },
        row.etag,
      );
    } catch (error) {
      if (error instanceof ConflictError) return this.afterLostRace(id, key);
      throw error;
    }
    if (delayMs <= this.deps.policy.localRetryMaxMs) return { retryInMs: Math.max(0, delayMs) };
    try {
      await this.deps.queue.send(
        { v: 1, kind: 'deliver', announcementId: id, recipients: [key] },
        { visibilityDelaySeconds: Math.ceil(Math.max(0, delayMs) / 1000) },
      );
    } catch {
      return 'retry-later';
    }
    return 'done';
  }

  /** Someone else moved the row: final means done, otherwise keep the message to look again. */
  async afterLostRace(id: string, key: string): Promise<TaskResult> {
    const now = await this.deps.store.recipient(id, key);
    return !now || TERMINAL_STATUSES.has(now.value.status) ? 'done' : 'busy';
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }

  private iso(): string {
    return this.deps.clock.now().toISOString();
  }
}
