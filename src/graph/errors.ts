import { GraphError } from '@microsoft/microsoft-graph-client';
import { AppError } from '../errors';
import { retryAfterMs } from '../retry-after';

export interface GraphCallContext {
  /** What the bot was doing, for the operator-facing message ("reading the sign-in log"). */
  operation: string;
  /** The least-privileged permission that would have allowed the call; named on a 403. */
  permission?: string;
}

function retryAfterSeconds(error: GraphError): number | undefined {
  const ms = retryAfterMs(error.headers?.get('Retry-After'));
  return ms === undefined ? undefined : Math.ceil(ms / 1000);
}

/**
 * Maps anything the Graph client throws to an AppError whose text is fit for chat: a 403 names
 * the missing permission, a 404 says what was not found, throttling says when to try again.
 */
export function toGraphAppError(error: unknown, context: GraphCallContext): AppError {
  if (error instanceof AppError) return error;
  const requestId =
    error instanceof GraphError
      ? (error.requestId ?? error.headers?.get('request-id') ?? undefined)
      : undefined;
  const status = error instanceof GraphError ? error.statusCode : undefined;
  const base = { requestId, status, cause: error };
  const message = `Graph call failed while ${context.operation}: ${
    error instanceof Error ? error.message : String(error)
  }`;
  if (status === 401 || status === 403) {
    const permission = context.permission;
    return new AppError('graph-forbidden', message, {
      ...base,
      missingPermission: permission,
      userMessage: permission
        ? `The bot is not allowed to do this in your tenant yet: an admin needs to grant it the Microsoft Graph permission ${permission}.`
        : 'The bot is not allowed to do this in your tenant yet: an admin needs to grant it the Microsoft Graph permission for it.',
    });
  }
  if (status === 404) {
    return new AppError('graph-not-found', message, {
      ...base,
      userMessage: `Nothing was found while ${context.operation}. Check the name or ID and try again.`,
    });
  }
  if (status === 429) {
    const wait = error instanceof GraphError ? retryAfterSeconds(error) : undefined;
    return new AppError('graph-throttled', message, {
      ...base,
      retryAfterSeconds: wait ?? 30,
      userMessage: `Microsoft Graph is asking the bot to slow down. Please try again in about ${wait ?? 30} seconds.`,
    });
  }
  if (status === undefined || status === -1 || status >= 500) {
    return new AppError('graph-unavailable', message, {
      ...base,
      userMessage:
        'Microsoft Graph did not answer properly just now, so the bot could not check your tenant. Please try again in a minute.',
    });
  }
  return new AppError('graph-failed', message, {
    ...base,
    userMessage: `Microsoft Graph refused the request while ${context.operation}.`,
  });
}
