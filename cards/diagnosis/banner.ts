import type { Diagnosis, DiagnosisStatus } from '../../src/diagnosis/types';
import type { DiagnosisCardData } from './card-data';

/**
 * The one line above a diagnosis: what its status means, or that the answer turned to the latest
 * failed sign-in and why; none when the headline already says it.
 */
export function diagnosisBanner(
  d: Diagnosis,
  audience: 'user' | 'helpdesk',
): DiagnosisCardData['banner'] {
  const banners: Partial<Record<DiagnosisStatus, DiagnosisCardData['banner']>> = {
    resolved: { text: 'The directory shows no problem now.', style: 'good' },
    'pending-sign-in': {
      text: 'Not in the sign-in log yet. Sign-ins take a few minutes to appear; press "Check again" shortly.',
      style: 'warning',
    },
    'no-record': { text: 'Nothing in the directory matches this error.', style: 'warning' },
    'user-not-found': {
      text: 'That account does not exist in this organisation.',
      style: 'attention',
    },
    'missing-permission': {
      text: 'The bot could not look at everything it needs for this.',
      style: 'attention',
    },
  };
  if (d.latestFailure?.because === 'other-code') {
    const code = `AADSTS${d.latestFailure.pastedCode}`;
    return {
      text:
        audience === 'user'
          ? `None of your sign-ins failed with ${code} in the last 24 hours, so this is about your latest failed sign-in. If you saw ${code} just now, it may take a few minutes to reach the log.`
          : `No sign-in of this account failed with ${code} in the last 24 hours, so this is about its latest failed sign-in. A failure minutes old may not have reached the log yet.`,
      style: 'accent',
    };
  }
  if (d.latestFailure?.because === 'no-code') {
    const turned =
      audience === 'user'
        ? 'Your message had no error code, so this is about your latest failed sign-in.'
        : 'The message had no error code, so this is about the latest failed sign-in of this account.';
    const claim = d.latestFailure.unchecked ?? d.latestFailure.checked;
    return { text: claim === undefined ? turned : `${claim}. ${turned}`, style: 'accent' };
  }
  // A pasted id that matches nothing: the headline and "What you pasted" say so already.
  if (d.pasted !== undefined) return undefined;
  // The account check ("I can't log in", "diagnose …") had no error to match, and its headline
  // already says the log has no failure: a banner about "this error" would name one.
  if (d.status === 'no-record' && d.intent === 'other-known' && d.code === undefined) {
    return undefined;
  }
  const chosen = banners[d.status];
  if (chosen !== undefined) return chosen;
  if (d.missingPermissions.length > 0) {
    return { text: 'Part of this could not be checked; see below.', style: 'accent' };
  }
  return undefined;
}
