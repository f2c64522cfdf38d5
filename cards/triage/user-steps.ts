import { WINDOWS_KEY_USER_STEPS } from '../../src/diagnosis/kinds/device-key';
import { loadCatalog } from '../../src/triage/catalog';
import type { Intent, PasteClient } from '../../src/triage/types';

/**
 * What the blocked person can do themselves, per intent. The catalog's next steps are written
 * for the helpdesk (they name portals and policies); a person who was blocked gets these instead,
 * and the helpdesk view keeps the catalog's steps.
 */
export const USER_STEPS: Record<Exclude<Intent, 'unrelated'>, string[]> = {
  'ca-blocked': [
    'Try again from your work device, on the company network or VPN if you usually use one.',
    'If it still fails, ask the helpdesk: they can see which rule stopped you and whether an exception is possible.',
  ],
  'device-noncompliant': [
    'Open the Company Portal app on this device and check its status; fix anything it lists (updates, encryption, passcode).',
    'In the Company Portal, choose "Check status" or "Sync", wait a few minutes, then try again.',
    'If the device still shows as not compliant, ask the helpdesk.',
  ],
  'device-not-domain-joined': [
    'Use a company-managed computer for this app, or sign in with Microsoft Edge signed in to your work account.',
    'In Chrome, add the Microsoft Single Sign On (or Windows Accounts) extension so the browser can prove which device you are on.',
    'If you are on a company computer and still see this, ask the helpdesk to check its registration.',
  ],
  'risky-user-blocked': [
    'Do not try again repeatedly: each attempt from a risky session can keep the block in place.',
    'If you did not recently sign in from somewhere new, tell the helpdesk at once: someone else may know your password.',
    'Ask the helpdesk to review the risk; after they clear it, sign-in can take 10 to 15 minutes to work again.',
  ],
  'tap-blocked': [
    'Check that you typed the pass exactly and that it has not expired or already been used.',
    'Ask the helpdesk for a new Temporary Access Pass; they will tell you from when it is valid.',
  ],
  'password-banned': [
    'Choose a longer passphrase of several unrelated words, and avoid your company name, your name, seasons and years.',
    'Small changes to a common word (a capital letter, a number or a symbol at the end) are still refused.',
  ],
  'mfa-required-or-failed': [
    'Open Microsoft Authenticator on your phone and approve the request, typing the number shown on the sign-in screen.',
    'If no request arrives, choose "Sign in another way" and use a different method.',
    'If your phone changed or you lost it, ask the helpdesk to help you register a new method.',
  ],
  'account-locked': [
    'Wait about 15 minutes before trying again; more attempts keep the lock in place.',
    'If you forgot your password, use "Forgot my password" instead of guessing.',
    'If you did not make these attempts yourself, tell the helpdesk.',
  ],
  'account-disabled': [
    'You cannot fix this yourself: ask the helpdesk or your manager whether your account should be active.',
  ],
  'invalid-password': [
    'Check the username, then type the password again carefully (Caps Lock, keyboard layout).',
    'If you changed your password recently, use the new one on every device and app.',
    'If you have forgotten it, use "Forgot my password" or ask the helpdesk.',
  ],
  'password-expired': [
    'Follow the prompt to change your password, or use "Forgot my password" if you are not offered one.',
    'After changing it, update the password in your mail app and on your phone too.',
  ],
  'user-not-found': [
    'Check the account name you typed: it should be your full work address.',
    'If you were invited as a guest, open the invitation link again or ask the person who invited you.',
  ],
  'legacy-auth-blocked': [
    'Use an up-to-date app (for example the current Outlook) that signs in with a browser window.',
    'Remove and re-add the account in your mail app so it uses modern sign-in.',
  ],
  'app-misconfigured': [
    'This is a setup problem in the app, not with your account: send the error details to the helpdesk or the app owner.',
  ],
  'consent-required': [
    'Ask the helpdesk to request approval for this app; an administrator must allow it first.',
  ],
  // A question is answered by its own card; these steps are for anything that still shows it.
  question: [
    'If you are stuck on a sign-in error, paste the whole error page, the code or the message.',
  ],
  'other-known': [
    'Close the app or browser, sign in again, and note the time if it fails again.',
    'If it keeps happening, ask the helpdesk and include the full error text.',
  ],
};

/**
 * Signing in again where the saved sign-in expired or was revoked (the catalog's fix
 * `sign-in-again`), in the words of the tool the paste came from: a terminal has no app to close.
 */
const SIGN_IN_AGAIN: Record<PasteClient, string[]> = {
  'azure-cli': [
    'Run "az login" in the same terminal and sign in in the browser window it opens (where no browser can open, run "az login --use-device-code" instead).',
    'If the message showed a longer az login command (with --tenant or --scope), run that one as shown.',
    'Run your command again. If it still fails, ask the helpdesk and include the whole error text.',
  ],
  'azure-powershell': [
    'Run "Connect-AzAccount" in the same PowerShell window and sign in when it asks (where no browser can open, add -UseDeviceAuthentication).',
    'Run your command again. If it still fails, ask the helpdesk and include the whole error text.',
  ],
  'graph-powershell': [
    'Run "Connect-MgGraph" again in the same PowerShell window, with the same -Scopes as before, and sign in when it asks.',
    'Run your command again. If it still fails, ask the helpdesk and include the whole error text.',
  ],
  msal: [
    'Run the tool or script again and sign in when it asks.',
    'If it shows this error again instead of asking you to sign in, send the whole error text to whoever maintains the tool: it should sign you in again when this happens.',
  ],
};

