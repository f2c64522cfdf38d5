import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';
import { currentCorrelation } from './correlation';
import { redactSecrets, scrubText } from './redaction';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Structured fields of a log line; values are written as JSON (escaped by pino). */
export type LogFields = Record<string, unknown>;

/** What the code logs through: a fixed message and structured fields, never concatenated text. */
export interface Logger {
  error(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
  child(bindings: LogFields): Logger;
}

export interface LoggingOptions {
  level: LogLevel;
  /** Where JSON lines go; standard output by default. Tests pass a capturing stream. */
  destination?: DestinationStream;
}

/** Errors become `{type, message, code, statusCode}`; stacks stay out of the line (and the chat). */
function serializeError(value: unknown): unknown {
  if (!(value instanceof Error)) return typeof value === 'string' ? scrubText(value) : value;
  const extra = value as Error & { code?: unknown; statusCode?: unknown; requestId?: unknown };
  return {
    type: value.name,
    message: scrubText(value.message),
    code: extra.code,
    statusCode: extra.statusCode,
    requestId: extra.requestId,
  };
}

/** An error in a field serializeError writes: its output holds no secret key, so it is not walked. */
const serializedError = (key: string, item: unknown): boolean =>
  (key === 'err' || key === 'error') && item instanceof Error;

function build(options: LoggingOptions): PinoLogger {
  return pino(
    {
      level: options.level,
      base: { service: 'signin-helpdesk' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Secret keys are hidden in one walk over the line's fields (redactSecrets): pino's own
      // `redact` with wildcard paths for every key at four depths walked every field once per
      // path, about a tenth of a triage-only turn's CPU.
      formatters: {
        level: (label) => ({ level: label }),
        log: (fields) => redactSecrets(fields, serializedError),
      },
      serializers: { err: serializeError, error: serializeError },
      mixin: () => {
        const scope = currentCorrelation();
        return scope ? { correlationId: scope.correlationId } : {};
      },
    },
    options.destination ?? standardOutput(),
  );
}

/**
 * Standard output, written without blocking. A synchronous write to a pipe whose reader lags
 * (a container's log collector, a parent process) fails with EAGAIN once the pipe is full, and
 * the writer then sleeps 100 ms on the event loop before trying again: every turn in flight
 * waits (`npm run bench:log`: 310 ms against 9 ms). Written asynchronously, lines
 * wait in memory instead, in order, and pino writes what is left when the process exits; only a
 * process killed outright can lose the last few lines.
 */
function standardOutput(): DestinationStream {
  return pino.destination({ dest: 1, sync: false, minLength: 0 });
}

let root: PinoLogger = build({ level: 'info' });

/** Called once by the composition root (and by tests that capture lines). */
export function configureLogging(options: LoggingOptions): void {
  root = build(options);
}

export function currentLogLevel(): string {
  return root.level;
}

/**
 * A component's logger. It resolves the root at each call, so loggers made at import time
 * follow the configuration the composition root sets later.
 */
export function getLogger(component: string, bindings: LogFields = {}): Logger {
  const write =
    (level: 'error' | 'warn' | 'info' | 'debug') =>
    (message: string, fields: LogFields = {}): void => {
      root[level]({ component, ...bindings, ...fields }, scrubText(message));
    };
  return {
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: write('debug'),
    child: (more) => getLogger(component, { ...bindings, ...more }),
  };
}
