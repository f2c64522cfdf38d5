import type { Intent } from './types';

/**
 * Codes that rarely name the real cause when another code is in the same paste.
 *
 * Wrappers are generic failures that Entra or a client library puts around the specific error
 * ("error validating credentials", "an issue with our sign-in service"). Interrupts are steps of
 * a normal sign-in (pick an account, stay signed in, prove the device, do MFA, sign in again) that
 * show up in logs before or after the failure. Both still decide when nothing better is present.
 *
 * Kept as data so that adding a code never means touching the decision logic.
 */
export const WRAPPER_CODES: ReadonlySet<number> = new Set([
  50000, // an issue with the sign-in service
  90023, // invalid STS request
  70000, // invalid grant, wraps the reason in its text
  70002, // error validating credentials
  90014, // a required field was missing from the request
  900144, // a required parameter was missing from the request body
  9002313, // the request was malformed
]);

export const INTERRUPT_CODES: ReadonlySet<number> = new Set([
  16000, // choose an account / interaction required
  16001, // account selector
  16003, // no account in the session
  50058, // silent sign-in found no signed-in user
  50059, // no tenant in the request
  50072, // MFA registration needed (interrupt before access)
  50074, // MFA required
  50076, // MFA required for this location or app
  50079, // MFA registration required
  50097, // device authentication required
  50125, // sign-in interrupted by a password reset or registration prompt
  50140, // "stay signed in?" prompt
  50143, // session mismatch
  50173, // fresh credentials needed after a change
  81010, // seamless SSO failed, falls back to a prompt
  81012, // seamless SSO user mismatch, falls back to a prompt
  700082, // refresh token expired through inactivity
]);

/** True for wrappers and interrupts: codes that say little about the cause on their own. */
export function isWeakCode(code: number): boolean {
  return WRAPPER_CODES.has(code) || INTERRUPT_CODES.has(code);
}

/**
 * When two codes that both name a cause meet in one paste (two log lines, a retry), the one that
 * stops the person now wins: a blocked, disabled or locked account before an expired password,
 * that before a policy or device block met after sign-in, that before a mistyped credential or a
 * missing second factor. Intents not listed (app-misconfigured, other-known) share the last
 * place, so among them the earliest code decides.
 */
export const INTENT_PRECEDENCE: readonly Intent[] = [
  'risky-user-blocked',
  'account-disabled',
  'account-locked',
  'password-expired',
  'password-banned',
  'tap-blocked',
  'device-noncompliant',
  'device-not-domain-joined',
  'ca-blocked',
  'legacy-auth-blocked',
  'consent-required',
  'user-not-found',
  'invalid-password',
  'mfa-required-or-failed',
];
