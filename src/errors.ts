/**
 * Typed errors. Every failure that can reach a person carries a stable `code`, a sentence written
 * for that person (`userMessage`, never a stack trace or raw exception text) and, where Graph was
 * involved, the Graph request-id so an admin can look the call up. The edge (bot/) turns an
 * AppError into a card exactly once; anything that is not an AppError becomes `internal`.
 */
export type ErrorCode =
  | 'config-invalid'
  | 'input-invalid'
  | 'input-too-large'
  | 'graph-forbidden'
  | 'graph-not-found'
  | 'graph-throttled'
  | 'graph-unavailable'
  | 'graph-failed'
  | 'store-conflict'
  | 'store-not-found'
  | 'store-unavailable'
  | 'not-authorized'
  | 'action-invalid'
  | 'internal';

export interface AppErrorOptions {
  /** Sentence shown to the person in chat. */
  userMessage: string;
  /** Graph `request-id` (or client-request-id) of the failing call, when there was one. */
  requestId?: string;
  /** HTTP status of the failing downstream call, when there was one. */
  status?: number;
  /** Seconds after which a retry makes sense (throttling). */
  retryAfterSeconds?: number;
  /** Graph permission whose absence explains a 403. */
  missingPermission?: string;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;
  readonly requestId?: string;
  readonly status?: number;
  readonly retryAfterSeconds?: number;
  readonly missingPermission?: string;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.userMessage = options.userMessage;
    this.requestId = options.requestId;
    this.status = options.status;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.missingPermission = options.missingPermission;
  }
}

/** Store write lost a compare-and-set race (eTag mismatch) or the key already exists. */
export class ConflictError extends AppError {
  constructor(message: string, cause?: unknown) {
    super('store-conflict', message, {
      userMessage: 'Someone else changed this at the same moment. Nothing was done twice.',
      status: 412,
      cause,
    });
    this.name = 'ConflictError';
  }
}

/** The storage service could not be reached or answered with a server error. */
export class StoreUnavailableError extends AppError {
  constructor(message: string, cause?: unknown) {
    super('store-unavailable', message, {
      userMessage:
        'The bot cannot reach its storage right now, so nothing was changed. Please try again in a minute.',
      cause,
    });
    this.name = 'StoreUnavailableError';
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Wraps anything thrown into an AppError without leaking its text to the user. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('internal', message, {
    userMessage:
      'Something went wrong on our side. The helpdesk team has been told; please try again.',
    cause: error,
  });
}

/** A setting that does not parse: names the variable, what was expected and what came. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly expected: string,
    readonly got: string,
  ) {
    super(`Configuration error: ${variable}: expected ${expected}, got ${got}.`);
    this.name = 'ConfigError';
  }
}
