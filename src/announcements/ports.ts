/**
 * Ports the announcements domain needs besides RecordStore, WorkQueue and Clock. Adapters: the
 * Bot Framework sender and notifier in bot/announcements, the Graph directory in
 * graph-audience.ts, in-memory fakes in the tests.
 */
import type { PromptEvidenceResult } from './prompt-evidence';
import type { AnnouncementRecord, StatusCounts, StoredReference } from './types';

/** What a recipient sees: an Adaptive Card plus the line shown in notifications. */
export interface OutboundMessage {
  card: object;
  summary: string;
}

/**
 * The result of one call to the channel. Each call is exactly one HTTP request: the adapter
 * must not retry on its own, so that every retry is decided (and paced) by the domain.
 */
export type SendOutcome =
  | { kind: 'sent'; activityId?: string }
  /** 429. `retryAfterMs` from Retry-After when the channel sent one. */
  | { kind: 'throttled'; retryAfterMs?: number }
  /** 5xx, 408, 412, a timeout or a network error: worth another try later. */
  | { kind: 'transient'; status?: number; detail: string }
  /** The conversation is gone (the user cleared the chat): open a new one. */
  | { kind: 'conversation-gone'; detail: string }
  /** Will never work: blocked by the user, app disabled or removed, bad request. */
  | { kind: 'permanent'; reason: PermanentReason; status?: number; detail: string };

export type PermanentReason = 'blocked' | 'not-installed' | 'rejected';

export type OpenOutcome =
  { kind: 'opened'; reference: StoredReference } | Exclude<SendOutcome, { kind: 'sent' }>;

export interface ProactiveSender {
  /** Posts a new message into a stored conversation. */
  send(reference: StoredReference, message: OutboundMessage): Promise<SendOutcome>;
  /** Replaces a message the bot posted earlier (the author's progress card). */
  update(
    reference: StoredReference,
    activityId: string,
    message: OutboundMessage,
  ): Promise<SendOutcome>;
  /** Opens (or finds) the 1:1 chat with a user who has the app, by Entra object id. */
  openPersonal(target: {
    userObjectId: string;
    tenantId: string;
    serviceUrl: string;
    botId: string;
  }): Promise<OpenOutcome>;
}

/** A user as the directory lists them. */
export interface DirectoryUser {
  id: string;
  displayName?: string;
  userPrincipalName?: string;
  userType?: string;
}

export type FeatureState = 'enabled' | 'disabled' | 'default' | 'unknown';

/** The tenant's Microsoft Authenticator settings, shown to the author before confirming. */
export interface AuthenticatorSettings {
  /** Whether the Authenticator method is on for the tenant. */
  state: 'enabled' | 'disabled' | 'unknown';
  /** Number matching: enforced for every push since May 2023; beta reports its own state. */
  numberMatching: FeatureState;
  /** Application name in the push prompt. */
  appName: FeatureState;
  /** Geographic location (map) in the push prompt. */
  location: FeatureState;
}

/** Graph reads the announcements need. */
export interface AudienceDirectory {
  /** Users in a group, nested groups included, page by page (each page at most a few hundred). */
  groupMembers(groupId: string): AsyncIterable<DirectoryUser[]>;
  groupName(groupId: string): Promise<string | undefined>;
  /** The subset of `groupIds` the user belongs to, transitively. */
  memberGroups(userObjectId: string, groupIds: string[]): Promise<string[]>;
  authenticatorSettings(): Promise<AuthenticatorSettings>;
}

export type InstallOutcome =
  /** Installed now or before; `chatId` is the 1:1 chat when Graph could tell it. */
  | { kind: 'installed'; alreadyInstalled: boolean; chatId?: string }
  /** The user cannot get the app (no Teams licence, blocked by policy, guest, not found). */
  | { kind: 'unavailable'; reason: string }
  /** Graph is throttling or failing; try again later. */
  | { kind: 'retry'; detail: string; retryAfterMs?: number };

/** Installs the app for a user who never installed it, so the bot can write to them. */
export interface AppInstaller {
  installForUser(userObjectId: string): Promise<InstallOutcome>;
}

/** Numbers for the author's progress card. */
export interface ProgressView {
  counts: StatusCounts;
  /** Unique recipients, or undefined while the audience is still being listed. */
  total?: number;
  remaining?: number;
  /** Messages finished per second over the last half minute. */
  ratePerSecond: number;
  etaSeconds?: number;
  /** Recipients sent to again after a worker died mid-send (may have it twice). */
  inDoubt: number;
  startedAt: string;
  finished: boolean;
}

export interface HelpdeskNotice {
  announcement: Pick<AnnouncementRecord, 'id' | 'template' | 'activationDate'>;
  user: { objectId: string; name: string; upn?: string };
  reportedAt: string;
  /** Where the helpdesk channel is reached (from the reporting user's own activity). */
  serviceUrl: string;
  tenantId: string;
  /** The person's sign-ins of the quarter hour before the report, and the fixes offered. */
  evidence?: PromptEvidenceResult;
}

/** Turns domain events into channel messages: the progress card and helpdesk notices. */
export interface AnnouncementNotifier {
  /** Posts or replaces the author's progress card; returns the message id it now has. */
  showProgress(
    announcement: AnnouncementRecord,
    view: ProgressView,
  ): Promise<{ outcome: SendOutcome; activityId?: string }>;
  /** Posts a notice about an unexpected sign-in prompt to the helpdesk channel. */
  notifyHelpdesk(notice: HelpdeskNotice): Promise<SendOutcome>;
}

/** Builds the message a recipient gets for an announcement (maybe after loading the cards). */
export type MessageComposer = (
  announcement: AnnouncementRecord,
) => OutboundMessage | Promise<OutboundMessage>;
