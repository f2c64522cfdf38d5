export { graphOperation } from './graph-operation';
export {
  count,
  inSpan,
  INSTRUMENTATION_NAME,
  measure,
  recordStep,
  SpanKind,
  SpanStatusCode,
  tracer,
} from './instruments';
export { startTelemetry, type TelemetryHandle } from './start';
export { noteCorrection, noteDiagnosis, tracedTriage, tracedTriageAsync } from './steps';
