import type { DiagnosisContext, KindResult } from '../context';
import { formatAgo, joinType } from '../format';
import type { RegisteredDeviceRecord } from '../ports';
import type { Evidence, Finding } from '../types';

/**
 * Windows could not sign a Microsoft 365 app in to the work account: the key Windows keeps in the
 * computer's security chip (TPM) was not usable ("Trusted Platform Module has malfunctioned",
 * 80090030, 80090016, 80090034), or the Windows account broker did not answer the app
 * ("Something went wrong [1001]"), or the Windows Hello PIN's key can no longer be used or set up
 * ("Your PIN is no longer available", "We couldn't set up your PIN"). The failure is on the computer, before any request reaches
 * Entra ID, so no sign-in row is read; the person's Windows devices as Entra ID knows them
 * (registered, enabled, joined how, compliant) are what the tenant can tell.
 *
 * Sources: the Windows error table, learn.microsoft.com/windows/win32/com/com-error-codes-4
 * (NTE_BAD_KEYSET 0x80090016 "Keyset does not exist", NTE_DEVICE_NOT_READY 0x80090030,
 * NTE_ENCRYPTION_FAILURE 0x80090034); the Microsoft 365 Apps articles "Trusted Platform Module
 * malfunctioned" (learn.microsoft.com/office/troubleshoot/activation/tpm-malfunctioned: sign out,
 * disconnect a work account that is not the Windows sign-in, the broker plug-in, an enabled
 * device) and "Disabling ADAL or WAM not recommended for fixing Office sign-in or activation
 * issues".
 */

/** The catalog's messages this answer is for (src/triage/catalog/messages.json). */
export const DEVICE_KEY_MESSAGE = 'windows-device-key';
export const ACCOUNT_BROKER_MESSAGE = 'windows-account-broker';
export const HELLO_PIN_MESSAGE = 'windows-hello-pin';
const MESSAGES: ReadonlySet<string> = new Set([
  DEVICE_KEY_MESSAGE,
  ACCOUNT_BROKER_MESSAGE,
  HELLO_PIN_MESSAGE,
]);

/** Whether this paste is one this answer is for. */
export function isWindowsKeyMessage(messageId: string | undefined): boolean {
  return messageId !== undefined && MESSAGES.has(messageId);
}

const SIGN_OUT =
  'In the Office app, select your name at the top and sign out. Close every Office app (Outlook and Teams too), then open one and sign in again.';
const ACCESS_WORK =
  'Still failing: open Settings > Accounts > Access work or school. If your work account is listed there but is not the account you sign in to Windows with, select it, choose Disconnect, restart and sign in to the app again. Never disconnect the account you sign in to Windows with.';

/** What the person can do, for each message; the helpdesk gets the catalog's steps. */
export const WINDOWS_KEY_USER_STEPS: Readonly<Record<string, readonly string[]>> = {
  [DEVICE_KEY_MESSAGE]: [
    'Restart the computer, then open the app again: a security chip that was not ready often is after a restart.',
    SIGN_OUT,
    ACCESS_WORK,
    'To see whether the security chip works, press Windows+R, type tpm.msc and press Enter: it should say the TPM is ready for use. Tell the helpdesk what it says.',
    'If it keeps failing, ask the helpdesk and give them the error code. Do not clear the TPM or change sign-in settings in the registry yourself: clearing it can lock you out of an encrypted disk and your Windows Hello PIN.',
  ],
  [ACCOUNT_BROKER_MESSAGE]: [
    SIGN_OUT,
    'Restart the computer and try the app again.',
    ACCESS_WORK,
    'If it keeps failing, ask the helpdesk, and say if the computer has security software other than Windows Security: it may be blocking the part of Windows that signs you in.',
  ],
  [HELLO_PIN_MESSAGE]: [
    'Sign in to Windows with your password instead: under the PIN box choose Sign-in options, then the key icon.',
    'Then set the PIN up again: Settings > Accounts > Sign-in options > PIN, and choose "I forgot my PIN" (or Remove, then Set up). Stay connected to the internet, or the company network or VPN if you use one, while you do.',
    'Windows asks you to verify with your usual second step (such as Microsoft Authenticator) while it sets the PIN up; if you cannot, ask the helpdesk for a Temporary Access Pass.',
    'If the PIN cannot be set up again, ask the helpdesk and give them the whole message and any code in it. Do not clear the TPM yourself: it can lock you out of an encrypted disk.',
  ],
};

/** The answer's headline for each message, also the title of the card without a diagnosis. */
export const WINDOWS_KEY_HEADLINES: Readonly<Record<string, string>> = {
  [DEVICE_KEY_MESSAGE]: "Windows could not use this computer's key for your work account",
  [ACCOUNT_BROKER_MESSAGE]: 'Windows could not sign the app in to your work account',
  [HELLO_PIN_MESSAGE]: 'Your Windows PIN cannot be used on this computer now',
};

/** The same headlines for the helpdesk, about the person's computer and account. */
const HELPDESK_HEADLINES: Readonly<Record<string, string>> = {
  [DEVICE_KEY_MESSAGE]: "Windows could not use the computer's key for this work account",
  [ACCOUNT_BROKER_MESSAGE]: 'Windows could not sign the app in to this work account',
  [HELLO_PIN_MESSAGE]: "The person's Windows Hello PIN cannot be used on their computer now",
};

