import assert from 'node:assert/strict';
import { authenticatorAge } from '../../src/diagnosis/kinds/mfa-methods';
import { ALEX, aSignIn, aTriage, aUser, minutesAgo } from './fakes/builders';
import { FakeDirectory } from './fakes/fake-directory';
import { run, said } from './fakes/run';

const failed = (code: number, minutes: number, ip: string) =>
  aSignIn({
    createdDateTime: minutesAgo(minutes),
    ipAddress: ip,
    conditionalAccessStatus: 'notApplied',
    appliedConditionalAccessPolicies: [],
    status: { errorCode: code, failureReason: null, additionalDetails: null },
  });

describe('diagnosis: multifactor authentication', () => {
  const triage = aTriage('mfa-required-or-failed', { code: 500121 });

  it('lists the registered methods and how Authenticator prompts look', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      methods: {
        [ALEX]: [
          { id: 'p', kind: 'password', label: null },
          { id: 'm', kind: 'phone', label: 'mobile', phoneEnding: '23' },
          { id: 'a', kind: 'microsoftAuthenticator', label: 'Pixel 8', appVersion: '6.2412.8023' },
        ],
      },
    });
    const d = await run(reader, triage);
    const text = said(d);
    assert.match(text, /Phone \(text or call\): mobile, ending 23/);
    assert.match(text, /Microsoft Authenticator: Pixel 8/);
    assert.match(text, /Number matching: Always on/);
    assert.match(text, /App name in request: shown/);
    assert.match(text, /Location in request: not shown/);
    assert.doesNotMatch(text, /out of date/);
  });

  it('offers a Temporary Access Pass when nothing can answer a prompt', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      methods: { [ALEX]: [{ id: 'p', kind: 'password', label: null }] },
    });
    const d = await run(reader, triage);
    assert.match(d.headline, /No verification method is registered/);
    assert.deepEqual(
      d.offers.map((o) => o.kind),
      ['issue-tap', 'add-sms-method'],
    );
  });

  it('quotes the log, warns about a denied push, and flags an Authenticator too old to match numbers', async () => {
    const denied = aSignIn({
      status: {
        errorCode: 500121,
        failureReason: 'Authentication failed during strong authentication request.',
        additionalDetails: 'The user denied the Microsoft Authenticator notification.',
      },
    });
    const reader = new FakeDirectory({
      users: [aUser()],
      signIns: [denied],
      methods: {
        [ALEX]: [
          {
            id: 'a',
            kind: 'microsoftAuthenticator',
            label: 'Field phone',
            appVersion: '6.2006.2217',
          },
        ],
      },
    });
    const d = await run(reader, triage);
    assert.match(d.headline, /Authenticator on Field phone is out of date/);
    assert.match(said(d), /from June 2020/);
    assert.match(said(d), /denied the Microsoft Authenticator notification/);
    assert.match(d.nextSteps[0], /did not start that sign-in/);
  });

  it('says so when Authenticator is turned off but is the only method', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      methods: { [ALEX]: [{ id: 'a', kind: 'microsoftAuthenticator', label: 'Pixel 8' }] },
    });
    reader.tenant.authenticatorPolicy.state = 'disabled';
    const d = await run(reader, triage);
    assert.match(d.headline, /Authenticator is turned off/);
  });

  it('dates only Android-style Authenticator versions', () => {
    assert.equal(authenticatorAge('6.2006.2217'), 'June 2020');
    assert.equal(authenticatorAge('6.2412.8023'), undefined);
    assert.equal(authenticatorAge('6.8.18'), undefined);
    assert.equal(authenticatorAge(undefined), undefined);
  });
});

