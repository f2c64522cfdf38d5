import assert from 'node:assert/strict';
import { recentActionsCardData } from '../../cards/audit/recent';
import { guestsReport } from '../../src/reports/build';
import type { GuestAccount, ReportReader } from '../../src/reports/reads';

const NOW = new Date('2031-03-10T12:00:00Z');

function readerOf(guests: GuestAccount[]): ReportReader {
  const none = async () => ({ ok: false as const, reason: 'unused' as never });
  return {
    enterpriseApps: none,
    assignmentCount: none,
    appSignIns: none,
    guests: async () => ({ ok: true, value: guests }),
    riskyUsers: none,
    conditionalAccessPolicies: none,
    groupName: none,
    groupMembers: none,
    person: none,
  } as unknown as ReportReader;
}

const guest = (id: string, lastSignIn: string | null): GuestAccount => ({
  id,
  displayName: `Guest ${id}`,
  userPrincipalName: `${id}#EXT#@contoso.example`,
  mail: null,
  createdDateTime: '2029-01-01T00:00:00Z',
  lastSignInDateTime: lastSignIn,
});

describe('reports say their counts as sentences', () => {
  it('one guest, none or one stale: singular words', async () => {
    const fresh = await guestsReport(readerOf([guest('a', '2031-03-09T00:00:00Z')]), 90, NOW);
    assert.equal(fresh.summary[0], 'No guest has gone 90 days without a sign-in (1 in all).');
    const stale = await guestsReport(readerOf([guest('a', null), guest('b', null)]), 90, NOW);
    assert.equal(stale.summary[0], '2 of 2 guests have not signed in for 90 days.');
    const one = await guestsReport(
      readerOf([guest('a', null), guest('b', NOW.toISOString())]),
      90,
      NOW,
    );
    assert.equal(one.summary[0], '1 of 2 guests has not signed in for 90 days.');
    const none = await guestsReport(readerOf([]), 90, NOW);
    assert.equal(none.summary[0], 'The tenant has no guests.');
  });

  it('recent actions with nothing recorded does not speak of "the last 0 entries"', () => {
    assert.equal(recentActionsCardData([], 7).subtitle, 'The audit log of the past 7 days.');
  });
});
