/**
 * Delivery to one recipient: the per-recipient state machine. Any worker may run it, any number
 * of times for the same recipient; a compare-and-set on the row's eTag decides every move.
 *
 *   queued ──claim──► sending ──outcome──► sent | failed | unreachable
 *     ▲                 │
 *     └── 429 / 5xx: back to queued with notBefore, carried by a new delayed queue message
 *   queued ──(announcement cancelled)──► cancelled
 *
 * Exactly once, and where it stops. The claim (status sending, this worker, a lease) is written
 * before waiting for the rate limiter; the HTTP request leaves the moment the limiter allows it;
 * the outcome is written as soon as the answer arrives. A worker that stops gracefully gives its
 * unused claims back. A worker that dies leaves `sending` rows whose lease runs out, and whoever
 * finds one cannot tell whether the request had reached Teams: Teams offers neither an
 * idempotency key nor a way to read the chat back. For a message that did go out, that knowledge
 * is lost only by a death between Teams accepting it and the outcome write (the answer's way
 * back plus one table write, about ten milliseconds). The `inDoubt` policy decides what happens
 * to such rows: `resend` (default) sends again and flags the row, since a second copy of a notice
 * costs little and a missing one defeats it; `hold` marks it failed with reason
 * `outcome-unknown` for the author to decide: never a duplicate, but claims that never reached
 * the network are held back too.
 */
import { ConflictError, isAppError } from '../errors';
import type { Clock, StoredRecord, WorkQueue } from '../ports';
import type { AnnouncementStore } from './announcement-store';
import { backoffDelay, retryAfterDelay, type Random } from './backoff';
import type { DeliveryLimiter } from './delivery-limiter';
import type { AppInstaller, OutboundMessage, ProactiveSender, SendOutcome } from './ports';
import type { ReferenceStore } from './reference-store';
import { conversationLimitKey, userLimitKey } from './tables';
import {
  TERMINAL_STATUSES,
  type AnnouncementRecord,
  type DeliveryMessage,
  type RecipientRecord,
  type RecipientStatus,
  type StoredReference,
} from './types';
import type { WorkerCounters } from './worker-counters';

export type InDoubtPolicy = 'resend' | 'hold';

export interface DeliveryPolicy {
  /** How long a claim lasts; must exceed the longest HTTP call (the sender's timeout) twice. */
  leaseMs: number;
  /** Calls to the channel per recipient, whatever their outcome. */
  maxAttempts: number;
  /** Of those, how many may end in 5xx, timeout or network error. */
  maxTransientFailures: number;
  inDoubt: InDoubtPolicy;
  /** Backoff after a 5xx or a 429 without Retry-After. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Waits up to this long are kept in the worker; longer ones go back through the queue. */
  localRetryMaxMs: number;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  leaseMs: 30_000,
  maxAttempts: 8,
  maxTransientFailures: 4,
  inDoubt: 'resend',
  backoffBaseMs: 1_000,
  backoffMaxMs: 30_000,
  localRetryMaxMs: 5_000,
};

/**
 * What to do with the queue message that carried the recipient:
 * done: the recipient is final, or a newer message carries it; the message can be deleted.
 * busy: another worker holds the claim; keep the message so the recipient is looked at again.
 * retry-later: storage failed mid-way; keep the message, it comes back after its timeout.
 * { retryInMs }: a short wait (a 429 or 5xx): run the recipient again after it, in this worker,
 * keeping the message hidden meanwhile; if the worker dies, the message brings it back.
 */
export type TaskResult = 'done' | 'busy' | 'retry-later' | { retryInMs: number };

function isRow(value: Row | TaskResult): value is Row {
  return typeof value === 'object' && 'etag' in value;
}

/** Moments of the send window, for measurement (the benchmark prints them). */
export type DeliveryEvent =
  | { kind: 'claimed'; announcementId: string; recipient: string; at: number }
  | { kind: 'sending'; announcementId: string; recipient: string; at: number }
  | { kind: 'answered'; announcementId: string; recipient: string; at: number; outcome: string }
  | { kind: 'recorded'; announcementId: string; recipient: string; at: number; status: string };

