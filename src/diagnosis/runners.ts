import type { Intent, Triage } from '../triage/types';
import type { DiagnosisContext, KindResult } from './context';
import { diagnoseConditionalAccess } from './kinds/conditional-access';
import { diagnoseDeviceCompliance } from './kinds/device-compliance';
import { diagnoseDeviceJoin } from './kinds/device-join';
import { diagnoseMfaMethods } from './kinds/mfa-methods';
import { diagnosePasswordPolicy } from './kinds/password-policy';
import { diagnoseSignIn } from './kinds/sign-in';
import { diagnoseTemporaryAccessPass } from './kinds/temporary-access-pass';
import { diagnoseUserAccount } from './kinds/user-account';
import { diagnoseUserRisk } from './kinds/user-risk';
import type { DiagnosisView } from './types';

/** Which look-up explains which paste, and the function that runs each look-up. */

const BY_INTENT: Partial<Record<Intent, DiagnosisView>> = {
  'ca-blocked': 'conditional-access',
  'device-noncompliant': 'device-compliance',
  'device-not-domain-joined': 'device-join',
  'risky-user-blocked': 'user-risk',
  'tap-blocked': 'temporary-access-pass',
  'mfa-required-or-failed': 'mfa-methods',
  'password-banned': 'password-policy',
  'account-locked': 'user-account',
  'account-disabled': 'user-account',
  'password-expired': 'user-account',
  'user-not-found': 'user-account',
  'invalid-password': 'user-account',
};

/**
 * Which look-up explains this paste: the intent decides for the problems the bot knows how to
 * diagnose; for the rest the catalog entry says, and `none` becomes the plain sign-in look-up.
 */
export function viewFor(triage: Triage): DiagnosisView {
  const byIntent = BY_INTENT[triage.intent];
  if (byIntent !== undefined) return byIntent;
  const fromCatalog = (triage.entry ?? triage.message)?.diagnosis;
  return fromCatalog === undefined || fromCatalog === 'none' ? 'sign-in' : fromCatalog;
}

export const RUNNERS: Record<DiagnosisView, (ctx: DiagnosisContext) => Promise<KindResult>> = {
  'conditional-access': diagnoseConditionalAccess,
  'device-compliance': diagnoseDeviceCompliance,
  'device-join': diagnoseDeviceJoin,
  'user-risk': diagnoseUserRisk,
  'temporary-access-pass': diagnoseTemporaryAccessPass,
  'mfa-methods': diagnoseMfaMethods,
  'user-account': diagnoseUserAccount,
  'password-policy': diagnosePasswordPolicy,
  'sign-in': diagnoseSignIn,
};
