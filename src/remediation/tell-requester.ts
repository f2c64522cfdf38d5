import type { ConversationAddress, PostedCard } from '../conversation';
import { FINAL_STATES, type RemediationRequest } from './types';

/**
 * How the person who asked for a fix hears how it ended: in one place. The card they got when
 * asking ("waiting for approval", with Cancel) is brought up to date with the outcome, and no
 * other message is sent. A separate notice goes out only when that card cannot tell them:
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
  /** Edit the waiting card; `fallback` is where the notice goes when the edit fails. */
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

/** How the deliveries are made: the bot's notifier, with the cards it renders. */
export interface RequesterDelivery {
  updateCard(card: PostedCard): Promise<void>;
  sendNotice(to: ConversationAddress, why: NoticeReason): Promise<void>;
}

export type Told = 'nobody' | 'card' | NoticeReason;

/**
 * Tells the requester as `howToTellRequester` says. A refused edit of the waiting card is reported
 * to `refused` and the outcome goes as a notice instead; a notice that fails throws, so the
 * caller keeps the delivery to try again (the edit first again: once it works, no notice is sent).
 * Answers how they were told.
 */
export async function tellRequester(
  request: RemediationRequest,
  delivery: RequesterDelivery,
  refused: (error: unknown) => void,
): Promise<Told> {
  const telling = howToTellRequester(request);
  switch (telling.how) {
    case 'none':
      return 'nobody';
    case 'card':
      try {
        await delivery.updateCard(telling.card);
        return 'card';
      } catch (error) {
        refused(error);
      }
      await delivery.sendNotice(telling.fallback, 'update-failed');
      return 'update-failed';
    case 'notice':
      if (telling.alsoCard) await delivery.updateCard(telling.alsoCard).catch(refused);
      await delivery.sendNotice(telling.to, telling.why);
      return telling.why;
  }
}
