import type { WriteReceipt } from '../ports';

/**
 * The tenant settings the guided admin changes read and write: the authentication methods
 * policy's per-method configurations and access review definitions. Kept apart from the
 * DirectoryWriter (one person's sign-in) because these change the tenant for everyone and need
 * their own Graph permissions (Policy.ReadWrite.AuthenticationMethod, AccessReview.ReadWrite.All).
 */

/** A feature of Microsoft Authenticator's push notifications, as Graph holds it. */
export interface AuthenticatorFeature {
  /** default, enabled or disabled. */
  state: string;
  /** A group id or "all_users". */
  includeTargetId: string;
  /** A group id; Graph's all-zero id means nobody is excluded. */
  excludeTargetId: string;
}

export interface AuthenticatorSettings {
  state: string;
  appName: AuthenticatorFeature;
  location: AuthenticatorFeature;
}

/** One target of the SMS method: who may use it, and whether for sign-in without a password. */
export interface SmsTarget {
  id: string;
  isUsableForSignIn: boolean;
}

export interface SmsSettings {
  state: string;
  includeTargets: SmsTarget[];
}

export interface TapPolicyChange {
  isUsableOnce: false;
  minimumLifetimeInMinutes: number;
  defaultLifetimeInMinutes: number;
  maximumLifetimeInMinutes: number;
}

/** The access review definition the bot creates, in the words of src (Graph's shape is the adapter's). */
export interface GuestReviewPlan {
  displayName: string;
  description: string;
  inactiveDays: number;
  /** The group whose members review (the admin group). */
  reviewerGroupId: string;
  /** First day of the review, YYYY-MM-DD. */
  startDate: string;
  durationDays: number;
  /** How often it recurs, in months. */
  everyMonths: number;
}

export interface TenantSettings {
  getAuthenticatorSettings(): Promise<AuthenticatorSettings>;
  getSmsSettings(): Promise<SmsSettings>;
  /** The id of an access review definition with this name, if one exists. */
  findAccessReview(displayName: string): Promise<string | undefined>;
  updateTapPolicy(change: TapPolicyChange): Promise<WriteReceipt>;
  updateAuthenticatorFeatures(
    appName: AuthenticatorFeature,
    location: AuthenticatorFeature,
  ): Promise<WriteReceipt>;
  updateSmsTargets(targets: readonly SmsTarget[]): Promise<WriteReceipt>;
  createGuestReview(plan: GuestReviewPlan): Promise<WriteReceipt & { id: string }>;
  /** Turns on SMS sign-in for the person's mobile phone method. */
  enableSmsSignIn(userId: string): Promise<WriteReceipt>;
}

/** Graph's id for "no group": an exclusion of nobody. */
export const NO_GROUP = '00000000-0000-0000-0000-000000000000';
export const ALL_USERS = 'all_users';
