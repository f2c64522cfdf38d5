import { formatInstant } from '../dates';
import type { Diagnosis } from '../diagnosis/types';
import { policyBreaksPasses } from '../diagnosis/kinds/tap-policy';
import type { AdminChangeKind } from '../remediation/action-kinds';

/**
 * Tenant-wide root causes: a paste whose cause is the tenant's configuration rather than the
 * person. Pure: `signalOf` reads what a diagnosis (and the paste's words) say, `factsNeeded` says
 * which tenant facts to read, `detect` decides. The watcher (watch.ts) reads, dedupes and posts.
 */

export type TenantFindingKind =
  'password-sync-stalled' | 'tap-one-time' | 'authenticator-context-off' | 'sms-sign-in-off';

export interface TenantFinding {
  kind: TenantFindingKind;
  title: string;
  /** What the bot saw, in plain words (no secrets, no phone numbers). */
  detail: string;
  evidence: string[];
  /** What an admin does; the gated change when the bot can make it. */
  steps: string;
  change?: AdminChangeKind;
  url?: string;
}

/** What one diagnosed paste says that may point at the tenant. */
export interface PasteSignal {
  subjectName?: string;
  /** invalid-password from an account synced from on-premises. */
  syncedWrongPassword: boolean;
  /** A pass failed under a policy that breaks passes: the reason, in words. */
  tapPolicyProblem?: string;
  /** Authenticator trouble while the app name or location is not shown. */
  authenticatorContextOff: boolean;
  /** The person tried to sign in with a text message code. */
  triedSmsSignIn: boolean;
  subjectId?: string;
}

export interface TenantFacts {
  /** From the organization record. */
  lastPasswordSync?: string | null;
  /** A number-matching announcement is being sent. */
  numberMatchingAnnouncement?: boolean;
  /** The person is in a group SMS sign-in is on for. */
  smsSignInAllowed?: boolean;
}

const SMS_WORDS =
  /\b(sms|text(?:ed)? (?:message )?code|code (?:by|via|in a) text|sign[ -]?in with (?:my )?(?:phone|mobile)(?: number)?)\b/i;
/** A phone number typed where the sign-in name goes. */
const PHONE_AS_NAME = /(?:^|\s)\+?\d[\d\s().-]{6,}\d(?:\s|$)/;

export function signalOf(diagnosis: Diagnosis, text: string): PasteSignal {
  const { details, subject } = diagnosis;
  const synced = details.view === 'user-account' && details.user?.onPremisesSyncEnabled === true;
  const failedPass =
    details.view === 'temporary-access-pass' &&
    details.pass !== undefined &&
    diagnosis.status === 'found';
  const authenticator = details.view === 'mfa-methods' ? details.authenticator : undefined;
  const contextOff =
    authenticator !== undefined &&
    (authenticator.displayAppInformationRequiredState !== 'enabled' ||
      authenticator.displayLocationInformationRequiredState !== 'enabled');
  const signal: PasteSignal = {
    syncedWrongPassword: diagnosis.intent === 'invalid-password' && synced,
    authenticatorContextOff: diagnosis.intent === 'mfa-required-or-failed' && contextOff,
    triedSmsSignIn:
      SMS_WORDS.test(text) || (diagnosis.intent === 'user-not-found' && PHONE_AS_NAME.test(text)),
  };
  if (failedPass && details.view === 'temporary-access-pass') {
    const problem = policyBreaksPasses(details.policy);
    if (problem) signal.tapPolicyProblem = problem;
  }
  if (subject) {
    signal.subjectId = subject.id;
    signal.subjectName = subject.displayName;
  }
  return signal;
}

export interface NeededFacts {
  organization: boolean;
  announcements: boolean;
  sms: boolean;
}

export function factsNeeded(signal: PasteSignal): NeededFacts {
  return {
    organization: signal.syncedWrongPassword,
    announcements: signal.authenticatorContextOff,
    sms: signal.triedSmsSignIn && signal.subjectId !== undefined,
  };
}

const HOUR_MS = 3_600_000;

export function detect(
  signal: PasteSignal,
  facts: TenantFacts,
  now: Date,
  staleHours: number,
): TenantFinding[] {
  const found: TenantFinding[] = [];
  const who = signal.subjectName ?? 'Someone';
  const last = facts.lastPasswordSync;
  if (signal.syncedWrongPassword && last !== undefined) {
    const age = last === null ? Infinity : (now.getTime() - Date.parse(last)) / HOUR_MS;
    if (age > staleHours) {
      found.push({
        kind: 'password-sync-stalled',
        title: 'Password hash sync looks stalled',
        detail:
          `${who}, whose account comes from on-premises Active Directory, was refused for a wrong ` +
          'password, and the tenant has received no password hashes ' +
          (last === null ? 'ever.' : `for ${Math.floor(age)} hours.`) +
          ' People who changed their password on-premises since then are refused with the new one.',
        evidence: [
          `Last password hash sync: ${last === null ? 'never' : formatInstant(last)}.`,
          `Considered stalled after ${staleHours} hours.`,
        ],
        steps:
          'On the Entra Connect server: check that the sync service runs and password hash sync ' +
          'is on (Synchronization Service Manager, event log 611/656/657), then run ' +
          '"Start-ADSyncSyncCycle -PolicyType Delta". Until it catches up, people can sign in ' +
          'with their previous password.',
        url: 'https://entra.microsoft.com/#view/Microsoft_AAD_Connect_Provisioning/AADConnectMenuBlade/~/GetStarted',
      });
    }
  }
  if (signal.tapPolicyProblem) {
    found.push({
      kind: 'tap-one-time',
      title: "The tenant's pass policy makes Temporary Access Passes fail",
      detail: `A pass for ${who} failed. ${signal.tapPolicyProblem}`,
      evidence: [],
      steps: 'Allow multi-use passes with a lifetime that fits (an admin approves the change).',
      change: 'tap-policy',
    });
  }
  if (signal.authenticatorContextOff && facts.numberMatchingAnnouncement === true) {
    found.push({
      kind: 'authenticator-context-off',
      title:
        'Authenticator hides the app name and location during the number-matching announcement',
      detail:
        `${who} had trouble with an Authenticator prompt while the number-matching announcement ` +
        'is going out, and the tenant does not show which app and where the sign-in comes from: ' +
        "people cannot tell their own prompt from an attacker's.",
      evidence: [],
      steps: 'Turn on "Show application name" and "Show geographic location" (an admin approves).',
      change: 'authenticator-context',
    });
  }
  if (signal.triedSmsSignIn && facts.smsSignInAllowed === false) {
    found.push({
      kind: 'sms-sign-in-off',
      title: 'SMS sign-in is not on for people who try it',
      detail:
        `${who} tried to sign in with a text message code, but no group they belong to has SMS ` +
        'sign-in turned on, so the code is never sent.',
      evidence: [],
      steps:
        'If this group should sign in by text message, turn SMS sign-in on for it (an admin ' +
        'approves); otherwise tell people to use Authenticator or a passkey.',
      change: 'sms-sign-in',
    });
  }
  return found;
}
