/** Retry delays with jitter, so workers that failed together do not come back together. */

export type Random = () => number;

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  random?: Random;
}

/**
 * Delay before retry number `attempt` (1 = first retry): exponential with "equal jitter", so it
 * is at least half the exponential step and never more than `maxMs`.
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const random = options.random ?? Math.random;
  const step = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/**
 * Wait after a 429: never less than the channel's Retry-After, plus up to `spread` of it again so
 * that recipients throttled in the same second spread out. Without Retry-After, backoff.
 */
export function retryAfterDelay(
  retryAfterMs: number | undefined,
  attempt: number,
  options: BackoffOptions & { spread?: number },
): number {
  if (retryAfterMs === undefined) return backoffDelay(attempt, options);
  const random = options.random ?? Math.random;
  const spread = options.spread ?? 0.25;
  return Math.round(retryAfterMs * (1 + random() * spread));
}
