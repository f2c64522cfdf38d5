import assert from 'node:assert/strict';
import { findConcept } from '../../src/triage/concepts';
import { triageByRules } from '../../src/triage/triage';
import { testCatalog } from './support/test-catalog';

// Round 10 (dev-round10.md): other products' look-alikes and Microsoft 365 sign-in problems in a
// person's own words. The rules below are kinds of evidence, as in rounds 8 and 9: a state every
// product's account store has (its own password rules, its own block on suspicious activity, a
// typed one-time code it rejects) names a lead, not a decision, unless the paste shows a sign of
// Microsoft's sign-in; what only Microsoft's sign-in says still decides. The texts are real,
// with their sources, except where a short sentence shows the other side of a rule.
const catalog = testCatalog();

describe("any product's block on suspicious activity", () => {
  it('is a lead, not a diagnosis, when nothing in the paste is Microsoft', () => {
    // support.sage.hr/en/articles/8799526-suspicious-activity-on-your-account
    const text =
      "It states there has been a 'blocked access attempt' and 'suspicious activity on your account'. The email includes an approximate location and the IP address used for the login attempt.";
    const result = triageByRules(text, catalog);
    assert.equal(result.intent, 'unrelated');
    assert.notEqual(result.unsure, undefined);
  });

  it("still decides on Identity Protection's own word, a risk level, in any language", () => {
    // github.com/christophbittig/azure-docs.de-de (identity-protection user experience)
    const text =
      'Administratoren können eine Benutzer bei der Anmeldung je nach Risikostufe blockieren. Zur Aufhebung der Blockierung muss sich der Endbenutzer an die IT-Mitarbeiter der Organisation wenden.';
    assert.equal(triageByRules(text, catalog).intent, 'risky-user-blocked');
  });

  it('decides when the paste shows Microsoft', () => {
    assert.equal(
      triageByRules(
        'My Office 365 sign-in was blocked because of suspicious activity on my account.',
        catalog,
      ).intent,
      'risky-user-blocked',
    );
  });
});

describe("any product's password rules", () => {
  it('are a lead, not a diagnosis, when nothing in the paste is Microsoft', () => {
    // help-focalpoint.theaccessgroup.com/en/articles/13684008-...
    const text =
      'Error: The password does not meet the criteria or policy in place when a user tried to reset their password\nThis error message will be shown when:\nThe password does not contain enough characters\nThe password is not complex enough';
    const result = triageByRules(text, catalog);
    assert.equal(result.intent, 'unrelated');
    assert.equal(result.unsure?.intent, 'password-banned');
  });

  it("still decide on Microsoft's password protection wording: a word, phrase or pattern", () => {
    // support.microsoft.com/pt-br/account-billing/... 23dde81f-08bb-4776-ba72-e6b72b9dda9e
    const text =
      'Quando tento alterar minha senha, recebo um erro.\nSua senha tem uma palavra, frase ou padrão que torna sua senha facilmente adivinhada.';
    assert.equal(findConcept(text)?.cue.id, 'password-guessable');
    assert.equal(triageByRules(text, catalog).intent, 'password-banned');
  });
});

describe('a typed one-time code that is rejected', () => {
  it("is any product's second step when nothing in the paste is Microsoft", () => {
    // github.com/stfnhmplr/homebridge-synology/issues/93
    const text =
      "[Diskstation] Can't shutdown Diskstation: Error: No such account or incorrect password\n\nThe Username, Password and OTP Code are definitely correct.";
    assert.equal(findConcept(text)?.cue.id, 'mfa-code-rejected');
    assert.notEqual(triageByRules(text, catalog).intent, 'mfa-required-or-failed');
  });

  it('is the second step failing when the paste names Microsoft', () => {
    assert.equal(
      triageByRules(
        'The code from Microsoft Authenticator is rejected as invalid every time I sign in to Teams.',
        catalog,
      ).intent,
      'mfa-required-or-failed',
    );
  });

  it('leaves an approval that never arrives to the second step, without a sign of Microsoft', () => {
    // A push that does not come is not a typed code: the rule above does not touch it.
    const text = 'The approval request never shows up on my phone any more.';
    assert.notEqual(findConcept(text)?.cue.id, 'mfa-code-rejected');
    assert.equal(triageByRules(text, catalog).intent, 'mfa-required-or-failed');
  });
});

describe('an account that does not exist, said by a Microsoft product', () => {
  it('reads the product as the directory the account is missing from', () => {
    // fr.ittrip.xyz/ms-office/teams/teams-connexion-impossible
    const text =
      "Symptôme principal : l'utilisateur précédemment connecté est subitement déconnecté de Teams sur PC (application de bureau). Toute tentative de connexion renvoie « le compte n'existe pas », alors que l'accès à Teams sur smartphone continue de fonctionner.";
    assert.equal(triageByRules(text, catalog).intent, 'user-not-found');
  });
});
