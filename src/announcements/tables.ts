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
  /** One row per recipient: partition = announcement id, row = recipient key. */
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

export function recipientKey(announcementId: string, recipient: string): RecordKey {
  return { partition: announcementId, row: recipient };
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
