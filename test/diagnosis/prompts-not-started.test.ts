import assert from 'node:assert/strict';
import { PROMPTS_NOT_STARTED_CUE } from '../../src/triage/concept-cues';
import { triage as readPaste } from '../../src/triage/triage';
import type { Triage } from '../../src/triage/types';
import {
  aFailure,
  aRiskyUser,
  aSignIn,
  aTriage,
  aUser,
  minutesAgo,
  passwordAndAuthenticator,
} from './fakes/builders';
import { FakeDirectory } from './fakes/fake-directory';
import { run, said } from './fakes/run';

/** Requests the person did not start, read from words alone (triage's cue). */
const notStarted: Triage = {
  ...aTriage('mfa-required-or-failed'),
  matchedBy: 'concept',
  cue: PROMPTS_NOT_STARTED_CUE,
};

const METHODS = passwordAndAuthenticator();

/** A second step someone else set off: the password passed, the push was denied. */
const pushed = (minutes: number, ip: string, city: string, country: string) =>
  aSignIn({
    createdDateTime: minutesAgo(minutes),
    ipAddress: ip,
    appDisplayName: 'OfficeHome',
    conditionalAccessStatus: 'notApplied',
    appliedConditionalAccessPolicies: [],
    location: { city, state: null, countryOrRegion: country },
    status: {
      errorCode: 500121,
      failureReason: 'Authentication failed during strong authentication request.',
      additionalDetails: 'The user denied the Microsoft Authenticator notification.',
    },
  });

describe('diagnosis: second-step requests the person did not start', () => {
  it('says the password is likely known, what to do now, where the attempts came from, and offers no pass', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      methods: METHODS,
      signIns: [pushed(12, '198.51.100.7', 'Lagos', 'NG'), pushed(40, '192.0.2.99', 'Hanoi', 'VN')],
      riskyUsers: [aRiskyUser({ riskLevel: 'medium' })],
    });
    const d = await run(reader, notStarted);
    const text = said(d);
    assert.equal(d.status, 'found');
    assert.equal(d.headline, 'Sign-in requests you did not start');
    assert.match(text, /Someone else very likely knows your password/);
    assert.match(text, /2 failed second-step sign-ins in the last day/);
    assert.match(text, /Lagos, NG \(198\.51\.100\.7\), OfficeHome, denied/);
    assert.match(text, /Hanoi, VN \(192\.0\.2\.99\)/);
    assert.match(text, /Identity Protection marks the account at risk/);
    assert.match(text, /Microsoft Authenticator: Pixel 8/);
    // What to do now: deny and report, change the password, tell the helpdesk.
    assert.match(d.nextSteps[0] ?? '', /^Deny every request you did not start/);
    assert.match(d.nextSteps[1] ?? '', /Change your password now at https:\/\/aka\.ms\/sspr/);
    assert.match(d.nextSteps[2] ?? '', /Tell the helpdesk/);
    // Never how to approve, never a pass: the old answer did both.
    assert.doesNotMatch(
      text,
      /type the number|Temporary Access Pass|verification step did not complete/i,
    );
    assert.deepEqual(
      d.offers.map((o) => o.kind),
      ['revoke-sessions'],
    );
    // One Identity Protection read, not two.
    assert.equal(reader.callsTo('getRiskyUser').length, 1);
    assert.equal(reader.callsTo('listRiskDetections').length, 0);
  });

  it('with nothing in the log and no risk, still says what the requests mean and never that all is well', async () => {
    const reader = new FakeDirectory({ users: [aUser()], methods: METHODS });
    const d = await run(reader, notStarted);
    const text = said(d);
    assert.equal(d.status, 'found');
    assert.match(text, /No failed second-step sign-in in the last day/);
    assert.match(text, /has not marked the account at risk/);
    assert.match(text, /Someone else very likely knows your password/);
    assert.doesNotMatch(text, /no problem|look in order|nothing (?:is )?wrong/i);
    assert.deepEqual(
      d.offers.map((o) => o.kind),
      ['revoke-sessions'],
    );
  });

  it('counts only second-step failures, not a lock-out or a blocked country', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      methods: METHODS,
      signIns: [pushed(5, '198.51.100.7', 'Lagos', 'NG'), aFailure(50053, 8), aFailure(53003, 9)],
    });
    const d = await run(reader, notStarted);
    assert.match(said(d), /1 failed second-step sign-in in the last day/);
  });

  it("answers the end user's own words the same way (triage then diagnosis)", async () => {
    const t = readPaste(
      'I keep getting "Approve sign in request" on my phone but I never tried to log in, what do I do',
    );
    const reader = new FakeDirectory({
      users: [aUser()],
      methods: METHODS,
      signIns: [pushed(12, '198.51.100.7', 'Lagos', 'NG')],
    });
    const d = await run(reader, t);
    assert.equal(d.headline, 'Sign-in requests you did not start');
    assert.ok(!d.offers.some((o) => o.kind === 'issue-tap'));
    assert.ok(d.offers.some((o) => o.kind === 'revoke-sessions'));
    assert.ok(!d.nextSteps.some((s) => /Update Microsoft Authenticator/.test(s)));
  });

  it("the helpdesk's card says it of the person: their password, the code pasted", async () => {
    const t = readPaste(
      'AADSTS50074: Strong Authentication is required. But I never tried to log in',
    );
    const reader = new FakeDirectory({ users: [aUser()], methods: {} });
    const d = await run(reader, t, { audience: 'helpdesk' });
    assert.equal(d.headline, 'Sign-in requests the person did not start');
    assert.match(said(d), /Someone else very likely knows their password/);
    assert.match(said(d), /The code pasted: AADSTS50074/);
    assert.doesNotMatch(said(d), /\byour password\b|you pasted|you did not start/);
  });

  it('a pasted second-step code with "I never tried to log in" gets this answer, naming the code, no pass', async () => {
    const t = readPaste(
      'AADSTS50074: Strong Authentication is required. But I never tried to log in',
    );
    // No method registered: the ordinary second-step answer would offer a pass here.
    const reader = new FakeDirectory({ users: [aUser()], methods: {} });
    const d = await run(reader, t);
    assert.equal(d.headline, 'Sign-in requests you did not start');
    assert.equal(d.code, 50074);
    assert.match(said(d), /AADSTS50074/);
    assert.deepEqual(
      d.offers.map((o) => o.kind),
      ['revoke-sessions'],
    );
  });

  it('the same code without those words keeps the ordinary second-step answer', async () => {
    const reader = new FakeDirectory({ users: [aUser()], methods: {} });
    const d = await run(reader, readPaste('AADSTS50074: Strong Authentication is required.'));
    assert.notEqual(d.headline, 'Sign-in requests you did not start');
    assert.ok(d.offers.some((o) => o.kind === 'issue-tap'));
  });

  it('leaves the ordinary second-step answer to other words', async () => {
    const reader = new FakeDirectory({ users: [aUser()], methods: METHODS });
    const d = await run(
      reader,
      readPaste('Authenticator never shows the number prompt on my new phone.'),
    );
    assert.notEqual(d.headline, 'Sign-in requests you did not start');
  });
});
