import type { Activity, TurnContext } from 'botbuilder';
import { errorCardData, errorTemplate } from '../cards/common/error';
import { render, type AdaptiveCardJson } from '../cards/render';
import { toAppError } from '../src/errors';
import { cardActivity } from './cards';
import { noteFacts } from '../src/logging';
import { writeLog } from './log';

/**
 * The one place where a failure becomes a card and a log line. The log line carries the error
 * code and Graph request id, never card data or secrets; the person gets the error's user
 * message, never a stack trace.
 */

/** The card that tells a person what went wrong and what to do. */
export function errorCard(error: unknown): AdaptiveCardJson {
  return render(errorTemplate, errorCardData(toAppError(error)));
}

/** The same card as a message, for a failure outside an invoke. */
export function errorMessage(error: unknown): Partial<Activity> {
  return cardActivity(errorTemplate, errorCardData(toAppError(error)));
}

export function logFailure(
  event: string,
  error: unknown,
  fields: Record<string, string | undefined> = {},
): void {
  const appError = toAppError(error);
  noteFacts({ outcome: 'error', errorCode: appError.code });
  writeLog({
    level: 'error',
    event,
    ...fields,
    code: appError.code,
    graphRequestId: appError.requestId,
    message: appError.message,
  });
}

/** The verb of an Action.Execute invoke, for the log. */
export function verbOf(context: TurnContext): string {
  const value = context.activity.value as { action?: { verb?: unknown } } | undefined;
  return String(value?.action?.verb);
}

/** A turn failed: log it and tell the person plainly, exactly once, at the edge. */
export async function reportFailure(context: TurnContext, error: unknown): Promise<void> {
  logFailure('turn-failed', error, { activity: context.activity.type });
  try {
    await context.sendActivity(errorMessage(error));
  } catch (sendError) {
    logFailure('turn-failed-untold', sendError);
  }
}
