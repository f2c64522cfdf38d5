import assert from 'node:assert/strict';
import { looksLikeAnsweredHeading } from '../../src/triage/question-forms';
import { isAnyProductsAccountState, isOtherVendorText } from '../../src/triage/signals';
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

describe("the second step named in every product's words, read from a known message", () => {
  it('is a lead too when a similar message names it', () => {
    // adyen.help/hc/fr-fr/articles/4715918639388
    const text =
      "Que faire si mon code d'authentification à deux facteurs ne fonctionne pas ?\n\nLes applications d'authentification à deux facteurs utilisent un mot de passe à usage unique basé sur le temps (TOTP). Vous devez le saisir lors de votre connexion au portail Customer Area d'Adyen. Si le code ne fonctionne pas, il est probable que le code donné ne corresponde pas au code attendu pour l'horodatage actuel.";
    assert.equal(triageByRules(text, catalog).intent, 'unrelated');
  });

  it("stays Microsoft's step when the paste also calls it MFA", () => {
    // A university's help page (round 9): an OTP code named as one of the MFA methods.
    const text =
      "If the authentication code does not appear, check your device's notification settings.\nIf the authenticator app is accidentally deleted, use another MFA method that has been previously activated, such as an OTP code via phone number.";
    assert.equal(isAnyProductsAccountState('mfa-required-or-failed', text), false);
  });
});

describe("a help page's question heading and its answer", () => {
  it('is the page speaking, not a question', () => {
    const texts = [
      // it.ittrip.xyz/python/sblocco-microsoft-rewards
      "Account Microsoft Rewards bloccato per troppi tentativi?\nQuando si inserisce più volte una password errata, l'account Microsoft può essere temporaneamente bloccato. Questo meccanismo serve a proteggere il profilo da accessi non autorizzati.",
      // airygen.com/pt/faq/account
      'Por que aparece Device Challenge no login?\n\nQuando detectamos dispositivo novo ou contexto de risco, exigimos verificação de dispositivo. Verifique o e-mail cadastrado, copie o código de 6 dígitos e envie no formulário.',
    ];
    for (const text of texts) {
      assert.equal(looksLikeAnsweredHeading(text), true, text);
      assert.equal(triageByRules(text, catalog).intent, 'unrelated', text);
    }
  });

  it("stays a question when what follows is the writer's own context", () => {
    // github.com/MicrosoftDocs/azure-docs/issues/26610
    const text =
      'Can consent be added on a user-by-user basis?\nFor instance, I turned off "Users can consent to apps accessing company data on their behalf", but I would like to give 1 user access to integrate Amazon Alexa with Office 365.';
    assert.equal(looksLikeAnsweredHeading(text), false);
    assert.equal(triageByRules(text, catalog).intent, 'question');
    // github.com/MicrosoftDocs/OfficeDocs-Exchange/issues/1335: one sentence after the heading.
    const short =
      'Is there any update on reporting of users who are currently using legacy authentication?\nThis would be really useful to report on before disabling so IT knows just who is going to be affected.';
    assert.equal(triageByRules(short, catalog).intent, 'question');
  });
});

describe('a quoted name in a question', () => {
  it("is a setting or a prompt's title the asker points at, not an error they met", () => {
    const texts = [
      // github.com/MicrosoftDocs/azure-docs/issues/114755
      'In the "Require device to be marked as compliant" section, it makes no mention of an authentication broker being necessary. Isn\'t the authentication broker necessary in order for mobile devices to pass the deviceID so that Azure AD can tell which device it is, and therefore whether is compliant?',
      // github.com/MicrosoftDocs/azure-docs/issues/51134
      'After setting password self-service for the first time, users get a screen after logging on to O365 that "More information required." Clicking Next at this screen starts the verification setup process. However, after you do this, this screen never comes up again. How do I reset it so users get this screen again to restart the verification setup process?',
    ];
    for (const text of texts) assert.equal(triageByRules(text, catalog).intent, 'question', text);
  });

  it('is still an error when the quote says something failed', () => {
    const text = "I see 'Account locked – too many incorrect passwords', what now?";
    assert.notEqual(triageByRules(text, catalog).intent, 'question');
    const quoted = 'Why do users see "Your account has been locked" after one wrong password?';
    assert.notEqual(triageByRules(quoted, catalog).intent, 'question');
  });
});

