import { AppError } from '../errors';
import type { Clock } from '../ports';
import { systemClock } from '../ports';

/**
 * Client-side pacing for Graph's documented per-tenant limits, so that a burst of pastes queues
 * here instead of turning into a storm of 429s (which, for Identity Protection, come without a
 * Retry-After).
 *
 * A token bucket: up to `capacity` tokens, one more every `refillMs`, waiters served first come
 * first served. Graph counts requests in a sliding window, and a bucket that starts full lets
 * `capacity + windowMs / refillMs` requests into one window, so bucketFor() sizes the bucket to
 * stay strictly under the documented figure with a margin for network jitter.
 */

export interface RateLimit {
  /** Requests Graph accepts per window. */
  limit: number;
  windowMs: number;
}

/** Graph's documented limits that shape diagnosis (graph-api research notes, section 11). */
export const DOCUMENTED_LIMITS = {
  /** auditLogs (sign-ins): 5 requests per 10 seconds per app per tenant. */
  'sign-in-reports': { limit: 5, windowMs: 10_000 },
  /** riskyUsers, riskDetections, conditionalAccess policies: 1 request per second per tenant. */
  'identity-protection': { limit: 1, windowMs: 1_000 },
} as const satisfies Record<string, RateLimit>;

/**
 * The longest a Graph 429 (or 503) is waited out in place, by the client's retry handler and by
 * the batcher alike; a longer Retry-After reaches the person as "try again in N seconds".
 */
export const MAX_RETRY_WAIT_MS = 10_000;

export type GraphLimitClass = keyof typeof DOCUMENTED_LIMITS;

/** Which documented limit a Graph path (without version) counts against, if any. */
export function limitClassOf(path: string): GraphLimitClass | undefined {
  const p = path.toLowerCase();
  if (p.startsWith('/auditlogs/')) return 'sign-in-reports';
  if (
    p.startsWith('/identityprotection/') ||
    p.startsWith('/identity/conditionalaccess/') ||
    p.startsWith('/identity/conditionalaccess?')
  ) {
    return 'identity-protection';
  }
  return undefined;
}

export interface BucketOptions {
  capacity: number;
  refillMs: number;
  /** A caller who would wait longer than this is refused at once (see ThrottleBudgetError). */
  maxWaitMs: number;
  clock?: Clock;
}

/** One token at a time, spaced so that no window ever holds more than the limit. */
export function bucketFor(
  limit: RateLimit,
  margin = 0.2,
): Pick<BucketOptions, 'capacity' | 'refillMs'> {
  return { capacity: 1, refillMs: Math.ceil((limit.windowMs / limit.limit) * (1 + margin)) };
}

/** The queue for a limit is longer than the caller's wait budget. */
export class ThrottleBudgetError extends AppError {
  constructor(limitName: string, waitMs: number) {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    super('graph-throttled', `${limitName}: queue wait ${waitMs} ms exceeds the budget`, {
      status: 429,
      retryAfterSeconds: seconds,
      userMessage: `Many people are asking at once and Microsoft Graph limits how fast the bot may look. Please try again in about ${seconds} seconds.`,
    });
    this.name = 'ThrottleBudgetError';
  }
}

interface Waiter {
  resolve: () => void;
}

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  private pausedUntil = 0;
  private readonly queue: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly clock: Clock;

  constructor(
    readonly name: string,
    private readonly options: BucketOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.tokens = options.capacity;
    this.updatedAt = this.now();
  }

  /** Callers waiting for a token right now. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Resolves when the caller may send one request; rejects with ThrottleBudgetError if too far off. */
  acquire(): Promise<void> {
    this.refill();
    if (this.queue.length === 0 && this.tokens >= 1 && this.now() >= this.pausedUntil) {
      this.tokens -= 1;
      return Promise.resolve();
    }
    const wait = this.waitFor(this.queue.length + 1);
    if (wait > this.options.maxWaitMs)
      return Promise.reject(new ThrottleBudgetError(this.name, wait));
    return new Promise<void>((resolve) => {
      this.queue.push({ resolve });
      this.schedule();
    });
  }

  /** Graph said 429 anyway (another app shares the tenant limit): hand out nothing for `ms`. */
  pause(ms: number): void {
    this.refill();
    this.tokens = 0;
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.queue.length > 0) this.schedule();
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  private refill(): void {
    const now = this.now();
    const earned = (now - this.updatedAt) / this.options.refillMs;
    this.tokens = Math.min(this.options.capacity, this.tokens + earned);
    this.updatedAt = now;
  }

  /** How long until the `position`-th waiter from now gets a token. */
  private waitFor(position: number): number {
    const now = this.now();
    const untilResume = Math.max(0, this.pausedUntil - now);
    const missing = Math.max(0, position - this.tokens);
    return Math.max(untilResume, Math.ceil(missing * this.options.refillMs));
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    const delay = this.waitFor(1);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, delay);
  }

  private pump(): void {
    this.refill();
    while (this.queue.length > 0 && this.tokens >= 1 && this.now() >= this.pausedUntil) {
      this.tokens -= 1;
      this.queue.shift()?.resolve();
    }
    if (this.queue.length > 0) this.schedule();
  }
}

export interface TenantRateLimitOptions {
  clock?: Clock;
  /** Longest a read may queue before the bot answers "try again in N seconds". */
  maxWaitMs?: number;
  /** Head-room under each documented limit, as a fraction. */
  margin?: number;
  /**
   * `off` hands out tokens without pacing. Only for a tenant that documents no limits of its own,
   * such as the sandbox tenant with its limits switched off (the turn-throughput benchmark).
   */
  pacing?: 'documented' | 'off';
}

/**
 * The buckets of one tenant. Every Graph reader and writer of that tenant must share one instance
 * (the limits are per tenant, and Identity Protection's even across apps).
 */
export class TenantRateLimits {
  private readonly buckets = new Map<GraphLimitClass, TokenBucket>();

  constructor(private readonly options: TenantRateLimitOptions = {}) {}

  bucket(limit: GraphLimitClass): TokenBucket {
    let bucket = this.buckets.get(limit);
    if (bucket === undefined) {
      const shape =
        this.options.pacing === 'off'
          ? { capacity: Number.POSITIVE_INFINITY, refillMs: 1 }
          : bucketFor(DOCUMENTED_LIMITS[limit], this.options.margin);
      bucket = new TokenBucket(limit, {
        ...shape,
        maxWaitMs: this.options.maxWaitMs ?? 30_000,
        clock: this.options.clock,
      });
      this.buckets.set(limit, bucket);
    }
    return bucket;
  }

  /** Waits for a token when `path` counts against a documented limit; otherwise returns at once. */
  async acquireFor(path: string): Promise<void> {
    const limit = limitClassOf(path);
    if (limit !== undefined) await this.bucket(limit).acquire();
  }
}
