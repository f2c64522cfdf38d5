/**
 * Shared reaction to throttling: the one place that decides when every worker stops sending.
 *
 * A single 429 in a broadcast of 1:1 messages is evidence about one conversation: that recipient
 * waits its Retry-After (with jitter) and everybody else carries on. Pausing everyone on every
 * 429 would turn a few percent of stray 429s into a stall of most of the run. A burst is
 * different: when throttled answers make up a real share of the recent ones, the app-wide limit
 * is being hit, and every worker (in this process, and through the cluster record in every
 * other process) pauses for the Retry-After, jittered, doubling while bursts keep coming.
 */
import type { Random } from './backoff';

export interface GovernorOptions {
  /** How many recent outcomes the burst test looks at. */
  sampleSize?: number;
  /** A burst needs at least this many 429s among the recent outcomes... */
  burstMinThrottled?: number;
  /** ...making up at least this share of them. */
  burstShare?: number;
  /** Pause when a burst carries no Retry-After, and the least pause. */
  minPauseMs?: number;
  maxPauseMs?: number;
  /** A burst within this long of the previous one doubles the pause. */
  escalationWindowMs?: number;
  /** Extra pause on top of Retry-After, up to this share of it. */
  jitterShare?: number;
  random?: Random;
}

export type PauseListener = (until: number, cause: 'local' | 'remote') => void;

export class ThrottleGovernor {
  private readonly options: Required<GovernorOptions>;
  private recent: boolean[] = [];
  private until = 0;
  private escalation = 0;
  private lastBurstAt = Number.NEGATIVE_INFINITY;
  private readonly listeners = new Set<PauseListener>();

  constructor(options: GovernorOptions = {}) {
    this.options = {
      sampleSize: options.sampleSize ?? 40,
      burstMinThrottled: options.burstMinThrottled ?? 5,
      burstShare: options.burstShare ?? 0.25,
      minPauseMs: options.minPauseMs ?? 1_000,
      maxPauseMs: options.maxPauseMs ?? 60_000,
      escalationWindowMs: options.escalationWindowMs ?? 60_000,
      jitterShare: options.jitterShare ?? 0.25,
      random: options.random ?? Math.random,
    };
  }

  /** Epoch ms before which nobody may send (0 when not paused). */
  pausedUntil(): number {
    return this.until;
  }

  onPause(listener: PauseListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  recordSuccess(): void {
    this.push(false);
  }

  /**
   * Records a 429 at `now`. Returns the new pause end when this 429 made every worker pause,
   * undefined when only the throttled recipient should wait.
   */
  recordThrottled(now: number, retryAfterMs?: number): number | undefined {
    const wait = Math.max(this.options.minPauseMs, retryAfterMs ?? 0);
    if (now < this.until) {
      // Sent before the pause began, answered during it: honour its Retry-After, no escalation.
      if (now + wait > this.until) this.setPause(now + wait, 'local');
      return undefined;
    }
    this.push(true);
    const throttled = this.recent.filter(Boolean).length;
    const isBurst =
      throttled >= this.options.burstMinThrottled &&
      throttled / this.recent.length >= this.options.burstShare;
    if (!isBurst) return undefined;
    this.escalation =
      now - this.lastBurstAt <= this.options.escalationWindowMs ? this.escalation + 1 : 0;
    this.lastBurstAt = now;
    this.recent = [];
    const base = Math.min(this.options.maxPauseMs, wait * 2 ** this.escalation);
    const jittered = Math.min(
      this.options.maxPauseMs,
      base * (1 + this.options.random() * this.options.jitterShare),
    );
    const until = Math.round(now + Math.max(wait, jittered));
    this.setPause(until, 'local');
    return until;
  }

  /** Adopts a pause another process announced. */
  adoptPause(until: number): void {
    if (until > this.until) this.setPause(until, 'remote');
  }

  private setPause(until: number, cause: 'local' | 'remote'): void {
    this.until = until;
    for (const listener of this.listeners) listener(until, cause);
  }

  private push(throttled: boolean): void {
    this.recent.push(throttled);
    if (this.recent.length > this.options.sampleSize) this.recent.shift();
  }
}
