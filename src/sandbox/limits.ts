import type { LimitClass } from './route';

interface LimitRule {
  max: number;
  windowMs: number;
  /** Identity Protection and CA throttling answers 429 without Retry-After (documented). */
  sendsRetryAfter: boolean;
}

/**
 * Documented Graph limits for the one app and tenant the sandbox serves:
 * sign-in reports 5 requests / 10 s per app per tenant; Identity Protection and Conditional
 * Access 1 request / s per tenant; `signInActivity` reads 10 / minute.
 */
export const LIMIT_RULES: Readonly<Record<LimitClass, LimitRule>> = {
  reports: { max: 5, windowMs: 10_000, sendsRetryAfter: true },
  identityProtection: { max: 1, windowMs: 1_000, sendsRetryAfter: false },
  signInActivity: { max: 10, windowMs: 60_000, sendsRetryAfter: true },
};

export type LimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds?: number };

/** Sliding-window counters on the injected clock; a rejected request does not use up quota. */
export class RateLimiter {
  private readonly hits = new Map<LimitClass, number[]>();

  constructor(private readonly clock: () => Date) {}

  take(limit: LimitClass): LimitDecision {
    const rule = LIMIT_RULES[limit];
    const now = this.clock().getTime();
    const recent = (this.hits.get(limit) ?? []).filter((t) => t > now - rule.windowMs);
    if (recent.length >= rule.max) {
      this.hits.set(limit, recent);
      if (!rule.sendsRetryAfter) return { allowed: false };
      const wait = Math.max(1, Math.ceil((recent[0] + rule.windowMs - now) / 1000));
      return { allowed: false, retryAfterSeconds: wait };
    }
    recent.push(now);
    this.hits.set(limit, recent);
    return { allowed: true };
  }

  clear(): void {
    this.hits.clear();
  }
}