export interface RecipientDeliveryDeps {
  store: AnnouncementStore;
  references: ReferenceStore;
  queue: WorkQueue<DeliveryMessage>;
  sender: ProactiveSender;
  installer?: AppInstaller;
  limiter: DeliveryLimiter;
  counters: WorkerCounters;
  clock: Clock;
  workerId: string;
  policy: DeliveryPolicy;
  random?: Random;
  observe?: (event: DeliveryEvent) => void;
  log?: (line: string) => void;
}

type Row = StoredRecord<RecipientRecord>;

/** A target conversation, or the recipient's final state when there is none. */
type Target =
  | { kind: 'reference'; reference: StoredReference; row: Row }
  | { kind: 'settled'; result: TaskResult };

export class RecipientDelivery {
  private readonly random: Random;

  constructor(private readonly deps: RecipientDeliveryDeps) {
    this.random = deps.random ?? Math.random;
  }

  async deliver(
    announcement: AnnouncementRecord,
    message: OutboundMessage,
    key: string,
    signal?: AbortSignal,
  ): Promise<TaskResult> {
    try {
      return await this.run(announcement, message, key, signal);
    } catch (error) {
      if (isAppError(error) && error.code === 'store-unavailable') return 'retry-later';
      throw error;
    }
  }

  private async run(
    announcement: AnnouncementRecord,
    message: OutboundMessage,
    key: string,
    signal?: AbortSignal,
  ): Promise<TaskResult> {
    const id = announcement.id;
    let row = await this.deps.store.recipient(id, key);
    if (!row || TERMINAL_STATUSES.has(row.value.status)) return 'done';
    const now = this.now();

    if (row.value.status === 'sending') {
      if ((row.value.leaseUntil ?? 0) > now) return 'busy';
      const resolved = await this.resolveExpiredClaim(id, key, row);
      if (resolved.kind === 'settled') return resolved.result;
      row = resolved.row;
    }
    if (announcement.state === 'cancelling' || announcement.state === 'cancelled') {
      return this.finish(id, key, row, 'cancelled', 'announcement cancelled');
    }
    if ((row.value.notBefore ?? 0) > now + 500) {
      // An early copy of the message (a duplicate, or the sweeper): wait for the due time.
      return this.requeue(id, key, row, row.value, (row.value.notBefore ?? now) - now);
    }

    const target = await this.target(announcement, key, row, signal);
    if (target.kind === 'settled') return target.result;
    row = target.row;
    const reference = target.reference;

    // Claim first, then wait for the rate limiter, then send at once: nothing slow (no storage
    // write) sits between the limiter's slot and the request, so requests leave at the pace the
    // limiter set. Waiting while holding the claim is safe: a send that never started is resent.
    const claim = await this.claim(id, key, row, reference);
    if (!isRow(claim)) return claim;
    let claimed = claim;
    try {
      await this.deps.limiter.acquire(conversationLimitKey(reference.conversationId), signal);
    } catch (error) {
      await this.release(id, key, claimed);
      throw error;
    }
    if ((claimed.value.leaseUntil ?? 0) - this.now() < this.deps.policy.leaseMs / 2) {
      // A long pause ate into the lease: renew it so nobody takes the recipient over mid-send.
      const renewed = await this.claim(id, key, claimed, reference, false);
      if (!isRow(renewed)) return renewed;
      claimed = renewed;
    }
    this.deps.observe?.({ kind: 'sending', announcementId: id, recipient: key, at: this.now() });
    const outcome = await this.deps.sender.send(reference, message);
    this.deps.observe?.({
      kind: 'answered',
      announcementId: id,
      recipient: key,
      at: this.now(),
      outcome: outcome.kind,
    });
    return this.settle(id, key, claimed, outcome, reference);
  }

