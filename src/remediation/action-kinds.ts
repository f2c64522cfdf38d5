import type { FailedSignIn } from './failed-sign-in';

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
  'tap-policy',
  'authenticator-context',
  'sms-sign-in',
  'guest-access-review',
  'policy-exclusion',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/**
 * Guided admin changes: tenant settings (or a policy's exclusion group) rather than one person's
 * sign-in. Approved by the admin group (policy.ts), never asked for by an end user, and their
 * subject is the tenant itself except for a policy exclusion, which is for one person.
 */
export const ADMIN_CHANGE_KINDS = [
  'tap-policy',
  'authenticator-context',
  'sms-sign-in',
  'guest-access-review',
  'policy-exclusion',
] as const satisfies readonly ActionKind[];
export type AdminChangeKind = (typeof ADMIN_CHANGE_KINDS)[number];

const ADMIN_SET: ReadonlySet<string> = new Set(ADMIN_CHANGE_KINDS);

export function isAdminChangeKind(kind: ActionKind): kind is AdminChangeKind {
  return ADMIN_SET.has(kind);
}

/** The subject id of a change to the tenant's own settings. */
export const TENANT_SUBJECT_ID = 'tenant';

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
