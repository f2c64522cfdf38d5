/**
 * The app-wide pace: a token bucket kept as a "theoretical arrival time" (GCRA), so reservations
 * are O(1) and each caller learns exactly when its turn comes. With `burst` 1 sends are spaced
 * evenly at 1/rate; a larger burst lets that many go at once after an idle spell.
 */
export class PacedBucket {
  private tat = Number.NEGATIVE_INFINITY;
  /** Milliseconds in which turns were free and nobody took them (diagnostics). */
  unusedMs = 0;
  /** The end of the latest pause. */
  private held = Number.NEGATIVE_INFINITY;

  constructor(
    private ratePerSecond: number,
    private readonly burst = 1,
  ) {
    PacedBucket.check(ratePerSecond);
    if (!Number.isInteger(burst) || burst < 1) throw new Error(`burst must be >= 1, got ${burst}`);
  }

  get rate(): number {
    return this.ratePerSecond;
  }

  /** The earliest time the next reservation can get (diagnostics). */
  nextAt(): number {
    return this.tat - (this.burst - 1) * (1000 / this.ratePerSecond);
  }

  /**
   * Changes the pace from now on (another worker joined or left). A faster pace starts at `now`:
   * the times handed out at the slower one are given up by their holders, who reserve again
   * (DeliveryLimiter wakes them), instead of the next time staying a slow interval away.
   */
  setRate(ratePerSecond: number, now?: number): void {
    PacedBucket.check(ratePerSecond);
    const faster = ratePerSecond > this.ratePerSecond;
    this.ratePerSecond = ratePerSecond;
    if (faster && now !== undefined) this.tat = Math.max(this.held, Math.min(this.tat, now));
  }

  /** Reserves the earliest send time at or after `earliest` and returns it. */
  reserve(earliest: number): number {
    const interval = 1000 / this.ratePerSecond;
    // Time in which the pace had a turn to give and nobody asked (diagnostics).
    // Gaps over 3 s are idle spells between runs, not turns lost within one.
    const gap = earliest - this.tat;
    if (gap > 0 && gap < 3_000) this.unusedMs += gap;
    const at = Math.max(earliest, this.tat - (this.burst - 1) * interval);
    this.tat = Math.max(this.tat, at) + interval;
    return at;
  }

  /** Nothing goes before `until`: used when every worker must pause. */
  holdUntil(until: number): void {
    this.held = Math.max(this.held, until);
    this.tat = Math.max(this.tat, until);
  }

  private static check(rate: number): void {
    if (!Number.isFinite(rate) || rate <= 0) throw new Error(`rate must be > 0, got ${rate}`);
  }
}
