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
  'tap-policy': {
    title: 'Allow multi-use Temporary Access Passes',
    effect:
      "Changes the tenant's Temporary Access Pass policy: one-time use is no longer forced and " +
      'the lifetime fits Windows Autopilot (two sign-ins). A helpdesk agent can still issue a ' +
      'one-time pass to one person.',
  },
  'authenticator-context': {
    title: 'Show the app name and location in Authenticator',
    effect:
      'Turns on "Show application name" and "Show geographic location" in Microsoft ' +
      "Authenticator notifications, so people can tell their own sign-in from an attacker's.",
  },
  'sms-sign-in': {
    // The group follows as "for GROUP" on every card and log line.
    title: 'Turn on SMS sign-in',
    effect:
      "Lets the group's members sign in with a code sent by text message, and adds the listed " +
      'mobile numbers to the listed members. Text messages are the weakest sign-in method.',
  },
  'guest-access-review': {
    title: 'Create the inactive-guest access review',
    effect:
      'Creates a recurring access review of guests with no recent sign-in, reviewed by the ' +
      'admin group; decisions apply automatically and denied guests are blocked, then removed.',
  },
  'policy-exclusion': {
    title: "Change a policy's exclusion group",
    effect:
      'Adds the person to (or removes them from) the group a Conditional Access policy ' +
      'excludes, with no end date.',
  },
};

/**
 * The same fixes told to the person they are for, on their own cards (their diagnosis card's
 * buttons, the card of a request they asked for themselves): "me", "my", "you", never "the user".
 * Titles that name nobody stay as the helpdesk reads them. A kind not listed here is never
 * offered to someone for their own account.
 */
const OWN_LABELS: Partial<Record<ActionKind, { title: string; effect: string }>> = {
  'issue-tap': {
    title: ACTION_LABELS['issue-tap'].title,
    effect:
      'Creates a Temporary Access Pass so you can sign in and set up a new sign-in method. ' +
      'Any pass you already have stops working.',
  },
  'dismiss-risk': {
    title: 'Dismiss the risk on my account',
    effect:
      "Sets your account's risk to none. This does not make a compromised account safe: if " +
      'someone else may have your password, change it and have the helpdesk sign you out everywhere instead.',
  },
  'confirm-compromised': {
    title: 'Confirm my account is compromised',
    effect: "Marks your account as compromised, which raises your account's risk to high.",
  },
  'revoke-sessions': {
    title: 'Sign me out everywhere',
    effect: 'Ends every session of your account; apps ask you to sign in again within minutes.',
  },
  'require-password-change': {
    title: ACTION_LABELS['require-password-change'].title,
    effect: 'You must choose a new password the next time you sign in.',
  },
  'sync-device': {
    title: 'Sync my device with Intune',
    effect:
      'Asks your device to check in with Intune now, so its compliance is evaluated again. ' +
      'The result can take several minutes to show.',
  },
  'ca-exclusion': {
    title: ACTION_LABELS['ca-exclusion'].title,
    effect:
      'Adds you to a temporary exclusion group; every policy that excludes that group stops ' +
      'applying to you. The bot removes you again when the time is up.',
  },
  'add-sms-method': {
    title: ACTION_LABELS['add-sms-method'].title,
    effect:
      'Registers your mobile number as a sign-in method (usable for SMS and voice, and for ' +
      'resetting your own password where that is turned on).',
  },
};

/** A fix's title and effect for whom the card speaks to: the helpdesk, or the person it is for. */
export function actionLabel(
  kind: ActionKind,
  reader: 'helpdesk' | 'subject',
): { title: string; effect: string } {
  return (reader === 'subject' ? OWN_LABELS[kind] : undefined) ?? ACTION_LABELS[kind];
}

/** Display names by id of what a request's parameters name (groups, policies). */
export type KnownNames = Readonly<Record<string, string>>;

/**
 * The names a request already carries: those its checks read when it was asked for, and the
 * policies of its What If preview. No directory read: what is not known is shown by id.
 */
export function knownNames(request: Pick<RemediationRequest, 'names' | 'whatIf'>): KnownNames {
  const names: Record<string, string> = {};
  const preview = request.whatIf;
  if (preview) {
    for (const line of [...preview.stopsBlocking, ...preview.stillBlocks, ...preview.stillAsks]) {
      if (line.name.trim() !== '') names[line.id] = line.name;
    }
  }
  return { ...names, ...request.names };
}

/** A group or policy as words name it: its known name in quotes, else its id. */
export function namedOrId(id: string, names: KnownNames): string {
  const name = names[id]?.trim();
  return name ? `"${name}"` : id;
}

/**
 * What the request asks for beyond its kind, fit for a shared card (phone numbers masked).
 * Groups and policies are named by `names` where known, by id otherwise.
 */
export function describeParams(params: ActionParams, names: KnownNames = {}): string | undefined {
  const named = (id: string): string => namedOrId(id, names);
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
        (params.policyId ? ` (for policy ${named(params.policyId)})` : '')
      );
    case 'add-sms-method':
      return `mobile ${maskPhoneNumber(params.phoneNumber)}`;
    case 'copy-group-members':
      return `from group ${named(params.sourceGroupId)}`;
    case 'tap-policy':
      return (
        'multi-use allowed' +
        (params.defaultLifetimeMinutes
          ? `, default ${params.defaultLifetimeMinutes} minutes`
          : '') +
        (params.maximumLifetimeMinutes ? `, at most ${params.maximumLifetimeMinutes} minutes` : '')
      );
    case 'authenticator-context':
      return params.groupId ? `for group ${named(params.groupId)} first` : 'for all users';
    case 'sms-sign-in':
      return params.rows.length === 0
        ? 'no phone numbers to add'
        : `${params.rows.length} mobile number${params.rows.length === 1 ? '' : 's'} to add`;
    case 'guest-access-review':
      return `guests with no sign-in in ${params.inactiveDays} days`;
    case 'policy-exclusion':
      return `${params.operation === 'add' ? 'add to' : 'remove from'} the exclusion of policy ${named(params.policyId)}`;
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

/**
 * The reason a request carries when no diagnosis offered it: the fix's title in the sentence, its
 * first letter lowered and the rest as written ("turn on SMS sign-in", not "turn on sms sign-in").
 */
export function askedReason(kind: ActionKind): string {
  const title = ACTION_LABELS[kind].title;
  return `Asked for from the sign-in helpdesk: ${title.charAt(0).toLowerCase()}${title.slice(1)}.`;
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
