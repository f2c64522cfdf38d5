import assert from 'node:assert/strict';
import { triage } from '../../src/triage';
import { aFailure, aTriage, aUser, passwordAndAuthenticator } from './fakes/builders';
import { FakeDirectory } from './fakes/fake-directory';
import { run, said } from './fakes/run';

describe('diagnosis: a password answer counts and shows only failures the account explains', () => {
  it('"forgot my password" with only Conditional Access blocks in the log: no attempts, no sign-in', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      signIns: [aFailure(53003, 10, '203.0.113.45'), aFailure(53003, 20, '198.51.100.7')],
    });
    const d = await run(reader, aTriage('invalid-password'));
    assert.equal(d.headline, 'The password does not work', 'nothing was typed, perhaps');
    assert.match(said(d), /A forgotten password is reset at https:\/\/aka\.ms\/sspr/);
    assert.doesNotMatch(said(d), /failed attempt/);
    assert.equal(d.signIn, undefined, 'a blocked country is not the password sign-in');
  });

  it('wrong passwords in the log: counted, from their addresses, and the newest shown', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      signIns: [
        aFailure(53003, 5, '203.0.113.45'),
        aFailure(50126, 10, '192.0.2.10'),
        aFailure(50126, 15, '192.0.2.10'),
      ],
    });
    const d = await run(reader, aTriage('invalid-password'));
    assert.match(said(d), /2 failed attempts in the last day/);
    assert.doesNotMatch(said(d), /203\.0\.113\.45/);
    assert.equal(d.signIn?.record.status.errorCode, 50126);
  });
});

describe('diagnosis: a code-less second-step complaint shows only second-step failures', () => {
  const methods = passwordAndAuthenticator();

  it('"I got a new phone" with only a Conditional Access block: the methods, then that block', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      methods,
      signIns: [aFailure(53003, 10, '203.0.113.45')],
    });
    const d = await run(reader, aTriage('mfa-required-or-failed'));
    assert.equal(d.latestFailure?.because, 'no-code');
    assert.equal(d.latestFailure?.checked, 'Verification methods look in order');
    assert.equal(d.intent, 'ca-blocked', 'the latest failure answers');
    assert.equal(d.findings[0].title, 'Verification methods look in order');
    assert.match(
      d.findings[0].detail,
      /On a new phone, add it at https:\/\/aka\.ms\/mysecurityinfo/,
    );
    assert.match(said(d), /Microsoft Authenticator: Pixel 8/);
  });

  it('a second-step failure in the log is the sign-in shown, not a newer block', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      methods,
      signIns: [aFailure(53003, 5, '203.0.113.45'), aFailure(50074, 20, '192.0.2.10')],
    });
    const d = await run(reader, aTriage('mfa-required-or-failed'));
    assert.equal(d.signIn?.record.status.errorCode, 50074);
    assert.equal(d.latestFailure, undefined);
    assert.deepEqual(
      d.offers.map((o) => o.kind),
      ['issue-tap'],
      'the phone may be the one gone: a pass registers another',
    );
    const pasted = await run(reader, aTriage('mfa-required-or-failed', { code: 50074 }));
    assert.deepEqual(pasted.offers, [], 'a pasted code with methods in order offers no pass');
  });

  describe('the next steps for a new or lost phone', () => {
    const TYPE_NUMBER = /type the number shown on the sign-in screen/;
    const reader = () =>
      new FakeDirectory({ users: [aUser()], methods, signIns: [aFailure(50074, 20)] });

    for (const text of [
      'I got a new phone',
      'lost my phone',
      'My phone was stolen',
      // The second step's own words beside the phone: the phone still decides the steps.
      "I lost my phone and can't do MFA",
    ]) {
      it(`"${text}": sign in with the pass, register the new phone, remove the old one`, async () => {
        const d = await run(reader(), triage(text));
        assert.equal(d.view, 'mfa-methods');
        assert.deepEqual(
          d.offers.map((o) => o.kind),
          ['issue-tap'],
        );
        const steps = d.nextSteps.join('\n');
        assert.match(steps, /use the Temporary Access Pass the helpdesk gives you/);
        assert.match(steps, /Add Microsoft Authenticator on the new phone/);
        assert.match(steps, /Delete the old phone's Authenticator/);
        assert.doesNotMatch(steps, TYPE_NUMBER);
        assert.doesNotMatch(steps, /answer the prompt within a minute/);
      });
    }

    for (const text of [
      'my authenticator app shows no requests when I sign in',
      "I don't get the push notification anymore",
      'the MFA prompt never shows up',
      'Ich bekomme keine Benachrichtigung vom Authenticator',
    ]) {
      it(`"${text}": find the request in the app, let notifications through, another way in`, async () => {
        const d = await run(reader(), triage(text));
        assert.equal(d.view, 'mfa-methods');
        const steps = d.nextSteps.join('\n');
        assert.match(
          steps,
          /Open Microsoft Authenticator on the phone while the sign-in screen waits/,
        );
        assert.match(steps, /Authenticator may send notifications/);
        assert.match(steps, /Sign in another way/);
        assert.doesNotMatch(steps, TYPE_NUMBER);
        assert.doesNotMatch(steps, /Delete the old phone's Authenticator/);
      });
    }

    it('"More information required": finish the set-up the sign-in asks for, or another method', async () => {
      const d = await run(
        reader(),
        triage(
          'More information required. Your organization needs more information to keep your account secure',
        ),
      );
      const steps = d.nextSteps.join('\n');
      assert.match(steps, /Choose Next on that screen and follow it/);
      assert.match(steps, /I want to set up a different method/);
      assert.doesNotMatch(steps, TYPE_NUMBER);
    });

    it('a pasted number-matching complaint, or a pasted code, keeps the steps about the number', async () => {
      for (const t of [
        triage('Authenticator asks me to enter the number shown'),
        aTriage('mfa-required-or-failed', { code: 50074 }),
      ]) {
        const d = await run(reader(), t);
        const steps = d.nextSteps.join('\n');
        assert.match(steps, TYPE_NUMBER);
        assert.match(steps, /answer the prompt within a minute/);
        assert.doesNotMatch(steps, /new phone|old phone/);
      }
    });
  });
});
