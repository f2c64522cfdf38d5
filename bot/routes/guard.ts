import type { AdaptiveCard, Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { ActionDataError } from '../../cards/verbs';
import type { AuditLog } from '../../src/audit/audit-log';
import { safeLogValue } from '../edge/log-value';
import { errorCard, logFailure, verbOf } from '../failures';

type ExecuteHandler = Parameters<Application<TurnState>['adaptiveCards']['actionExecute']>[1];

/**
 * Every Action.Execute handler registered after this call answers a failure with an error card
 * in the invoke response (the clicker's own view), instead of an HTTP 500 that Teams shows as a
 * bare "something went wrong". This is the one place card-action failures become cards.
 */
export function guardCardActions(app: Application<TurnState>, audit?: AuditLog): void {
  const cards = app.adaptiveCards;
  const register = cards.actionExecute.bind(cards);
  const guarded = (verb: Parameters<typeof register>[0], handler: ExecuteHandler) =>
    register(verb, async (context, state, data) => {
      try {
        return await handler(context, state, data);
      } catch (error) {
        logFailure('card-action-failed', error, { verb: safeLogValue(verbOf(context), 80) });
        if (error instanceof ActionDataError && audit) await auditRefused(audit, context, error);
        return errorCard(error) as unknown as AdaptiveCard;
      }
    });
  cards.actionExecute = guarded as typeof cards.actionExecute;
}

/**
 * A button whose verb or data is not one the bot made (forged, tampered, out of range) is
 * recorded: who clicked, the verb and what was wrong, escaped and cut short. The data itself is
 * never copied into the audit, whatever it holds.
 */
async function auditRefused(
  audit: AuditLog,
  context: TurnContext,
  error: ActionDataError,
): Promise<void> {
  const from = context.activity.from;
  await audit
    .append({
      event: 'refused',
      actorId: from?.aadObjectId ?? `unknown:${safeLogValue(from?.id ?? '', 60)}`,
      actorName: from?.name === undefined ? undefined : safeLogValue(from.name, 80),
      summary: `Refused a card action: ${safeLogValue(error.message, 240)}`,
      errorCode: error.code,
    })
    .catch((auditError: unknown) => logFailure('card-action-refusal-not-audited', auditError));
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
