/**
 * Running totals of what this worker process finished, per announcement, flushed to storage now
 * and then. Each worker only counts transitions it won with a compare-and-set, so the sum over
 * workers never counts a recipient twice; it can fall short by what a killed worker had not yet
 * flushed, which is why completion is confirmed from the rows after a worker died.
 */
import { systemClock, type Clock } from '../ports';
import type { AnnouncementStore } from './announcement-store';
import { emptyCounts, type RecipientStatus, type StatusCounts } from './types';

export class WorkerCounters {
  private readonly totals = new Map<string, { counts: StatusCounts; inDoubt: number }>();
  private readonly dirty = new Set<string>();
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: AnnouncementStore,
    private readonly workerId: string,
    private readonly clock: Clock = systemClock,
  ) {}

  add(announcementId: string, status: RecipientStatus, inDoubt = false): void {
    let entry = this.totals.get(announcementId);
    if (!entry) {
      entry = { counts: emptyCounts(), inDoubt: 0 };
      this.totals.set(announcementId, entry);
    }
    entry.counts[status] += 1;
    if (inDoubt) entry.inDoubt += 1;
    this.dirty.add(announcementId);
  }

  /**
   * Writes every changed total; a failed write stays dirty for the next flush. Flushes run one
   * after another, so an older total never lands after a newer one.
   */
  flush(): Promise<void> {
    const run = this.flushing.catch(() => undefined).then(() => this.write());
    this.flushing = run;
    return run;
  }

  private async write(): Promise<void> {
    const at = this.clock.now().toISOString();
    for (const id of [...this.dirty]) {
      const entry = this.totals.get(id);
      if (!entry) continue;
      this.dirty.delete(id);
      try {
        await this.store.writeCounter(id, this.workerId, { ...entry.counts }, entry.inDoubt, at);
      } catch (error) {
        this.dirty.add(id);
        throw error;
      }
    }
  }
}
