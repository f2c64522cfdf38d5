import assert from 'node:assert/strict';
import { findConcept } from '../../src/triage/concepts';
import { triage } from '../../src/triage/triage';
import { DEV_EXTRA_PATH, readDevSet } from './support/dev-set';

describe('concept cues: a problem told in a person’s own words', () => {
  describe('real code-less texts with sources (dev-extra.jsonl)', () => {
    const codeless = (readDevSet(DEV_EXTRA_PATH) ?? []).filter((c) => c.codes.length === 0);

    it('has code-less texts of the weak classes to test', () => {
      const intents = new Set(codeless.map((c) => c.intent));
      for (const intent of [
        'password-banned',
        'account-locked',
        'tap-blocked',
        'consent-required',
        'mfa-required-or-failed',
        'legacy-auth-blocked',
        'password-expired',
        'unrelated',
      ]) {
        assert.ok(intents.has(intent), `no code-less development text for ${intent}`);
      }
    });
    for (const item of codeless) {
      it(`${item.id} lands on ${item.intent}`, () => {
        assert.equal(triage(item.text).intent, item.intent);
      });
    }
  });

  describe('the same problem in other words', () => {
    const cases: Array<[string, string]> = [
      ['password-banned', 'It will not let me use that new password, says it is too common.'],
      [
        'password-banned',
        'Tried to reset my password this morning. The page rejected it, something about a banned list.',
      ],
      ['account-locked', 'My user got locked out after too many attempts from my old phone.'],
      [
        'tap-blocked',
        'The Temporary Access Pass the helpdesk gave me does not work, it says invalid.',
      ],
      [
        'consent-required',
        'Teams add-in shows a box saying approval required before I can use it.',
      ],
      ['mfa-required-or-failed', 'Authenticator never shows the number prompt on my new phone.'],
      ['mfa-required-or-failed', 'I lost my phone and cannot get the SMS code to sign in anymore.'],
      ['legacy-auth-blocked', 'Thunderbird: IMAP authentication failed for my office mailbox.'],
      ['password-expired', 'Windows says the password for my work account expired yesterday.'],
    ];
    for (const [intent, text] of cases) {
      it(`reads "${text.slice(0, 48)}..." as ${intent}`, () => {
        const result = triage(text);
        assert.equal(result.intent, intent);
        assert.ok(result.matchedBy !== undefined, 'says how it found the intent');
      });
    }
  });

  it('says a reading from words alone was found by concept, less sure than an exact phrase', () => {
    const byWords = triage('Tried to reset my password, the page rejected it as too common.');
    const byPhrase = triage('Your password has expired.');
    assert.equal(byWords.matchedBy, 'concept');
    assert.equal(byWords.intent, 'password-banned');
    assert.ok(byWords.confidence < byPhrase.confidence);
  });

  describe('precision', () => {
    const lookAlikes = [
      'Okta: your account is locked after too many attempts. Contact your Okta administrator.',
      'AWS IAM: the new password does not meet the account password policy requirements.',
      'Google says my password is too weak and commonly used, choose another one.',
      'GlobalProtect VPN keeps asking for my password and then says authentication failed.',
      'The printer says the user account is locked, enter the PIN again.',
      'Duo Push never arrives on my phone when I log in to the VPN.',
    ];
    for (const text of lookAlikes) {
      it(`keeps another vendor's "${text.slice(0, 40)}..." unrelated`, () => {
        const result = triage(text);
        assert.equal(result.intent, 'unrelated');
      });
    }

    it('does not read BitLocker or a lock screen as a locked account', () => {
      assert.equal(
        findConcept('BitLocker locked my laptop, the user must enter the recovery key.'),
        undefined,
      );
      assert.equal(
        findConcept('The lock screen shows my account picture after sign in.'),
        undefined,
      );
    });

    it('reads identifiers and admin-side messages as words', () => {
      assert.equal(triage('ERROR_PASSWORD_MUST_CHANGE').intent, 'password-expired');
      assert.equal(
        triage('Authentication method TemporaryAccessPass is disabled for this tenant.').intent,
        'tap-blocked',
      );
      assert.equal(
        triage('Your admin has disabled user consent for this application.').intent,
        'consent-required',
      );
    });

    it('keeps an error report that ends in a question mark an error', () => {
      assert.equal(
        triage('Microsoft 365 account locked out? Here is what happened.').intent,
        'account-locked',
      );
      assert.equal(
        triage(
          'An app I use with Microsoft 365 is prompting "Approval Required", what does this mean?',
        ).intent,
        'consent-required',
      );
    });

    it('does not add up words from sentences far apart', () => {
      const post =
        'We changed our password policy last year. Everything went fine for months. ' +
        'The new laptops arrived in June. Nobody complained about them. Today the weather is bad and it is banned to park outside.';
      assert.equal(findConcept(post), undefined);
    });
  });

  describe('questions worded several ways stay questions', () => {
    const questions = [
      'Is there a way to require MFA only for guest users?',
      'Why does Entra ask users for MFA every day even with sign-in frequency set to 30 days?',
      'Can someone explain how number matching works with the NPS extension?',
      'Excluding the break-glass account from the Conditional Access MFA policy – impact on reporting?',
      'Do users need a licence for self-service password reset?',
      'When will the Temporary Access Pass policy apply to guests?',
    ];
    for (const text of questions) {
      it(`"${text.slice(0, 48)}..." is a question`, () => {
        assert.equal(triage(text).intent, 'question');
      });
    }
  });
});
