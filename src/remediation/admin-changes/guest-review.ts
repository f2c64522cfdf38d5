import type { GuestReviewPlan } from './ports';

/**
 * The inactive-guest access review as the bot sets it up: guests only, no sign-in in N days,
 * reviewed by the admin group for two weeks every quarter, decisions applied automatically, and a
 * guest nobody approves is denied, blocked from signing in and removed later. The name carries
 * the day count, so asking again for the same count finds the review instead of making a second.
 */
export function guestReviewPlan(
  inactiveDays: number,
  reviewerGroupId: string,
  now: Date,
): GuestReviewPlan {
  return {
    displayName: `Inactive guests: no sign-in in ${inactiveDays} days`,
    description:
      'Guests who have not signed in for a while. Approve those who still need access; the ' +
      'others are blocked and then removed.',
    inactiveDays,
    reviewerGroupId,
    startDate: now.toISOString().slice(0, 10),
    durationDays: 14,
    everyMonths: 3,
  };
}
