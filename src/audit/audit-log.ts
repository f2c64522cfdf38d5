import { createHash, randomBytes } from 'node:crypto';
import { ConflictError } from '../errors';
import type { Clock, RecordStore } from '../ports';
import { systemClock } from '../ports';

/**
 * The audit trail: append-only records of every remediation side effect and decision. Entries
 * carry ids, names and plain words, never secrets (no pass codes, tokens or client secrets: the
 * types have no field for them and callers pass only outcome summaries).
 *
 * Layout: one partition per UTC day (`d2026-11-22`), row keys `<ISO time>~<sequence>~<random>`:
 * rows sort by time within a day, entries one instance writes in the same millisecond keep their
 * order (the sequence), and two instances never collide (the random part). Records are inserted,
 * never replaced or deleted.
 */

export const AUDIT_EVENTS = [
  'requested',
  'approved',
  'rejected',
  'cancelled',
  'expired',
  'denied',
  'execution-started',
  'succeeded',
  'failed',
  'exclusion-ended',
  'verified',
  'help-asked',
  'help-taken',
  'help-replied',
  'help-closed',
  'help-released',
  'help-answered',
  /** A card action turned away before it reached a request (forged, malformed, out of range). */
  'refused',
] as const;
export type AuditEventType = (typeof AUDIT_EVENTS)[number];

export type AuditEntry = {
  at: string;
  event: AuditEventType;
  /** Who did it: an Entra object id, or "system" for the bot's own sweeps. */
  actorId: string;
  actorName?: string;
  requestId?: string;
  kind?: string;
  subjectId?: string;
  subjectName?: string;
  /** What happened, in plain words. */
  summary: string;
  graphRequestIds?: string[];
  errorCode?: string;
};

export type AuditInput = Omit<AuditEntry, 'at'> & {
  at?: string;
  /**
   * A key that makes the append idempotent: an entry appended again with the same key and `at`
   * (a retry after storage failed mid-write) is kept once. Not stored in the entry.
   */
  once?: string;
};

export type SinceOptions = {
  limit?: number;
  /** Only entries this accepts are returned and counted against `limit`. */
  where?: (entry: AuditEntry) => boolean;
};

export interface AuditLog {
  append(entry: AuditInput): Promise<AuditEntry>;
  /** Entries at or after `since` (and passing `where`, if given), oldest first, at most `limit`. */
  since(since: Date, options?: SinceOptions): Promise<AuditEntry[]>;
  /** The newest entries, newest first, looking back at most `days` days. */
  recent(count: number, options?: { days?: number }): Promise<AuditEntry[]>;
}

export const AUDIT_TABLE = 'AuditLog';
const DAY_MS = 86_400_000;

function partitionOf(at: Date): string {
  return `d${at.toISOString().slice(0, 10)}`;
}

export class TableAuditLog implements AuditLog {
  private lastAt = '';
  private sequence = 0;

  constructor(
    private readonly records: RecordStore,
    private readonly clock: Clock = systemClock,
    private readonly table = AUDIT_TABLE,
  ) {}

  async append(input: AuditInput): Promise<AuditEntry> {
    const { once, ...fields } = input;
    const at = fields.at ? new Date(fields.at) : this.clock.now();
    const entry: AuditEntry = { ...fields, at: at.toISOString() };
    for (const [key, value] of Object.entries(entry)) {
      if (value === undefined) delete (entry as Record<string, unknown>)[key];
    }
    if (once !== undefined) {
      const key = createHash('sha256').update(once).digest('hex').slice(0, 24);
      try {
        await this.records.insert(
          this.table,
          { partition: partitionOf(at), row: `${entry.at}~once~${key}` },
          entry,
        );
      } catch (error) {
        // Written before: the earlier attempt landed although its answer was lost.
        if (!(error instanceof ConflictError)) throw error;
      }
      return entry;
    }
    this.sequence = entry.at === this.lastAt ? this.sequence + 1 : 0;
    this.lastAt = entry.at;
    const sequence = String(this.sequence).padStart(4, '0');
    const row = `${entry.at}~${sequence}~${randomBytes(6).toString('hex')}`;
    await this.records.insert(this.table, { partition: partitionOf(at), row }, entry);
    return entry;
  }

  async since(since: Date, options: SinceOptions = {}): Promise<AuditEntry[]> {
    const out: AuditEntry[] = [];
    const now = this.clock.now();
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    for (let day = startOfDay(since); day <= now.getTime(); day += DAY_MS) {
      const rows = await this.records.list<AuditEntry>(this.table, partitionOf(new Date(day)), {
        rowFrom: since.toISOString(),
      });
      for (const row of rows) {
        if (options.where && !options.where(row.value)) continue;
        out.push(row.value);
        if (out.length >= limit) return out;
      }
    }
    return out;
  }

  async recent(count: number, options: { days?: number } = {}): Promise<AuditEntry[]> {
    const out: AuditEntry[] = [];
    const today = startOfDay(this.clock.now());
    for (let back = 0; back < (options.days ?? 7) && out.length < count; back += 1) {
      const rows = await this.records.list<AuditEntry>(
        this.table,
        partitionOf(new Date(today - back * DAY_MS)),
      );
      for (const row of rows.reverse()) {
        out.push(row.value);
        if (out.length >= count) break;
      }
    }
    return out;
  }
}

function startOfDay(at: Date): number {
  return Math.floor(at.getTime() / DAY_MS) * DAY_MS;
}
