import { ConflictError } from '../errors';
import type { RecordStore } from '../ports';

/**
 * The durable schedule of time-boxed Conditional Access exclusions. One record per (group, user)
 * the bot added: it says when the bot must take the user out again. Because the schedule is in
 * storage, a restart or another instance still removes the user on time; because each removal
 * first claims its record with a compare-and-set, two sweepers never both act on it, and a claim
 * left behind by a crashed instance is taken over after CLAIM_TIMEOUT_MS.
 */

export const EXCLUSIONS_TABLE = 'RemediationExclusions';
const PARTITION = 'active';
export const CLAIM_TIMEOUT_MS = 10 * 60_000;

export type ScheduledExclusion = {
  groupId: string;
  userId: string;
  /** When the bot removes the user from the group. */
  endsAt: string;
  /** The request that set the current end time. */
  requestId: string;
  /** Set while a sweeper is removing the user. */
  claimedAt?: string;
};

export interface StoredExclusion {
  exclusion: ScheduledExclusion;
  etag: string;
}

function keyOf(groupId: string, userId: string): { partition: string; row: string } {
  return { partition: PARTITION, row: `${groupId}~${userId}` };
}

export class ExclusionSchedule {
  constructor(
    private readonly records: RecordStore,
    private readonly table = EXCLUSIONS_TABLE,
  ) {}

  async get(groupId: string, userId: string): Promise<StoredExclusion | undefined> {
    const stored = await this.records.get<ScheduledExclusion>(this.table, keyOf(groupId, userId));
    return stored && { exclusion: stored.value, etag: stored.etag };
  }

  /**
   * Records that the user must leave the group at `endsAt`, keeping the later end when the bot
   * already holds an exclusion for them. Returns what was there before (undefined when nothing).
   * Throws ConflictError when a sweeper is removing the user at this moment.
   */
  async schedule(entry: ScheduledExclusion): Promise<{ previous?: ScheduledExclusion }> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const current = await this.get(entry.groupId, entry.userId);
      try {
        if (!current) {
          await this.records.insert(this.table, keyOf(entry.groupId, entry.userId), entry);
          return {};
        }
        if (current.exclusion.claimedAt !== undefined) {
          throw new ConflictError(
            `exclusion ${entry.groupId}/${entry.userId} is being removed right now`,
          );
        }
        const later =
          Date.parse(current.exclusion.endsAt) > Date.parse(entry.endsAt)
            ? current.exclusion.endsAt
            : entry.endsAt;
        await this.records.replace(
          this.table,
          keyOf(entry.groupId, entry.userId),
          { ...entry, endsAt: later },
          current.etag,
        );
        return { previous: current.exclusion };
      } catch (error) {
        if (!(error instanceof ConflictError) || current?.exclusion.claimedAt) throw error;
      }
    }
    throw new ConflictError(`exclusion ${entry.groupId}/${entry.userId} kept changing`);
  }

  /** Drops the record (used when the user turned out to be a member already). */
  async unschedule(groupId: string, userId: string, requestId: string): Promise<void> {
    const current = await this.get(groupId, userId);
    if (!current || current.exclusion.requestId !== requestId) return;
    await this.records.delete(this.table, keyOf(groupId, userId), current.etag);
  }

  /** Exclusions whose end has come, plus claims abandoned by a stopped instance. */
  async due(now: Date): Promise<StoredExclusion[]> {
    const rows = await this.records.list<ScheduledExclusion>(this.table, PARTITION);
    return rows
      .map((row) => ({ exclusion: row.value, etag: row.etag }))
      .filter(({ exclusion }) => {
        if (Date.parse(exclusion.endsAt) > now.getTime()) return false;
        if (exclusion.claimedAt === undefined) return true;
        return now.getTime() - Date.parse(exclusion.claimedAt) >= CLAIM_TIMEOUT_MS;
      });
  }

  /** Compare-and-set claim; undefined when another sweeper got there first. */
  async claim(stored: StoredExclusion, now: Date): Promise<StoredExclusion | undefined> {
    const claimed = { ...stored.exclusion, claimedAt: now.toISOString() };
    try {
      const written = await this.records.replace(
        this.table,
        keyOf(claimed.groupId, claimed.userId),
        claimed,
        stored.etag,
      );
      return { exclusion: written.value, etag: written.etag };
    } catch (error) {
      if (error instanceof ConflictError) return undefined;
      throw error;
    }
  }

  /** Gives a claim back after a failed removal, so the next sweep tries again at once. */
  async release(claimed: StoredExclusion): Promise<void> {
    const { claimedAt: _claimedAt, ...unclaimed } = claimed.exclusion;
    try {
      await this.records.replace(
        this.table,
        keyOf(unclaimed.groupId, unclaimed.userId),
        unclaimed,
        claimed.etag,
      );
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }

  async complete(claimed: StoredExclusion): Promise<void> {
    try {
      await this.records.delete(
        this.table,
        keyOf(claimed.exclusion.groupId, claimed.exclusion.userId),
        claimed.etag,
      );
    } catch (error) {
      // Gone already, or extended by a new exclusion after our removal: either way not ours.
      if (!(error instanceof ConflictError)) throw error;
    }
  }
}
