import { ConflictError } from '../errors';
import type { Clock, RecordStore } from '../ports';
import { TABLES } from './tables';
import type { Liveness } from './worker-liveness';

type LeaseRow = { owner: string; until: number };

/**
 * Which process looks after a running announcement: one lease row per announcement, renewed by
 * its holder each round and taken over when it runs out, or at once when its holder is known to
 * be gone (worker-liveness.ts). A lost race for the row is a lease not held, never an error.
 */
export class AnnouncementLease {
  constructor(
    private readonly deps: { records: RecordStore; clock: Clock; liveness: Liveness },
    private readonly workerId: string,
    private readonly leaseMs: number,
  ) {}

  /** Takes or renews this process's lease on an announcement; false when another holds it. */
  async hold(id: string): Promise<boolean> {
    const key = { partition: 'lease', row: id };
    const now = this.deps.clock.now().getTime();
    const value: LeaseRow = { owner: this.workerId, until: now + this.leaseMs };
    try {
      const row = await this.deps.records.get<LeaseRow>(TABLES.control, key);
      if (!row) {
        await this.deps.records.insert(TABLES.control, key, value);
        return true;
      }
      const held = row.value.owner !== this.workerId && row.value.until > now;
      if (held && !this.deps.liveness.isGone(row.value.owner)) return false;
      await this.deps.records.replace(TABLES.control, key, value, row.etag);
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }
}
