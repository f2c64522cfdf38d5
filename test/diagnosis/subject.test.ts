import assert from 'node:assert/strict';
import { ACCOUNT_CHECK, accountCheckTriage } from '../../src/diagnosis/account-check';
import { viewFor } from '../../src/diagnosis/diagnose';
import { decideSubject, explicitUpnIn, needsHelpdeskCheck } from '../../src/diagnosis/subject';
import { aTriage } from './fakes/builders';

const actor = { id: 'actor-oid', upn: 'me@contoso.example' };

describe('whose sign-in a paste is about', () => {
  it('reads an explicit account from "for", "about", "user" and "diagnose"', () => {
    assert.equal(explicitUpnIn('53003 for alex@contoso.com'), 'alex@contoso.com');
    assert.equal(explicitUpnIn('AADSTS50053 about <sam@contoso.com>.'), 'sam@contoso.com');
    assert.equal(explicitUpnIn('diagnose kim@contoso.com please'), 'kim@contoso.com');
    assert.equal(explicitUpnIn('user: lee@contoso.com'), 'lee@contoso.com');
    assert.equal(explicitUpnIn('Signed in as alex@contoso.com\nAADSTS53003'), undefined);
    assert.equal(explicitUpnIn('53003 for the third time today'), undefined);
  });

  it('reads the account a helpdesk agent asks about in their own words', () => {
    const asked: Array<[string, string | undefined]> = [
      ['check field@contoso.com', 'field@contoso.com'],
      ['Look up alex@contoso.com?', 'alex@contoso.com'],
      ['please investigate user alex@contoso.com', 'alex@contoso.com'],
      ["why can't guest@fabrikam.example sign in", 'guest@fabrikam.example'],
      ['why cant alex@contoso.com log in to teams?', 'alex@contoso.com'],
      ["alex@contoso.com can't sign in since this morning", 'alex@contoso.com'],
      ['alex@contoso.com is locked out', 'alex@contoso.com'],
      ['AADSTS50053 alex@contoso.com', 'alex@contoso.com'],
      ['50053: alex@contoso.com', 'alex@contoso.com'],
      // What the agent was asked to do for it:
      ['unlock alex@contoso.com', 'alex@contoso.com'],
      ['reset MFA for field@contoso.com', 'field@contoso.com'],
      ['please revoke sessions for alex@contoso.com.', 'alex@contoso.com'],
      ['can you re-enable former@contoso.com?', 'former@contoso.com'],
      ['sign out alex@contoso.com everywhere', 'alex@contoso.com'],
      ['dismiss risk for marketing@contoso.com', 'marketing@contoso.com'],
      ['sync the laptop of sales@contoso.com', 'sales@contoso.com'],
      ['exclude alex@contoso.com from CA001 for 4 hours', 'alex@contoso.com'],
      // Relayed: the account leads, the rest is read as a paste:
      ['sales@contoso.com says the device is not compliant', 'sales@contoso.com'],
      ['alex@contoso.com keeps getting 53003 in Outlook', 'alex@contoso.com'],
      ['<alex@contoso.com>: AADSTS50053 The account is locked', 'alex@contoso.com'],
      // Not one account asked about:
      ['check my account', undefined],
      ['check alex@contoso.com and bob@contoso.com', undefined],
      ['Please check user@contoso.com settings before the migration', undefined],
      [
        "AADSTS50020: User account 'someone@gmail.com' from identity provider 'live.com'",
        undefined,
      ],
    ];
    for (const [text, upn] of asked) assert.equal(explicitUpnIn(text), upn, text);
    for (const [text] of [...asked.slice(0, 7), ...asked.slice(9, 17)]) {
      assert.ok(ACCOUNT_CHECK.test(text), `${text}: an account check`);
    }
    assert.ok(
      !ACCOUNT_CHECK.test('AADSTS50053 alex@contoso.com'),
      'a code is triaged, not checked',
    );
    assert.ok(!ACCOUNT_CHECK.test("I can't sign in"), 'no account named: the complaint route');
    assert.ok(
      !ACCOUNT_CHECK.test('sales@contoso.com says the device is not compliant'),
      'a relayed problem is read as a paste, for that account',
    );
    assert.equal(
      explicitUpnIn('alex@contoso.com - AADSTS50126 Error validating credentials'),
      undefined,
      'a log line that starts with an account is a paste, not a request about it',
    );
  });

  it("weighs an agent's claim about the account, whatever the account is called", () => {
    const claims: Array<[string, string]> = [
      ['alex@contoso.com is locked out', 'account-locked'],
      // Words in the name say nothing ("warehouse", "former" once read as no claim at all).
      ['warehouse@contoso.com is locked out', 'account-locked'],
      ['former@contoso.com got locked', 'account-locked'],
      ["why can't alex@contoso.com sign in? locked out", 'account-locked'],
      ["alex@contoso.com's password has expired", 'password-expired'],
      ['alex@contoso.com password expired', 'password-expired'],
      ["alex@contoso.com can't sign in with MFA", 'mfa-required-or-failed'],
      ['alex@contoso.com cannot log in using the authenticator', 'mfa-required-or-failed'],
      // A fix asked for: the answer that offers it.
      ['dismiss risk for marketing@contoso.com', 'risky-user-blocked'],
      ['please sync the laptop of sales@contoso.com', 'device-noncompliant'],
      ['exclude alex@contoso.com from CA001 for 4 hours', 'ca-blocked'],
      // No claim: the generic account check.
      ['diagnose alex@contoso.com', 'other-known'],
      ["why can't alex@contoso.com sign in?", 'other-known'],
      ['alex@contoso.com is blocked', 'other-known'],
      ['lockout@contoso.com is blocked', 'other-known'],
    ];
    for (const [text, intent] of claims) {
      assert.ok(ACCOUNT_CHECK.test(text), `${text}: an account check`);
      assert.equal(explicitUpnIn(text), text.match(/[\w.]+@contoso\.com/)?.[0], text);
      const triage = accountCheckTriage(text);
      assert.equal(triage.intent, intent, text);
      assert.equal(triage.code, undefined, text);
    }
  });

  it('diagnoses the person who pasted when nobody else is named', () => {
    const decision = decideSubject({ actor, isHelpdesk: false });
    assert.deepEqual(decision, {
      kind: 'allowed',
      subject: { kind: 'id', id: 'actor-oid' },
      audience: 'user',
      onBehalf: false,
    });
  });

  it('lets a helpdesk member diagnose anyone named explicitly', () => {
    const decision = decideSubject({ actor, explicitUpn: 'alex@contoso.com', isHelpdesk: true });
    assert.deepEqual(decision, {
      kind: 'allowed',
      subject: { kind: 'upn', upn: 'alex@contoso.com' },
      audience: 'helpdesk',
      onBehalf: true,
    });
  });

  it('refuses anyone else who asks about another person, saying why', () => {
    const decision = decideSubject({ actor, explicitUpn: 'alex@contoso.com', isHelpdesk: false });
    assert.equal(decision.kind, 'refused');
    assert.ok(decision.kind === 'refused');
    assert.equal(decision.requested, 'alex@contoso.com');
    assert.match(decision.message, /only look up your own sign-ins/);
  });

  it('treats naming oneself as asking about oneself, whatever the case', () => {
    const decision = decideSubject({ actor, explicitUpn: 'ME@contoso.example', isHelpdesk: false });
    assert.equal(decision.kind, 'allowed');
    assert.ok(decision.kind === 'allowed');
    assert.deepEqual(decision.subject, { kind: 'id', id: 'actor-oid' });
  });

  it("uses the page's signed-in account for helpdesk members, and the person's own for others", () => {
    const helpdesk = decideSubject({ actor, pastedUpn: 'alex@contoso.com', isHelpdesk: true });
    assert.ok(helpdesk.kind === 'allowed');
    assert.deepEqual(helpdesk.subject, { kind: 'upn', upn: 'alex@contoso.com' });
    const user = decideSubject({ actor, pastedUpn: 'alex@contoso.com', isHelpdesk: false });
    assert.ok(user.kind === 'allowed');
    assert.deepEqual(user.subject, { kind: 'id', id: 'actor-oid' });
    assert.equal(user.audience, 'user');
  });

  it('asks for helpdesk membership only when someone else is named', () => {
    assert.equal(needsHelpdeskCheck({ actor }), false);
    assert.equal(needsHelpdeskCheck({ actor, pastedUpn: 'me@contoso.example' }), false);
    assert.equal(needsHelpdeskCheck({ actor, pastedUpn: 'alex@contoso.com' }), true);
    assert.equal(needsHelpdeskCheck({ actor, explicitUpn: 'alex@contoso.com' }), true);
    assert.equal(needsHelpdeskCheck({ actor: { id: 'x' }, pastedUpn: 'a@b.example' }), true);
  });
});

