import {
  metrics,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Counter,
  type Histogram,
  type Meter,
  type Span,
} from '@opentelemetry/api';

/**
 * The app's traces and metrics, through the OpenTelemetry API only. With no SDK registered (no
 * Application Insights connection string) every call here is a no-op: telemetry is off and
 * silent. Attribute values are ids, names and codes; never message text, tokens or passes.
 */
export const INSTRUMENTATION_NAME = 'signin-helpdesk';

export function tracer() {
  return trace.getTracer(INSTRUMENTATION_NAME);
}

type CounterName =
  | 'helpdesk.turns'
  | 'helpdesk.triage.intents'
  | 'helpdesk.diagnoses'
  | 'helpdesk.triage.corrections'
  | 'helpdesk.graph.calls'
  | 'helpdesk.graph.throttled'
  | 'helpdesk.remediation.events'
  | 'helpdesk.announcements.deliveries';

type HistogramName = 'helpdesk.turn.duration' | 'helpdesk.graph.duration';

const DESCRIPTIONS: Record<CounterName | HistogramName, string> = {
  'helpdesk.turns': 'Bot turns by activity type and outcome',
  'helpdesk.triage.intents': 'Pasted errors by triage intent',
  'helpdesk.diagnoses': 'Diagnoses by intent',
  'helpdesk.triage.corrections': 'Readings a person said were wrong, by guessed and chosen intent',
  'helpdesk.graph.calls': 'Microsoft Graph calls by operation and status',
  'helpdesk.graph.throttled': 'Microsoft Graph 429 answers by operation',
  'helpdesk.remediation.events': 'Remediation requests, approvals and executions by event',
  'helpdesk.announcements.deliveries': 'Announcement sends by outcome',
  'helpdesk.turn.duration': 'Turn duration in milliseconds',
  'helpdesk.graph.duration': 'Microsoft Graph call duration in milliseconds',
};

/** Instruments are bound to the meter in force; a provider registered later gets new ones. */
let boundMeter: Meter | undefined;
let counters = new Map<string, Counter>();
let histograms = new Map<string, Histogram>();

function meter(): Meter {
  const current = metrics.getMeter(INSTRUMENTATION_NAME);
  if (current !== boundMeter) {
    boundMeter = current;
    counters = new Map();
    histograms = new Map();
  }
  return current;
}

export function count(name: CounterName, attributes: Attributes = {}, value = 1): void {
  const m = meter();
  let counter = counters.get(name);
  if (!counter) {
    counter = m.createCounter(name, { description: DESCRIPTIONS[name] });
    counters.set(name, counter);
  }
  counter.add(value, attributes);
}

export function measure(name: HistogramName, value: number, attributes: Attributes = {}): void {
  const m = meter();
  let histogram = histograms.get(name);
  if (!histogram) {
    histogram = m.createHistogram(name, { description: DESCRIPTIONS[name], unit: 'ms' });
    histograms.set(name, histogram);
  }
  histogram.record(value, attributes);
}

/**
 * Runs `work` inside a span that is the active one for everything it awaits (Graph calls made
 * inside become its children). A thrown error marks the span as failed and is rethrown.
 */
export async function inSpan<T>(
  name: string,
  attributes: Attributes,
  work: (span: Span) => Promise<T>,
  kind: SpanKind = SpanKind.INTERNAL,
): Promise<T> {
  return tracer().startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.setStatus({
        code: SpanStatusCode.ERROR,
        message: error instanceof Error ? error.name : 'error',
      });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** A finished span for a synchronous step (triage is pure and fast). */
export function recordStep<T>(
  name: string,
  work: () => T,
  attributesOf: (result: T) => Attributes,
): T {
  return tracer().startActiveSpan(name, (span) => {
    try {
      const result = work();
      span.setAttributes(attributesOf(result));
      return result;
    } finally {
      span.end();
    }
  });
}

export { SpanKind, SpanStatusCode };
