/**
 * The app's sliding second as this process counts it (DeliveryLimiter): the requests counted in
 * the last second and its margin, oldest first, and those counted as they left (`admit`) that
 * have no answer yet. An unanswered request counts whatever its age; once answered it counts for
 * a second from its answer: the channel counted it somewhere between the two (see
 * DeliveryLimiter.admit).
 */

/** Longest a request counted as it left waits for its answer here. */
const UNANSWERED_MS = 60_000;
/** How soon a check held up by unanswered requests alone looks again. */
const UNANSWERED_POLL_MS = 10;

export class SlidingSecond {
  private readonly counted: number[] = [];
  private readonly unanswered: number[] = [];

  constructor(readonly spanMs: number) {}

  /** Requests in the second at `now`. */
  size(now: number): number {
    while (this.counted.length > 0 && this.counted[0] <= now - this.spanMs) this.counted.shift();
    // A request never answered (a caller that did not report it) stops counting after this.
    while (this.unanswered.length > 0 && this.unanswered[0] <= now - UNANSWERED_MS) {
      this.unanswered.shift();
    }
    return this.counted.length + this.unanswered.length;
  }

  /** Milliseconds until one more request fits under `limit` (0: it fits now). */
  waitMs(limit: number, now: number): number {
    const size = this.size(now);
    if (size < limit) return 0;
    // Unanswered requests leave only by their answer: while they alone fill it, look again soon.
    const leaving = this.counted[size - limit];
    return leaving === undefined ? UNANSWERED_POLL_MS : leaving + this.spanMs - now + 1;
  }

  /** Counts a request at `at` (not after anything counted), until its answer if told so. */
  add(at: number, untilAnswered = false): void {
    (untilAnswered ? this.unanswered : this.counted).push(at);
  }

  /** The request counted at `at` until its answer was answered at `now`: from now on, in order. */
  answered(at: number, now: number): void {
    const index = this.unanswered.indexOf(at);
    if (index >= 0) this.unanswered.splice(index, 1);
    const from = Math.max(at, now);
    let place = this.counted.length;
    while (place > 0 && this.counted[place - 1] > from) place -= 1;
    this.counted.splice(place, 0, from);
  }

  /** Requests made elsewhere (a dead peer's last second), at their times. */
  addForeign(times: readonly number[]): void {
    this.counted.push(...times);
    this.counted.sort((a, b) => a - b);
  }

  /** The requests in the second before `now`, as milliseconds before it. */
  recent(now: number): number[] {
    return [...this.counted, ...this.unanswered]
      .filter((t) => t > now - this.spanMs && t <= now)
      .map((t) => now - t);
  }
}
