import type { ActionOffer } from '../../remediation/action-kinds';
import type { DiagnosisContext, KindResult } from '../context';
import { pasteHasSignInId } from '../context';
import { locatedOf, locateOrUnread, unreadOf, withLogUnread, type Located } from '../log-unread';
import { complianceWords, formatAgo, listWords, type InstantWords } from '../format';
import type { CompliancePolicyStateRecord, ManagedDeviceRecord } from '../ports';
import type { ComplianceFailure, DeviceComplianceDetail, Finding } from '../types';
import { lookUpUnread } from './account-unread';

/** Intune spells the device enum `noncompliant` and the policy enum `nonCompliant`. */
const FAILING = new Set(['noncompliant', 'error', 'conflict']);
const DEVICE_NOT_OK = new Set(['noncompliant', 'ingraceperiod', 'conflict', 'error', 'unknown']);
/** Devices whose policies are read in the second round trip. */
const MAX_DEVICES = 5;

function failuresOf(states: CompliancePolicyStateRecord[]): ComplianceFailure[] {
  return states
    .filter((s) => FAILING.has(s.state.toLowerCase()))
    .map((s) => ({
      policy: s.displayName,
      settings: s.settingStates
        .filter((x) => FAILING.has(x.state.toLowerCase()))
        .map((x) => ({ name: x.settingName || x.setting, currentValue: x.currentValue })),
    }));
}

/**
 * One device out of compliance. `statesRead` is false when its policy states could not be read
 * (not allowed, or Graph did not answer): then which policy fails is not guessed at, nor is
 * Intune said to leave it unsaid.
 */
function deviceFinding(
  detail: DeviceComplianceDetail,
  now: Date,
  when: InstantWords,
  statesRead: boolean,
): Finding {
  const d = detail.device;
  const settings = detail.failing.flatMap((f) => f.settings.map((s) => s.name));
  const policies = detail.failing.map((f) => `"${f.policy}"`);
  const why =
    policies.length > 0
      ? `It fails ${listWords(policies)}${settings.length > 0 ? ` on ${listWords(settings)}` : ''}. `
      : statesRead
        ? 'Intune does not say which setting fails; a sync usually brings the answer. '
        : '';
  return {
    kind: 'cause',
    title: `${d.deviceName} is ${complianceWords(d.complianceState).toLowerCase()}`,
    detail: `${why}It last checked in with Intune ${formatAgo(d.lastSyncDateTime, now)}.`,
    evidence: [
      { label: 'Device', value: `${d.deviceName} (${d.operatingSystem} ${d.osVersion})`.trim() },
      { label: 'Compliance', value: complianceWords(d.complianceState) },
      { label: 'Last sync', value: when(d.lastSyncDateTime) },
      ...(d.complianceState.toLowerCase() === 'ingraceperiod'
        ? [{ label: 'Grace ends', value: when(d.complianceGracePeriodExpirationDateTime) }]
        : []),
      ...detail.failing.flatMap((f) =>
        f.settings.map((s) => ({
          label: s.name,
          value: `fails "${f.policy}"${s.currentValue ? ` (now: ${s.currentValue})` : ''}`,
        })),
      ),
    ],
  };
}

function pickDevices(devices: ManagedDeviceRecord[], usedId: string | undefined) {
  const used =
    usedId === undefined || usedId === ''
      ? undefined
      : devices.find((d) => (d.azureADDeviceId ?? '').toLowerCase() === usedId.toLowerCase());
  if (used) return { used, candidates: [used] };
  return {
    used: undefined,
    candidates: devices.filter((d) => DEVICE_NOT_OK.has(d.complianceState.toLowerCase())),
  };
}

/**
 * device-noncompliant: the Intune devices, which policy and setting fails, and the last sync. A
 * pasted sign-in whose log Graph does not answer leaves the devices standing (read as for a paste
 * without an id), with one line saying so.
 */
export async function diagnoseDeviceCompliance(ctx: DiagnosisContext): Promise<KindResult> {
  const [devices, read] = await Promise.all([
    ctx.unread.read(
      ctx.gaps.optional(ctx.reader.listManagedDevices(ctx.userId), 'the Intune devices'),
      'devices',
    ),
    pasteHasSignInId(ctx.triage) ? locateOrUnread(ctx) : Promise.resolve(undefined),
  ]);
  const located = locatedOf(read);
  // Graph not answering the devices: the explanation and the sign-in stand, no device is judged.
  const answer =
    typeof devices === 'string'
      ? lookUpUnread(
          ctx.triage,
          { view: 'device-compliance', devices: [] },
          located?.outcome.kind === 'failed' ? located.outcome.evidence : undefined,
          ctx.audience,
        )
      : await complianceAnswer(ctx, devices, located);
  return withLogUnread(answer, unreadOf(read));
}

