import { RateTracker } from './progress';

/** What the supervisor remembers between rounds about one running announcement it looks after. */
export interface Watch {
  rate: RateTracker;
  lastShownAt: number;
  lastScanAt: number;
  lastNudgeAt: number;
  lastDone: number;
  lastChangeAt: number;
  resent: Map<string, number>;
  /** The liveness generation at the last scan: a process found gone since means a new scan. */
  generation: number;
  /**
   * The running totals hold every final row: this process watched from before the first one
   * and saw no process die since. Then they reach the total exactly when every row is final,
   * and the end needs no read of the rows.
   */
  totalsComplete?: boolean;
  /** When the final report first found the running totals short of the total. */
  shortSince?: number;
}

/** A watch that starts now: nothing shown or scanned yet. */
export function newWatch(now: number, generation: number): Watch {
  return {
    rate: new RateTracker(),
    lastShownAt: 0,
    lastScanAt: 0,
    lastNudgeAt: now,
    lastDone: -1,
    lastChangeAt: now,
    resent: new Map(),
    generation,
  };
}
