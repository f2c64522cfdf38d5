import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import {
  answeredNotice,
  askedNotice,
  handoffCardData,
  handoffNoticeTemplate,
  handoffTemplate,
  openListData,
  openListTemplate,
  SECRET_HIDDEN,
} from '../../cards/handoff';
import { render } from '../../cards/render';
import { LEADS } from '../../cards/triage/unsure';
import { ActionDataError, parseActionData } from '../../cards/verbs';
import { AppError } from '../../src/errors';
import type { ActCommand, ActResult, HandoffService } from '../../src/handoff';
import type { Handoff } from '../../src/handoff/types';
import type { Person } from '../../src/remediation/types';
import { cardActivity } from '../cards';
import { addressOf } from '../conversation-reference';
import { errorCard } from '../failures';
import { answerWithCard, answerWithLine } from '../invoke-response';
import type { HandoffDelivery } from './delivery';

/** The command, and the same asked in other words. */
const OPEN_REQUESTS =
  /^\s*(?:open|pending|waiting|unanswered) (?:requests|tickets|help requests)\??\s*$/i;

/** "Ask the helpdesk"'s built parts, made once by the composition root. */
export interface HandoffBot {
  service: HandoffService;
  delivery: HandoffDelivery;
}

/**
 * Who clicked: the Entra object id; a person in a chat that does not say it (no Entra identity)
 * is known by their Teams id, which is enough to send their own card to the helpdesk.
 */
function personOf(context: TurnContext, allowTeamsId: boolean): Person {
  const from = context.activity.from;
  const id = from?.aadObjectId || (allowTeamsId ? from?.id : undefined);
  if (!id) {
    throw new AppError('not-authorized', 'activity without a user id', {
      userMessage: 'The bot could not tell who you are from this chat, so nothing was done.',
    });
  }
  return from.name ? { id, name: from.name } : { id };
}

const NOT_FOUND = new AppError('store-not-found', 'request for help not found', {
  userMessage: 'This request for help does not exist (any more). Nothing was changed.',
});

/**
 * Registers the routes of "Ask the helpdesk" after guardCardActions. Each click is parsed by
 * cards/verbs and handed to the domain; whether the clicker may act is decided there, against the
 * stored request and the directory, at click time.
 */
