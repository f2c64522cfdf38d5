/**
 * Records and messages of the announcements capability. Everything here is plain JSON, because
 * it is stored in tables and queue messages as is.
 */

export const TEMPLATE_IDS = ['number-matching'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

/** Who an announcement goes to. */
export type Audience =
  /** Every user in an Entra group, nested groups included. */
  | { kind: 'group'; groupId: string }
  /** Every user who has the app installed (a stored personal conversation). */
  | { kind: 'installed' }
  /** One post in a team channel; `channelId` equals `teamId` for the General channel. */
  | { kind: 'channel'; teamId: string; channelId: string };

/**
 * Where the bot can write: a channel-neutral copy of a Bot Framework conversation reference.
 * `serviceUrl` is the one the channel sent with the install event (it differs by region).
 */
export type StoredReference = {
  serviceUrl: string;
  tenantId: string;
  conversationId: string;
  conversationType: 'personal' | 'channel' | 'groupChat';
  /** The bot's id in this conversation, `28:<app id>`. */
  botId: string;
  /** The user's per-bot id (`29:...`) in a personal conversation. */
  userId?: string;
  userObjectId?: string;
  userName?: string;
  teamId?: string;
  teamName?: string;
};

/**
 * draft → queued (confirmed, recipients being listed) → sending → completed;
 * draft → discarded; queued | sending → cancelling → cancelled.
 */
export type AnnouncementState =
  'draft' | 'discarded' | 'queued' | 'sending' | 'cancelling' | 'cancelled' | 'completed';

export const FINISHED_STATES: ReadonlySet<AnnouncementState> = new Set([
  'discarded',
  'cancelled',
  'completed',
]);

export type Person = { objectId: string; name: string };

export type AnnouncementRecord = {
  id: string;
  template: TemplateId;
  /** The day the change takes effect, YYYY-MM-DD. */
  activationDate: string;
  audience: Audience;
  /** How the audience reads in cards ("Group All Staff", "Everyone who has the app"). */
  audienceLabel: string;
  /** Audience size counted for the preview. */
  previewSize: number;
  note?: string;
  author: Person;
  /** The author's chat, where the progress card lives. */
  authorReference?: StoredReference;
  /** The message that shows progress: the preview card the author confirmed. */
  progressActivityId?: string;
  /**
   * The recipients' message, rendered once when the author confirmed (the same for everyone):
   * a worker sends it as stored, so its first send needs no card templates. Announcements
   * confirmed before it was stored are rendered by each worker.
   */
  message?: { card: object; summary: string };
  state: AnnouncementState;
  createdAt: string;
  confirmedAt?: string;
  /** True once every recipient has a row and a queue message. */
  expanded: boolean;
  /**
   * Its recipient rows can be listed by status (written by a version that keeps the status
   * column). Announcements started before that are checked by reading every row.
   */
  rowsFilterable?: boolean;
  /**
   * Partitions its recipient rows are spread over (tables.ts recipientPartition), fixed when it
   * is drafted; absent or 1: one partition, the announcement id.
   */
  shards?: number;
  /** Unique recipients; known once expanded. */
  total: number;
  cancelledBy?: Person;
  finishedAt?: string;
  /** Set once the author's card shows the final report. */
  reportedAt?: string;
};

export type RecipientStatus =
  'queued' | 'sending' | 'sent' | 'failed' | 'unreachable' | 'cancelled';

export const UNFINISHED_STATUSES: readonly RecipientStatus[] = ['queued', 'sending'];

export const TERMINAL_STATUSES: ReadonlySet<RecipientStatus> = new Set([
  'sent',
  'failed',
  'unreachable',
  'cancelled',
]);

export type RecipientRecord = {
  kind: 'user' | 'channel';
  objectId?: string;
  displayName?: string;
  upn?: string;
  guest?: boolean;
  teamId?: string;
  channelId?: string;
  status: RecipientStatus;
  /** Why it failed, was unreachable, or was retried. */
  reason?: string;
  /** Send attempts that reached the connector (claims). */
  attempts: number;
  /** Attempts that ended in a 5xx, timeout or network error. */
  transientFailures: number;
  /** Earliest time (epoch ms) for the next attempt, after a 429 or 5xx. */
  notBefore?: number;
  /** The worker holding the claim, and until when (epoch ms). */
  leaseOwner?: string;
  leaseUntil?: number;
  /**
   * Under the `hold` policy: written after the rate limiter's slot and before the request, so a
   * claim taken over without it is known never to have reached the channel (sent again, not
   * held). Cleared by every new claim.
   */
  armed?: boolean;
  /**
   * When the armed mark was made, on its writer's clock (unique within the process): the arm's
   * entry in the writer's outcome journal has the same time (outcome-journal.ts neverLeft).
   */
  armedAt?: number;
  /**
   * Set when a claim expired without an outcome (the worker died between send and record) and
   * the recipient was sent to again: they may have the message twice.
   */
  inDoubt?: boolean;
  /** The 1:1 conversation opened for this recipient, kept so a retry does not open another. */
  reference?: StoredReference;
  activityId?: string;
  updatedAt: string;
  sentAt?: string;
};

/** One queue message: list the audience, deliver to a few recipients, or tell the helpdesk. */
export type DeliveryMessage =
  | { v: 1; kind: 'expand'; announcementId: string }
  | {
      v: 1;
      kind: 'deliver';
      announcementId: string;
      recipients: string[];
      /**
       * The rows as the expansion wrote them (same order as `recipients`), so a worker can claim
       * them all in one transaction without reading them first. A row changed since fails that
       * transaction, and the recipients are then handled one by one.
       */
      rows?: { etag: string; value: RecipientRecord }[];
    }
  | { v: 1; kind: 'prompt-report'; announcementId: string; reportId: string };

/** A user who said they got a sign-in prompt they did not start. */
export type PromptReportRecord = {
  announcementId: string;
  user: Person;
  upn?: string;
  reportedAt: string;
  serviceUrl: string;
  tenantId: string;
  /** Set once the helpdesk channel has been told. */
  notifiedAt?: string;
};

/** Counts by status, for progress and the final report. */
export type StatusCounts = Record<RecipientStatus, number>;

export function emptyCounts(): StatusCounts {
  return { queued: 0, sending: 0, sent: 0, failed: 0, unreachable: 0, cancelled: 0 };
}
