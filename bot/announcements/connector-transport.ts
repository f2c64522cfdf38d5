/**
 * The HTTP transport under botbuilder's connector client for proactive sends.
 *
 * botbuilder's pipeline retries on its own: a 429 with Retry-After up to three more times, and
 * 500/502/503/504 three more times with backoff. For a broadcast that would multiply every retry
 * the domain decides (paced, shared across workers, bounded) by four, unseen by the rate
 * limiter. This transport makes one HTTP request per call and turns every non-2xx answer (and
 * every network failure) into a ConnectorHttpError. That error is not a RestError, and the
 * pipeline's retry policy rethrows anything that is not a RestError at once, so the SDK makes
 * exactly one attempt and the domain sees the real status, Retry-After and body.
 *
 * It is plugged in through the public `httpClient` option of the connector client options.
 */
import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { retryAfterMs } from '../../src/retry-after';

type ConnectorClientOptions = NonNullable<
  ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[4]
>;
export type ConnectorHttpClient = NonNullable<ConnectorClientOptions['httpClient']>;
type WebResource = Parameters<ConnectorHttpClient['sendRequest']>[0];
type CompatResponse = Awaited<ReturnType<ConnectorHttpClient['sendRequest']>>;
type HeadersLike = CompatResponse['headers'];
type RawHeaders = ReturnType<HeadersLike['rawHeaders']>;
type HeaderEntry = ReturnType<HeadersLike['headersArray']>[number];

/** A connector call that did not succeed: the status (0 for no answer), Retry-After and body. */
export class ConnectorHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    readonly retryAfterMs: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'ConnectorHttpError';
  }
}

export interface ConnectorAttempt {
  method: string;
  url: string;
  /** HTTP status, or 0 when no answer came. */
  status: number;
  startedAt: number;
  finishedAt: number;
}

export interface ConnectorTransportOptions {
  /** Longest wait for an answer. A timed-out send may still have been delivered. */
  timeoutMs?: number;
  /** Told about every HTTP attempt (for measurement; never given bodies or headers). */
  onAttempt?: (attempt: ConnectorAttempt) => void;
  /**
   * Awaited right before each request leaves: the rate limiter's check of the app's sliding
   * second, made at the moment the channel will count the request (DeliveryLimiter.admit). What
   * it resolves with is called when the answer (or the failure) comes.
   */
  admit?: () => Promise<(() => void) | void>;
  /**
   * Called after `admit`, as the last step before each request is written, synchronously: the
   * outcome journal's `leaving` mark (process-outcomes.ts). When it throws, the request does
   * not leave (a failure with no answer).
   */
  beforeLeave?: (request: { method: string; url: string }) => void;
}

class ResponseHeaders implements HeadersLike {
  private readonly map = new Map<string, HeaderEntry>();

  constructor(entries: Iterable<[string, string]> = []) {
    for (const [name, value] of entries) this.set(name, value);
  }

  set(name: string, value: string | number): void {
    this.map.set(name.toLowerCase(), { name, value: String(value) });
  }
  get(name: string): string | undefined {
    return this.map.get(name.toLowerCase())?.value;
  }
  contains(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  remove(name: string): boolean {
    return this.map.delete(name.toLowerCase());
  }
  rawHeaders(): RawHeaders {
    return this.toJson();
  }
  headersArray(): HeaderEntry[] {
    return [...this.map.values()];
  }
  headerNames(): string[] {
    return this.headersArray().map((h) => h.name);
  }
  headerValues(): string[] {
    return this.headersArray().map((h) => h.value);
  }
  clone(): HeadersLike {
    return new ResponseHeaders(this.headersArray().map((h): [string, string] => [h.name, h.value]));
  }
  toJson(options: { preserveCase?: boolean } = {}): RawHeaders {
    const out: RawHeaders = {};
    for (const [key, entry] of this.map) out[options.preserveCase ? entry.name : key] = entry.value;
    return out;
  }
}

function requestBody(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  return typeof body === 'string' ? body : JSON.stringify(body);
}

export function createConnectorTransport(
  options: ConnectorTransportOptions = {},
): ConnectorHttpClient {
  const timeoutMs = options.timeoutMs ?? 15_000;
  return {
    async sendRequest(request: WebResource): Promise<CompatResponse> {
      const startedAt = Date.now();
      const signals: AbortSignal[] = [AbortSignal.timeout(timeoutMs)];
      const outer = request.abortSignal;
      if (outer) {
        const controller = new AbortController();
        if (outer.aborted) controller.abort();
        else outer.addEventListener('abort', () => controller.abort());
        signals.push(controller.signal);
      }
      const report = (status: number): void =>
        options.onAttempt?.({
          method: request.method,
          url: request.url,
          status,
          startedAt,
          finishedAt: Date.now(),
        });
      let response: Response;
      let text: string;
      let answered: (() => void) | void = undefined;
      try {
        answered = await options.admit?.();
        options.beforeLeave?.({ method: request.method, url: request.url });
        response = await fetch(request.url, {
          method: request.method,
          headers: request.headers.rawHeaders(),
          body: requestBody(request.body),
          signal: AbortSignal.any(signals),
        });
        answered?.();
        text = await response.text();
      } catch (error) {
        answered?.();
        report(0);
        const reason =
          error instanceof Error
            ? error.cause instanceof Error
              ? error.cause.message
              : error.message
            : String(error);
        throw new ConnectorHttpError(0, '', undefined, `no answer from the connector: ${reason}`);
      }
      report(response.status);
      if (!response.ok) {
        throw new ConnectorHttpError(
          response.status,
          text,
          retryAfterMs(response.headers.get('retry-after')),
          `connector answered ${response.status}`,
        );
      }
      return {
        request,
        status: response.status,
        headers: new ResponseHeaders(response.headers),
        bodyAsText: text,
      };
    },
  };
}