export function registerHandoffRoutes(app: Application<TurnState>, parts: HandoffBot): void {
  const { service, delivery } = parts;

  // From a triage or diagnosis card in the person's chat. The card stays as it was; the
  // confirmation comes as a new card with the reference.
  app.adaptiveCards.actionExecute('helpdesk.ask', async (context, _state, data) => {
    const parsed = parseActionData('helpdesk.ask', data);
    const chat = addressOf(context.activity);
    if (chat?.conversationType !== 'personal') {
      // Replies go where the request came from: only a 1:1 chat keeps them to the person.
      await answerWithLine(
        context,
        'Ask the helpdesk from your own chat with the bot, so that their answer reaches only you.',
      );
      return '';
    }
    const result = await service.ask({
      draftId: parsed.triageId,
      actor: personOf(context, true),
      note: parsed.note,
      ...(parsed.notIt === undefined
        ? {}
        : { notIt: { reading: parsed.notIt, words: LEADS[parsed.notIt] } }),
      askerChat: chat,
    });
    if (result.status === 'changed') {
      // Only the reading the card showed can be turned down: answered as any changed button is.
      throw new ActionDataError('notIt: not the reading the card showed');
    }
    if (result.status === 'unknown') {
      await answerWithLine(
        context,
        'This card cannot be sent: only the person who got it can send it, and only one of their latest cards. Paste the error again and ask from the new card.',
      );
      return '';
    }
    const created = result.status === 'created';
    const posted = created ? await delivery.postNew(result.handoff) : true;
    const notice = askedNotice(result.handoff, !created);
    if (!posted) {
      notice.text +=
        ' The helpdesk channel could not be reached just now; the helpdesk sees your request in their list of open requests.';
    }
    if (result.status === 'created' && result.secretHidden) notice.text += ` ${SECRET_HIDDEN}`;
    await context.sendActivity(cardActivity(handoffNoticeTemplate, notice));
    await answerWithLine(context, `${notice.title} (${result.handoff.reference}).`);
    return '';
  });

  const answerAct = async (context: TurnContext, result: ActResult): Promise<void> => {
    if (result.status === 'unknown') {
      await answerWithCard(context, errorCard(NOT_FOUND));
      return;
    }
    const data = handoffCardData(result.handoff);
    if (result.status !== 'done') data.notice = result.message;
    else if (result.secretHidden) data.notice = SECRET_HIDDEN;
    await answerWithCard(context, render(handoffTemplate, data));
  };

  /**
   * A helpdesk member's click on the channel card (take, reply, hand back, close): the domain
   * decides, the channel card is edited for everyone, the person is told, and the clicker gets
   * the card as it now stands (with why nothing changed, when nothing did).
   */
  const agentAct = (
    verb: 'handoff.take' | 'handoff.reply' | 'handoff.release' | 'handoff.close',
    command: (raw: unknown, actor: Person) => ActCommand,
    tell: (handoff: Handoff) => Promise<boolean>,
    untold?: (handoff: Handoff) => string,
  ): void => {
    app.adaptiveCards.actionExecute(verb, async (context, _state, raw) => {
      const result = await service.act(command(raw, personOf(context, false)));
      if (result.status === 'done') {
        await delivery.updateChannel(result.handoff);
        if (!(await tell(result.handoff)) && untold) {
          const card = handoffCardData(result.handoff);
          card.notice = untold(result.handoff);
          if (result.secretHidden) card.notice += ` ${SECRET_HIDDEN}`;
          await answerWithCard(context, render(handoffTemplate, card));
          return '';
        }
      }
      await answerAct(context, result);
      return '';
    });
  };

  agentAct(
    'handoff.take',
    (raw, actor) => ({
      act: 'take',
      actor,
      handoffId: parseActionData('handoff.take', raw).handoffId,
    }),
    (h) => delivery.tellTaken(h),
  );
  agentAct(
    'handoff.reply',
    (raw, actor) => {
      const { handoffId, reply } = parseActionData('handoff.reply', raw);
      return { act: 'reply', actor, handoffId, text: reply };
    },
    (h) => delivery.tellReply(h),
    (h) =>
      `Your reply is kept here, but the bot could not reach ${h.asker.name ?? 'the person'}'s chat. Try again later or contact them directly.`,
  );
  agentAct(
    'handoff.close',
    (raw, actor) => {
      const { handoffId, resolution } = parseActionData('handoff.close', raw);
      return { act: 'close', actor, handoffId, resolution };
    },
    (h) => delivery.tellClosed(h),
  );
  agentAct(
    'handoff.release',
    (raw, actor) => ({
      act: 'release',
      actor,
      handoffId: parseActionData('handoff.release', raw).handoffId,
    }),
    (h) => delivery.tellReleased(h),
  );

  // The asker writes back from a notice in their own chat; the channel card shows it to all.
  app.adaptiveCards.actionExecute('handoff.answer', async (context, _state, raw) => {
    const { handoffId, answer } = parseActionData('handoff.answer', raw);
    const result = await service.act({
      act: 'answer',
      actor: personOf(context, true),
      handoffId,
      text: answer,
    });
    if (result.status === 'unknown') {
      await answerWithCard(context, errorCard(NOT_FOUND));
      return '';
    }
    if (result.status !== 'done') {
      await answerWithLine(context, result.message);
      return '';
    }
    await delivery.updateChannel(result.handoff);
    // The card answered from keeps the helpdesk's words; the answer comes as a new card.
    const notice = answeredNotice(result.handoff);
    if (result.secretHidden) notice.text += ` ${SECRET_HIDDEN}`;
    await context.sendActivity(cardActivity(handoffNoticeTemplate, notice));
    const hidden = result.secretHidden ? ` ${SECRET_HIDDEN}` : '';
    await answerWithLine(context, `Your answer was sent (${result.handoff.reference}).${hidden}`);
    return '';
  });

  app.message(OPEN_REQUESTS, async (context) => {
    const listed = await service.openRequests(personOf(context, false));
    if (listed.status === 'denied') {
      await context.sendActivity('Open requests for help are for the helpdesk team only.');
      return;
    }
    await context.sendActivity(
      cardActivity(openListTemplate, openListData(listed.handoffs, service.now())),
    );
  });
}
