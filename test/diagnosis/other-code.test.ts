import assert from 'node:assert/strict';
import { diagnosisCardData } from '../../cards/diagnosis/card-data';
import { triage } from '../../src/triage';
import { ALEX, aFailure, aManagedDevice, aTriage, aUser, minutesAgo } from './fakes/builders';
import { FakeDirectory } from './fakes/fake-directory';
import { run, said } from './fakes/run';

describe('diagnosis: a pasted Conditional Access code that no recent failure carries', () => {
  it('answers the latest failure by its own code, and says the pasted one was not found', async () => {
    const reader = new FakeDirectory({ users: [aUser()], signIns: [aFailure(50053, 30)] });
    const d = await run(reader, aTriage('ca-blocked', { code: 53003 }), {
      firstAskedAt: new Date(Date.parse(minutesAgo(60))),
    });
    assert.equal(d.intent, 'account-locked');
    assert.deepEqual(d.latestFailure, {
      because: 'other-code',
      headline: d.headline,
      pastedCode: 53003,
    });
    assert.match(said(d), /What AADSTS53003 means/);
    assert.equal(d.checkAgain, false, 'asked an hour ago: the log has had time');
    const card = diagnosisCardData(d, { audience: 'user' } as never);
    assert.equal(card.code, 'AADSTS50053', 'the card is headed by the code it answers');
    assert.match(card.banner?.text ?? '', /^None of your sign-ins failed with AADSTS53003/);
    const helpdesk = diagnosisCardData(d, { audience: 'helpdesk' } as never);
    assert.match(
      helpdesk.banner?.text ?? '',
      /^No sign-in of this account failed with AADSTS53003/,
    );
  });

  it('offers Check again while a failure with the pasted code may still be on its way', async () => {
    const reader = new FakeDirectory({ users: [aUser()], signIns: [aFailure(50053, 30)] });
    const d = await run(reader, aTriage('ca-blocked', { code: 53003 }));
    assert.equal(d.latestFailure?.because, 'other-code');
    assert.equal(d.checkAgain, true);
  });

  it('keeps the answer when the pasted code is there, or the answer stands without the sign-in', async () => {
    const found = await run(
      new FakeDirectory({ users: [aUser()], signIns: [aFailure(50053, 10), aFailure(53003, 30)] }),
      aTriage('ca-blocked', { code: 53003 }),
    );
    assert.equal(found.latestFailure, undefined);
    assert.equal(found.intent, 'ca-blocked');
    // A lock-out is read from the account itself, whatever the newest failure was.
    const locked = await run(
      new FakeDirectory({ users: [aUser()], signIns: [aFailure(53003, 30)] }),
      aTriage('account-locked', { code: 50053 }),
    );
    assert.notEqual(locked.latestFailure?.because, 'other-code');
    assert.equal(locked.intent, 'account-locked');
  });
});

