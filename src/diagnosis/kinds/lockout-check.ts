import { plural, type InstantWords } from '../format';
import type { SignInRecord } from '../ports';
import { LOCKED_OUT_CODE, LOCKED_TITLE, lockedDetail, type Checked } from './account-state';
import type { Unreached } from '../unreached';

/**
 * "My account is locked" from words alone, checked against the sign-in log (see account-state.ts
 * for the claims and how an answer that cannot check one says so).
 */

/** Why the sign-in log could not be read for the lock-out check: a 403, or Graph not answering. */
export type LogUnread = 'unreadable' | Unreached;

const LOCKOUT_UNCHECKED = 'Could not tell whether the account is locked';

/** Why the lock-out could not be checked, as the end of one line. */
const LOCKOUT_UNCHECKED_BECAUSE: Record<LogUnread, string> = {
  unreadable: 'the bot may not read the sign-in log',
  busy: 'Microsoft Graph was too busy to read the sign-in log',
  unreachable: 'Microsoft Graph could not be reached just now',
};

const LOCKOUT_UNKNOWN_WHY: Record<LogUnread, string> = {
  unreadable:
    'Without the sign-in log the bot cannot see whether sign-ins were refused for a lock-out.',
  busy: 'Microsoft Graph was too busy to read the sign-in log just now, so the bot cannot see whether sign-ins were refused for a lock-out; asking again in a few minutes may tell.',
  unreachable:
    'Microsoft Graph could not be reached just now to read the sign-in log, so the bot cannot see whether sign-ins were refused for a lock-out; asking again in a few minutes may tell.',
};

/**
 * A lock-out shows in the log as sign-ins refused with 50053. `rows`: the sign-ins the kind read,
 * or why the log could not be read. Then the headline is the one line saying so, and the answer
 * sets no `unchecked`: turning to the latest failed sign-in would read the same log again.
 */
export function lockoutChecked(
  rows: readonly SignInRecord[] | LogUnread,
  synced: boolean,
  when: InstantWords,
): Checked {
  if (typeof rows === 'string') {
    return {
      ...(rows === 'unreadable' ? {} : { unanswered: rows }),
      status: rows === 'unreadable' ? 'missing-permission' : 'explained',
      headline: `${LOCKOUT_UNCHECKED}: ${LOCKOUT_UNCHECKED_BECAUSE[rows]}`,
      finding: {
        kind: 'context',
        title: 'Lock-out not checked',
        detail: LOCKOUT_UNKNOWN_WHY[rows],
        evidence: [],
      },
    };
  }
  const locked = rows.filter((r) => r.status.errorCode === LOCKED_OUT_CODE);
  if (locked.length === 0) {
    return {
      status: 'resolved',
      headline: 'The sign-in log shows no lock-out',
      finding: {
        kind: 'context',
        title: 'The sign-in log shows no lock-out',
        detail: `No sign-in read here was refused for a lock-out (error ${LOCKED_OUT_CODE}). Smart lockout can refuse a sign-in a few minutes before the log shows it: if the page said the account is locked just now, wait a few minutes and try once.`,
        evidence: [],
      },
    };
  }
  return {
    status: 'found',
    headline: LOCKED_TITLE,
    finding: {
      kind: 'cause',
      title: LOCKED_TITLE,
      detail: lockedDetail(synced),
      evidence: [
        {
          label: 'Refused as locked',
          value: `${plural(locked.length, 'sign-in')}, last ${when(locked[0].createdDateTime)}`,
        },
      ],
    },
  };
}

export const TURNED_OFF = 'The account is turned off';

/**
 * Said to be locked, and turned off: that refuses every sign-in, so it leads, with what the
 * sign-in log said of a lock-out (none, or not checked) beside it. `where`: where it is fixed.
 */
export function turnedOffNotLocked(lockout: Checked, where: string): Checked {
  return {
    ...(lockout.unanswered === undefined ? {} : { unanswered: lockout.unanswered }),
    status: 'found',
    headline: TURNED_OFF,
    finding: {
      kind: 'cause',
      title: TURNED_OFF,
      detail: `Sign-in is disabled for this account, so every sign-in is refused, locked or not. ${where}`,
      evidence: [{ label: 'Lock-out', value: lockout.headline }],
    },
  };
}
