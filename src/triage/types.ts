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
  'question',
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

/**
 * What fixes an error of this kind, when it is the same whatever caused it. `sign-in-again`: the
 * saved sign-in expired or was revoked, and signing in again in the same client is the fix (the
 * steps name that client's own sign-in, see PasteClient).
 */
export const FIXES = ['sign-in-again'] as const;
export type Fix = (typeof FIXES)[number];

/**
 * The command-line tool or library a paste comes from, when its words show one: Azure CLI,
 * Azure PowerShell, Microsoft Graph PowerShell, or an app built on MSAL. Signing in again there
 * is that tool's own command, not "close the app".
 */
export const PASTE_CLIENTS = ['azure-cli', 'azure-powershell', 'graph-powershell', 'msal'] as const;
export type PasteClient = (typeof PASTE_CLIENTS)[number];

/** Intents a catalog entry can have: every outcome that is a sign-in error the bot knows. */
export type ErrorIntent = Exclude<Intent, 'unrelated' | 'question'>;

/** What a how-to question is about, so a card can say which topic was recognised. */
export const QUESTION_TOPICS = [
  'number-matching',
  'temporary-access-pass',
  'sms-sign-in',
  'passwordless',
  'authenticator',
  'mfa',
  'conditional-access',
  'identity-protection',
  'device-compliance',
  'device-join',
  'password',
  'account-lockout',
  'guest-access',
  'legacy-auth',
  'app-access',
  'sign-in-logs',
  'general',
] as const;
export type QuestionTopic = (typeof QUESTION_TOPICS)[number];

/** A how-to question rather than an error: the asker is not blocked, nothing is diagnosed. */
export interface QuestionResult {
  topic: QuestionTopic;
  /** A known code the question names ("what does 50076 mean?"), for the card to mention. */
  mentionsCode?: number;
}

/** A problem a paste read from words alone may be instead, and how much the model gave it. */
export interface RunnerUp {
  intent: Exclude<ErrorIntent, 'other-known'>;
  /** 0..1: the learned model's probability, rounded. */
  score: number;
}

/** Another error in the same paste, beside the one that decides (a thread, two log lines). */
export interface OtherError {
  intent: ErrorIntent;
  /** Its code when it came as one. */
  code?: number;
  /** The catalog name of the code, or the id of the message. */
  name: string;
}

/** One known AADSTS code. Wording is the project's own. */
export interface CatalogEntry {
  code: number;
  /** Short identifier, e.g. the documented error name ("BlockedByConditionalAccess"). */
  name: string;
  /**
   * The documented meaning of the code as a few short lower-case statements in the project's own
   * words ("account locked after too many sign-in attempts"), so that a paste describing the
   * error without its code finds it (src/triage/similar.ts).
   */
  forms?: string[];
  intent: ErrorIntent;
  /** One or two plain sentences for the person who was blocked. */
  userText: string;
  /** What the helpdesk should understand and check. */
  helpdeskText: string;
  /** Ordered, concrete steps (at least one). */
  nextSteps: string[];
  diagnosis: DiagnosisKind;
  /** What fixes it whatever the cause, when that is known (see FIXES). */
  fix?: Fix;
  /** true when the code is in the official AADSTS reference table; false when seen only in the wild. */
  documented: boolean;
}

/** A code-less message the bot must know ("Your account is blocked"). */
export interface MessageEntry {
  id: string;
  intent: Exclude<ErrorIntent, 'other-known'>;
  /**
   * Lower-case phrases, in any language; the entry matches exactly when a phrase occurs in the
   * normalised paste, and by similarity when a paste covers most of a phrase's words.
   */
  phrases: string[];
  /**
   * The message as its page words it in other languages (lower case, whole sentences). Matched
   * only by similarity (similar.ts), so an inflected or reworded copy of the page still lands.
   */
  forms?: string[];
  userText: string;
  helpdeskText: string;
  nextSteps: string[];
  diagnosis: DiagnosisKind;
  /** A code this message usually stands for, when one is well known. */
  relatedCode?: number;
  /**
   * Matched only when a phrase occurs as written, never by similarity: its phrases are named by a
   * number ("Something went wrong [1001]", "error code 80090030"), and similarity reads no
   * numbers, so their other words alone would be any error's.
   */
  exactOnly?: true;
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
  /**
   * Every AADSTS code found, in order of appearance, without duplicates; a code named only by
   * its documented error name ("DeviceNotDomainJoined") counts as found.
   */
  codes: number[];
  fields: TriageFields;
  /** The tool the paste comes from, when its words show one (paste-client.ts). */
  client?: PasteClient;
  /**
   * The Windows error codes the paste shows ("80090016", "0xc000006d"), when it shows any
   * (windows-codes.ts): an answer about the computer names the ones pasted.
   */
  windowsCodes?: string[];
  /** The catalog entry for `code`, or the message entry that matched. */
  entry?: CatalogEntry;
  /**
   * The message that matched: a catalog message (exactly or in other words), or, for a paste
   * that paraphrases a code's explanation, a message made from that code (`relatedCode`).
   */
  message?: MessageEntry;
  /**
   * How the outcome was found; absent for `unrelated` without any lead. `concept`: no known
   * sentence, but the paste's own words name the problem (concepts.ts). `chosen`: the person
   * said a reading from words alone was wrong and chose this problem instead (correction.ts).
   */
  matchedBy?: 'code' | 'name' | 'phrase' | 'similar' | 'concept' | 'page' | 'chosen';
  /**
   * `concept`: the cue whose words named the problem (concept-cues.ts), e.g. `phone-changed` for
   * "I got a new phone", which the answer's next steps follow. Also set for the second step's own
   * message told as requests the person did not start (`prompts-not-started`).
   */
  cue?: string;
  /** Intent `question` only: what the question is about. */
  question?: QuestionResult;
  /**
   * A lead too weak to act on: the paste resembles this known error, but not enough to say so.
   * The intent stays `unrelated` or `other-known`; the card asks instead of guessing.
   */
  unsure?: { intent: ErrorIntent; score: number };
  /** Other errors in the same paste, beside the deciding one; absent when there are none. */
  others?: OtherError[];
  /**
   * A reading from the paste's words alone only (no code, no exact sentence): the other problems
   * the learned model also scored, best first, never the reading itself; absent when none scored
   * enough (fallback.ts). They never change the reading; "That's not it" lists them first.
   */
  runnersUp?: RunnerUp[];
  /** 0..1: how sure the matcher is. */
  confidence: number;
  /** true when the paste was longer than the bot reads and was cut. */
  truncated: boolean;
}
