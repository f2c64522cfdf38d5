/**
 * Gate in front of every call to the channel: waits out a shared pause, then the conversation's
 * windows, then the app-wide pace. Progress-card updates and helpdesk notices go through the
 * same gate as the broadcast, because Teams counts them against the same limits.
 */
import { ConversationWindows, type WindowLimit } from './conversation-windows';
import { PacedBucket } from './paced-bucket';
import { ThrottleGovernor } from './throttle-governor';

/** Teams allows 50 requests per second per app per tenant; older documents say 30. */
export const DEFAULT_RATE_PER_SECOND = 30;
export const MAX_RATE_PER_SECOND = 50;
export const DEFAULT_HEADROOM = 0.005;
/** Teams counts the app rate per second; grants are kept this much further apart than that. */
export const DEFAULT_WINDOW_MARGIN_MS = 5;

export interface DeliveryLimiterOptions {
  /** This process's share of the app-wide rate (the cluster divides the total). */
  ratePerSecond?: number;
  /**
   * Share of the rate left unused by the pace. Requests leave a few milliseconds off their slot
   * (timers, the event loop), so the pace alone could put one request too many into some second;
   * the window check below prevents that, and this small headroom keeps it from binding often.
   */
  headroom?: number;
  /**
   * The app limit is counted in a sliding second. Besides the even pace, no grant is given while
   * `floor(rate)` grants already fall within the last second plus this margin (which absorbs
   * differences in the requests' time on the wire).
   */
  windowMarginMs?: number;
  /** Whether to apply the sliding-second check at all (the pace alone otherwise). */
  slidingWindow?: boolean;
  burst?: number;
  conversationLimits?: readonly WindowLimit[];
  governor?: ThrottleGovernor;
  now?: () => number;
}

export class StoppedError extends Error {
  constructor() {
    super('stopped');
    this.name = 'StoppedError';
  }
}

export class DeliveryLimiter {
  readonly governor: ThrottleGovernor;
  private readonly bucket: PacedBucket;
  private readonly windows: ConversationWindows;
  private readonly now: () => number;
  private readonly headroom: number;
  private readonly windowMs: number;
  private readonly slidingWindow: boolean;
  /** Grant times within the last window, oldest first. */
  private readonly grants: number[] = [];
  private configuredRate: number;

  constructor(options: DeliveryLimiterOptions = {}) {
    const rate = options.ratePerSecond ?? DEFAULT_RATE_PER_SECOND;
    this.headroom = options.headroom ?? DEFAULT_HEADROOM;
    if (!(this.headroom >= 0 && this.headroom < 0.5)) {
      throw new Error(`headroom must be from 0 to 0.5, got ${this.headroom}`);
    }
    this.configuredRate = rate;
    this.windowMs = 1000 + (options.windowMarginMs ?? DEFAULT_WINDOW_MARGIN_MS);
    this.slidingWindow = options.slidingWindow ?? true;
    this.bucket = new PacedBucket(rate * (1 - this.headroom), options.burst ?? 1);
    this.windows = new ConversationWindows(options.conversationLimits);
    this.governor = options.governor ?? new ThrottleGovernor();
    this.now = options.now ?? Date.now;
    // A shared pause also pushes the pace back, so that callers queued behind it resume at the
    // steady rate instead of all at once.
    this.governor.onPause((until) => this.bucket.holdUntil(until));
  }

  /** The rate this process may use (before headroom). */
  get rate(): number {
    return this.configuredRate;
  }

  setRate(ratePerSecond: number): void {
    this.configuredRate = ratePerSecond;
    this.bucket.setRate(ratePerSecond * (1 - this.headroom));
  }

  /** Keeps one conversation quiet until `until` (its own Retry-After). */
  blockConversation(key: string, until: number): void {
    this.windows.block(key, until);
  }

  /**
   * Resolves when the caller may make one request to `key`. Rejects with StoppedError when
   * `signal` aborts first.
   *
   * The caller first sleeps (holding nothing) until the conversation's windows have room and no
   * pause is on; only then does it take a slot of the app-wide pace, at the current time, and
   * record that slot against the conversation. So a thread that must wait seconds (its own
   * Retry-After, the 30 s window of a busy chat) never holds a slot everybody else queues
   * behind, and slots recorded per thread are the real send times.
   */
  async acquire(key: string, signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw new StoppedError();
      const now = this.now();
      const turn = this.windows.peek(key, Math.max(now, this.governor.pausedUntil()));
      if (turn > now) {
        await sleep(turn - now, signal);
        continue;
      }
      const slot = this.bucket.reserve(now);
      this.windows.record(key, slot);
      if (slot > now) {
        try {
          await sleep(slot - now, signal);
        } catch (error) {
          this.windows.forget(key, slot);
          throw error;
        }
      }
      // A pause that began while this caller waited for its slot applies to it too.
      if (this.governor.pausedUntil() <= this.now()) {
        await this.windowRoom(signal);
        if (this.governor.pausedUntil() <= this.now()) return;
      }
      this.windows.forget(key, slot);
    }
  }

  /**
   * Waits until one more grant fits the app's sliding second, and records it in the same turn of
   * the event loop as the check, so two callers cannot both take the last room.
   */
  private async windowRoom(signal?: AbortSignal): Promise<void> {
    if (!this.slidingWindow) return;
    const limit = Math.max(1, Math.floor(this.configuredRate + 1e-9));
    for (;;) {
      const now = this.now();
      while (this.grants.length > 0 && this.grants[0] <= now - this.windowMs) this.grants.shift();
      if (this.grants.length < limit) {
        this.grants.push(now);
        return;
      }
      await sleep(this.grants[this.grants.length - limit] + this.windowMs - now + 1, signal);
    }
  }
}

/** setTimeout as a promise, cut short (rejecting) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new StoppedError());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new StoppedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
