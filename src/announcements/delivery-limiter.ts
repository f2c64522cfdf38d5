/**
 * Gate in front of every call to the channel: waits out a shared pause, then the conversation's
 * windows, then the app-wide pace. Progress-card updates and helpdesk notices go through the
 * same gate as the broadcast, because Teams counts them against the same limits.
 */
import { ConversationWindows, type WindowLimit } from './conversation-windows';
import { PacedBucket } from './paced-bucket';
import { SlidingSecond } from './sliding-second';
import { sleep, StoppedError } from './stopping';

export { sleep, StoppedError } from './stopping';
import { ThrottleGovernor } from './throttle-governor';

/** Teams allows 50 requests per second per app per tenant; older documents say 30. */
export const DEFAULT_RATE_PER_SECOND = 30;
export const MAX_RATE_PER_SECOND = 50;
/**
 * A little more than the window margin (10 ms a second): the pace alone then spaces requests a
 * little wider than the sliding second allows, so the check at send time binds only when
 * requests bunch and its queue drains at once; an armed request (the `hold` policy) rarely
 * waits there. With the same rate on both sides, requests that bunched once queued there for
 * good (200 ms a request in the benchmark), and each was in doubt for that long.
 */
export const DEFAULT_HEADROOM = 0.015;
/** Teams counts the app rate per second; grants are kept this much further apart than that. */
export const DEFAULT_WINDOW_MARGIN_MS = 10;

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
  /**
   * The sliding-second check is made by the transport, through `admit`, at the moment each
   * request leaves, rather than at the end of `acquire`. What runs between the two (the `armed`
   * write, building the request) takes a few to a few hundred milliseconds that vary from send to
   * send; checked before them, the second the channel counts is not the one the limiter counted.
   */
  admitAtSend?: boolean;
  burst?: number;
  conversationLimits?: readonly WindowLimit[];
  governor?: ThrottleGovernor;
  now?: () => number;
}

export class DeliveryLimiter {
  readonly governor: ThrottleGovernor;
  private readonly bucket: PacedBucket;
  private readonly windows: ConversationWindows;
  private readonly now: () => number;
  private readonly headroom: number;
  private readonly slidingWindow: boolean;
  private readonly admitAtSend: boolean;
  /** The requests of the last second (and its margin), as this process counts them. */
  private readonly second: SlidingSecond;
  /** Requests the sliding-second check held back (diagnostics). */
  private admitWaits = 0;
  /** Callers waiting for their slot, woken when the pace gets faster. */
  private sleepers: (() => void)[] = [];
  private configuredRate: number;
  private readonly countListeners: ((at: number) => void)[] = [];

  constructor(options: DeliveryLimiterOptions = {}) {
    const rate = options.ratePerSecond ?? DEFAULT_RATE_PER_SECOND;
    this.headroom = options.headroom ?? DEFAULT_HEADROOM;
    if (!(this.headroom >= 0 && this.headroom < 0.5)) {
      throw new Error(`headroom must be from 0 to 0.5, got ${this.headroom}`);
    }
    this.configuredRate = rate;
    this.second = new SlidingSecond(1000 + (options.windowMarginMs ?? DEFAULT_WINDOW_MARGIN_MS));
    this.slidingWindow = options.slidingWindow ?? true;
    this.admitAtSend = options.admitAtSend ?? false;
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

  /** The pace's state (diagnostics). */
  snapshot(): Record<string, number> {
    const now = this.now();
    return {
      rate: this.configuredRate,
      pausedForMs: Math.max(0, this.governor.pausedUntil() - now),
      nextSlotInMs: Math.round(this.bucket.nextAt() - now),
      grantsInWindow: this.second.size(now),
      paceUnusedMs: Math.round(this.bucket.unusedMs),
      admitWaits: this.admitWaits,
    };
  }

  /**
   * The requests counted in the sliding second before `now`, as milliseconds before it (for the
   * heartbeat row, so whoever takes this process's share after its death knows them).
   */
  recentSends(now = this.now()): number[] {
    return this.second.recent(now);
  }

  /** The sliding second this limiter counts, in milliseconds (a second and its margin). */
  get windowSpanMs(): number {
    return this.second.spanMs;
  }

  /** Called with each request's time as the sliding second counts it (send-log.ts). */
  onCount(listener: (at: number) => void): void {
    this.countListeners.push(listener);
  }

  /**
   * Counts requests another process made (a dead peer's last second, ended-sends.ts) in this
   * process's sliding second, so that its own requests and those never add up to more than the
   * rate in any second.
   */
  countForeign(times: readonly number[]): void {
    if (times.length > 0) this.second.addForeign(times);
  }

  /** 0 holds every caller until a rate above 0 is set (a process whose share is not yet free). */
  setRate(ratePerSecond: number): void {
    const faster = ratePerSecond > this.configuredRate;
    this.configuredRate = Math.max(0, ratePerSecond);
    if (this.configuredRate > 0) {
      this.bucket.setRate(this.configuredRate * (1 - this.headroom), this.now());
    }
    // Callers waiting for a time handed out at the slower pace take a new one at the faster.
    if (faster) for (const wake of this.sleepers.splice(0)) wake();
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
      if (this.configuredRate <= 0) {
        await this.slotWait(1_000, signal);
        continue;
      }
      const now = this.now();
      const turn = this.windows.peek(key, Math.max(now, this.governor.pausedUntil()));
      if (turn > now) {
        await sleep(turn - now, signal);
        continue;
      }
      const slot = this.bucket.reserve(now);
      this.windows.record(key, slot);
      if (slot > now) {
        let woken = false;
        try {
          woken = await this.slotWait(slot - now, signal);
        } catch (error) {
          this.windows.forget(key, slot);
          throw error;
        }
        if (woken) {
          // The pace got faster: this slow slot is given up for a new one.
          this.windows.forget(key, slot);
          continue;
        }
      }
      // A pause that began while this caller waited for its slot applies to it too.
      if (this.governor.pausedUntil() <= this.now()) {
        if (!this.admitAtSend) await this.windowRoom(signal);
        if (this.governor.pausedUntil() <= this.now()) return;
      }
      this.windows.forget(key, slot);
    }
  }

