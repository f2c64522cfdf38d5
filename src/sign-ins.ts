/**
 * A sign-in as the tenant's sign-in log records it (the fields the bot shows or reasons about,
 * Graph's enum spellings kept), and how to ask for one person's sign-ins. Diagnosis reads them;
 * the closed-loop check after a fix watches them.
 */

export interface AppliedPolicyRecord {
  id: string;
  displayName: string;
  /** Free-text display strings, not the builtInControls enum. */
  enforcedGrantControls: string[];
  enforcedSessionControls: string[];
  /** success, failure, notApplied, notEnabled, reportOnlyFailure, ... (see appliedConditionalAccessPolicy). */
  result: string;
}

export interface SignInRecord {
  /** The sign-in event id, which the error page calls "Request ID". */
  id: string;
  createdDateTime: string;
  userId: string;
  userPrincipalName: string;
  appId: string;
  appDisplayName: string;
  resourceDisplayName: string | null;
  ipAddress: string;
  clientAppUsed: string;
  correlationId: string;
  conditionalAccessStatus: string;
  status: { errorCode: number; failureReason: string | null; additionalDetails: string | null };
  deviceDetail: {
    deviceId: string;
    displayName: string | null;
    operatingSystem: string;
    browser: string | null;
    isCompliant: boolean | null;
    isManaged: boolean | null;
    trustType: string | null;
  };
  location: { city: string | null; state: string | null; countryOrRegion: string | null };
  /**
   * Undefined when the log did not include it: Graph silently leaves it out when the app may not
   * read Conditional Access data (see signInCaDetailsPermission).
   */
  appliedConditionalAccessPolicies?: AppliedPolicyRecord[];
  riskLevelDuringSignIn: string;
  riskState: string;
  riskEventTypes: string[];
}

/**
 * Which sign-ins to find for one user. Every returned row belongs to `userId`, even when looked up
 * by request or correlation id: a pasted id never reveals someone else's sign-in.
 */
export interface SignInQuery {
  userId: string;
  /** Exact sign-in event id (the page's "Request ID"). */
  requestId?: string;
  correlationId?: string;
  /** Only rows with this error code. */
  errorCode?: number;
  /**
   * The caller needs only the newest failing row, and prefers one with this code. A reader may
   * then answer with just the rows carrying this code (say, one query for many people blocked
   * alike), but only when at least one such row exists; otherwise it answers in full.
   */
  expectedErrorCode?: number;
  /** Only rows created at or after this instant. */
  since: Date;
  /** At most this many rows (newest first). */
  top: number;
}
