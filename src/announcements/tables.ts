/**
 * Where the announcements capability keeps its records. Row keys never contain `/ \ # ?`, which
 * Azure Tables forbids; ids from Teams (`19:...@thread.tacv2`) and Entra GUIDs are safe as is.
 */
import type { RecordKey } from '../ports';

export const TABLES = {
  /** Conversation references: partitions `user`, `team`, `chat`, `tenant`. */
  references: 'annReferences',
  /** Announcements: partition `announcement`, plus partition `active` as an index. */
  announcements: 'announcements',
  /**
   * One row per recipient: row = recipient key; partition = announcement id, or
   * `<announcement id>.<shard>` when the announcement spreads its rows (recipientPartition).
   */
  recipients: 'annRecipients',
  /** Per-worker running totals: partition = announcement id, row = worker id. */
  counters: 'annCounters',
  /** Cluster state: partition `workers` (heartbeats), `throttle` (pause), `lease`. */
  control: 'annControl',
  /** "I got a prompt I did not start": partition = announcement id. */
  promptReports: 'annPromptReports',
} as const;

export function announcementKey(id: string): RecordKey {
  return { partition: 'announcement', row: id };
}

export function activeKey(id: string): RecordKey {
  return { partition: 'active', row: id };
}

/**
 * Recipients per partition aimed at when an announcement's rows are spread: a table partition
 * serves about 2,000 entities a second on Azure, and on the emulator a point read or replace
 * scans its partition for the row key, so its cost grows with the partition.
 */
export const ROWS_PER_SHARD = 1_000;
/** Most partitions one announcement's rows are spread over. */
export const MAX_SHARDS = 64;

/** How many partitions an announcement of about `audienceSize` recipients spreads its rows over. */
export function shardsFor(audienceSize: number, rowsPerShard = ROWS_PER_SHARD): number {
  return Math.min(MAX_SHARDS, Math.max(1, Math.ceil(audienceSize / rowsPerShard)));
}

/**
 * The partition of a recipient's row: the announcement id when its rows are not spread (one
 * shard, and every announcement from before shards), else `<id>.<n>` with n from a hash of the
 * recipient key, so a second run of the expansion puts every recipient where the first did.
 */
export function recipientPartition(
  announcementId: string,
  shards: number | undefined,
  recipient: string,
): string {
  if (!shards || shards <= 1) return announcementId;
  return `${announcementId}.${fnv1a(recipient) % shards}`;
}

/** Every partition an announcement's rows may be in. */
export function recipientPartitions(announcementId: string, shards: number | undefined): string[] {
  if (!shards || shards <= 1) return [announcementId];
  return Array.from({ length: shards }, (_, n) => `${announcementId}.${n}`);
}

export function recipientKey(
  announcementId: string,
  recipient: string,
  shards?: number,
): RecordKey {
  return { partition: recipientPartition(announcementId, shards, recipient), row: recipient };
}

/** 32-bit FNV-1a of the UTF-16 code units: stable across processes and versions. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Recipient keys: `u.<object id>` for users (dedupes by object id), `c.<channel id>`. */
export function userRecipient(objectId: string): string {
  return `u.${objectId.toLowerCase()}`;
}

export function channelRecipient(channelId: string): string {
  return `c.${channelId}`;
}

/** The rate limiter's key for a conversation (per-conversation Teams limits). */
export function conversationLimitKey(conversationId: string): string {
  return `conv:${conversationId}`;
}

/** Opening a 1:1 chat counts against the user's thread before its id is known. */
export function userLimitKey(objectId: string): string {
  return `user:${objectId.toLowerCase()}`;
}
