import assert from 'node:assert/strict';
import { OWN_QUESTION_CUE, ownQuestionTriage } from '../../src/diagnosis/account-check';

/**
 * A question about one's own account that the tenant answers ("when does my password expire?",
 * "am I locked out?") is that claim about the asker's account, marked so the answer stays on it.
 */
describe("a question about one's own account", () => {
  for (const [text, intent] of [
    ['when does my password expire?', 'password-expired'],
    ['When will my work password expire', 'password-expired'],
    ["what's my password expiry date", 'password-expired'],
    ['how many days until my password expires?', 'password-expired'],
    ['is my password expired?', 'password-expired'],
    ['does my password expire?', 'password-expired'],
    ['am I locked out?', 'account-locked'],
    ['is my account locked?', 'account-locked'],
    ['why am I still locked out', 'account-locked'],
    ['is my account compromised?', 'risky-user-blocked'],
    ['has my account been hacked', 'risky-user-blocked'],
    ['am I at risk?', 'risky-user-blocked'],
  ] as const) {
    it(`"${text}" asks ${intent} of the asker's own account`, () => {
      const read = ownQuestionTriage(text);
      assert.equal(read?.intent, intent);
      assert.equal(read?.cue, OWN_QUESTION_CUE);
      assert.equal(read?.code, undefined);
    });
  }

  for (const text of [
    'how do I change my password',
    'when will the new password policy take effect',
    'how do we set password expiry for the tenant',
    'is the account of alex locked',
    `when does my password expire? ${'and more words '.repeat(20)}`,
  ]) {
    it(`"${text.slice(0, 50)}" is not one`, () => {
      assert.equal(ownQuestionTriage(text), undefined);
    });
  }
});
