import assert from 'node:assert/strict';
import { recentActionsCardData } from '../../cards/audit/recent';
import { exclusionsReport, guestsReport, riskyUsersReport } from '../../src/reports/build';
import type { CaPolicy } from '../../src/posture/reads';
import type { GuestAccount, ReportReader, RiskyUserRow } from '../../src/reports/reads';

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

  it('risky users: "1 person is", "nobody is", and the risk state in words', async () => {
    const row = (id: string, riskState: string): RiskyUserRow => ({
      id,
      userPrincipalName: `${id}@contoso.example`,
      userDisplayName: `Person ${id}`,
      riskLevel: 'high',
      riskState,
      riskDetail: 'none',
      riskLastUpdatedDateTime: '2031-03-01T00:00:00Z',
    });
    const reader = (rows: RiskyUserRow[]): ReportReader => ({
      ...readerOf([]),
      riskyUsers: async () => ({ ok: true, value: rows }),
    });
    const one = await riskyUsersReport(reader([row('a', 'atRisk')]), NOW);
    assert.equal(one.summary[0], '1 person is at risk or confirmed compromised (1 at high risk).');
    assert.equal(one.rows[0][3], 'at risk');
    const two = await riskyUsersReport(
      reader([row('a', 'atRisk'), row('b', 'confirmedCompromised')]),
      NOW,
    );
    assert.equal(two.summary[0], '2 people are at risk or confirmed compromised (2 at high risk).');
    assert.equal(two.rows[1][3], 'confirmed compromised');
    const none = await riskyUsersReport(reader([]), NOW);
    assert.equal(none.summary[0], 'Nobody is at risk or confirmed compromised.');
  });

  it('exclusions: one exclusion in one policy reads in the singular', async () => {
    const policy = {
      id: 'p1',
      displayName: 'Require MFA',
      state: 'enabled',
      users: {
        includeUsers: ['All'],
        excludeUsers: ['u1'],
        includeGroups: [],
        excludeGroups: [],
        includeRoles: [],
        excludeRoles: [],
      },
      includeApplications: ['All'],
      builtInControls: ['mfa'],
    } satisfies CaPolicy;
    const reader: ReportReader = {
      ...readerOf([]),
      conditionalAccessPolicies: async () => ({ ok: true, value: [policy] }),
      person: async () => ({
        ok: true,
        value: { id: 'u1', displayName: 'Break Glass', userPrincipalName: 'bg@contoso.example' },
      }),
    };
    const report = await exclusionsReport(reader, [], NOW);
    assert.equal(
      report.summary[0],
      '1 exclusion across 1 enabled or report-only policy; none is time-boxed by the helpdesk.',
    );
  });

  it('recent actions with nothing recorded does not speak of "the last 0 entries"', () => {
    assert.equal(recentActionsCardData([], 7).subtitle, 'The audit log of the past 7 days.');
  });
});
