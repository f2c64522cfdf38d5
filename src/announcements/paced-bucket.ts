/**
 * The app-wide pace: a token bucket kept as a "theoretical arrival time" (GCRA), so reservations
 * are O(1) and each caller learns exactly when its turn comes. With `burst` 1 sends are spaced
 * evenly at 1/rate; a larger burst lets that many go at once after an idle spell.
 */
export class PacedBucket {
  private tat = Number.NEGATIVE_INFINITY;

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

  /** Changes the pace from now on (another worker joined or left). */
  setRate(ratePerSecond: number): void {
    PacedBucket.check(ratePerSecond);
    this.ratePerSecond = ratePerSecond;
  }

  /** Reserves the earliest send time at or after `earliest` and returns it. */
  reserve(earliest: number): number {
    const interval = 1000 / this.ratePerSecond;
    const at = Math.max(earliest, this.tat - (this.burst - 1) * interval);
    this.tat = Math.max(this.tat, at) + interval;
    return at;
  }

  /** Nothing goes before `until`: used when every worker must pause. */
  holdUntil(until: number): void {
    this.tat = Math.max(this.tat, until);
  }

  private static check(rate: number): void {
    if (!Number.isFinite(rate) || rate <= 0) throw new Error(`rate must be > 0, got ${rate}`);
  }
}
