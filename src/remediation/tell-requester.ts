import type { ConversationAddress, PostedCard } from '../conversation';
import { FINAL_STATES, type RemediationRequest } from './types';

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
 * - `update-failed`: the edit was refused; the outcome then comes as a notice, never lost.
 * Nobody is told when the request has not ended, or when the requester ended it themselves
 * (they see the result on the card they clicked).
 */

export type NoticeReason = 'no-card' | 'card-elsewhere' | 'update-failed';

export type RequesterTelling =
  | { how: 'none' }
  /**
   * Edit the waiting card; `fallback` (the card's conversation) is where the short line goes
   * after the edit, or the notice when the edit fails.
   */
  | { how: 'card'; card: PostedCard; fallback: ConversationAddress }
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
    // Asked in a group chat or channel: the answer stays there, on the card, or beside it.
    return { how: 'card', card, fallback: chat ?? card.address };
  }
  if (card && chat) return { how: 'notice', to: chat, why: 'card-elsewhere', alsoCard: card };
  if (chat) return { how: 'notice', to: chat, why: 'no-card' };
  // Asked outside their own chat and no card to edit: there is nowhere they were promised one.
  return { how: 'none' };
}

function sameConversation(a: ConversationAddress, b: ConversationAddress): boolean {
  return a.conversationId === b.conversationId;
}

/** How the deliveries are made: the bot's notifier, with the cards and words it renders. */
export interface RequesterDelivery {
  updateCard(card: PostedCard): Promise<void>;
  sendNotice(to: ConversationAddress, why: NoticeReason): Promise<void>;
  /** The short plain line beside an edited card, so that Teams alerts them. */
  sendAlert(to: ConversationAddress): Promise<void>;
}

/** `card-unalerted`: the card shows the outcome, but the line that alerts them was not sent. */
export type Told = 'nobody' | 'card' | 'card-unalerted' | NoticeReason;

/** A delivery that did not go: a card edit refused (`card`), or the short line (`alert`). */
export type Missed = (what: 'card' | 'alert', error: unknown) => void;

/**
 * Tells the requester as `howToTellRequester` says. A refused edit of the waiting card is reported
 * to `missed` and the outcome goes as a notice instead; a notice that fails throws, so the
 * caller keeps the delivery to try again (the edit first again: once it works, no notice is sent).
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
        await delivery.sendNotice(telling.fallback, 'update-failed');
        return 'update-failed';
      }
      try {
        await delivery.sendAlert(telling.fallback);
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
