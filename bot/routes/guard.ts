import type { AdaptiveCard, Application, TurnState } from '@microsoft/teams-ai';
import { ActionDataError } from '../../cards/verbs';
import { errorCard, logFailure, verbOf } from '../failures';

type ExecuteHandler = Parameters<Application<TurnState>['adaptiveCards']['actionExecute']>[1];

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
        logFailure('card-action-failed', error, { verb: verbOf(context) });
        return errorCard(error) as unknown as AdaptiveCard;
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
    throw new ActionDataError(`no route for verb "${verbOf(context)}"`);
  });
}
