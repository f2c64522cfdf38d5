import assert from 'node:assert/strict';
import { triageByRules } from '../../src/triage/triage';
import { testCatalog } from './support/test-catalog';

// Halves B of rounds 3 to 13 as a tuning pool (docs/triage-model.md, "Halves B as a tuning
// pool"): each rule here is a kind of evidence that fixed texts of at least two rounds or sources.
// The texts are real, with their sources, except where a short sentence shows the other side of a
// rule.
const catalog = testCatalog();

describe("the second step named in every product's words", () => {
  it('is a lead, not a diagnosis, when nothing in the paste is Microsoft', () => {
    const texts = [
      // github.com/keycloak/keycloak/issues/40837
      'Cannot register passkey as first 2FA credential. (Continuation)\n\nWhen clicking "Set up Passkey", the user is prompted to register an OTP instead.\n\nVersion\n\n26.2.5',
      // github.com/stfnhmplr/homebridge-synology/issues/84
      "Can't get temperature, Error: Account disabled/ Failed to authenticate 2-step verification code\nAll was working fine before enabling 2FA. After enabling 2FA, I got these errors.\nThe used account is not disabled, i use it daily to login",
      // github.com/komari-monitor/komari/issues/546
      '我觉得应该不是我的2fa出了问题，刚才退出登录重新登录时我发现我的2fa无法登录了，我之前保存的一个备份也无法通过那个2fa登录',
      // support.freee.co.jp/hc/ja/articles/360016105392
      '二要素認証が使用できません。もし、認証アプリをインストールしている端末が機種変更・紛失などで利用できない場合でも、バックアップコードを利用したログインが可能です。Authenticator等の二要素認証アプリが正しく動作していない可能性があります。',
    ];
    for (const text of texts) {
      const result = triageByRules(text, catalog);
      assert.equal(result.intent, 'unrelated', text);
      assert.equal(result.unsure?.intent, 'mfa-required-or-failed', text);
    }
  });

  it('still decides with a sign of Microsoft, and without those words', () => {
    const named =
      'After enabling 2FA on Microsoft 365 the Authenticator app never shows the sign-in request.';
    assert.equal(triageByRules(named, catalog).intent, 'mfa-required-or-failed');
    const plain = 'the authenticator app on my phone never pops up anymore when I log in';
    assert.equal(triageByRules(plain, catalog).intent, 'mfa-required-or-failed');
  });
});

describe("an administrator's approval of an app", () => {
  it('reads the app named first, and the Japanese in either order, as consent', () => {
    const texts = [
      // convergence.cloudgeneration.com/blogs/heather-mcnair/2024/10/01/microsoft-authentication
      'Some organizations have security measures that prevent staff from using their Microsoft login to authenticate with other applications. If this is the case, you will see this message after entering your Microsoft credentials:\n\nIf you have verified you are using the correct address and still receive this message, you will need to have the Cloud Generation application approved by your account administrator.',
      // help.dialpad.com/hc/ja/articles/210668706-Office-365
      'Office 365のアカウントでログインしようとするとエラーになります。\n\nもしDialpadにOffice 365のアカウントでログインしようとしてエラーになる場合、あなたの Office 365の管理者がアプリの利用を承認していないかもしれません。',
    ];
    for (const text of texts) assert.equal(triageByRules(text, catalog).intent, 'consent-required');
  });
});
