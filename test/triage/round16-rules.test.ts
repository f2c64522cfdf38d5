import assert from 'node:assert/strict';
import { triage, triageByRules } from '../../src/triage/triage';
import { testCatalog } from './support/test-catalog';

// Round 16 (dev-round16.md): kinds of miss read on that round, each shown with the real text it
// was read from (its source beside it) and a text on its other side.
const catalog = testCatalog();

describe('a question opened after a conjunction', () => {
  it('reads "..., but how does one reset ..." as a how-to question', () => {
    // https://github.com/maester365/maester/issues/282
    const text =
      'This is a good thought. The control would still be to block that activity, but how does one reset that risk level so a user can login again.';
    assert.equal(triageByRules(text, catalog).intent, 'question');
  });

  it('still reads "..., but how do I get in now?" after a block as the writer stuck', () => {
    const text =
      'My account is blocked because of a risky sign-in, but how do I get back in now? I need to send a report today.';
    assert.notEqual(triageByRules(text, catalog).intent, 'question');
  });
});

describe('something that does not work, told in another language', () => {
  it('reads a German page telling of an app that no longer works as a report, not a question', () => {
    // https://www.antwort.net/a/technologie/warum-funktioniert-die-microsoft-authenticator-app-nicht-nach-dem-handywechsel.html
    const text =
      'Warum funktioniert die Microsoft Authenticator App nicht nach dem Handywechsel?\n\nViele Nutzer stehen vor dem Problem, dass die Microsoft Authenticator App nach einem Wechsel des Smartphones nicht mehr richtig funktioniert.';
    assert.equal(triageByRules(text, catalog).intent, 'mfa-required-or-failed');
  });

  it('keeps a German how-to question that only asks as a question', () => {
    const text =
      'Wie kann ich die Microsoft Authenticator App auf meinem neuen Handy für das Geschäftskonto einrichten?';
    assert.equal(triageByRules(text, catalog).intent, 'question');
  });
});

describe("a mail server's refusal with its status", () => {
  it('reads a thread quoting "5.7.3 Authentication unsuccessful" for smtp.office365.com as the old sign-in refused', () => {
    // https://github.com/duplicati/duplicati/issues/3813
    const text =
      'Failed to send an email with oulook configured\n\nDid you find a solution? If so, what did it take? If not, top Google hit for "5.7.3 Authentication unsuccessful" "smtp.office365.com"';
    assert.equal(triageByRules(text, catalog).intent, 'legacy-auth-blocked');
  });

  it('keeps a question about what the SMTP status codes mean, with none pasted, a question', () => {
    const text =
      'What does a 5.7.x status from smtp.office365.com mean for our scanner, and how do we set up SMTP AUTH for it?';
    assert.equal(triageByRules(text, catalog).intent, 'question');
  });
});

describe('modern authentication missing from a mail client', () => {
  it('reads an old Office that no longer shows the modern sign-in prompt as the old sign-in', () => {
    // https://github.com/MicrosoftDocs/microsoft-365-docs/issues/12158
    const text =
      'However, in the past few days, I have noticed that the modern authentication prompt is no longer appearing when setting up email in MS Office 2013, which is preventing me to setting up email.';
    assert.equal(triageByRules(text, catalog).intent, 'legacy-auth-blocked');
  });

  it('reads modern authentication disabled in the tenant, looping Outlook, as the old sign-in', () => {
    // https://github.com/MicrosoftDocs/azure-docs/issues/46890
    const text =
      'Pre-2017 Exchange online tenants have Modern authentication disabled by default.\n\nAs per the title, it may be worth noting that those specific exchange online settings leave users in a login loop when trying to access Outlook on desktop, even for the current up to date office365 outlook client.';
    assert.equal(triageByRules(text, catalog).intent, 'legacy-auth-blocked');
  });

  it('does not read modern authentication that works in a mail client as a refusal', () => {
    const text =
      'Outlook 2016 now shows the modern authentication prompt and signs in with MFA after we enabled it.';
    assert.notEqual(triageByRules(text, catalog).intent, 'legacy-auth-blocked');
  });
});

describe("the token endpoint's error name without a code", () => {
  it('reads "invalid_grant: <description>" in a paste of Microsoft sign-in as a sign-in failure', () => {
    // https://github.com/AzureAD/microsoft-authentication-library-for-js/issues/5613
    const text =
      "This appear to get me into an unrecoverable `invalid_grant: UserPrincipal doesn't have the key ID configured.` state.\n\nThis state was not fixable by doing a full logout. In addition, it polluted other apps in the same browser, such as Office.com, Teams, and Kusto.\n\n### Error Message\n\ninvalid_grant: UserPrincipal doesn't have the key ID configured.";
    assert.equal(triage(text, catalog).intent, 'other-known');
  });

  it("keeps another vendor's invalid_grant unrelated", () => {
    const text =
      'google.auth.exceptions.RefreshError: invalid_grant: Token has been expired or revoked when the script calls the Campaign Manager API.';
    assert.equal(triage(text, catalog).intent, 'unrelated');
  });
});
