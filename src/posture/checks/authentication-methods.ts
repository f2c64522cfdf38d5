import { ADMIN_LINKS } from '../links';
import {
  couldNotCheck,
  type AuthenticatorPolicy,
  type FeatureSetting,
  type Fido2Policy,
  type MethodTarget,
  type Read,
  type SmsPolicy,
  type TapPolicy,
} from '../reads';
import type { PostureItem } from '../types';
import { groupLabel, type CheckContext } from './context';
import { formatMinutes, plural } from '../../diagnosis/format';

/** Checks of the authentication methods policy, one item per method. */

const METHODS_FIX_URL = ADMIN_LINKS.authenticationMethods;

function targets(list: readonly MethodTarget[], ctx: CheckContext): string {
  if (list.length === 0) return 'nobody';
  return list.map((t) => groupLabel(t.id, ctx.groups)).join(', ');
}

function unknownItem(base: Omit<PostureItem, 'status' | 'evidence'>, read: Read<unknown>) {
  return { ...base, status: 'unknown' as const, evidence: read.ok ? [] : [couldNotCheck(read)] };
}

/** Lifetimes in minutes as a person reads them ("1 hour", "8 hours", "90 minutes"). */
const minutes = formatMinutes;

export function checkTemporaryAccessPass(read: Read<TapPolicy>, ctx: CheckContext): PostureItem {
  const base = {
    id: 'temporary-access-pass' as const,
    title: 'Temporary Access Pass: multi-use with a short lifetime',
    why: 'A pass is how people set up passwordless sign-in or recover a lost phone. Forcing one-time passes at policy level breaks Windows Autopilot and anyone who signs out before finishing registration; a multi-use pass with a short lifetime is the safer default.',
  };
  if (!read.ok) return unknownItem(base, read);
  const p = read.value;
  const evidence = [
    `State: ${p.state}, for ${targets(p.includeTargets, ctx)}.`,
    `One-time use forced by policy: ${p.isUsableOnce ? 'yes' : 'no'}.`,
    `Lifetime: default ${minutes(p.defaultLifetimeInMinutes)}, allowed ${minutes(p.minimumLifetimeInMinutes)} to ${minutes(p.maximumLifetimeInMinutes)}.`,
  ];
  if (p.state !== 'enabled') {
    return {
      ...base,
      status: 'warn',
      evidence,
      fix: {
        steps:
          'Authentication methods > Temporary Access Pass: enable it for the people who onboard or recover (the helpdesk issues passes through approval).',
        url: METHODS_FIX_URL,
      },
    };
  }
  const problems: string[] = [];
  if (p.isUsableOnce) problems.push('turn off "Require one-time use"');
  if (p.maximumLifetimeInMinutes > 1440)
    problems.push('lower the maximum lifetime to a day or less');
  if (problems.length === 0) return { ...base, status: 'pass', evidence };
  return {
    ...base,
    status: 'warn',
    evidence,
    fix: {
      steps: `Authentication methods > Temporary Access Pass > Configure: ${problems.join(', and ')}. A helpdesk agent can still issue a one-time pass to one person.`,
      url: METHODS_FIX_URL,
    },
    change: 'tap-policy',
  };
}

function featureText(name: string, feature: FeatureSetting | undefined, ctx: CheckContext): string {
  if (!feature) return `${name}: not reported.`;
  const on = feature.state === 'enabled';
  const who = feature.includeTargetId
    ? groupLabel(feature.includeTargetId, ctx.groups)
    : 'all users';
  return on
    ? `${name}: shown to ${who}.`
    : `${name}: ${feature.state === 'default' ? 'Microsoft default' : 'off'}.`;
}

export function checkAuthenticator(
  read: Read<AuthenticatorPolicy>,
  ctx: CheckContext,
): PostureItem {
  const base = {
    id: 'authenticator' as const,
    title: 'Microsoft Authenticator shows the app name and location with number matching',
    why: "Number matching stops people approving a push they did not start. Showing which app and where the sign-in comes from is what lets them notice an attacker's prompt.",
  };
  if (!read.ok) return unknownItem(base, read);
  const p = read.value;
  const evidence = [
    `State: ${p.state}, for ${targets(p.includeTargets, ctx)}.`,
    'Number matching: always on for push notifications (Microsoft enforces it).',
    featureText('Application name', p.displayAppInformation, ctx),
    featureText('Geographic location', p.displayLocationInformation, ctx),
  ];
  if (p.state !== 'enabled') {
    return {
      ...base,
      status: 'fail',
      evidence,
      fix: {
        steps: 'Authentication methods > Microsoft Authenticator: enable it for all users.',
        url: METHODS_FIX_URL,
      },
    };
  }
  const off = [
    p.displayAppInformation?.state === 'enabled' ? undefined : 'Show application name',
    p.displayLocationInformation?.state === 'enabled' ? undefined : 'Show geographic location',
  ].filter((x): x is string => x !== undefined);
  if (off.length === 0) return { ...base, status: 'pass', evidence };
  return {
    ...base,
    status: 'warn',
    evidence,
    fix: {
      steps: `Authentication methods > Microsoft Authenticator > Configure: set ${off.join(' and ')} in push and passwordless notifications to Enabled (for a pilot group first if you prefer).`,
      url: METHODS_FIX_URL,
    },
    change: 'authenticator-context',
  };
}

