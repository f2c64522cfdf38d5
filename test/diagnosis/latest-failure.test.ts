import assert from 'node:assert/strict';
import { diagnose } from '../../src/diagnosis/diagnose';
import { triage } from '../../src/triage';
import {
  NOW,
  aCaPolicy,
  aRiskyUser,
  aSignIn,
  aTriage,
  aUser,
  anAppliedPolicy,
  minutesAgo,
} from './fakes/builders';
import { FakeDirectory } from './fakes/fake-directory';
import { run, said } from './fakes/run';

/**
 * A paste that does not lead to a sign-in turns to the person's latest failed sign-in, and says
 * so: ids that match nothing show the paste itself first; a code-less message that shows no
 * problem is answered from the latest failure's own code.
 */
describe('diagnosis: the latest failure when the paste leads nowhere', () => {
  const country = aCaPolicy({ displayName: 'CA001: Block outside allowed countries' });
  const latest = aSignIn({
    createdDateTime: minutesAgo(90),
    appliedConditionalAccessPolicies: [
      anAppliedPolicy({ id: country.id, displayName: country.displayName }),
    ],
  });
  const older = aSignIn({
    createdDateTime: minutesAgo(300),
    status: {
      errorCode: 50126,
      failureReason: 'Invalid username or password.',
      additionalDetails: null,
    },
    appliedConditionalAccessPolicies: [],
  });

  function page(ids: { requestId: string; correlationId: string }, minutesBefore: number) {
    return [
      'AADSTS53003: Access has been blocked by Conditional Access policies.',
      'Troubleshooting details',
      'App name: Outlook Mobile',
      'Device platform: iOS',
      `Request Id: ${ids.requestId}`,
      `Correlation Id: ${ids.correlationId}`,
      `Timestamp: ${minutesAgo(minutesBefore)}`,
    ].join('\n');
  }
  const unknownIds = {
    requestId: 'aaaaaaaa-0000-4000-8000-00000000aaaa',
    correlationId: 'bbbbbbbb-0000-4000-8000-00000000bbbb',
  };

  it('says no sign-in has the pasted id, shows the paste, then the latest failure as such', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      caPolicies: [country],
      signIns: [latest, older],
    });
    const d = await run(reader, triage(page(unknownIds, 180)));
    assert.equal(d.headline, 'No sign-in with that request ID in your sign-in log');
    assert.equal(d.status, 'no-record', 'the pasted sign-in itself is still not found');
    const pasted = Object.fromEntries((d.pasted?.facts ?? []).map((f) => [f.label, f.value]));
    assert.equal(pasted['Request ID'], unknownIds.requestId);
    assert.equal(pasted['Correlation ID'], unknownIds.correlationId);
    assert.equal(pasted.App, 'Outlook Mobile');
    assert.match(pasted.Time, /UTC$/);
    assert.equal(d.latestFailure?.because, 'unmatched-id');
    assert.match(d.latestFailure?.headline ?? '', /CA001: Block outside allowed countries/);
    assert.equal(d.signIn?.record.id, latest.id, 'the newest failure, not an older one');
    assert.equal(d.view, 'conditional-access');
  });

  it('keeps "Check again" while the pasted sign-in may still be on its way', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      caPolicies: [country],
      signIns: [latest],
    });
    const d = await run(reader, triage(page(unknownIds, 2)));
    assert.equal(d.headline, 'No sign-in with that request ID in your sign-in log yet');
    assert.equal(d.status, 'pending-sign-in');
    assert.equal(d.checkAgain, true);
    assert.equal(d.signIn?.record.id, latest.id);
  });

  it('without any failure, still says so and shows the paste', async () => {
    const reader = new FakeDirectory({ users: [aUser()] });
    const d = await run(reader, triage(page(unknownIds, 180)), { audience: 'helpdesk' });
    assert.equal(d.headline, 'No sign-in with that request ID in the sign-in log');
    assert.equal(d.latestFailure, undefined);
    assert.equal(d.signIn, undefined);
    assert.ok((d.pasted?.facts.length ?? 0) >= 4);
  });

  /** A tool's message with its code and ids (az cli, MSAL), none of which the log holds. */
  function toolMessage(code: number, text: string): string {
    return [
      `AADSTS${code}: ${text}`,
      `Trace ID: cccccccc-0000-4000-8000-00000000cccc`,
      `Correlation ID: ${unknownIds.correlationId}`,
      `Timestamp: ${minutesAgo(180)}`,
    ].join(' ');
  }

  it("an app's expired refresh token with unknown ids: its own explanation, not the latest failure", async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      caPolicies: [country],
      signIns: [latest, older],
    });
    const d = await run(
      reader,
      triage(toolMessage(700082, 'The refresh token has expired due to inactivity.')),
    );
    assert.equal(d.code, 700082, 'the card is headed by the pasted code');
    assert.equal(d.latestFailure, undefined, 'the Conditional Access block is not this paste');
    assert.doesNotMatch(said(d), /CA001/);
    assert.deepEqual(d.offers, [], 'no exclusion from a policy that did not fail this paste');
    assert.match(d.pasted?.note ?? '', /No sign-in with that correlation ID/);
    assert.equal(
      Object.fromEntries((d.pasted?.facts ?? []).map((f) => [f.label, f.value]))['Correlation ID'],
      unknownIds.correlationId,
    );
    assert.equal(reader.callsTo('findSignIns').length, 1, 'no second look at the log');
  });

  it('a wrong password with unknown ids: the account answer, not the latest failure', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      caPolicies: [country],
      signIns: [latest],
    });
    const d = await run(
      reader,
      triage(
        toolMessage(50126, 'Error validating credentials due to invalid username or password.'),
      ),
    );
    assert.equal(d.view, 'user-account');
    assert.equal(d.latestFailure, undefined);
    assert.doesNotMatch(said(d), /CA001/);
    assert.ok(d.pasted !== undefined, 'says the ids were not found');
  });

  it('a code whose answer found nothing of its own turns to the latest failure, keeping what the pasted code means', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      caPolicies: [country],
      methods: { [aUser().id]: [{ id: 'a', kind: 'microsoftAuthenticator', label: 'Pixel 8' }] },
      signIns: [latest],
    });
    const d = await run(
      reader,
      triage(
        toolMessage(
          50076,
          'Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access the resource.',
        ),
      ),
    );
    assert.equal(d.latestFailure?.because, 'unmatched-id');
    assert.equal(d.view, 'conditional-access');
    assert.match(said(d), /What AADSTS50076 means/);
  });

  it('a matching id answers about that sign-in, with no detour', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      caPolicies: [country],
      signIns: [latest],
    });
    const ids = { requestId: latest.id, correlationId: latest.correlationId };
    const d = await run(reader, triage(page(ids, 90)));
    assert.equal(d.latestFailure, undefined);
    assert.equal(d.pasted, undefined);
    assert.equal(d.status, 'found');
    assert.equal(reader.callsTo('findSignIns').length, 1);
  });

  it('"Your account is blocked" looks at the latest failure when the risk record shows nothing', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      caPolicies: [country],
      signIns: [latest, older],
    });
    const d = await run(reader, triage('Your account is blocked'));
    assert.equal(d.status, 'found');
    assert.equal(d.view, 'conditional-access');
    assert.equal(d.latestFailure?.because, 'no-code');
    assert.match(said(d), /CA001: Block outside allowed countries/);
    assert.doesNotMatch(said(d), /no active risk/);
  });

  it('"Your account is blocked" keeps the risk answer when the account is at risk', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      caPolicies: [country],
      signIns: [latest],
      riskyUsers: [aRiskyUser()],
    });
    const d = await run(reader, aTriage('risky-user-blocked'));
    assert.equal(d.view, 'user-risk');
    assert.equal(d.status, 'found');
    assert.equal(d.latestFailure, undefined);
  });

  it('dates follow the reader: their locale and time zone, the zone named', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      caPolicies: [country],
      signIns: [latest],
    });
    const ids = { requestId: latest.id, correlationId: latest.correlationId };
    const d = await diagnose(
      {
        triage: triage(page(ids, 90)),
        subject: { kind: 'id', id: aUser().id },
        audience: 'user',
        place: { locale: 'en-US', timeZone: 'America/New_York' },
      },
      { reader, clock: { now: () => NOW } },
    );
    const time = d.signIn?.facts.find((f) => f.label === 'Time')?.value ?? '';
    const expected = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    })
      .format(new Date(latest.createdDateTime))
      .replace(/\u202f/g, ' ');
    assert.equal(time, expected);
    assert.match(time, /EST|EDT/);
    assert.ok(d.headline.includes(expected), 'the headline uses the same form');
  });
});
