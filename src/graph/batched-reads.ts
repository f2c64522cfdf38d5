import { READ_PERMISSIONS } from '../diagnosis/ports';
import type { Clock } from '../ports';
import { systemClock } from '../ports';
import {
  GraphBatcher,
  itemError,
  type BatchRequest,
  type BatchResponse,
  type SendOptions,
} from './batch';
import { relativeNextLink } from './client';
import { toGraphAppError } from './errors';
import { OPERATIONS, type Operation } from './reader-queries';
import type { GraphTransport } from './transport';
import { TtlCache } from './ttl-cache';
import * as read from './wire';

/**
 * How the diagnosis reader's reads travel, apart from what each read asks for: in `$batch`
 * (GraphBatcher, paced by the transport's tenant limiter), identical GETs in flight sent once,
 * rarely changing policies kept for `policyTtlMs`, lists followed page by page, and every failure
 * turned into the AppError of its read (toGraphAppError with the read's least permission).
 */

export interface BatchedReadsOptions {
  clock?: Clock;
  /** How long CA and authentication-method policies are reused. */
  policyTtlMs?: number;
  /** Pages followed at most for one list. */
  maxPages?: number;
}

export class BatchedReads {
  private readonly batcher: GraphBatcher;
  private readonly inFlight: TtlCache<BatchResponse>;
  private readonly policies: TtlCache<unknown>;
  private readonly maxPages: number;

  constructor(graph: GraphTransport, options: BatchedReadsOptions = {}) {
    const clock = options.clock ?? systemClock;
    this.batcher = new GraphBatcher(graph, { limits: graph.limits });
    // TTL 0: only reads still in flight are shared.
    this.inFlight = new TtlCache<BatchResponse>(0, clock);
    this.policies = new TtlCache<unknown>(options.policyTtlMs ?? 5 * 60_000, clock);
    this.maxPages = options.maxPages ?? 5;
  }

  cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    return this.policies.get(key, load) as Promise<T>;
  }

  /**
   * A GET shared with any identical GET still in flight. `person`: whom the read is about, for a
   * fair turn under a per-tenant limit (SendOptions).
   */
  get(
    op: Operation,
    url: string,
    headers?: Record<string, string>,
    person?: string,
  ): Promise<BatchResponse> {
    return this.inFlight.get(`${url}|${headers?.Prefer ?? ''}`, () =>
      this.send(op, { method: 'GET', url, headers }, { person }),
    );
  }

  async send(
    op: Operation,
    request: BatchRequest,
    options: SendOptions = {},
  ): Promise<BatchResponse> {
    try {
      return await this.batcher.send(request, options);
    } catch (error) {
      throw toGraphAppError(error, { operation: OPERATIONS[op], permission: READ_PERMISSIONS[op] });
    }
  }

  /** The body of a successful response; anything else becomes the AppError for this read. */
  body(op: Operation, response: BatchResponse): unknown {
    if (response.status >= 200 && response.status < 300) return response.body;
    throw toGraphAppError(itemError(response), {
      operation: OPERATIONS[op],
      permission: READ_PERMISSIONS[op],
    });
  }

  /** Every item of a collection, following nextLink up to `pages` pages. */
  async list(
    op: Operation,
    url: string,
    options: { headers?: Record<string, string>; pages?: number; person?: string } = {},
  ): Promise<unknown[]> {
    const { headers, pages = this.maxPages, person } = options;
    const items: unknown[] = [];
    let next: string | undefined = url;
    for (let page = 0; next !== undefined && page < pages; page += 1) {
      const body = this.body(op, await this.get(op, next, headers, person));
      items.push(...read.values(body));
      const link = read.nextLink(body);
      next = link === undefined ? undefined : relativeNextLink(link).path;
    }
    return items;
  }
}
