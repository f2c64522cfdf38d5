/**
 * Token buckets keyed by who is asking. Each key holds up to `capacity` tokens and regains
 * `capacity` of them per `windowMs`, continuously; `take` spends one or says how long until one is
 * back. Pure: time comes from the injected clock, so tests need no waiting.
 *
 * Memory is bounded: at most `maxKeys` buckets are kept, least recently used dropped first. A
 * dropped bucket comes back full, which only ever favours the person, never an attacker spraying
 * ids (each new id is one more bucket of the same size, and tenant buckets cap them together).
 */
export interface TakeResult {
  allowed: boolean;
  /** When refused: milliseconds until one token is back. */
  retryAfterMs: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly capacity: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 50_000,
  ) {
    if (!(capacity >= 1) || !(windowMs > 0)) {
      throw new RangeError(`expected capacity >= 1 and windowMs > 0, got ${capacity}, ${windowMs}`);
    }
  }

  /** Tokens `key` holds now (for tests and figures). */
  peek(key: string): number {
    return this.refill(key).tokens;
  }

  /** Spends one token of `key` if it has one. */
  take(key: string): TakeResult {
    const bucket = this.refill(key);
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, retryAfterMs: 0 };
    }
    const perMs = this.capacity / this.windowMs;
    return { allowed: false, retryAfterMs: Math.ceil((1 - bucket.tokens) / perMs) };
  }

  /** Gives back a token taken for work that was then not done (another limit refused it). */
  refund(key: string): void {
    const bucket = this.buckets.get(key);
    if (bucket) bucket.tokens = Math.min(this.capacity, bucket.tokens + 1);
  }

  private refill(key: string): Bucket {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    // A clock that steps back (faketime, NTP) never adds or removes tokens.
    const elapsed = Math.max(0, now - bucket.at);
    bucket.tokens = Math.min(
      this.capacity,
      bucket.tokens + (elapsed * this.capacity) / this.windowMs,
    );
    bucket.at = now;
    return bucket;
  }
}
