import { ConflictError } from '../errors';
import type { RecordStore } from '../ports';
import type { PostureReport } from './types';

/**
 * The durable record of scheduled posture runs: when the last one started and what it found.
 * Starting a run is a compare-and-set on this record, so two instances (or a restart in the
 * middle of an interval) never run and post the same check twice.
 */

export const POSTURE_TABLE = 'PostureResults';
const KEY = { partition: 'posture', row: 'scheduled' };

interface StoredRun extends Record<string, unknown> {
  /** When the latest run was claimed. */
  startedAt: string;
  /** The last completed report, JSON; absent before the first run completes. */
  report?: string;
}

export interface ClaimedRun {
  /** The report of the previous completed run, to diff against. */
  previous?: PostureReport;
  etag: string;
}

export class PostureResultStore {
  constructor(
    private readonly records: RecordStore,
    private readonly table = POSTURE_TABLE,
  ) {}

  /** The last completed report, if any. */
  async latest(): Promise<PostureReport | undefined> {
    const stored = await this.records.get<StoredRun>(this.table, KEY);
    return parse(stored?.value.report);
  }

  /**
   * Claims the run that is due at `now` (the last one started at least `everyMs` ago, or none
   * ever did). Undefined when it is not due or another instance claimed it first.
   */
  async claim(now: Date, everyMs: number): Promise<ClaimedRun | undefined> {
    const stored = await this.records.get<StoredRun>(this.table, KEY);
    try {
      if (!stored) {
        const inserted = await this.records.insert<StoredRun>(this.table, KEY, {
          startedAt: now.toISOString(),
        });
        return { etag: inserted.etag };
      }
      if (now.getTime() - Date.parse(stored.value.startedAt) < everyMs) return undefined;
      const claimed = await this.records.replace<StoredRun>(
        this.table,
        KEY,
        { ...stored.value, startedAt: now.toISOString() },
        stored.etag,
      );
      const previous = parse(stored.value.report);
      return previous ? { previous, etag: claimed.etag } : { etag: claimed.etag };
    } catch (error) {
      if (error instanceof ConflictError) return undefined;
      throw error;
    }
  }

  /** Records the completed run's report as the new baseline. */
  async complete(claim: ClaimedRun, report: PostureReport): Promise<void> {
    const stored = await this.records.get<StoredRun>(this.table, KEY);
    if (!stored || stored.etag !== claim.etag) return;
    await this.records.replace<StoredRun>(
      this.table,
      KEY,
      { ...stored.value, report: JSON.stringify(report) },
      stored.etag,
    );
  }
}

function parse(text: string | undefined): PostureReport | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as PostureReport;
  } catch {
    return undefined;
  }
}
