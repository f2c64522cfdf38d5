/**
 * Progress numbers for the author's card: counts, remaining, rate over a sliding window and the
 * time left at that rate.
 */
import type { ProgressView } from './ports';
import type { StatusCounts } from './types';

const RATE_WINDOW_MS = 30_000;

export function finishedCount(counts: StatusCounts): number {
  return counts.sent + counts.failed + counts.unreachable + counts.cancelled;
}

/** Remembers (time, finished) samples to tell the recent rate. */
export class RateTracker {
  private samples: { at: number; done: number }[] = [];

  constructor(private readonly windowMs = RATE_WINDOW_MS) {}

  add(at: number, done: number): void {
    this.samples.push({ at, done });
    while (this.samples.length > 2 && this.samples[0].at < at - this.windowMs) this.samples.shift();
  }

  /** Finished per second between the oldest kept sample and the newest. */
  rate(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.at <= first.at) return 0;
    return Math.max(0, (last.done - first.done) / ((last.at - first.at) / 1000));
  }
}

export function progressView(input: {
  counts: StatusCounts;
  total?: number;
  inDoubt: number;
  ratePerSecond: number;
  startedAt: string;
  finished: boolean;
}): ProgressView {
  const done = finishedCount(input.counts);
  const remaining = input.total === undefined ? undefined : Math.max(0, input.total - done);
  const etaSeconds =
    remaining !== undefined && input.ratePerSecond > 0 && !input.finished
      ? Math.ceil(remaining / input.ratePerSecond)
      : undefined;
  return {
    counts: input.counts,
    total: input.total,
    remaining,
    ratePerSecond: Math.round(input.ratePerSecond * 10) / 10,
    etaSeconds,
    inDoubt: input.inDoubt,
    startedAt: input.startedAt,
    finished: input.finished,
  };
}
