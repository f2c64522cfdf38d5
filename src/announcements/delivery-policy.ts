/**
 * The knobs and the vocabulary of delivering to one recipient: how long a claim lasts, how often
 * to retry, what to do after a worker died mid-send, what a task tells the queue consumer, and
 * the moments a benchmark can observe.
 */

import type { JournalEntry } from './outcome-journal';
import type { RecipientRecord } from './types';

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
  // Never send twice: a death leaves the few sends in flight "outcome unknown" for the author.
  inDoubt: 'hold',
  // A first retry after a 5xx half a second later: one failed call rarely means a sick service,
  // and the doubling takes over when it does.
  backoffBaseMs: 500,
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

/** Time spent in each stage of one attempt, in milliseconds (the benchmark sums them). */
export interface StageTimes {
  /** Reading the recipient row. */
  read: number;
  /** Writing the claim (and renewing it, when a long wait ate into the lease). */
  claim: number;
  /** Waiting for the rate limiter. */
  limiter: number;
  /** The call to the channel. */
  send: number;
  /** Writing the outcome (final status, or back to queued for a retry). */
  record: number;
}

/** Moments of the send window, for measurement (the benchmark prints them). */
export type DeliveryEvent =
  | { kind: 'claimed'; announcementId: string; recipient: string; at: number }
  | { kind: 'sending'; announcementId: string; recipient: string; at: number }
  | { kind: 'answered'; announcementId: string; recipient: string; at: number; outcome: string }
  | { kind: 'recorded'; announcementId: string; recipient: string; at: number; status: string }
  | { kind: 'stages'; announcementId: string; recipient: string; times: StageTimes }
  | {
      kind: 'taken-over';
      announcementId: string;
      recipient: string;
      from: string;
      at: number;
      /** The supervisor's scan (in a transaction) or a worker finding the claim on the row. */
      via: 'scan' | 'row';
      /** What the dead owner's journal said of it (outcome-journal.ts), when it said anything. */
      journal?: JournalEntry['outcome'];
    };

/**
 * What a claim whose owner stopped without an outcome becomes: under `hold` an armed claim may
 * have reached the channel and is failed as `outcome-unknown` (final, never sent twice); any
 * other claim never did and is queued again. Under `resend` every one is queued again, flagged
 * "may have it twice". `journaled`: what the owner's journal says (outcome-journal.ts; only for
 * an owner known to have ended on this system): the channel's 2xx makes it sent, under either
 * policy; a refusal, which sent nothing, queues it again unflagged (its next call is refused
 * again and records why). `neverLeft`: that journal proves no request for an armed claim left
 * (process-outcomes.ts neverLeft), so it is queued again unflagged rather than held.
 */
export function reopenedValue(
  value: RecipientRecord,
  inDoubt: InDoubtPolicy,
  at: string,
  journaled?: JournalEntry,
  neverLeft = false,
): RecipientRecord {
  const hold = inDoubt === 'hold';
  const released = {
    armed: undefined,
    armedAt: undefined,
    leaseOwner: undefined,
    leaseUntil: undefined,
    updatedAt: at,
  };
  if (journaled?.outcome === 'delivered') {
    return {
      ...value,
      ...released,
      status: 'sent',
      reason: undefined,
      notBefore: undefined,
      sentAt: new Date(journaled.at).toISOString(),
    };
  }
  if (journaled?.outcome === 'refused') {
    return {
      ...value,
      ...released,
      status: 'queued',
      reason: 'claim given up by a worker that stopped after the channel refused its send',
    };
  }
  if (hold && value.armed === true && neverLeft) {
    return {
      ...value,
      ...released,
      status: 'queued',
      reason: 'claim given up by a worker that stopped before its request left',
    };
  }
  if (hold && value.armed === true) {
    return {
      ...value,
      status: 'failed',
      reason: 'outcome-unknown',
      leaseOwner: undefined,
      leaseUntil: undefined,
      notBefore: undefined,
      updatedAt: at,
    };
  }
  return {
    ...value,
    status: 'queued',
    ...(hold
      ? { reason: 'claim given up by a worker that stopped before sending' }
      : { inDoubt: true, reason: 'resent after a worker stopped mid-send' }),
    ...released,
  };
}
