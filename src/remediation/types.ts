import type { ConversationAddress, PostedCard } from '../conversation';
import type { ReaderPlace } from '../dates';
import type { ActionKind } from './action-kinds';
import type { FailedSignIn } from './failed-sign-in';
import type { ExclusionPreview } from './exclusion-preview';

/**
 * A remediation request as stored. Stored values are type aliases (not interfaces) so they fit the
 * RecordStore's JSON record type. Nothing here is ever a secret: a Temporary Access Pass code
 * lives only in memory on its way to the approver's own card.
 */

export const REQUEST_STATES = [
  'pending',
  'approved',
  'executing',
  'succeeded',
  'failed',
  'rejected',
  'expired',
  'cancelled',
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** States a request never leaves. */
export const FINAL_STATES: ReadonlySet<RequestState> = new Set([
  'succeeded',
  'failed',
  'rejected',
  'expired',
  'cancelled',
]);

/**
 * Someone who acted, identified by Entra object id; the name is for display only. `teamsId` is
 * their account in Teams (`29:...`) as the click they asked with said it, kept with a requester
 * so a line in a group chat can @mention them.
 */
export type Person = { id: string; name?: string; teamsId?: string };

/**
 * What a fix acts on: a user for most kinds; a group for copy-group-members (the destination) and
 * sms-sign-in; the tenant itself for the other guided admin changes.
 */
export type Subject = { type: 'user' | 'group' | 'tenant'; id: string; name?: string };

/** One valid row of a bulk phone list: who (UPN or object id) and the number in Graph's form. */
export type PhoneRow = { line: number; user: string; phoneNumber: string };

/** The parameters of each kind, fixed when the request is made and shown to the approver. */
export type ActionParams =
  | { kind: 'issue-tap'; lifetimeMinutes?: number; oneTimeUse: boolean }
  | { kind: 'dismiss-risk' }
  | { kind: 'confirm-compromised' }
  | { kind: 'revoke-sessions' }
  | { kind: 'require-password-change' }
  | { kind: 'sync-device'; deviceId: string }
  | { kind: 'ca-exclusion'; hours: number; policyId?: string }
  | { kind: 'add-sms-method'; phoneNumber: string }
  | { kind: 'copy-group-members'; sourceGroupId: string }
  /** Multi-use passes allowed; lifetimes in minutes, the tenant's own kept when not given. */
  | { kind: 'tap-policy'; defaultLifetimeMinutes?: number; maximumLifetimeMinutes?: number }
  /** App name and location in Authenticator pushes, for one group or (no group) everyone. */
  | { kind: 'authenticator-context'; groupId?: string }
  /** SMS sign-in for a group (the subject), and mobile numbers for its members. */
  | { kind: 'sms-sign-in'; rows: PhoneRow[] }
  | { kind: 'guest-access-review'; inactiveDays: number }
  /** A person into or out of a policy's exclusion group, with no end. */
  | { kind: 'policy-exclusion'; policyId: string; operation: 'add' | 'remove' };

export type ParamsOf<K extends ActionKind> = Extract<ActionParams, { kind: K }>;

/** Where the bot can write to a conversation again (the one model, src/conversation.ts). */
export type ChatAddress = ConversationAddress;

export type { PostedCard };

/** What came of running the fix. Plain words only, fit for a shared card and the audit. */
export type Outcome = {
  summary: string;
  /** Graph request-ids of the write calls, for looking them up in the tenant's logs. */
  graphRequestIds: string[];
  /** Present on failure: the AppError code, or "interrupted" / "not-started". */
  errorCode?: string;
  /** What had already been changed when a multi-step fix failed. */
  partial?: string;
  /** When what was granted stops working (a pass, an exclusion). */
  validUntil?: string;
};

/**
 * The closed-loop check after a fix: the person's next sign-in to the same app, watched for a
 * bounded time. `watching` until a sign-in shows up or the window ends.
 */
export type Verification = {
  /** `unchecked`: the sign-in log could not be read (a permission, an outage past the window). */
  state: 'watching' | 'signed-in' | 'still-blocked' | 'no-sign-in' | 'unchecked';
  appName: string;
  /** The watch ends at this instant. */
  until: string;
  /** When the sign-in that decided it happened. */
  signInAt?: string;
  signInId?: string;
  /** still-blocked: what the new failure says is still in the way, in plain words. */
  blocking?: string;
  /** unchecked: why, in plain words. */
  note?: string;
  checkedAt?: string;
};

export type RemediationRequest = {
  id: string;
  kind: ActionKind;
  params: ActionParams;
  state: RequestState;
  /** Bumped on every state change; buttons carry it, so a card older than the state cannot act. */
  version: number;
  /**
   * `admin`: the subject held a directory role when this was asked for and the fix gives access
   * back, so only the admin tier may decide (policy.ts).
   */
  tier?: 'admin';
  /** `direct`: run at once by a helpdesk member allowed to approve this kind. */
  mode: 'approval' | 'direct';
  subject: Subject;
  requester: Person;
  /** Why the fix fits (the diagnosis summary). */
  reason: string;
  /** The requester's own words, if they added any. */
  note?: string;
  createdAt: string;
  expiresAt: string;
  updatedAt: string;
  /** Approval, rejection or cancellation. */
  decision?: { by: Person; at: string; note?: string };
  startedAt?: string;
  finishedAt?: string;
  outcome?: Outcome;
  /** The approval card in the helpdesk channel. */
  channelCard?: PostedCard;
  /** The requester's chat, to tell them the outcome. */
  requesterChat?: ChatAddress;
  /** The card the requester got when asking, edited to the outcome when the request ends. */
  requesterCard?: PostedCard;
  /** Set when a time-boxed exclusion has been taken back. */
  exclusionEndedAt?: string;
  /**
   * When the shared channel card may show the outcome. Set when a pass was issued from that
   * card: an edit replaces every viewer's copy, the approver's own view with the pass included,
   * so the sweeper makes the edit at this time and then clears the field.
   */
  channelEditDueAt?: string;
  /** The failed sign-in the fix is for, when diagnosis found one. */
  failedSignIn?: FailedSignIn;
  /**
   * Display names, by id, of the groups and policies the parameters name (a copy's source group,
   * an exclusion's policy), as the checks read them when the request was made.
   */
  names?: Record<string, string>;
  /** ca-exclusion: what the exclusion would change, worked out when the request was made. */
  whatIf?: ExclusionPreview;
  /** After a fix succeeded: whether the person could sign in again. */
  verification?: Verification;
  /** Where the requester reads (locale, time zone), for the times told to them. */
  requesterPlace?: ReaderPlace;
};

export type { FailedSignIn };
