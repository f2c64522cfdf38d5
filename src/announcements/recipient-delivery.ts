/**
 * Delivery to one recipient: the per-recipient state machine. Any worker may run it, any number
 * of times for the same recipient; a compare-and-set on the row's eTag decides every move
 * (recipient-rows.ts).
 *
 *   queued ──claim──► sending ──outcome──► sent | failed | unreachable
 *     ▲                 │
 *     └── 429 / 5xx: back to queued with notBefore, carried by a new delayed queue message
 *   queued ──(announcement cancelled)──► cancelled
 *
 * Exactly once, and where it stops. The claim (status sending, this worker, a lease) is written
 * before waiting for the rate limiter; the HTTP request leaves the moment the limiter allows it;
 * the outcome is written as soon as the answer arrives. A worker that stops gracefully gives its
 * unused claims back. A worker that dies leaves `sending` rows; they are taken over when their
 * lease runs out, or sooner, as soon as the dead process's heartbeat is known to have stopped
 * (worker-liveness.ts; a process only sends while its own heartbeat is fresh). Whoever takes one
 * over cannot tell whether the request had reached Teams: Teams offers neither an idempotency key
 * nor a way to read the chat back. For a message that did go out, that knowledge is lost only by
 * a death between Teams accepting it and the outcome write (the answer's way back plus one table
 * write, about ten milliseconds). The `inDoubt` policy decides what happens to such rows:
 * `hold` (default) writes an `armed` mark between the limiter's slot and the request (one more
 * table write per send); a claim taken over with the mark is failed with reason
 * `outcome-unknown` for the author (never a duplicate), one without it never reached the channel
 * and is sent again. A claim with the mark is sent again too when its owner ended on this system
 * and its outcome journal proves no request for it left (outcome-journal.ts, the leaving mark).
 * `resend` skips that write: every claim of a dead process is sent again and flagged "may have it
 * twice" (a few real duplicates per death).
 */
import { ConflictError, isAppError } from '../errors';
import type { Clock, WorkQueue } from '../ports';
import type { AnnouncementStore } from './announcement-store';
import type { Random } from './backoff';
import { sleep, type DeliveryLimiter } from './delivery-limiter';
import type { DeliveryEvent, DeliveryPolicy, StageTimes, TaskResult } from './delivery-policy';
import type { AppInstaller, OutboundMessage, ProactiveSender } from './ports';
import type { ReferenceStore } from './reference-store';
import { isRow, RecipientRows, type Row } from './recipient-rows';
import { RecipientTargets } from './recipient-target';
import { OutcomeHandling } from './outcome-handling';
import type { OutcomeRecords } from './outcome-journal';
import { conversationLimitKey } from './tables';
import {
  TERMINAL_STATUSES,
  type AnnouncementRecord,
  type DeliveryMessage,
  type RecipientRecord,
  type StoredReference,
} from './types';
import type { WorkerCounters } from './worker-counters';
import { NO_LIVENESS, type Liveness } from './worker-liveness';

export {
  DEFAULT_DELIVERY_POLICY,
  type DeliveryEvent,
  type DeliveryPolicy,
  type InDoubtPolicy,
  type TaskResult,
} from './delivery-policy';

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
  /** Which processes are gone, and whether this one may send (default: single process). */
  liveness?: Liveness;
  /** Answers journalled before their outcome write; dead peers' read (outcome-journal.ts). */
  journal?: OutcomeRecords;
  random?: Random;
  observe?: (event: DeliveryEvent) => void;
  log?: (line: string) => void;
}

/** Steps of the wait for this process's own heartbeat before a send. */
const LIVENESS_WAIT_MS = 250;

export class RecipientDelivery {
  private readonly random: Random;
  private readonly rows: RecipientRows;
  private readonly targets: RecipientTargets;
  private readonly liveness: Liveness;
  private readonly outcomes: OutcomeHandling;

  constructor(private readonly deps: RecipientDeliveryDeps) {
    this.random = deps.random ?? Math.random;
    this.rows = new RecipientRows(deps);
    this.outcomes = new OutcomeHandling({ ...deps, rows: this.rows, random: this.random });
    this.targets = new RecipientTargets(deps);
    this.liveness = deps.liveness ?? NO_LIVENESS;
  }

