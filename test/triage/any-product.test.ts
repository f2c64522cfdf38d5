import assert from 'node:assert/strict';
import { hasMicrosoftEvidence, isAnyProductsAccountState } from '../../src/triage/signals';
import { triageByRules } from '../../src/triage/triage';

// Round 8 (dev-round8.md): most misses on unseen text were other products' lock-out and disabled
// messages. A locked or disabled account is a state every product has, so words alone name it as
// a lead unless the paste shows Microsoft's sign-in or the writer's own account.
describe("any product's locked or disabled account", () => {
  it('keeps a lock-out or disabled message with no sign of Microsoft as a lead, not a diagnosis', () => {
    for (const [text, lead] of [
      [
        'Account locked: too many login attempts. Contact an admin to unlock your account.',
        'account-locked',
      ],
      ['The specified account is disabled, please contact an administrator.', 'account-disabled'],
      ['the prompt is "Access denied, user account disabled."', 'account-disabled'],
    ] as const) {
      const result = triageByRules(text);
      assert.equal(result.intent, 'unrelated', text);
      assert.equal(result.unsure?.intent, lead, text);
    }
  });

  it('decides when Microsoft is named, its sentence is matched whole, or the account is the writer own', () => {
    for (const [text, intent] of [
      ['Office says my account is locked', 'account-locked'],
      ['Teams: your account has been disabled', 'account-disabled'],
      ['Your account is temporarily locked to prevent unauthorized use.', 'account-locked'],
      ['Why is my account locked?', 'account-locked'],
      ['我的账户已被禁用，无法登录', 'account-disabled'],
      ['ERROR_ACCOUNT_LOCKED_OUT', 'account-locked'],
    ] as const) {
      assert.equal(triageByRules(text).intent, intent, text);
    }
  });

  it('tells what counts as a sign of Microsoft', () => {
    assert.ok(hasMicrosoftEvidence('sign in to Outlook'));
    assert.ok(hasMicrosoftEvidence('マイクロソフトのアカウント'));
    assert.ok(hasMicrosoftEvidence('my work or school account'));
    assert.ok(!hasMicrosoftEvidence('Contact an admin to unlock your account.'));
    assert.ok(!hasMicrosoftEvidence('the back office is closed'));
    assert.ok(isAnyProductsAccountState('account-locked', 'Your account has been locked'));
    assert.ok(!isAnyProductsAccountState('password-expired', 'Your password has expired'));
  });
});

describe('a lock-out caused by the second step', () => {
  it('reads it as MFA, the cause, rather than as the lock-out', () => {
    const text =
      "When I switched phones it asks for authenticator codes but the app doesn't work now so I'm locked out of my account.";
    assert.equal(triageByRules(text).intent, 'mfa-required-or-failed');
  });

  it('reads authentication going to a phone as the second step', () => {
    assert.equal(
      triageByRules('even after the setup, the authentication still goes to the old phone').intent,
      'mfa-required-or-failed',
    );
  });
});
