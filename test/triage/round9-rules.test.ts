import assert from 'node:assert/strict';
import { withLearnedFallback } from '../../src/triage/fallback';
import { loadModel, type ModelFile } from '../../src/triage/model';
import { hasMicrosoftEvidence, isConsumerAccountText } from '../../src/triage/signals';
import { triageByRules } from '../../src/triage/triage';
import type { Triage } from '../../src/triage/types';
import { testCatalog } from './support/test-catalog';

// Round 9 (dev-round9.md): code-less sign-in text in other languages and in people's own words.
// The rules below are about kinds of evidence and Microsoft's own localised labels, not about
// one round's sentences; the texts are real, with their sources.
const catalog = testCatalog();

describe("Microsoft's localised labels as signs of its sign-in", () => {
  it("counts Microsoft's own name for a work or school account, in several languages", () => {
    for (const text of [
      'Gdy uzyskujesz konto służbowe po raz pierwszy',
      'Melden Sie sich mit Ihrem Geschäfts-, Schul- oder Unikonto an',
      'connectez-vous avec votre compte professionnel ou scolaire',
      '회사 또는 학교 계정에 로그인',
    ]) {
      assert.ok(hasMicrosoftEvidence(text), text);
    }
    assert.ok(!hasMicrosoftEvidence('Moje konto zostało zablokowane'));
  });

  it('reads account.microsoft.com as the consumer portal, myaccount.microsoft.com as not', () => {
    assert.ok(isConsumerAccountText('Sign in at account.microsoft.com: your account is locked'));
    assert.ok(!isConsumerAccountText('Go to myaccount.microsoft.com to see your sign-ins'));
  });
});

describe('a temporary password to replace', () => {
  it('is an expired password when the paste shows Microsoft, in any language', () => {
    // technet.microsoft.com/cs-cz/library/hh967625.aspx
    const czech =
      'Platí pro: Office 365, Windows Intune\nPři prvním přihlášení ke službám cloudová služba společnosti Microsoft můžete použít přidělené dočasné heslo a vytvořit nové heslo, jímž se budete následně přihlašovat.';
    assert.equal(triageByRules(czech, catalog).intent, 'password-expired');
    assert.equal(
      triageByRules('My Office 365 temporary password does not let me in', catalog).intent,
      'password-expired',
    );
  });

  it('is no reading at all without a sign of Microsoft: every product hands them out', () => {
    const result = triageByRules(
      'The user is created with a temporary password and must choose a new one at first login.',
      catalog,
    );
    assert.equal(result.intent, 'unrelated');
    assert.equal(result.unsure, undefined);
  });
});

describe('other languages: lock-out, negation and the second step', () => {
  it('reads a Polish lock-out of an Azure AD account, and keeps "has been blocked" apart', () => {
    // support.microsoft.com/pl-pl/account-billing/... 23dde81f-08bb-4776-ba72-e6b72b9dda9e
    const locked =
      'Jeśli nie możesz uzyskać dostępu do konta usługi Azure Active Directory (Azure AD), może to być spowodowane następującymi przyczynami:\nZnasz swoje hasło, ale Twoje konto jest zablokowane i musisz je odblokować.';
    assert.equal(triageByRules(locked, catalog).intent, 'account-locked');
    assert.notEqual(
      triageByRules('Microsoft Teams: „Twoje konto zostało zablokowane”.', catalog).intent,
      'account-locked',
    );
  });

  it('reads the Authenticator refusing in Indonesian as the second step failing', () => {
    // prod.support.services.microsoft.com/id-id/account-billing/... a3a74493
    const text =
      'Authenticator akan menolak autentikasi jika terdapat perbedaan antara lokasi yang dilaporkan GPS.';
    assert.equal(triageByRules(text, catalog).intent, 'mfa-required-or-failed');
  });

  it('reads MFA given as the reason for a lock-out as MFA, the cause', () => {
    // cnet.com/au/news/microsoft-office-365-azure-lock-out-some-people-who-use-multifactor-authentication/
    const text =
      "You may use multifactor authentication (MFA) to add an extra layer of security with your Microsoft accounts. But that extra security may be the reason you're locked out.";
    assert.equal(triageByRules(text, catalog).intent, 'mfa-required-or-failed');
  });
});

describe("any product's wrong password", () => {
  it('keeps a wrong-password message with no sign of Microsoft as a lead', () => {
    // github.com/ArctosDB/arctos/issues/9575
    const result = triageByRules(
      'our operator is getting an error message "Error: Invalid username/password combination." when trying to log into TACC.',
      catalog,
    );
    assert.equal(result.intent, 'unrelated');
    assert.equal(result.unsure?.intent, 'invalid-password');
  });

  it('decides with a sign of Microsoft or the writer own account', () => {
    for (const text of [
      'Outlook keeps saying my password is incorrect',
      'my password is wrong, it says invalid password',
    ]) {
      assert.equal(triageByRules(text, catalog).intent, 'invalid-password', text);
    }
  });

  it('still lets the model tell a how-to question behind such a lead', () => {
    const model: ModelFile = {
      version: 1,
      bits: 1,
      intents: ['unrelated', 'question'],
      bias: [0, 10],
      scales: [0, 0],
      weights: Buffer.alloc(4).toString('base64'),
      threshold: 0.9,
      questionThreshold: 0.99,
    };
    const text = 'how can a user see why the password is wrong when they log in to the portal';
    const lead: Triage = {
      intent: 'unrelated',
      codes: [],
      fields: {},
      confidence: 0.9,
      truncated: false,
      unsure: { intent: 'invalid-password', score: 0.65 },
    };
    assert.equal(withLearnedFallback(lead, text, catalog, loadModel(model)).intent, 'question');
  });
});
