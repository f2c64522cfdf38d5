/**
 * Per-conversation sliding windows: Teams limits what one bot may send into one thread (a 1:1
 * chat, a group chat or a channel) over several windows at once. A reservation is the earliest
 * moment at which one more send keeps every window within its limit; reservations for a key are
 * handed out in order and recorded at once, so concurrent callers never overbook a thread.
 */

export interface WindowLimit {
  limit: number;
  windowMs: number;
}

/** Send (and create) conversation, per bot per thread. */
export const TEAMS_CONVERSATION_LIMITS: readonly WindowLimit[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
];

const SWEEP_EVERY = 1_000;

export class ConversationWindows {
  /** Reserved send times per key, ascending, trimmed to the longest window. */
  private readonly times = new Map<string, number[]>();
  private readonly blocked = new Map<string, number>();
  private readonly longestMs: number;
  private calls = 0;

  constructor(private readonly limits: readonly WindowLimit[] = TEAMS_CONVERSATION_LIMITS) {
    if (limits.some((l) => l.limit < 1 || l.windowMs <= 0)) {
      throw new Error('window limits must be at least 1 per positive window');
    }
    this.longestMs = Math.max(0, ...limits.map((l) => l.windowMs));
  }

  /** Earliest time at or after `earliest` that keeps `key` within every window (not recorded). */
  peek(key: string, earliest: number): number {
    const times = this.times.get(key) ?? [];
    let at = Math.max(earliest, this.blocked.get(key) ?? 0, times[times.length - 1] ?? 0);
    for (let changed = true; changed;) {
      changed = false;
      for (const { limit, windowMs } of this.limits) {
        // Sends inside (at - windowMs, at]; all recorded times are <= at.
        let inWindow = 0;
        for (let i = times.length - 1; i >= 0 && times[i] > at - windowMs; i -= 1) inWindow += 1;
        if (inWindow >= limit) {
          // The window has room once the limit-th most recent send falls out of it.
          at = times[times.length - limit] + windowMs;
          changed = true;
        }
      }
    }
    return at;
  }

  /** Records a send for `key` at `at` (at or after the key's last record). */
  record(key: string, at: number): void {
    let times = this.times.get(key);
    if (!times) {
      times = [];
      this.times.set(key, times);
    }
    times.push(at);
    const horizon = at - this.longestMs;
    let drop = 0;
    while (drop < times.length && times[drop] <= horizon) drop += 1;
    if (drop > 0) times.splice(0, drop);
    this.calls += 1;
    if (this.calls % SWEEP_EVERY === 0) this.sweep(at);
  }

  /** Forgets a recorded send of `key` that will not happen. */
  forget(key: string, at: number): void {
    const times = this.times.get(key);
    const index = times ? times.lastIndexOf(at) : -1;
    if (times && index >= 0) times.splice(index, 1);
  }

  /** Keeps `key` quiet until `until` (the channel said Retry-After for this thread). */
  block(key: string, until: number): void {
    this.blocked.set(key, Math.max(until, this.blocked.get(key) ?? 0));
  }

  /** Number of conversations tracked; for tests of the sweep. */
  get size(): number {
    return this.times.size;
  }

  /** Forgets conversations with nothing inside the longest window, so memory stays bounded. */
  private sweep(now: number): void {
    for (const [key, times] of this.times) {
      if ((times[times.length - 1] ?? 0) <= now - this.longestMs) this.times.delete(key);
    }
    for (const [key, until] of this.blocked) if (until <= now) this.blocked.delete(key);
  }
}
