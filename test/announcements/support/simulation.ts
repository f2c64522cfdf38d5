/**
 * Helpers of the seeded simulations of several senders sharing the app rate (ended-sends,
 * share-handover, rate-share tests): a repeatable random source and the channel's own count.
 */

/** A repeatable source of numbers in [0, 1) (a linear congruential generator). */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The most requests in any second of the channel's count (a sliding window of 1000 ms). */
export function peakPerSecond(times: readonly number[]): { peak: number; at: number } {
  const sorted = [...times].sort((a, b) => a - b);
  let best = { peak: 0, at: 0 };
  let from = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    while (sorted[i] - sorted[from] >= 1000) from += 1;
    if (i - from + 1 > best.peak) best = { peak: i - from + 1, at: sorted[i] };
  }
  return best;
}
