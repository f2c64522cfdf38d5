import { AppError } from '../errors';
import type { Clock } from '../ports';
import { systemClock } from '../ports';
import { PacedFairLine, type Refusal } from './fair-line';

/**
 * Client-side pacing for Graph's documented per-tenant limits, so that a burst of pastes queues
 * here instead of turning into a storm of 429s (which, for Identity Protection, come without a
 * Retry-After).
 *
 * A token bucket: up to `capacity` tokens, one more every `refillMs`, waiters served first come
 * first served; reads about a person (`acquireFor` with one) wait in a line shared fairly between
 * people and take the bucket's tokens in turn. Graph counts requests in a sliding window, and a bucket that starts full lets
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
  reject: (error: unknown) => void;
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

  /** The longest a caller may wait for a token before it is refused at once. */
  get maxWaitMs(): number {
    return this.options.maxWaitMs;
  }

  /** How long a caller would wait for a token with `ahead` more callers in front of it. */
  waitAfter(ahead: number): number {
    this.refill();
    return this.waitFor(this.queue.length + ahead + 1);
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
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ resolve, reject });
      this.schedule();
    });
  }

  /** Graph said 429 anyway (another app shares the tenant limit): hand out nothing for `ms`. */
  pause(ms: number): void {
    this.refill();
    this.tokens = 0;
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
    // Callers already waiting get the answer a newcomer would: past the budget now, refused at
    // once ("try again in N seconds") rather than left to sleep out the pause.
    const kept: Waiter[] = [];
    for (const waiter of this.queue) {
      const wait = this.waitFor(kept.length + 1);
      if (wait > this.options.maxWaitMs) waiter.reject(new ThrottleBudgetError(this.name, wait));
      else kept.push(waiter);
    }
    this.queue.splice(0, this.queue.length, ...kept);
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

/**
 * The "busy, try again in N seconds" answer to a read a fair line would not queue (past the wait
 * budget, or past the reads one person may have waiting); `personRetryMs` is what a person over
 * their own share is told to wait, when the line's wait says too little.
 */
export function refusalError(
  limit: GraphLimitClass,
  refused: Refusal,
  personRetryMs = 0,
): ThrottleBudgetError {
  return refused.reason === 'budget'
    ? new ThrottleBudgetError(limit, refused.waitMs)
    : new ThrottleBudgetError(`${limit} (per person)`, Math.max(refused.waitMs, personRetryMs));
}

/** The longest a read queues for a token before the bot answers "try again in N seconds". */
const MAX_QUEUE_WAIT_MS = 30_000;

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
  /** Reads about one person that may wait for a fair turn at once (`acquireFor` with a person). */
  perPerson?: number;
}

/** Reads about one person that may wait for a turn at once, as for sign-in look-ups. */
export const TURNS_PER_PERSON = 4;

interface Turn {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The buckets of one tenant. Every Graph reader and writer of that tenant must share one instance
 * (the limits are per tenant, and Identity Protection's even across apps).
 */
export class TenantRateLimits {
  private readonly buckets = new Map<GraphLimitClass, TokenBucket>();
  private readonly turns = new Map<GraphLimitClass, PacedFairLine<Turn>>();

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
        maxWaitMs: this.options.maxWaitMs ?? MAX_QUEUE_WAIT_MS,
        clock: this.options.clock,
      });
      this.buckets.set(limit, bucket);
    }
    return bucket;
  }

  /**
   * Waits for a token when `path` counts against a documented limit; otherwise returns at once.
   * With `person` (whom the read is about), the wait is a fair turn: reads about different people
   * are served round-robin, so one person's burst delays another's read by one of theirs.
   */
  async acquireFor(path: string, person?: string): Promise<void> {
    const limit = limitClassOf(path);
    if (limit === undefined) return;
    if (person === undefined) await this.bucket(limit).acquire();
    else await this.turn(limit, person);
  }

  /**
   * A turn at `limit`'s tokens in the line shared fairly between people (the PacedFairLine that
   * sign-in look-ups use too). Refused at once past the wait budget, or past `perPerson` reads
   * about the same person waiting.
   */
  private turn(limit: GraphLimitClass, person: string): Promise<void> {
    const bucket = this.bucket(limit);
    let line = this.turns.get(limit);
    if (line === undefined) {
      line = new PacedFairLine<Turn>(bucket, this.options.perPerson ?? TURNS_PER_PERSON, {
        serve: (turns) => turns.forEach((t) => t.resolve()),
        refuse: (turns, error) => turns.forEach((t) => t.reject(error)),
      });
      this.turns.set(limit, line);
    }
    const waiting = line;
    return new Promise<void>((resolve, reject) => {
      const refused = waiting.push(person.toLowerCase(), { resolve, reject });
      if (refused) reject(refusalError(limit, refused));
    });
  }
}
