import type { WrittenInstant } from '../dates';
import type { ActionOffer } from '../remediation/action-kinds';
import type { DiagnosisKind, Intent, PasteClient } from '../triage/types';
import type {
  AuthenticationMethodRecord,
  AuthenticatorPolicyRecord,
  DirectoryUser,
  ManagedDeviceRecord,
  RegisteredDeviceRecord,
  RiskDetectionRecord,
  RiskyUserRecord,
  SignInRecord,
  TapMethodRecord,
  TapPolicyRecord,
} from './ports';

/** Which look-up ran, and so which card shows it. `none` from the catalog is shown as `sign-in`. */
export type DiagnosisView = Exclude<DiagnosisKind, 'none'>;

/**
 * - found: the tenant shows what went wrong.
 * - resolved: the tenant shows no problem any more (a later sign-in worked, the risk is gone...).
 * - pending-sign-in: the sign-in is not in the log yet; events take minutes to arrive.
 * - no-record: nothing in the tenant matches (too old for the log, nothing registered...).
 * - user-not-found: the subject does not exist in this tenant.
 * - missing-permission: the bot may not read what would explain it; `missingPermissions` says what.
 * - not-permitted: the person asked about someone else and may not.
 * - explained: nothing to look up; the catalog's explanation is the answer.
 */
export type DiagnosisStatus =
  | 'found'
  | 'resolved'
  | 'pending-sign-in'
  | 'no-record'
  | 'user-not-found'
  | 'missing-permission'
  | 'not-permitted'
  | 'explained';

/** One displayed fact: a label and its value, already in plain words. */
export interface Evidence {
  label: string;
  value: string;
}

export interface Finding {
  /** cause: explains the failure; context: helps understand it; gap: something not checked. */
  kind: 'cause' | 'context' | 'gap';
  title: string;
  detail: string;
  evidence: Evidence[];
}

export interface SubjectSummary {
  id: string;
  displayName: string;
  userPrincipalName: string;
  isGuest: boolean;
}

export interface SignInEvidence {
  record: SignInRecord;
  /** How it was found. */
  matchedBy: 'request-id' | 'correlation-id' | 'recent-failures';
  facts: Evidence[];
}

export interface PolicyOutcome {
  id: string;
  name: string;
  /** Grant controls in plain words. */
  controls: string[];
  result: string;
  /** The policy already excludes groups, so a time-boxed exclusion is possible. */
  hasExclusionGroups: boolean;
}

export interface ComplianceFailure {
  policy: string;
  settings: Array<{ name: string; currentValue: string | null }>;
}

export interface DeviceComplianceDetail {
  device: ManagedDeviceRecord;
  /** The device the failed sign-in came from. */
  usedInSignIn: boolean;
  failing: ComplianceFailure[];
}

export type DiagnosisDetails =
  | {
      view: 'conditional-access';
      enforced: PolicyOutcome[];
      reportOnly: PolicyOutcome[];
      /** The log left out which policies applied, because the bot lacks the permission. */
      caDetailsHidden: boolean;
    }
  | { view: 'device-compliance'; devices: DeviceComplianceDetail[] }
  | {
      view: 'device-join';
      devices: RegisteredDeviceRecord[];
      /** The registered device the sign-in came from, when it sent one. */
      signInDeviceId: string | null;
      browser: string | null;
    }
  | {
      view: 'user-risk';
      risky: RiskyUserRecord | undefined;
      detections: RiskDetectionRecord[];
      guest: boolean;
    }
  | {
      view: 'temporary-access-pass';
      policy: TapPolicyRecord | undefined;
      pass: TapMethodRecord | undefined;
      /** undefined when scope could not be checked. */
      inScope: boolean | undefined;
    }
  | {
      view: 'mfa-methods';
      methods: AuthenticationMethodRecord[];
      authenticator: AuthenticatorPolicyRecord | undefined;
    }
  | { view: 'user-account'; user: DirectoryUser | undefined; recentFailures: number }
  | { view: 'password-policy'; rules: string[] }
  | { view: 'sign-in' };

export interface Diagnosis {
  view: DiagnosisView;
  status: DiagnosisStatus;
  intent: Intent;
  /** The deciding AADSTS code from the paste, when there was one. */
  code?: number;
  /** The tool the paste came from, when it showed one (triage's `client`). */
  client?: PasteClient;
  subject?: SubjectSummary;
  /** One sentence: what happened, for the person reading. */
  headline: string;
  findings: Finding[];
  signIn?: SignInEvidence;
  details: DiagnosisDetails;
  /** Fixes that fit, for the helpdesk to approve. Ids only. */
  offers: ActionOffer[];
  nextSteps: string[];
  /** Permissions whose absence left something unchecked. */
  missingPermissions: string[];
  /** Looking again later may find more (the sign-in log lags). */
  checkAgain: boolean;
  /**
   * Microsoft Graph did not answer a read this answer wanted (too busy past the wait budget, or
   * out of reach): the answer says so in one line and stands without it, and "Check again" may
   * complete it (see `mayCheckAgain`).
   */
  unanswered?: 'busy' | 'unreachable';
  /**
   * The answer below is about the subject's latest failed sign-in, not exactly what was pasted:
   * `no-code` when the paste had no code or id and the message alone showed no problem,
   * `unmatched-id` when the log has no sign-in with the pasted id (yet), `other-code` when no
   * sign-in of the last day failed with the pasted code but another failure, which that code's
   * answer does not explain, did (`pastedCode`). `headline` is the latest failure's own; the
   * diagnosis headline then says what happened to the paste.
   */
  latestFailure?: {
    because: 'no-code' | 'unmatched-id' | 'other-code';
    headline: string;
    /** `other-code`: the code pasted, which no recent failure carries. */
    pastedCode?: number;
    /** The message's own claim, checked and not borne out ("The password has not expired"). */
    checked?: string;
    /**
     * The message's own claim, which the tenant could not check, and why, in one line ("Could not
     * tell whether the password has expired: the account comes from ... Active Directory ...").
     */
    unchecked?: string;
  };
  /** What the paste itself said, shown when its ids match no sign-in: why, and its details. */
  pasted?: { note: string; facts: Evidence[] };
  /**
   * The next steps are the catalog's, written for the helpdesk, because the tenant gave nothing
   * more specific; a card for the blocked person may put steps of their own in their place.
   */
  stepsFromCatalog?: true;
  /**
   * The instants the words above name, as written for this reader and as ISO instants: a copy
   * for someone else (the helpdesk channel card) writes them again in its own form.
   */
  instants?: WrittenInstant[];
}

/** Whether "Check again" may give more: the sign-in is not logged yet, or Graph did not answer. */
export function mayCheckAgain(d: Pick<Diagnosis, 'checkAgain' | 'unanswered'>): boolean {
  return d.checkAgain || d.unanswered !== undefined;
}