  /** queued → sending under this worker's lease (or renews it); a lost race ends the task. */
  private async claim(
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

  /** Gives a claim back unused (the worker is stopping before the send started). */
  private async release(id: string, key: string, claimed: Row): Promise<void> {
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

  /** A claim whose lease ran out without an outcome: the worker died inside the send window. */
  private async resolveExpiredClaim(
    id: string,
    key: string,
    row: Row,
  ): Promise<{ kind: 'row'; row: Row } | { kind: 'settled'; result: TaskResult }> {
    this.deps.log?.(
      `[announce] ${id}/${key}: claim by ${row.value.leaseOwner ?? '?'} expired without an outcome`,
    );
    if (this.deps.policy.inDoubt === 'hold') {
      return {
        kind: 'settled',
        result: await this.finish(id, key, row, 'failed', 'outcome-unknown'),
      };
    }
    try {
      const next = await this.deps.store.replaceRecipient(
        id,
        key,
        {
          ...row.value,
          status: 'queued',
          inDoubt: true,
          reason: 'resent after a worker stopped mid-send',
          leaseOwner: undefined,
          leaseUntil: undefined,
          updatedAt: this.iso(),
        },
        row.etag,
      );
      return { kind: 'row', row: next };
    } catch (error) {
      if (error instanceof ConflictError)
        return { kind: 'settled', result: await this.afterLostRace(id, key) };
      throw error;
    }
  }

  /** Where to send: the stored chat, or one opened now (installing the app when needed). */
  private async target(
    announcement: AnnouncementRecord,
    key: string,
    row: Row,
    signal?: AbortSignal,
  ): Promise<Target> {
    const id = announcement.id;
    const value = row.value;
    if (value.kind === 'channel') {
      const team = value.teamId ? await this.deps.references.team(value.teamId) : undefined;
      if (!team || !value.channelId) {
        return {
          kind: 'settled',
          result: await this.finish(id, key, row, 'unreachable', 'bot-not-in-team'),
        };
      }
      return {
        kind: 'reference',
        row,
        reference: { ...team, conversationId: value.channelId, conversationType: 'channel' },
      };
    }
    const objectId = value.objectId ?? '';
    const stored = value.reference ?? (await this.deps.references.user(objectId));
    if (stored) return { kind: 'reference', reference: stored, row };
    if (value.guest) {
      return {
        kind: 'settled',
        result: await this.finish(id, key, row, 'unreachable', 'guest-without-app'),
      };
    }
    if (!this.deps.installer) {
      return {
        kind: 'settled',
        result: await this.finish(id, key, row, 'unreachable', 'app-not-installed'),
      };
    }
    return this.reach(announcement, key, row, objectId, signal);
  }

  /** Installs the app for a user through Graph, then opens the 1:1 chat. */
  private async reach(
    announcement: AnnouncementRecord,
    key: string,
    row: Row,
    objectId: string,
    signal?: AbortSignal,
  ): Promise<Target> {
    const id = announcement.id;
    const tenantId = announcement.authorReference?.tenantId;
    const tenant = tenantId ? await this.deps.references.tenant(tenantId) : undefined;
    if (!tenantId || !tenant) {
      return {
        kind: 'settled',
        result: await this.finish(id, key, row, 'unreachable', 'no-service-url-for-tenant'),
      };
    }
    const installed = await this.deps.installer!.installForUser(objectId);
    if (installed.kind === 'unavailable') {
      return {
        kind: 'settled',
        result: await this.finish(id, key, row, 'unreachable', installed.reason),
      };
    }
    // Calls that did not reach the recipient still count towards the attempt limit.
    const counted = { ...row, value: { ...row.value, attempts: row.value.attempts + 1 } };
    if (installed.kind === 'retry') {
      const outcome: SendOutcome =
        installed.retryAfterMs === undefined
          ? { kind: 'transient', detail: installed.detail }
          : { kind: 'throttled', retryAfterMs: installed.retryAfterMs };
      return { kind: 'settled', result: await this.settle(id, key, counted, outcome) };
    }
    let reference: StoredReference;
    if (installed.chatId) {
      reference = {
        serviceUrl: tenant.serviceUrl,
        tenantId,
        botId: tenant.botId,
        conversationId: installed.chatId,
        conversationType: 'personal',
        userObjectId: objectId,
      };
    } else {
      await this.deps.limiter.acquire(userLimitKey(objectId), signal);
      const opened = await this.deps.sender.openPersonal({
        userObjectId: objectId,
        tenantId,
        serviceUrl: tenant.serviceUrl,
        botId: tenant.botId,
      });
      if (opened.kind !== 'opened') {
        return { kind: 'settled', result: await this.settle(id, key, counted, opened) };
      }
      reference = opened.reference;
    }
    await this.deps.references.saveUser(objectId, reference, 'graph-install');
    return { kind: 'reference', reference, row };
  }

  /** Records the outcome of a call on the row read (or claimed) just before it. */
  private async settle(
    id: string,
    key: string,
    row: Row,
    outcome: SendOutcome,
    reference?: StoredReference,
  ): Promise<TaskResult> {
    const value = row.value;
    const policy = this.deps.policy;
    const now = this.now();
    switch (outcome.kind) {
      case 'sent': {
        this.deps.limiter.governor.recordSuccess();
        return this.finish(id, key, row, 'sent', undefined, {
          activityId: outcome.activityId,
          sentAt: new Date(now).toISOString(),
        });
      }
      case 'throttled': {
        this.deps.limiter.governor.recordThrottled(now, outcome.retryAfterMs);
        const delay = retryAfterDelay(outcome.retryAfterMs, value.attempts, this.backoff());
        if (reference) {
          this.deps.limiter.blockConversation(
            conversationLimitKey(reference.conversationId),
            now + (outcome.retryAfterMs ?? delay),
          );
        }
        if (value.attempts >= policy.maxAttempts) {
          return this.finish(id, key, row, 'failed', 'throttled: gave up after retries');
        }
        return this.requeue(id, key, row, { ...value, reason: 'throttled (429)' }, delay);
      }
      case 'transient': {
        const failures = value.transientFailures + 1;
        const label = `service error${outcome.status ? ` ${outcome.status}` : ''}: ${outcome.detail}`;
        if (failures >= policy.maxTransientFailures || value.attempts >= policy.maxAttempts) {
          return this.finish(id, key, row, 'failed', label, { transientFailures: failures });
        }
        const delay = backoffDelay(failures, this.backoff());
        return this.requeue(
          id,
          key,
          row,
          { ...value, transientFailures: failures, reason: label },
          delay,
        );
      }
      case 'conversation-gone': {
        if (value.objectId) await this.deps.references.forgetUser(value.objectId);
        if (value.reason === 'conversation-not-found') {
          return this.finish(id, key, row, 'failed', 'conversation-not-found');
        }
        const fresh = { ...value, reference: undefined, reason: 'conversation-not-found' };
        return this.requeue(id, key, row, fresh, 0);
      }
      case 'permanent': {
        if (outcome.reason === 'not-installed' && value.objectId) {
          await this.deps.references.forgetUser(value.objectId);
          return this.finish(id, key, row, 'unreachable', 'app-removed');
        }
        const reason =
          outcome.reason === 'blocked'
            ? 'blocked-by-user-or-app-disabled'
            : `rejected: ${outcome.detail}`;
        return this.finish(id, key, row, 'failed', reason);
      }
    }
  }

  /** Moves the recipient to a final status (compare-and-set on the row given). */
  private async finish(
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
        // Only possible when our lease ran out and another worker took the recipient over.
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
  private async requeue(
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
  private async afterLostRace(id: string, key: string): Promise<TaskResult> {
    const now = await this.deps.store.recipient(id, key);
    return !now || TERMINAL_STATUSES.has(now.value.status) ? 'done' : 'busy';
  }

  private backoff(): { baseMs: number; maxMs: number; random: Random } {
    return {
      baseMs: this.deps.policy.backoffBaseMs,
      maxMs: this.deps.policy.backoffMaxMs,
      random: this.random,
    };
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }

  private iso(): string {
    return this.deps.clock.now().toISOString();
  }
}