describe('which look-up a paste gets', () => {
  it('follows the intent for the problems diagnosis knows, and the catalog otherwise', () => {
    assert.equal(viewFor(aTriage('ca-blocked')), 'conditional-access');
    assert.equal(viewFor(aTriage('device-noncompliant')), 'device-compliance');
    assert.equal(viewFor(aTriage('device-not-domain-joined')), 'device-join');
    assert.equal(viewFor(aTriage('risky-user-blocked')), 'user-risk');
    assert.equal(viewFor(aTriage('tap-blocked')), 'temporary-access-pass');
    assert.equal(viewFor(aTriage('mfa-required-or-failed')), 'mfa-methods');
    assert.equal(viewFor(aTriage('password-banned')), 'password-policy');
    for (const intent of [
      'account-locked',
      'account-disabled',
      'password-expired',
      'user-not-found',
      'invalid-password',
    ] as const) {
      assert.equal(viewFor(aTriage(intent)), 'user-account');
    }
    assert.equal(viewFor(aTriage('app-misconfigured')), 'sign-in');
    const message = {
      id: 'x',
      intent: 'legacy-auth-blocked' as const,
      phrases: ['x'],
      userText: 'x',
      helpdeskText: 'x',
      nextSteps: ['x'],
      diagnosis: 'device-join' as const,
    };
    assert.equal(viewFor({ ...aTriage('other-known'), message }), 'device-join');
  });
});