  /**
   * Claims the recipients of one delivery message in one transaction, from the rows the message
   * carries (written by the expansion). Returns the claimed rows by key; none when any row moved
   * since (the recipients then go one by one), the announcement is being cancelled, or the
   * in-doubt policy is `hold`.
   */
  async claimAll(
    announcement: AnnouncementRecord,
    keys: readonly string[],
    rows: readonly { etag: string; value: RecipientRecord }[],
  ): Promise<Map<string, Row>> {
    const claimed = new Map<string, Row>();
    if (announcement.state !== 'sending' && announcement.state !== 'queued') return claimed;
    if (!this.deps.store.batches || rows.length !== keys.length) return claimed;
    // Under `resend` a process that dies leaves every claim it holds in doubt, sent or not (a
    // "may have it twice" flag each); under `hold` only the armed ones (transmit).
    if (rows.some((r) => r.value.status !== 'queued') || !this.liveness.mayAct()) return claimed;
    try {
      const written = await this.rows.claimAll(announcement.id, keys, rows);
      written.forEach((row) => claimed.set(row.key.row, row));
    } catch (error) {
      if (!(error instanceof ConflictError) && !isAppError(error)) throw error;
    }
    return claimed;
  }

  /** Gives back a claim made by claimAll that was never used (the worker is stopping). */
  async unclaim(announcementId: string, claimed: Row): Promise<void> {
    await this.rows.release(announcementId, claimed.key.row, claimed);
  }