describe('diagnosis: the account record', () => {
  it('for a disabled synced account, says the fix is in on-premises AD and shows the last sync', async () => {
    const reader = new FakeDirectory({
      users: [
        aUser({
          accountEnabled: false,
          onPremisesSyncEnabled: true,
          onPremisesLastSyncDateTime: minutesAgo(15),
        }),
      ],
    });
    const d = await run(reader, aTriage('account-disabled', { code: 50057 }));
    assert.equal(d.status, 'found');
    assert.match(d.headline, /turned off/);
    const text = said(d);
    assert.match(text, /on-premises Active Directory, so the fix happens there/);
    assert.match(text, /Last sync: 15 Jan 2026, 11:45 UTC \(15 minutes ago\)/);
    assert.match(d.nextSteps[0], /Active Directory/);
  });

  it('for a cloud account turned back on, says it is enabled now', async () => {
    const d = await run(
      new FakeDirectory({ users: [aUser()] }),
      aTriage('account-disabled', { code: 50057 }),
    );
    assert.equal(d.status, 'resolved');
    assert.match(d.headline, /turned on now/);
  });

  it('for a lockout, counts the failures and offers a password change when they come from many places', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      signIns: [
        failed(50126, 20, '203.0.113.1'),
        failed(50126, 18, '203.0.113.2'),
        failed(50126, 16, '203.0.113.3'),
        failed(50053, 15, '203.0.113.3'),
      ],
    });
    const d = await run(reader, aTriage('account-locked', { code: 50053 }));
    assert.match(said(d), /4 failed attempts in the last day/);
    assert.match(said(d), /3 different addresses/);
    assert.deepEqual(
      d.offers.map((o) => o.kind),
      ['require-password-change'],
    );
  });

  it('for a lockout from one place, offers nothing', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      signIns: [failed(50126, 20, '192.0.2.1'), failed(50053, 15, '192.0.2.1')],
    });
    const d = await run(reader, aTriage('account-locked', { code: 50053 }));
    assert.deepEqual(d.offers, []);
    assert.match(said(d), /2 failed attempts/);
  });

  it('for an expired password of a synced user, points at on-premises AD', async () => {
    const reader = new FakeDirectory({ users: [aUser({ onPremisesSyncEnabled: true })] });
    const d = await run(reader, aTriage('password-expired', { code: 50055 }));
    assert.match(said(d), /Ctrl\+Alt\+Del/);
    assert.match(said(d), /Password changed: 6 Dec 2025/);
  });

  it('for a page signed in with another account, says which account was used', async () => {
    const reader = new FakeDirectory({ users: [aUser()] });
    const d = await run(
      reader,
      aTriage('user-not-found', { code: 50034, fields: { upn: 'alex@personal.example' } }),
    );
    assert.match(d.headline, /different account/);
    assert.match(said(d), /alex@personal\.example/);
    assert.match(said(d), /alex@contoso\.example/);
  });

  it('answers user-not-found when the helpdesk asks about an account that does not exist', async () => {
    const reader = new FakeDirectory({ users: [aUser()] });
    const d = await run(reader, aTriage('ca-blocked', { code: 53003 }), {
      subject: { kind: 'upn', upn: 'nobody@contoso.example' },
      audience: 'helpdesk',
    });
    assert.equal(d.status, 'user-not-found');
    assert.match(d.headline, /nobody@contoso\.example/);
    assert.equal(reader.callsTo('findSignIns').length, 0);
  });

  it('names User.Read.All when the account cannot be read at all', async () => {
    const reader = new FakeDirectory({ users: [aUser()] }).revoke('User.Read.All');
    const d = await run(reader, aTriage('account-locked', { code: 50053 }));
    assert.equal(d.status, 'missing-permission');
    assert.deepEqual(d.missingPermissions, ['User.Read.All']);
  });
});

describe('diagnosis: banned password and everything else', () => {
  it('explains the banned-password rule in plain words and how to pick one', async () => {
    const d = await run(new FakeDirectory({ users: [aUser()] }), aTriage('password-banned'));
    assert.equal(d.status, 'explained');
    assert.ok(d.details.view === 'password-policy');
    assert.ok(d.details.rules.some((r) => /five points/.test(r)));
    assert.match(d.nextSteps.join(' '), /three or four unrelated words/);
  });

  it('for other codes, gives the catalog explanation and the matching sign-in', async () => {
    const row = aSignIn({
      conditionalAccessStatus: 'notApplied',
      appliedConditionalAccessPolicies: [],
      status: {
        errorCode: 65001,
        failureReason: 'The user or administrator has not consented to use the application.',
        additionalDetails: 'Admin consent is required for this app.',
      },
    });
    const triage = {
      ...aTriage('consent-required', { code: 65001, fields: { correlationId: row.correlationId } }),
      entry: {
        code: 65001,
        name: 'DelegationDoesNotExist',
        intent: 'consent-required' as const,
        userText: 'The app needs permission that only an admin can grant.',
        helpdeskText: 'Grant admin consent.',
        nextSteps: ['Ask an admin to review the app.'],
        diagnosis: 'none' as const,
        documented: true,
      },
    };
    const d = await run(new FakeDirectory({ users: [aUser()], signIns: [row] }), triage);
    assert.equal(d.view, 'sign-in');
    assert.equal(d.status, 'found');
    assert.equal(d.signIn?.record.id, row.id);
    assert.match(said(d), /only an admin can grant/);
    assert.match(said(d), /Admin consent is required/);
    assert.deepEqual(d.nextSteps, ['Ask an admin to review the app.']);
  });

  it('explains without looking when the paste carries neither code nor id', async () => {
    const reader = new FakeDirectory({ users: [aUser()], signIns: [aSignIn()] });
    const d = await run(reader, aTriage('consent-required'));
    assert.equal(d.status, 'explained');
    assert.equal(d.latestFailure, undefined);
    assert.equal(reader.callsTo('findSignIns').length, 0);
  });

  it('answers an account check from the latest failure, or says there is none', async () => {
    const none = await run(new FakeDirectory({ users: [aUser()] }), aTriage('other-known'));
    assert.equal(none.status, 'no-record');
    assert.equal(none.headline, 'No failed sign-in in the last 24 hours');
    const reader = new FakeDirectory({ users: [aUser()], signIns: [aSignIn()] });
    const found = await run(reader, aTriage('other-known'));
    assert.equal(found.latestFailure?.because, 'no-code');
    assert.equal(found.view, 'conditional-access');
    assert.equal(reader.callsTo('findSignIns').length, 1, 'one read serves both look-ups');
  });
});
