import type { Triage } from '../triage/types';

/**
 * "diagnose alex@contoso.com": no error pasted, just "why can't this account sign in?". It is
 * answered as a code-less paste: from the account's latest failed sign-in, or by saying there is
 * none in the last day.
 */
export const ACCOUNT_CHECK = /^\s*diagnose\s+\S+@\S+\s*$/i;

export function accountCheckTriage(): Triage {
  return { intent: 'other-known', codes: [], fields: {}, confidence: 1, truncated: false };
}

/**
 * Triage never gives `other-known` without a code (catalog messages are always specific), so a
 * code-less `other-known` is the account check.
 */
export function isAccountCheck(triage: Triage): boolean {
  return (
    triage.intent === 'other-known' &&
    triage.code === undefined &&
    triage.entry === undefined &&
    triage.message === undefined
  );
}