describe('diagnosis: a pasted second-step or other code that no recent failure carries', () => {
  const authenticator = {
    [ALEX]: [{ id: 'a', kind: 'microsoftAuthenticator' as const, label: 'Pixel 8' }],
  };
  const anHourAgo = { firstAskedAt: new Date(Date.parse(minutesAgo(60))) };

  it('answers a lock-out by its own code, not as the sign-in of the pasted 50076', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      methods: authenticator,
      signIns: [aFailure(50053, 30)],
    });
    const d = await run(reader, aTriage('mfa-required-or-failed', { code: 50076 }), anHourAgo);
    assert.equal(d.intent, 'account-locked');
    assert.equal(d.view, 'user-account');
    assert.deepEqual(d.latestFailure, {
      because: 'other-code',
      headline: d.headline,
      pastedCode: 50076,
    });
    assert.match(said(d), /What AADSTS50076 means/);
    assert.doesNotMatch(said(d), /What the sign-in log says/);
    assert.equal(d.checkAgain, false, 'asked an hour ago: the log has had time');
    const card = diagnosisCardData(d, { audience: 'helpdesk' } as never);
    assert.equal(card.code, 'AADSTS50053');
    assert.match(card.banner?.text ?? '', /^No sign-in of this account failed with AADSTS50076/);
  });

  it('answers a Conditional Access block by its own code under a pasted 500121, with Check again while young', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      methods: authenticator,
      signIns: [aFailure(53003, 5)],
    });
    const d = await run(reader, aTriage('mfa-required-or-failed', { code: 500121 }));
    assert.equal(d.view, 'conditional-access');
    assert.equal(d.latestFailure?.because, 'other-code');
    assert.equal(d.latestFailure?.pastedCode, 500121);
    assert.equal(d.checkAgain, true, 'asked just now: a 500121 may still be on its way');
  });

  it('shows a sibling second-step failure as its own, past a newer lock-out', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      methods: authenticator,
      signIns: [aFailure(50053, 5), aFailure(50074, 30)],
    });
    const d = await run(reader, aTriage('mfa-required-or-failed', { code: 50076 }), anHourAgo);
    assert.equal(d.latestFailure, undefined);
    assert.equal(d.view, 'mfa-methods');
    assert.equal(d.signIn?.record.status.errorCode, 50074);
    assert.match(said(d), /What the sign-in log says/);
  });

  it('keeps a cause of its own without the other sign-in, saying the pasted code was not found', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      methods: { [ALEX]: [{ id: 'p', kind: 'password', label: null }] },
      signIns: [aFailure(50053, 30)],
    });
    const d = await run(reader, aTriage('mfa-required-or-failed', { code: 50076 }), {
      ...anHourAgo,
      audience: 'helpdesk',
    });
    assert.equal(d.view, 'mfa-methods');
    assert.equal(d.headline, 'No verification method is registered');
    assert.equal(d.signIn, undefined, 'the lock-out is not the sign-in of the pasted 50076');
    assert.equal(d.latestFailure, undefined);
    assert.doesNotMatch(said(d), /What the sign-in log says/);
    assert.match(
      said(d),
      /AADSTS50076 is not in the sign-in log\nNo sign-in of this account failed with AADSTS50076 in the last 24 hours.*was AADSTS50053/,
    );
  });

  it('keeps the explanation of a code the bot only explains, without the lock-out as its sign-in', async () => {
    const reader = new FakeDirectory({ users: [aUser()], signIns: [aFailure(50053, 30)] });
    const d = await run(reader, triage('AADSTS700016'));
    assert.equal(d.view, 'sign-in');
    assert.equal(d.signIn, undefined);
    assert.equal(d.latestFailure, undefined);
    assert.equal(d.headline, 'What this error means');
    assert.match(said(d), /None of your sign-ins failed with AADSTS700016 in the last 24 hours/);
    assert.equal(d.checkAgain, true, 'asked just now: the row may still be on its way');
    const found = await run(
      new FakeDirectory({ users: [aUser()], signIns: [aFailure(50053, 5), aFailure(700016, 30)] }),
      triage('AADSTS700016'),
    );
    assert.equal(found.signIn?.record.status.errorCode, 700016);
    assert.doesNotMatch(said(found), /is not in the sign-in log/);
  });

  it('a pasted domain-join code reads no device off a lock-out: the lock-out answers by its own code', async () => {
    const reader = new FakeDirectory({ users: [aUser()], signIns: [aFailure(50053, 30)] });
    const d = await run(reader, aTriage('device-not-domain-joined', { code: 50097 }), anHourAgo);
    assert.equal(d.intent, 'account-locked');
    assert.equal(d.latestFailure?.because, 'other-code');
    assert.equal(d.latestFailure?.pastedCode, 50097);
    assert.doesNotMatch(said(d), /came without a device identity/);
  });
});

describe('diagnosis: a pasted device code without ids, every device in order now', () => {
  const compliant = aManagedDevice({
    complianceState: 'compliant',
    lastSyncDateTime: minutesAgo(120),
  });
  const anHourAgo = { firstAskedAt: new Date(Date.parse(minutesAgo(60))) };

  it('turns to the latest failure of another kind: the block the paste may have come from', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      managedDevices: [compliant],
      signIns: [aFailure(53003, 30)],
    });
    const d = await run(reader, aTriage('device-noncompliant', { code: 530003 }), anHourAgo);
    assert.equal(d.view, 'conditional-access');
    assert.deepEqual(d.latestFailure, {
      because: 'other-code',
      headline: d.headline,
      pastedCode: 530003,
    });
    assert.match(said(d), /What AADSTS530003 means/);
    assert.notEqual(d.status, 'resolved', 'not "no problem now"');
  });

  it('keeps the device answer when the latest failure is its own code, or there is none', async () => {
    for (const signIns of [[aFailure(530003, 30)], []]) {
      const reader = new FakeDirectory({ users: [aUser()], managedDevices: [compliant], signIns });
      const d = await run(reader, aTriage('device-noncompliant', { code: 530003 }), anHourAgo);
      assert.equal(d.view, 'device-compliance', `${signIns.length} failures`);
      assert.equal(d.latestFailure, undefined);
    }
  });

  it('a device out of compliance is the answer, with no second look at the log', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      managedDevices: [aManagedDevice()],
      signIns: [aFailure(53003, 30)],
    });
    const d = await run(reader, aTriage('device-noncompliant', { code: 530003 }), anHourAgo);
    assert.equal(d.view, 'device-compliance');
    assert.equal(d.latestFailure, undefined);
    assert.equal(reader.callsTo('findSignIns').length, 0);
  });
});
