import type { AdminChangeKind } from '../../src/remediation/action-kinds';

/**
 * The guided admin change under a posture or tenant-finding item: a button that opens the inputs
 * the change needs, then asks an admin to approve it (verb `admin.change`). Input ids are the
 * verb's field names; each change appears at most once on a card, so they never clash.
 */
export interface GuidedChange {
  title: string;
  note: string;
  data: { v: 1; change: AdminChangeKind };
  askGroup?: true;
  askPilotGroup?: true;
  askPerson?: true;
  /** The day count to start the input with (guest review). */
  askDays?: number;
}

/** Button titles short enough for a narrow card (the request card uses the full names). */
const TITLES: Record<AdminChangeKind, string> = {
  'tap-policy': 'Allow multi-use passes',
  'authenticator-context': 'Show app name and location',
  'sms-sign-in': 'Turn on SMS sign-in for a group',
  'guest-access-review': 'Create the inactive-guest review',
  'policy-exclusion': 'Change an exclusion group',
};

const NOTES: Record<AdminChangeKind, string> = {
  'tap-policy':
    'Allows multi-use passes with a lifetime that fits Windows Autopilot (one hour by default, a day at most). An admin approves it before anything changes.',
  'authenticator-context':
    'Turns on the app name and location in Authenticator notifications, for everyone or for one group first. An admin approves it before anything changes.',
  'sms-sign-in':
    'Turns on SMS sign-in for one group and, if you list them, adds its members\' mobile numbers ("person, phone" a line). An admin approves it before anything changes.',
  'guest-access-review':
    'Creates a recurring review of guests with no sign-in in the days below; those nobody approves are blocked, then removed. An admin approves it before anything changes.',
  'policy-exclusion':
    "Adds a person to (or removes them from) a policy's own exclusion group, with no end date. An admin approves it before anything changes.",
};

export function guidedChange(kind: AdminChangeKind, given: { days?: number } = {}): GuidedChange {
  const change: GuidedChange = {
    title: TITLES[kind],
    note: NOTES[kind],
    data: { v: 1, change: kind },
  };
  if (kind === 'sms-sign-in') change.askGroup = true;
  if (kind === 'authenticator-context') change.askPilotGroup = true;
  if (kind === 'policy-exclusion') change.askPerson = true;
  if (kind === 'guest-access-review') change.askDays = given.days ?? 90;
  return change;
}
