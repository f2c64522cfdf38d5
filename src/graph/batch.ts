import { GraphError } from '@microsoft/microsoft-graph-client';
import type { GraphTransport } from './transport';
import type { TenantRateLimits } from './rate-limiter';
import { limitClassOf, MAX_RETRY_WAIT_MS } from './rate-limiter';
import { retryAfterMs } from '../retry-after';

/**
 * JSON batching for independent reads. Requests handed to send() in the same turn of the event
 * loop travel together in one `POST /$batch` (at most 20 per batch), so a diagnosis that asks for
 * five things at once pays one round trip.
 *
 * Graph's rules, kept here so no caller has to:
 * - the batch's own 200 says nothing about its items: each item answers with its own status, in
 *   any order, matched back by id;
 * - each item is throttled on its own: only the items that answered 429 are sent again, after
 *   their own Retry-After (Identity Protection sends none, so a fallback applies);
 * - every item that counts against a documented per-tenant limit first takes a token from the
 *   tenant's limiter, so batching never becomes a way around it.
 */

export const MAX_BATCH_ITEMS = 20;

export interface BatchRequest {
  method: 'GET' | 'POST';
  /** Path and query after the version, starting with `/`. */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface BatchResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface BatcherOptions {
  limits?: TenantRateLimits;
  /** Times an item that answered 429 is sent again. */
  maxRetries?: number;
  /** An item asked to wait longer than this is answered with its 429 at once. */
  maxRetryWaitMs?: number;
  /** Wait after a 429 without Retry-After, doubled on each retry. */
  fallbackRetryMs?: number;
}

export interface SendOptions {
  /** The caller already holds the limiter token for the first attempt. */
  tokenTaken?: boolean;
  /**
   * Whom the read is about (a user id): under a per-tenant limit it waits for a turn shared
   * fairly between people instead of first come, first served (TenantRateLimits.acquireFor).
   */
  person?: string;
}

interface Pending {
  request: BatchRequest;
  attempt: number;
  person?: string;
  resolve: (response: BatchResponse) => void;
  reject: (error: unknown) => void;
}

interface WireItem {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

function lowerKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = v;
  return out;
}

/** An item's failure as the GraphError the client would have thrown for a direct call. */
export function itemError(response: BatchResponse): GraphError {
  const body = response.body as
    | { error?: { code?: string; message?: string; innerError?: Record<string, string> } }
    | undefined;
  const error = new GraphError(
    response.status,
    body?.error?.message ?? `status ${response.status}`,
  );
  error.code = body?.error?.code ?? null;
  error.requestId =
    response.headers['request-id'] ?? body?.error?.innerError?.['request-id'] ?? null;
  error.headers = new Headers(response.headers);
  error.body = response.body;
  return error;
}

export class GraphBatcher {
  private queue: Pending[] = [];
  private scheduled = false;
  private readonly maxRetries: number;
  private readonly maxRetryWaitMs: number;
  private readonly fallbackRetryMs: number;

  constructor(
    private readonly graph: GraphTransport,
    private readonly options: BatcherOptions = {},
  ) {
    this.maxRetries = options.maxRetries ?? 2;
    this.maxRetryWaitMs = options.maxRetryWaitMs ?? MAX_RETRY_WAIT_MS;
    this.fallbackRetryMs = options.fallbackRetryMs ?? 1_000;
  }

  /** Resolves with the item's own response, whatever its status; rejects only if the batch failed. */
  async send(request: BatchRequest, options: SendOptions = {}): Promise<BatchResponse> {
    if (!options.tokenTaken) await this.options.limits?.acquireFor(request.url, options.person);
    return new Promise<BatchResponse>((resolve, reject) => {
      this.enqueue({ request, attempt: 0, person: options.person, resolve, reject });
    });
  }

  private enqueue(pending: Pending): void {
    this.queue.push(pending);
    if (this.queue.length >= MAX_BATCH_ITEMS) {
      this.flush();
    } else if (!this.scheduled) {
      this.scheduled = true;
      // After the current turn, so every read started together lands in the same batch.
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.scheduled = false;
    while (this.queue.length > 0) {
      const items = this.queue.splice(0, MAX_BATCH_ITEMS);
      void this.post(items);
    }
  }

  private async post(items: Pending[]): Promise<void> {
    const requests = items.map((p, i) => {
      const item: Record<string, unknown> = {
        id: String(i + 1),
        method: p.request.method,
        url: p.request.url,
      };
      const headers = { ...p.request.headers };
      if (p.request.body !== undefined) {
        headers['Content-Type'] = 'application/json';
        item.body = p.request.body;
      }
      if (Object.keys(headers).length > 0) item.headers = headers;
      return item;
    });
    let answer: { responses?: WireItem[] };
    try {
      answer = (await this.graph.batch(requests)) as { responses?: WireItem[] };
    } catch (error) {
      for (const p of items) p.reject(error);
      return;
    }
    const byId = new Map((answer.responses ?? []).map((r) => [r.id, r]));
    items.forEach((pending, i) => {
      const wire = byId.get(String(i + 1));
      if (wire === undefined) {
        pending.reject(new GraphError(-1, `$batch answer has no item ${i + 1}`));
        return;
      }
      this.settle(pending, {
        status: wire.status,
        headers: lowerKeys(wire.headers),
        body: wire.body,
      });
    });
  }

  private settle(pending: Pending, response: BatchResponse): void {
    if (response.status !== 429) {
      pending.resolve(response);
      return;
    }
    const wait =
      retryAfterMs(response.headers['retry-after']) ?? this.fallbackRetryMs * 2 ** pending.attempt;
    const limit = limitClassOf(pending.request.url);
    if (limit !== undefined) this.options.limits?.bucket(limit).pause(wait);
    if (pending.attempt >= this.maxRetries || wait > this.maxRetryWaitMs) {
      // Say when to come back even where Graph did not (Identity Protection sends no Retry-After).
      const headers = { 'retry-after': String(Math.ceil(wait / 1000)), ...response.headers };
      pending.resolve({ ...response, headers });
      return;
    }
    setTimeout(() => {
      const acquired =
        this.options.limits?.acquireFor(pending.request.url, pending.person) ?? Promise.resolve();
      acquired.then(
        () => this.enqueue({ ...pending, attempt: pending.attempt + 1 }),
        (error: unknown) => pending.reject(error),
      );
    }, wait);
  }
}
