import type { DiagnosisContext, KindResult } from '../context';
import { locatedOf, locateOrUnread, unreadOf, withLogUnread } from '../log-unread';
import { ownSignInOrOther } from '../own-sign-in';
import { formatAgo, joinType } from '../format';
import type { RegisteredDeviceRecord } from '../ports';
import type { Finding } from '../types';
import { lookUpUnread } from './account-unread';
import { diagnoseWindowsKey, isWindowsKeyMessage } from './device-key';

/**
 * Why a browser sent no device identity, and what makes it send one. The browser string in the
 * sign-in log starts with the browser's name ("Chrome 124.0.0", "Edge 80.0.361").
 */
export function browserAdvice(browser: string | null, os: string): string | undefined {
  const name = (browser ?? '').toLowerCase();
  if (name.startsWith('chrome')) {
    return os.toLowerCase().startsWith('mac')
      ? 'Chrome on a Mac sends the device identity only with the Microsoft Single Sign On extension and the Company Portal app installed.'
      : 'Chrome sends no device identity unless the Microsoft Single Sign On extension (formerly Windows Accounts) is installed. Add it, or use Edge signed in with the work account.';
  }
  if (name.startsWith('firefox')) {
    return 'Firefox sends the device identity only when "Allow Windows single sign-on for Microsoft, work, and school accounts" is turned on in its settings.';
  }
  if (name.startsWith('edge')) {
    return 'Edge sends the device identity when its profile is signed in with the work account; an InPrivate window or a personal profile sends none.';
  }
  if (name.startsWith('safari')) {
    return 'Safari sends the device identity through the Enterprise SSO plug-in, which comes with the Company Portal app.';
  }
  if (name !== '') {
    return `${browser} cannot prove which device it runs on. Use Edge signed in with the work account.`;
  }
  return undefined;
}

function deviceLine(d: RegisteredDeviceRecord, now: Date): { label: string; value: string } {
  return {
    label: d.displayName,
    value: `${joinType(d.trustType)}; ${d.operatingSystem}; last sign-in ${formatAgo(d.approximateLastSignInDateTime, now)}${d.accountEnabled ? '' : '; disabled'}`,
  };
}

function byDeviceId(
  devices: RegisteredDeviceRecord[],
  id: string,
): RegisteredDeviceRecord | undefined {
  return devices.find((d) => d.deviceId.toLowerCase() === id.toLowerCase());
}

/**
 * The registered device with this id: undefined when the bot may not read it (a gap) or Graph
 * did not answer (the one line names it), so that neither is taken for "not registered".
 */
async function deviceById(
  ctx: DiagnosisContext,
  deviceId: string,
): Promise<RegisteredDeviceRecord[] | undefined> {
  const read = await ctx.unread.read(
    ctx.gaps.optional(ctx.reader.findRegisteredDevices({ deviceId }), 'the device'),
    'device',
  );
  return typeof read === 'string' ? undefined : read;
}

/**
 * device-not-domain-joined: registered devices and their join type, and the browser used. A
 * sign-in log Graph does not answer leaves the devices (and a pasted device id) standing, with
 * one line saying so.
 */