async function complianceAnswer(
  ctx: DiagnosisContext,
  devices: ManagedDeviceRecord[] | undefined,
  located: Located,
): Promise<KindResult> {
  const signIn = located?.outcome.kind === 'failed' ? located.outcome.evidence : undefined;
  const usedId = signIn?.record.deviceDetail.deviceId || ctx.triage.fields.deviceId;
  if (devices === undefined) {
    return {
      status: 'missing-permission',
      headline: 'The bot may not read Intune devices in this tenant yet',
      findings: [],
      signIn,
      offers: [],
      nextSteps: [
        ctx.audience === 'user'
          ? 'Open Company Portal on the device and check what it reports.'
          : 'Ask them to open Company Portal on the device and tell you what it reports.',
      ],
      checkAgain: false,
      details: { view: 'device-compliance', devices: [] },
    };
  }
  const anonymous = signIn !== undefined && !usedId;
  if (devices.length === 0 || anonymous) {
    return notEnrolled(ctx, devices.length === 0, signIn);
  }

  const { used, candidates } = pickDevices(devices, usedId);
  const chosen = candidates.slice(0, MAX_DEVICES);
  // Graph not answering a device's policy states (or not allowing them) leaves the device judged
  // by Intune's own compliance state, without saying which policy it fails.
  const states = await Promise.all(
    chosen
      .filter((d) => DEVICE_NOT_OK.has(d.complianceState.toLowerCase()))
      .map(async (d) => {
        const read = await ctx.unread.read(
          ctx.gaps.optional(
            ctx.reader.listCompliancePolicyStates(d.id),
            'which compliance policy fails',
          ),
          'compliance',
        );
        return { id: d.id, states: typeof read === 'string' ? undefined : read };
      }),
  );
  const statesOf = (id: string) => states.find((s) => s.id === id)?.states;
  const detailed: DeviceComplianceDetail[] = chosen.map((device) => ({
    device,
    usedInSignIn: device === used,
    failing: failuresOf(statesOf(device.id) ?? []),
  }));
  const failing = detailed.filter((d) => DEVICE_NOT_OK.has(d.device.complianceState.toLowerCase()));

  if (failing.length === 0) {
    return {
      status: 'resolved',
      headline: used
        ? `Intune now shows ${used.deviceName} as compliant`
        : 'Intune shows no device of this account out of compliance',
      findings: [
        {
          kind: 'context',
          title: 'Compliant now',
          detail:
            'The device may have become compliant after the failed sign-in, or the sign-in came from a device Intune does not manage. Sign in again; if it fails, paste the new error.',
          evidence: devices.map((d) => ({
            label: d.deviceName,
            value: `${complianceWords(d.complianceState)}, last sync ${formatAgo(d.lastSyncDateTime, ctx.now)}`,
          })),
        },
      ],
      signIn,
      offers: [],
      nextSteps: [
        ctx.audience === 'user'
          ? 'Sign in again from the same device.'
          : 'Ask them to sign in again from the same device.',
      ],
      checkAgain: false,
      details: { view: 'device-compliance', devices: detailed },
    };
  }

  const offers: ActionOffer[] = failing
    .filter((d) => !d.device.syncPending)
    .slice(0, 2)
    .map((d) => ({
      kind: 'sync-device',
      subjectId: ctx.userId,
      targetId: d.device.id,
      reason: `Ask Intune to check ${d.device.deviceName} again now instead of waiting for its next check-in.`,
    }));
  const findings = failing.map((d) =>
    deviceFinding(d, ctx.now, ctx.when, statesOf(d.device.id) !== undefined),
  );
  for (const d of failing.filter((x) => x.device.syncPending)) {
    findings.push({
      kind: 'context',
      title: `A sync of ${d.device.deviceName} is already waiting`,
      detail:
        'The device has not picked up the last sync request yet. Turn it on and connect it to the internet.',
      evidence: [],
    });
  }
  const settings = failing.flatMap((d) => d.failing.flatMap((f) => f.settings.map((s) => s.name)));
  return {
    status: 'found',
    headline: `${listWords(failing.map((d) => d.device.deviceName))} ${failing.length === 1 ? 'does' : 'do'} not meet the compliance policy`,
    findings,
    signIn,
    offers,
    nextSteps:
      ctx.audience === 'user'
        ? [
            ...(settings.length > 0 ? [`Fix on the device: ${listWords(settings)}.`] : []),
            'Open Company Portal on the device and choose "Check status" (or "Check access").',
            'Compliance is re-evaluated after the device checks in; allow up to 15 minutes before signing in again.',
          ]
        : [
            ...(settings.length > 0
              ? [`What has to be fixed on the device: ${listWords(settings)}.`]
              : []),
            'Ask them to open Company Portal on the device and choose "Check status" (or "Check access"), or sync the device (the button below, when offered).',
            'Tell them compliance is re-evaluated after the device checks in: up to 15 minutes before signing in again.',
          ],
    checkAgain: false,
    details: { view: 'device-compliance', devices: detailed },
  };
}

function notEnrolled(
  ctx: DiagnosisContext,
  noDevices: boolean,
  signIn: KindResult['signIn'],
): KindResult {
  const detail = noDevices
    ? 'No device of this account is enrolled in Intune, so none can be compliant. A sync cannot fix that.'
    : 'The failed sign-in sent no device identity, so Entra could not tell the device was compliant. This happens on personal devices and in browsers that do not pass the device identity.';
  return {
    status: 'found',
    headline: noDevices
      ? 'No device of this account is managed by Intune'
      : 'The sign-in came without a device identity',
    findings: [
      { kind: 'cause', title: 'The device is not known as managed', detail, evidence: [] },
    ],
    signIn,
    offers: [],
    nextSteps:
      ctx.audience === 'user'
        ? [
            'Enrol the device: install Company Portal and sign in with your work account.',
            'On Windows, use Edge signed in with your work account, or add the Microsoft Single Sign On extension to Chrome.',
          ]
        : [
            'Ask them to enrol the device: install Company Portal and sign in with the work account.',
            'On Windows, they use Edge signed in with the work account, or add the Microsoft Single Sign On extension to Chrome.',
          ],
    checkAgain: false,
    details: { view: 'device-compliance', devices: [] },
  };
}
