import { loadCatalog } from '../triage/catalog';
import type { Intent, Triage } from '../triage/types';
import type { DiagnosisView } from './types';

/** Which look-up explains which paste. */

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
export function viewFor(triage: Pick<Triage, 'intent' | 'entry' | 'message'>): DiagnosisView {
  const byIntent = BY_INTENT[triage.intent];
  if (byIntent !== undefined) return byIntent;
  const fromCatalog = (triage.entry ?? triage.message)?.diagnosis;
  return fromCatalog === undefined || fromCatalog === 'none' ? 'sign-in' : fromCatalog;
}

/** The look-up a paste of just this code gets, by its catalog entry; undefined for an unknown code. */
export function viewOfCode(code: number): DiagnosisView | undefined {
  const entry = loadCatalog().byCode(code);
  if (entry === undefined) return undefined;
  return viewFor({ intent: entry.intent, entry });
}