export function checkSmsSignIn(read: Read<SmsPolicy>, ctx: CheckContext): PostureItem {
  const base = {
    id: 'sms-sign-in' as const,
    title: 'SMS sign-in is limited to the groups that need it',
    why: 'Text messages can be intercepted or redirected by swapping a SIM; phone methods are the weakest way to prove who someone is. Keep SMS sign-in to the groups without a better option (front-line staff on shared devices).',
  };
  if (!read.ok) return unknownItem(base, read);
  const p = read.value;
  // Turning SMS sign-in on for one group (with its members' numbers) is offered either way.
  const change = 'sms-sign-in' as const;
  if (p.state !== 'enabled') {
    return { ...base, status: 'pass', evidence: ['SMS is turned off for everyone.'], change };
  }
  const signIn = p.includeTargets.filter((t) => t.isUsableForSignIn === true);
  const evidence = [
    `SMS as a second factor: ${targets(p.includeTargets, ctx)}.`,
    `SMS sign-in (without a password): ${signIn.length === 0 ? 'nobody' : targets(signIn, ctx)}.`,
  ];
  if (signIn.some((t) => t.id === 'all_users')) {
    return {
      ...base,
      status: 'warn',
      evidence,
      fix: {
        steps:
          'Authentication methods > SMS: replace "All users" with the groups that need SMS sign-in, and steer everyone else to Authenticator or passkeys.',
        url: METHODS_FIX_URL,
      },
    };
  }
  return { ...base, status: 'pass', evidence, change };
}

export function checkFido2(read: Read<Fido2Policy>, ctx: CheckContext): PostureItem {
  const base = {
    id: 'fido2' as const,
    title: 'Passkeys (FIDO2) can be registered',
    why: 'Passkeys and security keys cannot be phished: they are the end point of a passwordless roll-out. People can only adopt them if the method is on and they can register keys themselves.',
  };
  if (!read.ok) return unknownItem(base, read);
  const p = read.value;
  const restriction = p.keyRestrictions.isEnforced
    ? `${p.keyRestrictions.enforcementType === 'allow' ? 'only' : 'all but'} ${plural(p.keyRestrictions.aaGuids.length, 'key model')}`
    : 'any key model';
  const evidence = [
    `State: ${p.state}, for ${targets(p.includeTargets, ctx)}.`,
    `Self-service set-up: ${p.isSelfServiceRegistrationAllowed ? 'allowed' : 'not allowed'}.`,
    `Attestation enforced: ${p.isAttestationEnforced ? 'yes' : 'no'}.`,
    `Key restrictions: ${restriction}.`,
  ];
  const fix = (steps: string) => ({ steps, url: METHODS_FIX_URL });
  if (p.state !== 'enabled') {
    return {
      ...base,
      status: 'warn',
      evidence,
      fix: fix(
        'Authentication methods > Passkey (FIDO2): enable it for all users or a pilot group.',
      ),
    };
  }
  if (
    p.keyRestrictions.isEnforced &&
    p.keyRestrictions.enforcementType === 'allow' &&
    p.keyRestrictions.aaGuids.length === 0
  ) {
    return {
      ...base,
      status: 'fail',
      evidence,
      fix: fix(
        'Passkey (FIDO2) > Configure: the allow list is empty, so no key can register. Add the AAGUIDs of your approved keys or turn key restrictions off.',
      ),
    };
  }
  if (!p.isSelfServiceRegistrationAllowed) {
    return {
      ...base,
      status: 'warn',
      evidence,
      fix: fix(
        'Passkey (FIDO2) > Configure: allow self-service set-up so people can register their own keys.',
      ),
    };
  }
  return { ...base, status: 'pass', evidence };
}