  /**
   * Runs one recipient: from its row as stored, or from the row `claimed` by claimAll, in which
   * case reading and claiming are already done.
   */
  async deliver(
    announcement: AnnouncementRecord,
    message: OutboundMessage,
    key: string,
    signal?: AbortSignal,
    claimed?: Row,
  ): Promise<TaskResult> {
    try {
      return await this.run(announcement, message, key, signal, claimed);
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
    preclaimed?: Row,
  ): Promise<TaskResult> {
    const id = announcement.id;
    const times: StageTimes = { read: 0, claim: 0, limiter: 0, send: 0, record: 0 };
    let mark = this.now();
    const lap = (stage: keyof StageTimes): void => {
      const at = this.now();
      times[stage] += at - mark;
      mark = at;
    };
    const report = (result: TaskResult): TaskResult => {
      lap('record');
      this.deps.observe?.({ kind: 'stages', announcementId: id, recipient: key, times });
      return result;
    };

    if (preclaimed) {
      return report(await this.sendClaimed(announcement, message, preclaimed, lap, signal));
    }
    let row = await this.rows.read(id, key);
    lap('read');
    if (!row || TERMINAL_STATUSES.has(row.value.status)) return 'done';
    const now = this.now();

    if (row.value.status === 'sending') {
      const owner = row.value.leaseOwner ?? '';
      if ((row.value.leaseUntil ?? 0) > now && !this.liveness.isGone(owner)) return 'busy';
      const reopened = await this.rows.reopen(id, key, row);
      if (!isRow(reopened)) return reopened;
      row = reopened;
    }
    if (announcement.state === 'cancelling' || announcement.state === 'cancelled') {
      return this.rows.finish(id, key, row, 'cancelled', 'announcement cancelled');
    }
    if ((row.value.notBefore ?? 0) > now + 500) {
      // An early copy of the message (a duplicate, or the sweeper): wait for the due time.
      return this.rows.requeue(id, key, row, row.value, (row.value.notBefore ?? now) - now);
    }

    const target = await this.targets.find(announcement, row.value, signal);
    if (target.kind === 'unreachable') {
      return this.rows.finish(id, key, row, 'unreachable', target.reason);
    }
    if (target.kind === 'outcome') {
      // Calls that did not reach the recipient still count towards the attempt limit.
      const counted = { ...row, value: { ...row.value, attempts: row.value.attempts + 1 } };
      return this.outcomes.settle(id, key, counted, target.outcome);
    }
    const reference = target.reference;
    mark = this.now();

    // Claim first, then wait for the rate limiter, then send at once: nothing slow (no storage
    // write) sits between the limiter's slot and the request, so requests leave at the pace the
    // limiter set. Waiting while holding the claim is safe: a send that never started is resent.
    const claim = await this.rows.claim(id, key, row, reference);
    lap('claim');
    if (!isRow(claim)) return claim;
    return report(await this.transmit(id, key, claim, reference, message, lap, signal));
  }

  /** A recipient claimed by claimAll: the checks `run` makes before its own claim, then send. */
  private async sendClaimed(
    announcement: AnnouncementRecord,
    message: OutboundMessage,
    claimed: Row,
    lap: (stage: keyof StageTimes) => void,
    signal?: AbortSignal,
  ): Promise<TaskResult> {
    const id = announcement.id;
    const key = claimed.key.row;
    if (announcement.state === 'cancelling' || announcement.state === 'cancelled') {
      return this.rows.finish(id, key, claimed, 'cancelled', 'announcement cancelled');
    }
    const target = await this.targets.find(announcement, claimed.value, signal);
    lap('read');
    if (target.kind === 'unreachable') {
      return this.rows.finish(id, key, claimed, 'unreachable', target.reason);
    }
    // The claim counted the attempt already.
    if (target.kind === 'outcome') return this.outcomes.settle(id, key, claimed, target.outcome);
    return this.transmit(id, key, claimed, target.reference, message, lap, signal);
  }

  /** Holding the claim: waits for the limiter, sends, records the outcome. */
  private async transmit(
    id: string,
    key: string,
    claim: Row,
    reference: StoredReference,
    message: OutboundMessage,
    lap: (stage: keyof StageTimes) => void,
    signal?: AbortSignal,
  ): Promise<TaskResult> {
    let claimed = claim;
    let waited = 0;
    for (;;) {
      try {
        await this.deps.limiter.acquire(conversationLimitKey(reference.conversationId), signal);
        await this.deps.limiter.room(signal);
        if (this.liveness.mayAct()) break;
        // Our heartbeat is late: others may soon take our claims over, so send nothing now.
        // A slow store delays a beat or two; wait for it (with a new slot after) rather than
        // give the recipient back, whose message would then stay hidden for its whole timeout.
        if (waited >= this.deps.policy.leaseMs / 4) {
          await this.rows.release(id, key, claimed);
          return 'retry-later';
        }
        await sleep(LIVENESS_WAIT_MS, signal);
        waited += LIVENESS_WAIT_MS;
      } catch (error) {
        await this.rows.release(id, key, claimed);
        throw error;
      }
    }
    lap('limiter');
    if (this.deps.policy.inDoubt === 'hold') {
      // One write between the slot and the request, so a death can only leave in doubt what
      // may really have gone out; it renews the lease as well.
      // The arm is journalled first (its time goes on the row): a successor that finds it there
      // with no `leaving` entry after it knows no request for the recipient left.
      const armedAt = this.deps.journal?.arm?.(id, key, this.now());
      const armed = await this.rows.arm(id, key, claimed, armedAt);
      lap('claim');
      if (!isRow(armed)) return armed;
      claimed = armed;
    } else if (
      waited > 0 ||
      (claimed.value.leaseUntil ?? 0) - this.now() < this.deps.policy.leaseMs / 2
    ) {
      // A long pause ate into the lease: renew it so nobody takes the recipient over mid-send.
      // After waiting for our heartbeat, the compare-and-set also proves nobody took it over.
      const renewed = await this.rows.claim(id, key, claimed, reference, false);
      lap('claim');
      if (!isRow(renewed)) return renewed;
      claimed = renewed;
    }
    // Under `hold`: the send is known to the journal from here to its answer, and no request
    // for it leaves before its `leaving` entry is written (process-outcomes.ts).
    let departed: (() => void) | undefined;
    if (this.deps.policy.inDoubt === 'hold' && this.deps.journal?.departing) {
      try {
        departed = this.deps.journal.departing(id, key, reference.conversationId);
      } catch {
        // Neither the entry nor the mark that the journal is incomplete could be written.
        await this.rows.release(id, key, claimed);
        return 'retry-later';
      }
    }
    this.deps.observe?.({ kind: 'sending', announcementId: id, recipient: key, at: this.now() });
    let outcome;
    try {
      outcome = await this.deps.sender.send(reference, message);
    } finally {
      departed?.();
    }
    lap('send');
    this.deps.observe?.({
      kind: 'answered',
      announcementId: id,
      recipient: key,
      at: this.now(),
      outcome: outcome.kind,
    });
    return this.outcomes.settle(id, key, claimed, outcome, reference);
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }
}
