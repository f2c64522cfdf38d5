import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  AggregationTemporality,
  DataPointType,
  MeterProvider,
  MetricReader,
  type DataPoint,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';

/** A reader the test collects from on demand. */
class OnDemandReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

export interface TelemetryCapture {
  spans(): ReadableSpan[];
  /** Forgets the spans finished so far. */
  reset(): void;
  /** Reads the metrics recorded so far; `counter` answers from the last collection. */
  collect(): Promise<void>;
  /** Sum data points of a counter, as attribute sets with their values. */
  counter(name: string): { attributes: Record<string, unknown>; value: number }[];
  stop(): Promise<void>;
}

/**
 * Registers an in-memory OpenTelemetry SDK globally (traces, metrics and the async context that
 * makes spans nest across awaits), as the Azure Monitor distro would in production.
 */
export function captureTelemetry(): TelemetryCapture {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  trace.setGlobalTracerProvider(tracerProvider);
  const reader = new OnDemandReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  metrics.setGlobalMeterProvider(meterProvider);
  let collected: Awaited<ReturnType<MetricReader['collect']>> | undefined;
  return {
    spans: () => exporter.getFinishedSpans(),
    reset: () => exporter.reset(),
    counter(name) {
      if (!collected) throw new Error('call collect() first');
      const metric = collected.resourceMetrics.scopeMetrics
        .flatMap((s) => s.metrics)
        .find((m) => m.descriptor.name === name);
      if (!metric || metric.dataPointType !== DataPointType.SUM) return [];
      return (metric.dataPoints as DataPoint<number>[]).map((p) => ({
        attributes: { ...p.attributes },
        value: p.value,
      }));
    },
    async stop() {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
      trace.disable();
      metrics.disable();
      context.disable();
    },
    async collect() {
      collected = await reader.collect();
    },
  };
}
