import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { ActionDataError } from '../../cards/verbs';
import { errorCardData, errorTemplate } from '../../cards/common/error';
import { toAppError } from '../../src/errors';
import { cardFor } from '../cards';
import { getLogger, noteFacts } from '../../src/logging';

const log = getLogger('card-action');

type ExecuteHandler = Parameters<Application<TurnState>['adaptiveCards']['actionExecute']>[1];

function logFailure(context: TurnContext, error: unknown): void {
  const appError = toAppError(error);
  const verb = (context.activity.value as { action?: { verb?: unknown } } | undefined)?.action
    ?.verb;
  noteFacts({ outcome: 'error', errorCode: appError.code });
  log.error('card action failed', {
    verb: String(verb),
    code: appError.code,
    graphRequestId: appError.requestId,
    reason: appError.message,
  });
}

/**
 * Every Action.Execute handler registered after this call answers a failure with an error card
 * in the invoke response (the clicker's own view), instead of an HTTP 500 that Teams shows as a
 * bare "something went wrong". This is the one place card-action failures become cards.
 */
export function guardCardActions(app: Application<TurnState>): void {
  const cards = app.adaptiveCards;
  const register = cards.actionExecute.bind(cards);
  const guarded = (verb: Parameters<typeof register>[0], handler: ExecuteHandler) =>
    register(verb, async (context, state, data) => {
      try {
        return await handler(context, state, data);
      } catch (error) {
        logFailure(context, error);
        return cardFor(errorTemplate, errorCardData(toAppError(error)));
      }
    });
  cards.actionExecute = guarded as typeof cards.actionExecute;
}

/**
 * Registered last: a button whose verb no route knows (an old card, or a forged invoke) gets a
 * clear card rather than the 501 an unanswered invoke produces.
 */
export function registerUnknownActionRoute(app: Application<TurnState>): void {
  app.adaptiveCards.actionExecute(/.*/, async (context) => {
    const verb = (context.activity.value as { action?: { verb?: unknown } } | undefined)?.action
      ?.verb;
    throw new ActionDataError(`no route for verb "${String(verb)}"`);
  });
}