describe('a code as logs and people label it', () => {
  it("reads the sign-in log's result column and a mistyped prefix", () => {
    // github.com/bradleyjkemp/sigmadoc: content/rules/cloud/azure/azure_login_to_disabled_account.yml.md
    const sigma =
      "detection:\n  selection:\n    ResultType: 50057\n    ResultDescription: 'User account is disabled. The account has been disabled by an administrator.'";
    const fromLog = triageByRules(sigma, catalog);
    assert.deepEqual(fromLog.codes, [50057]);
    assert.equal(fromLog.intent, 'account-disabled');
    // support.secioss.co.jp/hc/ja/articles/20357869069849
    const typo =
      '別アカウントでログイン状態\n- エラー文\nADDSTS50020: User account ‘アカウント名’ from identity provider ‘ディレクトリ (テナント) ID’ does not exist in tenant ‘テナント名’ and cannnot access the application.';
    assert.deepEqual(triageByRules(typo, catalog).codes, [50020]);
  });

  it('leaves a word that only ends in the letters alone', () => {
    const text = `Our quarterly report lists roadsts50057 as a part number. ${'Nothing else. '.repeat(10)}`;
    assert.deepEqual(triageByRules(text, catalog).codes, []);
  });
});

describe("an on-premises directory's own sign-in", () => {
  it('reads an LDAP bind and an SMB session as another product, not Entra', () => {
    const texts = [
      // github.com/cannatag/ldap3/issues/397
      '80090308: LdapErr: DSID-0C09030B, comment: AcceptSecurityContext error, data 532, v893\nHEX: 0x532 - password expired\nDEC: 1330 - ERROR_PASSWORD_EXPIRED (Logon failure: the specified account password has expired.)\nAfter bind attempt I am getting error about expired password.',
      // github.com/NethServer/dev/issues/5670 (the password in the command line replaced)
      'If I set the user\'s option "Enable password expiration" with a local AD accounts provider, when the user log on a Windows workstation at the expiry date his account is blocked, whilst it is expected a change password form.\n    [root@vm8 ~]# smbclient -U DPNET\\\\second.user%secret //vm8/second.user\n    session setup failed: NT_STATUS_ACCOUNT_EXPIRED',
    ];
    for (const text of texts) {
      assert.equal(isOtherVendorText(text), true, text);
      assert.equal(triageByRules(text, catalog).intent, 'unrelated', text);
    }
  });

  it('stays Entra when the paste names Microsoft', () => {
    const text =
      'Azure AD DS secure LDAP bind fails: the user password has expired, change it in Microsoft 365 first.';
    assert.equal(isOtherVendorText(text), false);
  });
});

describe('feedback on a page, addressed to what it says', () => {
  it('asks about the page, with or without a question mark', () => {
    const texts = [
      // github.com/MicrosoftDocs/azure-docs/issues/110879
      "Lock out durations\nYou state that the lockout duration will increase after each failed attempt over the threshold number. But you don't say how much it increases by.",
      // github.com/MicrosoftDocs/azure-docs/issues/80624
      "This page mentions to ensure you have Emergency Accounts. Emergency Accounts page recommends ensuring MFA is not applied and make sure you're excluding the accounts from Conditional Access Policies.\nHowever, when enabling Security Defaults, it does not give you the option to exclude accounts.",
    ];
    for (const text of texts) assert.equal(triageByRules(text, catalog).intent, 'question', text);
  });

  it("is still a report when the writer's own sign-in fails", () => {
    const text =
      "The page says to use the Authenticator, but I can't sign in: my account is locked out.";
    assert.notEqual(triageByRules(text, catalog).intent, 'question');
  });
});

describe('a request form inside a statement', () => {
  it('is not a question when the sentence denies knowing or only names an option', () => {
    // aryon.com.au/how-to-create-a-new-office-365-password-when-your-password-has-expired/
    const page =
      "By default, Microsoft Office 365 will expire your password every 90 days. It can come as a bit of a shock when you email stops working for the first time after using the Office 365 service and you don't know why.\n\nThis procedure will help you regain access to your account on your mobile device or desktop e-mail program if you've allowed your password to expire on your Office 365 account.";
    assert.equal(triageByRules(page, catalog).intent, 'password-expired');
    // github.com/Polyfrost/OneLauncher/issues/366
    const personal =
      'Microsoft accounts have the option to sign in with a Passkey, when available. With new accounts that have been created as of May 2025, passkeys are the default method of logging in, without having the option for a password. If you attempt to log in via a passkey, unless you are prompted before entering your email to use a Windows Hello device bound passkey, you will be met with this screen.';
    assert.notEqual(triageByRules(personal, catalog).intent, 'question');
  });

  it('still asks when the writer wants to know, or asks for options', () => {
    const texts = [
      'I want to know why the sign-in logs show a conditional access failure for guests.',
      'What are the options for requiring MFA only for admins?',
    ];
    for (const text of texts) assert.equal(triageByRules(text, catalog).intent, 'question', text);
  });
});
