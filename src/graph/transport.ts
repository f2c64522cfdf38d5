import { GraphError, ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import type { WriteReceipt } from '../remediation/ports';
import { relativeNextLink } from './client';
import { toGraphAppError, type GraphCallContext } from './errors';

/**
 * The one way the directory adapters call Graph. `send` is one call read raw: the status, the
 * parsed body and Graph's `request-id` (for the audit), with `check` turning failures into
 * AppErrors that name the operation and the missing permission; callers that need "already a
 * member" / "not a member" look at the raw result before `check`. `batch` posts one JSON
 * `$batch` for the diagnosis reader, whose batcher judges each item's response itself.
 */

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RawResult {
  status: number;
  body: unknown;
  requestId?: string;
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

export class GraphTransport {
  constructor(
    private readonly client: Client,
    private readonly graphBaseUrl = 'https://graph.microsoft.com',
  ) {}

  /** One `$batch` request; a failure of the batch as a whole is the client's GraphError. */
  async batch(requests: readonly Record<string, unknown>[]): Promise<unknown> {
    return (await this.client.api('/$batch').post({ requests })) as unknown;
  }

  /** The full URL of a directory object, for `@odata.id` and `@odata.bind`. */
  objectRef(id: string): string {
    return `${this.graphBaseUrl.replace(/\/+$/, '')}/v1.0/directoryObjects/${encodeURIComponent(id)}`;
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
  ): Promise<RawResult> {
    const result = await this.send(method, url, body);
    this.check(result, context);
    return result;
  }

  /** Every page of a collection, following @odata.nextLink. */
  async all(firstUrl: string, context: GraphCallContext): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let url: string | undefined = firstUrl;
    let version = 'v1.0';
    for (let page = 0; url !== undefined && page < 100; page += 1) {
      const result = await this.send('GET', url, undefined, version);
      this.check(result, context);
      const body = isRecord(result.body) ? result.body : {};
      if (Array.isArray(body.value)) items.push(...body.value.filter(isRecord));
      const next = body['@odata.nextLink'];
      if (typeof next === 'string') {
        const link = relativeNextLink(next);
        url = link.path;
        version = link.version;
      } else {
        url = undefined;
      }
    }
    return items;
  }

  check(result: RawResult, context: GraphCallContext): void {
    if (result.status >= 200 && result.status < 300) return;
    const error = new GraphError(result.status, errorMessage(result.body));
    const inner = isRecord(result.body) && isRecord(result.body.error) ? result.body.error : {};
    error.code = typeof inner.code === 'string' ? inner.code : null;
    error.requestId = result.requestId ?? null;
    error.body = result.body;
    throw toGraphAppError(error, context);
  }

  async send(method: Method, url: string, body: unknown, version = 'v1.0'): Promise<RawResult> {
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
    return { status: response.status, body: parsed, requestId };
  }
}