export async function diagnoseDeviceJoin(ctx: DiagnosisContext): Promise<KindResult> {
  // Windows could not use the computer's key or account broker: no policy asked for a joined
  // device, and the failure never reached Entra ID (device-key.ts).
  if (isWindowsKeyMessage(ctx.triage.message?.id)) return diagnoseWindowsKey(ctx);
  const pastedId = ctx.triage.fields.deviceId;
  const [ownedOrUnread, pastedDevices, read] = await Promise.all([
    ctx.unread.read(
      ctx.gaps.optional(
        ctx.reader.findRegisteredDevices({ ownerId: ctx.userId }),
        'the registered devices',
      ),
      'devices',
    ),
    pastedId === undefined ? Promise.resolve([]) : deviceById(ctx, pastedId),
    locateOrUnread(ctx),
  ]);
  const located = locatedOf(read);
  const unread = unreadOf(read);
  // A failure of another kind (a lock-out) is not the sign-in whose device this answer reads.
  const { signIn, otherFailure } = ownSignInOrOther(ctx, located, 'device-join');
  if (typeof ownedOrUnread === 'string') {
    // Graph did not answer the account's devices: the explanation and the sign-in stand, and no
    // device is said to be missing or registered.
    const details = {
      view: 'device-join' as const,
      devices: [],
      signInDeviceId: null,
      browser: null,
    };
    return withLogUnread(lookUpUnread(ctx.triage, details, signIn, ctx.audience), unread);
  }
  const owned = ownedOrUnread;
  const row = signIn?.record;
  const usedId = row?.deviceDetail.deviceId || pastedId || '';
  const known = [...(owned ?? []), ...(pastedDevices ?? [])];
  let used = usedId === '' ? undefined : byDeviceId(known, usedId);
  // Whether the tenant was asked about the sign-in's device and answered: only then may it be
  // said not to be registered. A look-up Graph did not answer is not asked twice in one answer.
  let lookedUp = used !== undefined || (pastedDevices !== undefined && usedId === pastedId);
  if (used === undefined && usedId !== '' && !lookedUp && !ctx.unread.has('device')) {
    const found = await deviceById(ctx, usedId);
    used = found?.[0];
    lookedUp = found !== undefined;
  }
  const devices = owned ?? [];
  const browser = row?.deviceDetail.browser ?? null;
  const details = {
    view: 'device-join' as const,
    devices,
    signInDeviceId: usedId === '' ? null : usedId,
    browser,
  };

  const findings: Finding[] = [];
  const steps: string[] = [];
  if (row !== undefined && usedId === '') {
    const advice = browserAdvice(browser, row.deviceDetail.operatingSystem);
    findings.push({
      kind: 'cause',
      title: 'The sign-in came without a device identity',
      detail: `Entra could not tell which device this was, so it could not count it as a company device.${advice ? ` ${advice}` : ''}`,
      evidence: [
        { label: 'Browser', value: browser ?? 'unknown' },
        { label: 'Operating system', value: row.deviceDetail.operatingSystem || 'unknown' },
      ],
    });
    if (advice) steps.push(advice);
  } else if (used !== undefined) {
    const trust = (used.trustType ?? '').toLowerCase();
    const detail =
      trust === 'serverad'
        ? 'This device is hybrid joined. If the sign-in still failed, its registration may not have finished syncing to Entra ID; restart it on the company network and sign in to Windows again.'
        : trust === 'azuread'
          ? 'This device is Entra joined but not joined to the on-premises domain, and the policy asks for a hybrid joined device.'
          : 'This device is only registered (a personal or BYOD device). The policy accepts company devices joined to the domain.';
    findings.push({
      kind: 'cause',
      title: `${used.displayName}: ${joinType(used.trustType)}`,
      detail,
      evidence: [deviceLine(used, ctx.now)],
    });
    if (trust !== 'serverad') {
      steps.push(
        ctx.audience === 'user'
          ? 'Sign in from a company computer that is joined to the domain.'
          : 'Ask them to sign in from a company computer that is joined to the domain.',
      );
    }
  } else if (usedId !== '' && lookedUp) {
    findings.push({
      kind: 'cause',
      title: 'The device is not registered in this tenant',
      detail: `The sign-in named device ${usedId}, which this tenant does not know (it may be registered in another organisation or deleted).`,
      evidence: [],
    });
  }
  const others = devices.filter((d) => d.id !== used?.id);
  if (others.length > 0) {
    findings.push({
      kind: 'context',
      title: used
        ? 'Other devices registered to this account'
        : 'Devices registered to this account',
      detail:
        'How each device is known to Entra ID. Only hybrid joined devices meet a "domain joined device" requirement.',
      evidence: others.map((d) => deviceLine(d, ctx.now)),
    });
  }
  if (located?.outcome.kind === 'pending' && findings.length === 0) {
    findings.push({
      kind: 'context',
      title: 'Sign-in not in the log yet',
      detail: located.outcome.reason,
      evidence: [],
    });
  }
  steps.push(
    ctx.audience === 'user'
      ? 'Use a company computer that is joined to the domain, or ask the helpdesk which devices the policy accepts.'
      : "Ask them to use a company computer that is joined to the domain; the policy's grant controls say which devices it accepts.",
  );
  const cause = findings.find((f) => f.kind === 'cause');
  // Without the log, no device seen is not a finding: the sign-in's device was not read at all.
  const unseen =
    unread === undefined && lookedUp === (usedId !== '')
      ? {
          status: 'no-record' as const,
          headline: 'The sign-in needs a hybrid joined device, and none was seen',
        }
      : { status: 'explained' as const, headline: 'The sign-in needs a hybrid joined device' };
  return withLogUnread(
    {
      status: cause === undefined ? unseen.status : 'found',
      headline: cause?.title ?? unseen.headline,
      findings,
      signIn,
      offers: [],
      nextSteps: [...new Set(steps)],
      checkAgain: located?.outcome.kind === 'pending',
      ...(otherFailure === undefined ? {} : { otherFailure }),
      details,
    },
    unread,
  );
}
