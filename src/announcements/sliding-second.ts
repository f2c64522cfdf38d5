/**
 * The app's sliding second as this process counts it (DeliveryLimiter): the requests counted in
 * the last second and its margin, oldest first, and those counted as they left (`admit`) that
 * have no answer yet. An unanswered request counts whatever its age; once answered it counts for
 * a second from when it most likely left: the channel counted it somewhere between its check and
 * its answer (see DeliveryLimiter.admit).
 *
 * When it left: its answer less this process's typical round trip (the median of the last
 * `TRIPS_KEPT`), and never before its check. A request that left at its check and took a typical
 * time to be answered counts from its check, so a channel that takes 150 ms to answer does not
 * cost 15 % of the rate; one held up in this process after its check (a stall: a module loading,
 * a full collection) comes back that much later than is typical, and counts from about when it
 * really left, so requests bunched by the stall do not free the next second early.
 *
 * A process just started stalls most (its first request loads modules), and every lane's first
 * request stalls alike, so their round trips say nothing of the channel: the first `WARM_UP`
 * answers are not kept as round trips, and until `TRIPS_NEEDED` are kept a request counts from
 * its answer.
 */

/** Longest a request counted as it left waits for its answer here. */
const UNANSWERED_MS = 60_000;
/** How soon a check held up by unanswered requests alone looks again. */
const UNANSWERED_POLL_MS = 10;
/** Round trips (check to answer) remembered for the typical one. */
const TRIPS_KEPT = 31;
/** Round trips known before a request counts from less than its answer. */
const TRIPS_NEEDED = 8;
/** The first answers of a process, whose round trips are not kept (see above). */
const WARM_UP = 50;

export class SlidingSecond {
  private readonly counted: number[] = [];
  private readonly unanswered: number[] = [];
  /** The last round trips, oldest first. */
  private readonly trips: number[] = [];
  private answers = 0;

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

  /**
   * The request counted at `at` until its answer was answered at `now`: from when it most likely
   * left on, in order.
   */
  answered(at: number, now: number): void {
    const index = this.unanswered.indexOf(at);
    if (index >= 0) this.unanswered.splice(index, 1);
    const typical = this.typicalTripMs();
    this.answers += 1;
    if (this.answers > WARM_UP) this.trips.push(Math.max(0, now - at));
    if (this.trips.length > TRIPS_KEPT) this.trips.shift();
    const from = typical === undefined ? Math.max(at, now) : Math.max(at, now - typical);
    let place = this.counted.length;
    while (place > 0 && this.counted[place - 1] > from) place -= 1;
    this.counted.splice(place, 0, from);
  }

  /** The median of the last round trips; undefined while too few are known. */
  typicalTripMs(): number | undefined {
    if (this.trips.length < TRIPS_NEEDED) return undefined;
    const sorted = [...this.trips].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
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
