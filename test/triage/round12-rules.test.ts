import assert from 'node:assert/strict';
import { extractCodes } from '../../src/triage/extract-codes';
import { triageByRules } from '../../src/triage/triage';
import { testCatalog } from './support/test-catalog';

// Round 12 (dev-round12.md, the first blind set, retired): the kinds of miss read in its half A.
// The texts are real, with their sources, except where a short sentence shows the other side of
// a rule.
const catalog = testCatalog();

describe('an app password tried after the second step was asked for', () => {
  // github.com/fuel9/DisplayMonkey/issues/185
  const text =
    'If my account uses Multi-factor authentication (ex: verify log-in by SMS code). \n\nIf I input my original password then I will get this error: " AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access \'00000009-0000-0000-c000-000000000000\'., ...."\n\nIf I input app-password (created from Office 365, can use to log-in Skype or Outlook app) then I will get this error: "AADSTS50126: Error validating credentials due to invalid username or password., ..."';

  it('is a workaround: the second step decides, code and intent', () => {
    const result = triageByRules(text, catalog);
    assert.equal(result.code, 50076);
    assert.deepEqual(result.codes, [50076, 50126]);
    assert.equal(result.intent, 'mfa-required-or-failed');
  });

  it('leaves a wrong password after the second step deciding when no app password was tried', () => {
    const plain =
      'AADSTS50076: you must use multi-factor authentication to access the app. Later the same day: AADSTS50126: Error validating credentials due to invalid username or password.';
    assert.equal(triageByRules(plain, catalog).code, 50126);
  });
});

describe('a known code the paste opens with', () => {
  it('is the code the paste is about', () => {
    // github.com/MicrosoftDocs/azure-docs/issues/35244
    const text =
      '700016 is not documented. Message I\'m receiving is "Application with identifier &lt;GUID&gt; was not found in the directory &lt;DIRECTORY GUID&gt;. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.';
    assert.deepEqual(extractCodes(text, catalog), [700016]);
    assert.equal(triageByRules(text, catalog).code, 700016);
  });

  it('is not a count or a number in the middle of a long paste about something else', () => {
    const count =
      '700016 users were moved to the new directory last night, and the application inventory was refreshed afterwards without any trouble at all for anyone.';
    assert.deepEqual(extractCodes(count, catalog), []);
    const later =
      'The application inventory was refreshed afterwards without any trouble at all for anyone; the nightly job moved 700016 of the records to the new directory.';
    assert.deepEqual(extractCodes(later, catalog), []);
  });
});

describe("Microsoft's own messages as its localised pages word them", () => {
  const cases: [string, string, string][] = [
    [
      // github.com/Microsoft/azure-docs.nl-nl (concept-password-ban-bad.md), split words and all
      'password-banned',
      '*"Helaas, uw wacht woord bevat een woord, woord groep of patroon waarmee uw wacht woord gemakkelijk kan worden geraden. Probeer het opnieuw met een ander wacht woord.*',
      'nl',
    ],
    [
      // github.com/stephanemora/azure-docs.fr-fr (howto-authentication-temporary-access-pass.md)
      'tap-blocked',
      '« **La connexion par passe d’accès temporaire a été bloquée en raison de la stratégie relative aux informations d’identification de l’utilisateur.**  »',
      'fr',
    ],
    [
      // github.com/changeworld/azure-docs.ja-jp (howto-authentication-temporary-access-pass.md)
      'tap-blocked',
      '**[ユーザー資格情報ポリシーにより、一時アクセス パスでのサインインはブロックされました]**',
      'ja',
    ],
  ];
  for (const [intent, text, lang] of cases) {
    it(`finds ${intent} in ${lang}`, () => {
      assert.equal(triageByRules(text, catalog).intent, intent);
    });
  }

  it("decides on the whole smart lock-out sentence, though a lock-out is any product's state", () => {
    // github.com/otrekw/azure-docs.de-de (howto-password-smart-lockout.md)
    const text =
      '*Ihr Konto wurde vorübergehend gesperrt, um eine unbefugte Nutzung zu verhindern. Versuchen Sie es später noch mal. Wenden Sie sich an Ihren Administrator, wenn das Problem weiterhin besteht.*';
    const result = triageByRules(text, catalog);
    assert.equal(result.intent, 'account-locked');
    assert.equal(result.matchedBy, 'similar');
  });
});

describe('quotation marks around part of a message', () => {
  it('do not hide the message', () => {
    // www.somebytes.de/support/faq/faq-microsoft-365/
    const text =
      'Wenn ein unberechtigter Benutzer sich also mit einem der beiden Programme versucht, anzumelden, erhält er den Hinweis, dass eine "Administratorgenehmigung" erforderlich sei.';
    assert.equal(triageByRules(text, catalog).intent, 'consent-required');
  });
});

describe('a person pointing at what the documentation does not say', () => {
  const asks = [
    // github.com/MicrosoftDocs/azure-docs/issues/47935
    "I can't find any information regarding disabling the SMS option but keep call my mobile phone enabled.",
    // github.com/MicrosoftDocs/azure-docs/issues/93561
    'A graphic lists "Best: Passwordless" with "Authenticator phone sign in" underneath. There\'s no explanation in the article of what "Authenticator phone sign in means".',
  ];
  for (const text of asks) {
    it(`asks how: ${text.slice(0, 50)}...`, () => {
      assert.equal(triageByRules(text, catalog).intent, 'question');
    });
  }

  it('is still a failure when what cannot be done is signing in', () => {
    const text =
      "I can't sign in to Outlook. There's no explanation in the article of what the SMS option does.";
    assert.notEqual(triageByRules(text, catalog).intent, 'question');
  });
});

describe('access blocked after a successful sign-in', () => {
  it('is an access policy, which applies only once the password was accepted', () => {
    // github.com/faoroj/m365-access-troubleshooting (docs/ticket-03-conditional-access-block.md)
    const text =
      '## User Reported Issue \nUser reports being blocked from accessing Microsoft Teams after a successful login.';
    assert.equal(triageByRules(text, catalog).intent, 'ca-blocked');
  });

  it("stays a lead in another product's words", () => {
    const text = 'Your Zoom account was blocked after a successful login from a new country.';
    const result = triageByRules(text, catalog);
    assert.equal(result.intent, 'unrelated');
    assert.equal(result.unsure?.intent, 'ca-blocked');
  });
});

describe("an IMAP server's refusal of a login", () => {
  // github.com/mjs/imapclient/issues/602
  const refusal =
    "2024-08-07 17:37:36,759 - DEBUG: < b'PEAA1 NO LOGIN failed.'\n2024-08-07 17:37:36,760 - DEBUG: NO response: b'LOGIN failed.'";

  it("is any server's answer while nothing in the paste is Microsoft's", () => {
    assert.equal(triageByRules(refusal, catalog).intent, 'unrelated');
  });

  it("is the mail client's basic sign-in refused when the server is Exchange Online", () => {
    const text = `imaplib: connecting to outlook.office365.com:993\n${refusal}`;
    assert.equal(triageByRules(text, catalog).intent, 'legacy-auth-blocked');
  });
});
