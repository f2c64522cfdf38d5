import { CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import { render, type CardTemplate } from '../cards';
import { errorCardData, errorTemplate } from '../cards/common/error';
import { toAppError } from '../src/errors';
import type { AdaptiveCard } from '@microsoft/teams-ai';
import { getLogger, noteFacts } from '../src/logging';

const log = getLogger('turn-error');

/** A message activity holding one Adaptive Card rendered from a template. */
export function cardActivity<T>(template: CardTemplate<T>, data: T): Partial<Activity> {
  return MessageFactory.attachment(CardFactory.adaptiveCard(render(template, data)));
}

/** The card itself, for invoke responses (Action.Execute handlers return a card). */
export function cardFor<T>(template: CardTemplate<T>, data: T): AdaptiveCard {
  return render(template, data) as unknown as AdaptiveCard;
}

/**
 * Logs a failure for operators and tells the person plainly, exactly once, at the edge. The log
 * line carries the error code and Graph request id, never card data or secrets; the chat gets
 * the error's user message, never a stack trace.
 */
export async function reportFailure(context: TurnContext, error: unknown): Promise<void> {
  const appError = toAppError(error);
  noteFacts({ outcome: 'error', errorCode: appError.code });
  log.error('turn failed', {
    code: appError.code,
    graphRequestId: appError.requestId,
    activityType: context.activity.type,
    reason: appError.message,
  });
  try {
    await context.sendActivity(cardActivity(errorTemplate, errorCardData(appError)));
  } catch (sendError) {
    log.error('could not tell the user about a failure', { err: sendError });
  }
}
