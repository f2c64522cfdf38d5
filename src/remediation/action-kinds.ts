import type { FailedSignIn } from './types';

/**
 * The gated fixes the bot can run. Diagnosis decides which ones fit a problem (an "offer");
 * remediation turns an offer into a request that an authorised approver must approve.
 */
export const ACTION_KINDS = [
  'issue-tap',
  'dismiss-risk',
  'confirm-compromised',
  'revoke-sessions',
  'require-password-change',
  'sync-device',
  'ca-exclusion',
  'add-sms-method',
  'copy-group-members',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** A fix that fits a diagnosis, for one subject user. Carries ids, never authority. */
export interface ActionOffer {
  kind: ActionKind;
  /** Entra object id of the user the fix is for. */
  subjectId: string;
  /** What the fix acts on besides the user: an Intune managed device id, a CA policy id... */
  targetId?: string;
  /** Plain words: why this fix fits (shown on the card and in the approval request). */
  reason: string;
  /** The failed sign-in the fix is for, when diagnosis found one in the log. */
  signIn?: FailedSignIn;
}
