export {
  currentCorrelation,
  currentCorrelationId,
  newCorrelationId,
  noteFacts,
  withCorrelation,
  type CorrelationScope,
} from './correlation';
export {
  configureLogging,
  currentLogLevel,
  getLogger,
  type LogFields,
  type Logger,
  type LoggingOptions,
  type LogLevel,
} from './logger';
export { printError, printLine } from './printer';
export { REDACTED, REDACT_PATHS, SECRET_KEYS, scrubText } from './redaction';
