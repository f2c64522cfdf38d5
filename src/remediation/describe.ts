import { formatInstant } from '../dates';
import type { ActionKind } from './action-kinds';
import { maskPhoneNumber } from './phone-number';
import type { ActionParams, RemediationRequest, RequestState } from './types';

/** Plain words for each fix: the name an approver reads and what it does. */
export const ACTION_LABELS: Record<ActionKind, { title: string; effect: string }> = {
  'issue-tap': {
    title: 'Issue a Temporary Access Pass',
    effect:
      'Creates a Temporary Access Pass so the user can sign in and set up a new sign-in method. ' +
      'Any pass the user already has stops working.',
  },
  'dismiss-risk': {
    title: 'Dismiss user risk',
    effect:
      "Sets the user's risk to none. This does not make a compromised account safe: if the " +
      'account may be compromised, reset the password and revoke sessions instead.',
  },
  'confirm-compromised': {
    title: 'Confirm the account is compromised',
    effect: "Marks the user as compromised, which raises the user's risk to high.",
  },
  'revoke-sessions': {
    title: 'Sign the user out everywhere',
    effect:
      'Revokes all refresh tokens and session cookies; apps ask the user to sign in again within minutes.',
  },
  'require-password-change': {
    title: 'Require a password change at next sign-in',
    effect: 'The user must choose a new password the next time they sign in.',
  },
  'sync-device': {
    title: 'Sync the device with Intune',
    effect:
      'Asks the device to check in with Intune now, so its compliance is evaluated again. ' +
      'The result can take several minutes to show.',
  },
  'ca-exclusion': {
    title: 'Exclude from Conditional Access for a while',
    effect:
      'Adds the user to a temporary exclusion group; every policy that excludes that group stops ' +
      'applying to them. The bot removes them again when the time is up.',
  },
  'add-sms-method': {
    title: 'Add a mobile phone for SMS sign-in',
    effect:
      'Registers the mobile number as an authentication method (usable for SMS and voice, and for ' +
      'self-service password reset where enabled).',
  },
  'copy-group-members': {
    title: 'Copy group members',
    effect: 'Adds every direct member of the source group to the destination group.',
  },
};

/** What the request asks for beyond its kind, fit for a shared card (phone numbers masked). */
export function describeParams(params: ActionParams): string | undefined {
  switch (params.kind) {
    case 'issue-tap': {
      const use = params.oneTimeUse ? 'one-time use' : 'multi-use';
      const life = params.lifetimeMinutes
        ? `${params.lifetimeMinutes} minutes`
        : 'the default lifetime';
      return `${use}, ${life}`;
    }
    case 'sync-device':
      return `Intune device ${params.deviceId}`;
    case 'ca-exclusion':
      return (
        `${params.hours} hour${params.hours === 1 ? '' : 's'}` +
        (params.policyId ? ` (for policy ${params.policyId})` : '')
      );
    case 'add-sms-method':
      return `mobile ${maskPhoneNumber(params.phoneNumber)}`;
    case 'copy-group-members':
      return `from group ${params.sourceGroupId}`;
    default:
      return undefined;
  }
}

export const STATE_LABELS: Record<RequestState, string> = {
  pending: 'Waiting for approval',
  approved: 'Approved, starting',
  executing: 'Running',
  succeeded: 'Done',
  failed: 'Failed',
  rejected: 'Rejected',
  expired: 'Expired',
  cancelled: 'Cancelled',
};

export function displayName(person: { id: string; name?: string }): string {
  return person.name && person.name.trim() !== '' ? person.name : person.id;
}

/** One line for logs and the audit: who, what, for whom. */
export function requestHeadline(request: RemediationRequest): string {
  const subject = request.subject.name ?? request.subject.id;
  return `${ACTION_LABELS[request.kind].title} for ${subject}`;
}

/** The same date form as the diagnosis card before it ("22 Nov 2026, 10:05 UTC"). */
export function formatUtc(iso: string): string {
  return formatInstant(iso);
}
