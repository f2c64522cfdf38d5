import type { ConversationAddress, PostedCard } from '../conversation';
import { FINAL_STATES, type Person, type RemediationRequest } from './types';

/**
 * How the person who asked for a fix hears how it ended: in one place. The card they got when
 * asking ("waiting for approval", with Cancel) is brought up to date with the outcome. Teams
 * alerts nobody when a message is edited, so one short line follows in the same conversation,
 * pointing to the card: which request, and that it ended (done, rejected, ...), with no reason,
 * pass or other detail of the card. A full notice goes out instead only when that card cannot
 * tell them (the notice is a new message, so it alerts them itself, and no line follows):
 * - `no-card`: no card was recorded for the request (the send returned no id);
 * - `card-elsewhere`: the card is in another conversation than their chat with the bot (the card
 *   is still brought up to date there, so it offers no Cancel any more);
 * - `update-failed`: the edit was refused for good (the message is gone, the bot may not write
 *   there), or for now too many times (see `EDIT_TRIES`); the outcome then comes as a notice.
 * An edit refused for now (Teams busy: 429, 503) is tried again later by the outbox instead, so
 * the card does not keep a Cancel that only answers "already decided" while a notice says it.
 * In a group chat or channel the line @mentions the requester: Teams alerts only those it
 * mentions there, and the others see whom it is for. Nobody is told when the request has not ended, or when the requester ended it themselves
 * (they see the result on the card they clicked).
 */

export type NoticeReason = 'no-card' | 'card-elsewhere' | 'update-failed';

export type RequesterTelling =
  | { how: 'none' }
  /**
   * Edit the waiting card; `fallback` (the card's conversation) is where the short line goes
   * after the edit, or the notice when the edit fails; `mention`: whom the line @mentions (a
   * group chat or channel only).
   */
  | { how: 'card'; card: PostedCard; fallback: ConversationAddress; mention?: Person }
  /** Send a notice to `to`; `alsoCard` is a card elsewhere to bring up to date as well. */
  | { how: 'notice'; to: ConversationAddress; why: NoticeReason; alsoCard?: PostedCard };

/** Where and how the requester is told of this request's end. Pure: decides, sends nothing. */
export function howToTellRequester(request: RemediationRequest): RequesterTelling {
  const decidedBySelf = request.decision?.by.id === request.requester.id;
  if (!FINAL_STATES.has(request.state) || decidedBySelf) return { how: 'none' };
  const chat =
    request.requesterChat?.conversationType === 'personal' ? request.requesterChat : undefined;
  const card = request.requesterCard;
  if (card && (!chat || sameConversation(card.address, chat))) {
    // Asked in a group chat or channel: the answer stays there, on the card, or beside it, and
    // the line names the requester so Teams alerts them (and only them).
    const fallback = chat ?? card.address;
    if (isShared(fallback)) return { how: 'card', card, fallback, mention: request.requester };
    return { how: 'card', card, fallback };
  }
  if (card && chat) return { how: 'notice', to: chat, why: 'card-elsewhere', alsoCard: card };
  if (chat) return { how: 'notice', to: chat, why: 'no-card' };
  // Asked outside their own chat and no card to edit: there is nowhere they were promised one.
  return { how: 'none' };
}

function sameConversation(a: ConversationAddress, b: ConversationAddress): boolean {
  return a.conversationId === b.conversationId;
}

/** A conversation others read too (a chat without a type is a personal one). */
function isShared(address: ConversationAddress): boolean {
  return address.conversationType === 'groupChat' || address.conversationType === 'channel';
}

/**
 * A delivery Teams refused for now (busy: 429, 503), worth trying again; `retryAfterMs` is how
 * long it asked to wait, when it said. The bot's notifier side tells these from refusals for
 * good; anything else thrown counts as for good.
 */
export class RefusedForNow extends Error {
  constructor(
    readonly reason: unknown,
    readonly retryAfterMs?: number,
  ) {
    super(reason instanceof Error ? reason.message : String(reason));
    this.name = 'RefusedForNow';
  }
}

/**
 * Tries of the card edit while Teams refuses it for now, before the outcome goes as a notice:
 * with the outbox's pauses (1, 2, 4, 8, 16 s, or longer when Teams says so) about half a minute
 * or more of waiting, long enough for a busy moment, short enough that nobody waits for news.
 */
export const EDIT_TRIES = 6;

/** How the deliveries are made: the bot's notifier, with the cards and words it renders. */
export interface RequesterDelivery {
  /** Throws RefusedForNow when Teams refused the edit for now. */
  updateCard(card: PostedCard): Promise<void>;
  sendNotice(to: ConversationAddress, why: NoticeReason): Promise<void>;
  /** The short plain line beside an edited card, so that Teams alerts them (@mentioning `mention`). */
  sendAlert(to: ConversationAddress, mention?: Person): Promise<void>;
}

/** `card-unalerted`: the card shows the outcome, but the line that alerts them was not sent. */
export type Told = 'nobody' | 'card' | 'card-unalerted' | NoticeReason;

/** A delivery that did not go: a card edit refused (`card`), or the short line (`alert`). */
export type Missed = (what: 'card' | 'alert', error: unknown) => void;

/**
 * Tells the requester as `howToTellRequester` says. A refused edit of the waiting card is reported
 * to `missed`; refused for now, and `earlierTries` (this delivery's failed tries so far) leaves
 * room for another within EDIT_TRIES, the RefusedForNow is thrown, so the outbox tries the edit
 * again after its pause; refused for good, or too often, the outcome goes as a notice instead.
 * A notice that fails throws, so the caller keeps the delivery to try again (the edit first
 * again: once it works, no notice is sent). Exactly once either way: the card, or the notice.
 *
 * The short line after an edit is tried once and never makes the delivery fail. The outbox
 * delivers the outcome exactly once: once the card shows it, the requester's part is done and is
 * not tried again. The line only alerts: a failed send may still have reached Teams (an answer
 * lost on the way back), so trying again could alert twice, and a chat that refuses it now may
 * refuse it for good, and the outbox retries without end. So it goes at most once per delivery:
 * a line that failed is reported to `missed` (logged) and dropped, and the outcome waits on the
 * card. (The one way it goes twice: the process stops after sending it and before the outbox
 * forgets the item; the retry then edits the card again, unchanged, and sends the line again.)
 * Answers how they were told.
 */
export async function tellRequester(
  request: RemediationRequest,
  delivery: RequesterDelivery,
  missed: Missed,
  earlierTries = 0,
): Promise<Told> {
  const telling = howToTellRequester(request);
  switch (telling.how) {
    case 'none':
      return 'nobody';
    case 'card':
      try {
        await delivery.updateCard(telling.card);
      } catch (error) {
        missed('card', error);
        if (error instanceof RefusedForNow && earlierTries + 1 < EDIT_TRIES) throw error;
        await delivery.sendNotice(telling.fallback, 'update-failed');
        return 'update-failed';
      }
      try {
        await delivery.sendAlert(telling.fallback, telling.mention);
        return 'card';
      } catch (error) {
        missed('alert', error);
        return 'card-unalerted';
      }
    case 'notice':
      if (telling.alsoCard) {
        await delivery.updateCard(telling.alsoCard).catch((error) => missed('card', error));
      }
      await delivery.sendNotice(telling.to, telling.why);
      return telling.why;
  }
}
