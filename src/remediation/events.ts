import type { PostedCard, RemediationRequest } from './types';

/**
 * How remediation tells the rest of the house what happened. The domain decides and records;
 * bot/remediation turns each event into cards and messages. Delivery failures never undo a
 * change: the domain logs them and carries on (the sweeper retries an approval card that could
 * not be posted).
 */

/** Why a request changed, as the people involved need to hear it. */
export type ChangeCause =
  /** Rejected by an approver or cancelled by the requester. */
  | 'decided'
  /** The fix ran (succeeded or failed), approved or run directly. */
  | 'executed'
  /** Nobody decided in time. */
  | 'expired'
  /** The sweeper closed a run an instance stopped in the middle of. */
  | 'closed'
  /** A time-boxed exclusion was taken back. */
  | 'exclusion-ended'
  /** The channel card's held edit (see RemediationRequest.channelEditDueAt) is now due. */
  | 'channel-edit-due'
  /** The closed-loop check settled: the person signed in, was blocked again, or did not try. */
  | 'verified';

/**
 * The deliveries one change may need: the helpdesk channel's card, and the requester's one place
 * to hear the end (their waiting card, or a notice when that card cannot tell them; see
 * tell-requester.ts). Each is retried on its own, so one that worked is never sent twice because
 * the other failed.
 */
export const NOTICE_PARTS = ['channel', 'requester'] as const;
export type NoticePart = (typeof NOTICE_PARTS)[number];

/**
 * Parts as a journal item names them, in today's names: items kept before the requester's card
 * and chat message became one part said `requester-card` and `requester-chat`.
 */
export function currentParts(parts: readonly string[]): NoticePart[] {
  const named = parts.map((part) => (part.startsWith('requester') ? 'requester' : part));
  return NOTICE_PARTS.filter((part) => named.includes(part));
}

export interface RequestChange {
  cause: ChangeCause;
  request: RemediationRequest;
  /** Failed tries of these deliveries so far (the outbox's count); none on the first. */
  earlierTries?: number;
}

/**
 * The parts that did not go; `retryAfterMs` when Teams refused one for now and said how long to
 * wait (the outbox waits at least that long before the next try).
 */
export type FailedParts = NoticePart[] & { retryAfterMs?: number };

export interface RemediationEvents {
  /**
   * A request waits for approval: show it to the approvers. Returns where the card went, so
   * later changes edit it; undefined when no approval channel is set up. Throws when the channel
   * could not be reached.
   */
  created(request: RemediationRequest): Promise<PostedCard | undefined>;
  /**
   * A request changed; show it to whoever should see it. `only` limits the deliveries to those
   * parts (a retry); the answer lists the parts that failed (none, or void, when all went).
   */
  changed(change: RequestChange, only?: readonly NoticePart[]): Promise<FailedParts | void>;
}
