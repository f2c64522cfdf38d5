import { GraphError, ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import type { WriteReceipt } from '../remediation/ports';
import { relativeNextLink } from './client';
import { retryAfterMs } from '../retry-after';
import { toGraphAppError, type GraphCallContext } from './errors';
import { limitClassOf, TenantRateLimits } from './rate-limiter';

/**
 * The one way the Graph adapters call Graph (directory reads and writes, posture and report
 * reads, the announcement audience). `send` is one call read raw: the status, the parsed body
 * and Graph's `request-id` (for the audit), with `check` turning failures into AppErrors that
 * name the operation and the missing permission (toGraphAppError, the one classification);
 * callers that need "already a member" / "not a member" look at the raw result before `check`.
 * `batch` posts one JSON `$batch` for the diagnosis reader, whose batcher judges each item's
 * response itself.
 *
 * Throttling is the same for every call: a read that counts against a documented per-tenant
 * limit first takes a token from the tenant's limiter (shared with the batcher), the client
 * waits out a short Retry-After in place (see client.ts), and a 429 that comes back anyway
 * pauses the limiter and becomes "try again in N seconds".
 */

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RawResult {
  status: number;
  body: unknown;
  requestId?: string;
  headers?: Headers;
}

export interface PageOptions {
  version?: 'v1.0' | 'beta';
  /** Pages followed at most (100 by default). */
  maxPages?: number;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function text(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

export function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** A path of encoded segments: path('users', id) is /users/<id>. */
export function path(...segments: string[]): string {
  return `/${segments.map((s) => encodeURIComponent(s)).join('/')}`;
}

export function errorMessage(body: unknown): string {
  if (isRecord(body) && isRecord(body.error) && typeof body.error.message === 'string') {
    return body.error.message;
  }
  return 'Graph request failed';
}

/** Wait after a 429 that names no Retry-After, before the tenant's limiter hands out more. */
const THROTTLED_PAUSE_MS = 1_000;

export class GraphTransport {
  /**
   * `limits`: the tenant's limiter; every adapter of one tenant must share it (the composition
   * root builds one transport and hands it to all of them).
   */
  constructor(
    private readonly client: Client,
    private readonly graphBaseUrl = 'https://graph.microsoft.com',
    readonly limits: TenantRateLimits = new TenantRateLimits(),
  ) {}

  /** One `$batch` request; a failure of the batch as a whole is the client's GraphError. */
  async batch(requests: readonly Record<string, unknown>[]): Promise<unknown> {
    return (await this.client.api('/$batch').post({ requests })) as unknown;
  }

  /** The full v1.0 URL of a path, for `@odata.id` and `@odata.bind`. */
  absolute(relative: string): string {
    return `${this.graphBaseUrl.replace(/\/+$/, '')}/v1.0${relative}`;
  }

  /** The full URL of a directory object, for `@odata.id` and `@odata.bind`. */
  objectRef(id: string): string {
    return this.absolute(path('directoryObjects', id));
  }

  async write(
    method: Method,
    url: string,
    body: unknown,
    context: GraphCallContext,
  ): Promise<WriteReceipt> {
    const { requestId } = await this.ok(method, url, body, context);
    return { requestId };
  }

  async ok(
    method: Method,
    url: string,
    body: unknown,
    context: GraphCallContext,
    version: 'v1.0' | 'beta' = 'v1.0',
  ): Promise<RawResult> {
    const result = await this.send(method, url, body, version);
    this.check(result, context);
    return result;
  }

  /** Every item of a collection, following @odata.nextLink. */
  async all(
    firstUrl: string,
    context: GraphCallContext,
    options: PageOptions = {},
  ): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    for await (const page of this.pages(firstUrl, context, options)) items.push(...page);
    return items;
  }

  /** A collection page by page, following @odata.nextLink, for callers that stream. */
  async *pages(
    firstUrl: string,
    context: GraphCallContext,
    options: PageOptions = {},
  ): AsyncGenerator<Record<string, unknown>[]> {
    let url: string | undefined = firstUrl;
    let version: string = options.version ?? 'v1.0';
    const maxPages = options.maxPages ?? 100;
    for (let page = 0; url !== undefined && page < maxPages; page += 1) {
      const result = await this.send('GET', url, undefined, version);
      this.check(result, context);
      const body = isRecord(result.body) ? result.body : {};
      yield Array.isArray(body.value) ? body.value.filter(isRecord) : [];
      const next = body['@odata.nextLink'];
      if (typeof next === 'string') {
        ({ path: url, version } = relativeNextLink(next));
      } else {
        url = undefined;
      }
    }
  }

  check(result: RawResult, context: GraphCallContext): void {
    if (result.status >= 200 && result.status < 300) return;
    const error = new GraphError(result.status, errorMessage(result.body));
    const inner = isRecord(result.body) && isRecord(result.body.error) ? result.body.error : {};
    error.code = typeof inner.code === 'string' ? inner.code : null;
    error.requestId = result.requestId ?? null;
    error.headers = result.headers;
    error.body = result.body;
    throw toGraphAppError(error, context);
  }

  async send(method: Method, url: string, body: unknown, version = 'v1.0'): Promise<RawResult> {
    await this.limits.acquireFor(url);
    let response: Response;
    try {
      const request = this.client.api(url).version(version).responseType(ResponseType.RAW);
      response = (await (method === 'GET'
        ? request.get()
        : method === 'POST'
          ? request.post(body ?? {})
          : method === 'PATCH'
            ? request.patch(body)
            : request.delete())) as Response;
    } catch (error) {
      throw toGraphAppError(error, { operation: `calling ${method} ${url.split('?')[0]}` });
    }
    const requestId =
      response.headers.get('request-id') ?? response.headers.get('client-request-id') ?? undefined;
    const textBody = await response.text();
    let parsed: unknown;
    try {
      parsed = textBody === '' ? undefined : (JSON.parse(textBody) as unknown);
    } catch {
      parsed = undefined;
    }
    if (response.status === 429) this.pauseFor(url, response.headers);
    return { status: response.status, body: parsed, requestId, headers: response.headers };
  }

  /** Graph said 429 after the client's own retries: the tenant's limiter holds back too. */
  private pauseFor(url: string, headers: Headers): void {
    const limit = limitClassOf(url);
    if (limit === undefined) return;
    const wait = retryAfterMs(headers.get('Retry-After')) ?? THROTTLED_PAUSE_MS;
    this.limits.bucket(limit).pause(wait);
  }
}
