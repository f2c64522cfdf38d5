import type { Clock } from '../ports';
import { systemClock } from '../ports';

interface Entry<V> {
  value: V;
  expiresAt: number;
}

/**
 * A small TTL cache that also coalesces concurrent look-ups of the same key: while one read is
 * in flight, later callers share its promise instead of sending the same request again. Failed
 * reads are not cached. Bounded by `maxEntries` (oldest entry evicted first).
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly inFlight = new Map<string, Promise<V>>();

  constructor(
    private readonly ttlMs: number,
    private readonly clock: Clock = systemClock,
    private readonly maxEntries = 5000,
  ) {}

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const now = this.clock.now().getTime();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) return hit.value;
    if (hit) this.entries.delete(key);
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const promise = load().then(
      (value) => {
        this.inFlight.delete(key);
        this.set(key, value);
        return value;
      },
      (error: unknown) => {
        this.inFlight.delete(key);
        throw error;
      },
    );
    this.inFlight.set(key, promise);
    return promise;
  }

  set(key: string, value: V): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, expiresAt: this.clock.now().getTime() + this.ttlMs });
  }

  invalidate(key: string): void {
    this.entries.delete(key);
  }
}
