import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { currentCorrelationId, getLogger, newCorrelationId } from '../logging';
import { count, graphOperation, measure, SpanKind, SpanStatusCode, tracer } from '../telemetry';

const log = getLogger('graph');

function headersOf(context: Context): Headers {
  return new Headers(context.options?.headers as ConstructorParameters<typeof Headers>[0]);
}

/**
 * Sits after the retry handler, so each attempt is seen: sends the turn's correlation id as
 * `client-request-id` (Graph echoes it and support can find the call by it), and records one
 * span, one metric point and one debug line per attempt with the operation and status.
 */
export class ObserveMiddleware implements Middleware {
  private next?: Middleware;

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const method = (
      context.options?.method ??
      (typeof context.request === 'string' ? 'GET' : context.request.method)
    ).toUpperCase();
    const operation = graphOperation(method, url);
    const headers = headersOf(context);
    const clientRequestId = currentCorrelationId() ?? newCorrelationId();
    headers.set('client-request-id', clientRequestId);
    context.options = { ...context.options, headers };

    await tracer().startActiveSpan(
      `graph ${operation}`,
      {
        kind: SpanKind.CLIENT,
        attributes: { 'graph.operation': operation, 'http.request.method': method },
      },
      async (span) => {
        const started = performance.now();
        let status = 0;
        try {
          if (this.next) await this.next.execute(context);
          status = context.response?.status ?? 0;
          return undefined;
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: 'network error' });
          throw error;
        } finally {
          const durationMs = Math.round(performance.now() - started);
          const requestId = context.response?.headers.get('request-id') ?? undefined;
          const statusLabel = status === 0 ? 'network-error' : String(status);
          span.setAttribute('http.response.status_code', status);
          if (requestId) span.setAttribute('graph.request_id', requestId);
          if (status >= 400) span.setStatus({ code: SpanStatusCode.ERROR, message: statusLabel });
          span.end();
          count('helpdesk.graph.calls', { operation, status: statusLabel });
          measure('helpdesk.graph.duration', durationMs, { operation });
          if (status === 429) count('helpdesk.graph.throttled', { operation });
          log.debug('graph call', { operation, status, durationMs, graphRequestId: requestId });
        }
      },
    );
  }
}
