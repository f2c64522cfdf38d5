import assert from 'node:assert/strict';
import { isConsumerAccountText } from '../../src/triage/signals';
import { triageByRules } from '../../src/triage/triage';
import { testCatalog } from './support/test-catalog';

// Round 13 (dev-round13.md): the kinds of miss read in its half A. The texts are real, with their
// sources, except where a short sentence shows the other side of a rule.
const catalog = testCatalog();

describe('a typed one-time code rejected, in the languages help pages use', () => {
  it("is any product's second step without a sign of Microsoft: a lead, not a diagnosis", () => {
    // support.kaizenplatform.net/hc/ja/articles/900004782463
    const text =
      '2段階認証の設定ができない、あるいはログインができない場合、複数の原因が考えられます。2段階認証アプリアプリに表示される認証コードは、30秒ごとに更新されるため、数秒差で認証コードが合わない場合があります。';
    const result = triageByRules(text, catalog);
    assert.equal(result.intent, 'unrelated');
    assert.equal(result.unsure?.intent, 'mfa-required-or-failed');
  });

  it('stays a failed second step when the paste names Microsoft', () => {
    const text =
      'Microsoft 365 にサインインすると、Microsoft Authenticator の認証コードが合わないと表示されます。';
    assert.equal(triageByRules(text, catalog).intent, 'mfa-required-or-failed');
  });
});

describe('personal Microsoft account text', () => {
  it("reads Authenticator's cloud backup as a personal account's", () => {
    // github.com/lightswitch05/hosts/issues/399
    const text =
      'Microsoft Authenticator cannot log in normally to use cloud backup (False positive). When using the Android version of Microsoft Authenticator, cloud backup cannot be logged in/deleted. Unblock: activity.windows.com';
    assert.equal(isConsumerAccountText(text), true);
    assert.equal(triageByRules(text, catalog).intent, 'unrelated');
  });

  it('reads a banned address as a consumer service sanction', () => {
    // github.com/microsoftgraph/microsoft-graph-explorer-v4/issues/3956
    const text =
      "My email is banned (i don't know what is the specific reason), but when i try to log back it asks for verification method. Once i enter information it mentions that it failed try another method, but there is no other method.";
    assert.equal(isConsumerAccountText(text), true);
    assert.equal(triageByRules(text, catalog).intent, 'unrelated');
  });

  it('leaves a banned password and a work account alone', () => {
    assert.equal(isConsumerAccountText('The banned password list blocked my new password.'), false);
    const work =
      'Microsoft Authenticator on my new phone does not show the approval request for my work account.';
    assert.equal(isConsumerAccountText(work), false);
    assert.equal(triageByRules(work, catalog).intent, 'mfa-required-or-failed');
  });
});

describe('questions and pleas', () => {
  it('reads a question with the subject before the verb', () => {
    // github.com/MicrosoftDocs/azure-docs/issues/16194
    const text =
      'How the guest can change his/her MfA settings such as phone number or default verification option? https://aka.ms/mfasetup goes to the users own tenant settings.';
    assert.equal(triageByRules(text, catalog).intent, 'question');
  });

  it('reads "how do I log in now?" after a missing option as the writer stuck', () => {
    // github.com/MicrosoftDocs/azure-docs/issues/60246
    const text =
      'I am not getting send Text OTP option while login to Teams.microsoft.com, there are only 2 option available as below link so how do i login to my page now? can you please advise??';
    assert.equal(triageByRules(text, catalog).intent, 'mfa-required-or-failed');
  });

  it('keeps "now that ..." a how-to question', () => {
    const text =
      'How do I sign in to Teams with a security key now that passwords are switched off?';
    assert.equal(triageByRules(text, catalog).intent, 'question');
  });
});
