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
export { REDACTED, SECRET_KEYS, redactSecrets, scrubText } from './redaction';