/**
 * The same sign-in again as the helpdesk tells it: what they ask the person to run. It stands in
 * for the catalog's first step of a `sign-in-again` code, its generic "ask them to sign in again"
 * (the catalog's test holds every such entry to that); the catalog's further checks stay.
 */
const SIGN_IN_AGAIN_HELPDESK: Record<PasteClient, string> = {
  'azure-cli':
    'Ask them to run "az login" again in the same terminal (or "az login --use-device-code" where no browser can open; the longer az login command when the message showed one), then run their command again.',
  'azure-powershell':
    'Ask them to run "Connect-AzAccount" again in the same PowerShell window (with -UseDeviceAuthentication where no browser can open), then run their command again.',
  'graph-powershell':
    'Ask them to run "Connect-MgGraph" again in the same PowerShell window with the same -Scopes as before, then run their command again.',
  msal: 'Ask them to run the tool or script again and sign in when it asks; if it shows this error again instead of asking, its maintainer should make it sign the person in again when this happens.',
};

/** Whether the catalog's fix for this code is signing in again. */
function fixedBySigningInAgain(code: number | undefined): boolean {
  return code !== undefined && loadCatalog().byCode(code)?.fix === 'sign-in-again';
}

/**
 * The helpdesk's steps for this code (the catalog's), with its generic sign-in again named as the
 * tool's own command when the fix is signing in again in a tool the paste shows.
 */
export function helpdeskStepsFor(
  code: number | undefined,
  client: PasteClient | undefined,
  catalogSteps: readonly string[],
): string[] {
  if (client === undefined || !fixedBySigningInAgain(code)) return [...catalogSteps];
  return [SIGN_IN_AGAIN_HELPDESK[client], ...catalogSteps.slice(1)];
}

/**
 * What the blocked person can do themselves about this paste: the steps for its intent; for a
 * code whose fix is signing in again in a tool the paste shows (Azure CLI, PowerShell, MSAL),
 * that tool's own way to sign in again; for a Windows message about the computer's key or
 * account broker (device-key.ts), the steps on that computer.
 */
export function userStepsFor(
  intent: Exclude<Intent, 'unrelated'>,
  code: number | undefined,
  client: PasteClient | undefined,
  messageId?: string,
): string[] {
  const onWindows = messageId === undefined ? undefined : WINDOWS_KEY_USER_STEPS[messageId];
  if (onWindows !== undefined && code === undefined) return [...onWindows];
  const entry = code === undefined ? undefined : loadCatalog().byCode(code);
  const signInAgain = fixedBySigningInAgain(code);
  if (signInAgain && client !== undefined) return SIGN_IN_AGAIN[client];
  const own =
    intent === 'other-known' && entry !== undefined && !signInAgain
      ? ownAdvice(entry.userText)
      : [];
  return own.length > 0 ? own : USER_STEPS[intent];
}

// A sentence of the catalog's plain explanation that tells the person what to do: an order
// ("Ask the helpdesk ...", "Restart the device ...") or an order under a condition ("If nothing
// happens, sign out ...").
const ORDER =
  /^(?:if [^,]{1,80}, )?(?:ask|contact|tell|let|restart|use|try|change|sign|wait|open|check|close|update|reset|install|turn|remove|choose|pick|type|enter|make|register|set|go|follow|send|approve|complete|connect|reinstall|run|select|switch|clear|accept|add|allow|delete|report|call|do not|don't|start|finish|request|continue|reopen|refresh|verify|confirm|please try)\b(?!-)/i;
// The explanation says someone else has to act (IT, the helpdesk, an administrator, the app's
// owner): signing in again changes nothing.
const OTHERS_ACT =
  /\b(?:it(?: team)?|the helpdesk|an? administrator|your administrator|the app's owner|a parent, guardian or the it team)\b[^.]{0,40}\b(?:needs? to|has to|have to|will need to|must)\b|not caused by you|nothing (?:is )?wrong with (?:your account|what you did)/i;
const NAMES_HELP = /\b(?:helpdesk|it team|\bIT\b|administrator|app's owner)\b/;

/**
 * A code with no steps of its own kind (`other-known`): what its plain explanation tells the
 * person to do, instead of "sign in again" where that cannot help (a missing assignment, a
 * setup problem only IT can fix). Empty when the explanation orders nothing and names nobody.
 */
function ownAdvice(userText: string): string[] {
  const sentences = userText.split(/(?<=[.!?])\s+(?=[A-Z])/);
  const orders = sentences.filter((s) => ORDER.test(s.trim()));
  const othersAct = OTHERS_ACT.test(userText);
  const helpNamed = orders.some((s) => NAMES_HELP.test(s));
  if (othersAct && !helpNamed) {
    orders.push(
      "This needs a change on the organisation's side, not yours: ask the helpdesk and include the whole error text. Signing in again will not change it.",
    );
  } else if (orders.length > 0 && !helpNamed) {
    orders.push('If it keeps happening, ask the helpdesk and include the full error text.');
  }
  return orders;
}
