import type { Unreached } from './kinds/account-state';
import type { Finding } from './types';

/**
 * The one plain line an answer carries when Microsoft Graph did not answer its sign-in log read
 * (too busy past the wait budget, or out of reach): the rest of the answer stands without the
 * sign-ins, and looking again later may add them.
 */
const LOG_UNREAD: Record<Unreached, string> = {
  busy: 'Microsoft Graph was too busy to read the sign-in log just now, so recent sign-ins are not part of this answer; checking again in a few minutes may add them.',
  unreachable:
    'Microsoft Graph could not be reached just now to read the sign-in log, so recent sign-ins are not part of this answer; checking again in a few minutes may add them.',
};

export function logUnreadFinding(why: Unreached): Finding {
  return {
    kind: 'gap',
    title: 'Could not read the sign-in log',
    detail: LOG_UNREAD[why],
    evidence: [],
  };
}
