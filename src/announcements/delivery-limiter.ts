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
export const DEFAULT_HEADROOM = 0.02;

export interface DeliveryLimiterOptions {
  /** This process's share of the app-wide rate (the cluster divides the total). */
  ratePerSecond?: number;
  /**
   * Share of the rate left unused. Requests leave a few milliseconds off their slot (timers,
   * the event loop, the network), and against a limit counted per second a window that is
   * exactly full overflows on any such wobble; a little headroom absorbs it.
   */
  headroom?: number;
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
  private configuredRate: number;

  constructor(options: DeliveryLimiterOptions = {}) {
    const rate = options.ratePerSecond ?? DEFAULT_RATE_PER_SECOND;
    this.headroom = options.headroom ?? DEFAULT_HEADROOM;
    if (!(this.headroom >= 0 && this.headroom < 0.5)) {
      throw new Error(`headroom must be from 0 to 0.5, got ${this.headroom}`);
    }
    this.configuredRate = rate;
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
      if (this.governor.pausedUntil() <= this.now()) return;
      this.windows.forget(key, slot);
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
