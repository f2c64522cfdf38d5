/** What a pasted sign-in error means, as decided by triage. Exactly one per paste. */
export const INTENTS = [
  'ca-blocked',
  'device-noncompliant',
  'device-not-domain-joined',
  'risky-user-blocked',
  'tap-blocked',
  'password-banned',
  'mfa-required-or-failed',
  'account-locked',
  'account-disabled',
  'invalid-password',
  'password-expired',
  'user-not-found',
  'legacy-auth-blocked',
  'app-misconfigured',
  'consent-required',
  'other-known',
  'unrelated',
] as const;
export type Intent = (typeof INTENTS)[number];

/**
 * Which look-up in the tenant explains an error of this kind (used by src/diagnosis).
 * `none` means the catalog text is all there is to say.
 */
export const DIAGNOSES = [
  'conditional-access',
  'device-compliance',
  'device-join',
  'user-risk',
  'temporary-access-pass',
  'mfa-methods',
  'user-account',
  'password-policy',
  'sign-in',
  'none',
] as const;
export type DiagnosisKind = (typeof DIAGNOSES)[number];

/** One known AADSTS code. Wording is the project's own. */
export interface CatalogEntry {
  code: number;
  /** Short identifier, e.g. the documented error name ("BlockedByConditionalAccess"). */
  name: string;
  intent: Exclude<Intent, 'unrelated'>;
  /** One or two plain sentences for the person who was blocked. */
  userText: string;
  /** What the helpdesk should understand and check. */
  helpdeskText: string;
  /** Ordered, concrete steps (at least one). */
  nextSteps: string[];
  diagnosis: DiagnosisKind;
  /** true when the code is in the official AADSTS reference table; false when seen only in the wild. */
  documented: boolean;
}

/** A code-less message the bot must know ("Your account is blocked"). */
export interface MessageEntry {
  id: string;
  intent: Exclude<Intent, 'unrelated' | 'other-known'>;
  /** Lower-case phrases; the entry matches when any phrase occurs in the normalised paste. */
  phrases: string[];
  userText: string;
  helpdeskText: string;
  nextSteps: string[];
  diagnosis: DiagnosisKind;
  /** A code this message usually stands for, when one is well known. */
  relatedCode?: number;
}

/** Details pulled out of a paste. Every field is optional; only what the paste carries is set. */
export interface TriageFields {
  correlationId?: string;
  requestId?: string;
  traceId?: string;
  timestamp?: string;
  appId?: string;
  appName?: string;
  upn?: string;
  ip?: string;
  deviceId?: string;
  devicePlatform?: string;
  deviceState?: string;
}

export interface Triage {
  intent: Intent;
  /**
   * The deciding code (the real cause). A code the catalog does not know is still reported here
   * when no known code is present (then `entry` is absent), so diagnosis can search the sign-in log.
   */
  code?: number;
  /** Every AADSTS code found, in order of appearance, without duplicates. */
  codes: number[];
  fields: TriageFields;
  /** The catalog entry for `code`, or the message entry that matched. */
  entry?: CatalogEntry;
  message?: MessageEntry;
  /** 0..1: how sure the matcher is. */
  confidence: number;
  /** true when the paste was longer than the bot reads and was cut. */
  truncated: boolean;
}