/** Windows codes these messages show, in plain words. */
const KNOWN_CODES: Readonly<Record<string, string>> = {
  '80090030': 'The security chip (TPM) was not ready to use the key',
  '80090016': 'The key is no longer there (keyset does not exist)',
  '80090034': 'Encrypting with the key failed',
  c000006d: 'Windows refused the sign-in with this key',
};

/**
 * The Windows codes the paste showed, each with its meaning when known, else as the message gave
 * it: what was pasted, not every code the message can come with.
 */
function pastedCodes(codes: readonly string[] | undefined): Evidence[] {
  return (codes ?? []).map((code) => ({
    label: code,
    value: KNOWN_CODES[code.replace(/^0x/, '')] ?? 'A Windows code from the message',
  }));
}

function meaningFinding(text: string, codes: readonly string[] | undefined): Finding {
  return {
    kind: 'cause',
    title: 'What the message means',
    detail: text,
    evidence: pastedCodes(codes),
  };
}

function deviceLine(d: RegisteredDeviceRecord, now: Date): Evidence {
  const compliance =
    d.isCompliant === true
      ? 'compliant'
      : d.isCompliant === false
        ? 'not compliant'
        : 'compliance not reported';
  return {
    label: d.displayName,
    value: `${joinType(d.trustType)}; ${compliance}; ${d.accountEnabled ? 'enabled' : 'disabled'}; last sign-in ${formatAgo(d.approximateLastSignInDateTime, now)}`,
  };
}

const isWindows = (d: RegisteredDeviceRecord): boolean =>
  d.operatingSystem.toLowerCase().startsWith('windows');

/**
 * What the person's Windows devices in Entra ID say about the key, told to them (`own`) or to the
 * helpdesk looking at their account.
 */
function deviceFindings(devices: RegisteredDeviceRecord[], now: Date, own: boolean): Finding[] {
  const windows = devices.filter(isWindows);
  if (windows.length === 0) {
    return [
      {
        kind: 'context',
        title: own
          ? 'No Windows computer of yours is registered in Entra ID'
          : 'No Windows computer of this account is registered in Entra ID',
        detail: own
          ? 'If this computer was joined or registered before, that registration is gone, and the key with it: the computer has to be registered again. The helpdesk can guide you.'
          : 'If the computer was joined or registered before, that registration is gone, and the key with it: the computer has to be joined or registered again.',
        evidence: [],
      },
    ];
  }
  const disabled = windows.filter((d) => !d.accountEnabled);
  const findings: Finding[] = disabled.map((d) => ({
    kind: 'cause',
    title: `${d.displayName} is disabled in Entra ID`,
    detail: own
      ? "Windows cannot sign in to Microsoft 365 apps with a disabled computer's key. The helpdesk can enable it again."
      : "Windows cannot sign in to Microsoft 365 apps with a disabled computer's key. Enable it again in Entra ID > Devices if it was not disabled on purpose.",
    evidence: [deviceLine(d, now)],
  }));
  const enabled = windows.filter((d) => d.accountEnabled);
  if (enabled.length > 0) {
    findings.push({
      kind: 'context',
      title: own
        ? 'Your Windows computers in Entra ID'
        : 'Windows computers of this account in Entra ID',
      detail:
        'Each is registered and enabled. If this computer is among them, its registration is in order and the key on the computer itself is what failed.',
      evidence: enabled.map((d) => deviceLine(d, now)),
    });
  }
  return findings;
}

export async function diagnoseWindowsKey(ctx: DiagnosisContext): Promise<KindResult> {
  const message = ctx.triage.message;
  const id = message?.id ?? DEVICE_KEY_MESSAGE;
  const read = await ctx.unread.read(
    ctx.gaps.optional(
      ctx.reader.findRegisteredDevices({ ownerId: ctx.userId }),
      'the registered devices',
    ),
    'devices',
  );
  // Not allowed (a gap) or not answered (one line): no device is said to be missing or fine.
  const devices = read === undefined || typeof read === 'string' ? undefined : read;
  const own = ctx.audience === 'user';
  const meaning = (own ? message?.userText : message?.helpdeskText) ?? message?.userText ?? '';
  const findings: Finding[] = [meaningFinding(meaning, ctx.triage.windowsCodes)];
  if (devices !== undefined) {
    findings.push(...deviceFindings(devices, ctx.now, own));
  }
  const disabled = (devices ?? []).some((d) => isWindows(d) && !d.accountEnabled);
  const steps =
    ctx.audience === 'user'
      ? (WINDOWS_KEY_USER_STEPS[id] ?? [])
      : (message?.nextSteps ?? WINDOWS_KEY_USER_STEPS[id] ?? []);
  return {
    status: disabled ? 'found' : 'explained',
    headline:
      (own ? WINDOWS_KEY_HEADLINES : HELPDESK_HEADLINES)[id] ??
      WINDOWS_KEY_HEADLINES[DEVICE_KEY_MESSAGE] ??
      '',
    findings,
    offers: [],
    nextSteps: [...steps],
    checkAgain: false,
    // Not the device-join answer's "Why the device did not count": nothing was counted here.
    causesHeading: 'What the message means',
    details: { view: 'device-join', devices: devices ?? [], signInDeviceId: null, browser: null },
  };
}
