import type { Intent } from './types';

/**
 * Codes that rarely name the real cause when another code is in the same paste.
 *
 * Wrappers are generic failures that Entra or a client library puts around the specific error
 * ("error validating credentials", "an issue with our sign-in service"). Interrupts are steps of
 * a normal sign-in (pick an account, stay signed in, prove the device, do MFA, sign in again) that
 * show up in logs before or after the failure, together with the codes whose documented remedy is
 * only to sign in again or to retry (an expired token or session, a transient fault). Both still
 * decide when nothing better is present.
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
  // Entra's own interrupts (their names end in "Interrupt"): a prompt on the way, not a failure.
  50168, // the browser's SSO extension should be used
  50199, // the security confirmation shown in mobile and embedded web views
  530033, // a managed device is required: the device registration step
  1000002, // a bind completed and the user is only told so
  // The normal life of a token or session: the documented remedy is to sign in again.
  50089, // the flow token expired while the sign-in page sat idle
  50132, // the SSO session is invalid after a password change or expiry
  50133, // the SSO session was revoked
  70008, // the refresh token expired or was revoked
  70019, // the device code timed out before the sign-in finished
  70043, // the refresh token is past the sign-in frequency Conditional Access set
  90086, // the WS-Trust DA token expired
  700020, // a silent request needs the user to interact
  700084, // a single-page app's refresh token reached its fixed lifetime
  // Transient faults of a service the sign-in depends on: the documented remedy is to retry.
  40010, // the federated identity provider's server error
  50033, // a retryable error unrelated to the account
  50087, // the strong authentication service's transient error
  90006, // a dependent service was temporarily unavailable
  90090, // a directory call failed temporarily
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

/**
 * App-registration codes by the check that raises them, in the order a sign-in runs those checks:
 * first the tenant and the app are looked up (nothing else can be checked without them), then the
 * reply address (it must be registered before it can match, and errors about anything else in
 * the request are sent to it), then the rest of the request and the registration, and last, at the
 * token endpoint, the app's own secret or certificate. A later check only runs when the earlier
 * ones passed, so when two such codes meet, the later check's code is the one that blocks now;
 * the earlier code was fixed since or came from another attempt. App codes not listed here sit
 * with the rest of the request (REQUEST_STEP).
 */
export const APP_CHECK_STEP: ReadonlyMap<number, number> = new Map([
  // 1: which tenant and which app
  ...[
    90002, 900023, 90019, 90038, 50194, 90124, 90130, 9001023, 650059, 700016, 700011, 70001,
    7000112, 90027,
  ].map((code) => [code, 1] as const),
  // 2: a reply address is registered at all
  [500113, 2],
  [900971, 2],
  // 3: the reply address matches a registered one
  [50011, 3],
  [70004, 3],
  // 5: the app proves who it is at the token endpoint
  ...[7000215, 7000218, 7000222, 700024, 700025, 700027, 700030, 700005, 500133].map(
    (code) => [code, 5] as const,
  ),
]);

/** The step of app-registration codes APP_CHECK_STEP does not list: the rest of the request. */
export const REQUEST_STEP = 4;