  /** Sleeps until a slot; true when cut short because the pace got faster. */
  private slotWait(ms: number, signal?: AbortSignal): Promise<boolean> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(new StoppedError());
        return;
      }
      const done = (outcome: boolean | StoppedError): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const at = this.sleepers.indexOf(wake);
        if (at >= 0) this.sleepers.splice(at, 1);
        if (outcome instanceof StoppedError) reject(outcome);
        else resolve(outcome);
      };
      const onAbort = (): void => done(new StoppedError());
      const wake = (): void => done(true);
      const timer = setTimeout(() => done(false), ms);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.sleepers.push(wake);
    });
  }

  /**
   * The last step before a request leaves (with `admitAtSend`; the transport calls it): waits
   * until one more request fits the app's sliding second and counts this one in it. Without
   * `admitAtSend` it returns at once (`acquire` made the check). Resolves with a function the
   * transport calls at the answer: the request counts until then, and then for a second from when
   * it most likely left (its answer less the typical round trip, never before its check; see
   * SlidingSecond). The channel counts it in between; a stall of this process after the check (a
   * module loading) would otherwise bring requests to the channel closer together than counted,
   * and a second later let in more than it allows (measured: app-rate 429s after a restart's
   * first sends); counting every request from its answer would instead cost the rate the
   * channel's whole answer time (0.84 of the allowed rate with answers 150 ms after counting).
   */
  async admit(signal?: AbortSignal): Promise<() => void> {
    if (!this.admitAtSend) return NOTHING;
    const at = await this.windowRoom(signal, true, true);
    let moved = false;
    return () => {
      if (!moved) this.second.answered(at, this.now());
      moved = true;
    };
  }

  /**
   * With `admitAtSend`: waits until the sliding second has room for one more request, counting
   * nothing (`admit` counts it as it leaves). A caller that must write something between its
   * turn and its request (the `armed` mark) waits here first, so it is not kept waiting at the
   * send-time check once written: the second can fill up while the rate is lowered, and a
   * request armed and waiting is in doubt for as long as it waits.
   */
  async room(signal?: AbortSignal): Promise<void> {
    if (this.admitAtSend) await this.windowRoom(signal, false);
  }

  /**
   * Waits until one more grant fits the app's sliding second, and records it in the same turn of
   * the event loop as the check, so two callers cannot both take the last room.
   */
  private async windowRoom(
    signal?: AbortSignal,
    count = true,
    untilAnswered = false,
  ): Promise<number> {
    if (!this.slidingWindow) return this.now();
    for (;;) {
      const limit = Math.max(1, Math.floor(this.configuredRate + 1e-9));
      const now = this.now();
      // Unanswered requests count at any age: the room `room` saw before an armed write holds.
      const waitMs = this.second.waitMs(limit, now);
      if (waitMs === 0) {
        if (count) {
          this.second.add(now, untilAnswered);
          for (const listener of this.countListeners) listener(now);
        }
        return now;
      }
      this.admitWaits += 1;
      // Cut short when the rate rises (the limit with it): the check is made again.
      await this.slotWait(waitMs, signal);
    }
  }
}

const NOTHING = (): void => undefined;
