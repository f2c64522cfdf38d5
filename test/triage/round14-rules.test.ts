import assert from 'node:assert/strict';
import { isConsumerAccountText } from '../../src/triage/signals';
import { triageByRules } from '../../src/triage/triage';
import { testCatalog } from './support/test-catalog';

// Rounds 12 to 14 (dev-round12.md, dev-round13.md, dev-round14.md): the kinds of miss left after
// their own tuning. Short sentences written here show each rule and its other side.
const catalog = testCatalog();

describe("Microsoft's own page titles in English", () => {
  it('reads the access-policy page title "You cannot access this right now" as an access policy', () => {
    const text =
      'Since this morning Outlook on the web shows "You cannot access this right now" after I type my password.';
    const result = triageByRules(text, catalog);
    assert.equal(result.intent, 'ca-blocked');
    assert.equal(result.matchedBy, 'phrase');
  });

  it('reads the consent workflow\'s "Administrator approval required" as consent, not an MFA approval', () => {
    const text =
      'When a colleague adds the scheduling app, the screen says "Administrator approval required" and offers an Approval Request button.';
    assert.equal(triageByRules(text, catalog).intent, 'consent-required');
  });

  it('still reads an MFA approval request as the second step', () => {
    const text = 'The approval request never shows up on my phone, so I cannot finish signing in.';
    assert.equal(triageByRules(text, catalog).intent, 'mfa-required-or-failed');
  });
});

describe('a personal Microsoft account named as people shorten it', () => {
  it('reads "MSA" and "ms account" as a personal account', () => {
    const text =
      'The launcher breaks after the MSA 2-step verification: I get a white window. I have 2-step verification on my ms account.';
    assert.equal(isConsumerAccountText(text), true);
    assert.equal(triageByRules(text, catalog).intent, 'unrelated');
  });

  it('does not read MSAL (the library) as a personal account', () => {
    assert.equal(isConsumerAccountText('MSAL returns an error after the second step'), false);
  });

  it('keeps a work account first when both are named', () => {
    assert.equal(isConsumerAccountText('My MSA works but my work account is locked'), false);
  });
});

describe("an FAQ's question about sign-in prompts", () => {
  it('is a question: prompts are a sign-in topic', () => {
    assert.equal(triageByRules('Q: Can I see fewer prompts?', catalog).intent, 'question');
  });

  it('a printer question about prompts is not claimed', () => {
    assert.notEqual(
      triageByRules('Q: Why does the label printer show so many paper prompts?', catalog).intent,
      'question',
    );
  });
});

describe('a mail protocol that stopped signing in', () => {
  it('reads a failed IMAP login to an Office 365 mailbox as a refused legacy sign-in', () => {
    const text =
      'For a week our phishing-test tool cannot log in to the Office 365 mailbox over IMAP, though the credentials are right.';
    assert.equal(triageByRules(text, catalog).intent, 'legacy-auth-blocked');
  });

  it('reads a scanner that sends by SMTP and will no longer work as a refused legacy sign-in', () => {
    const text =
      'The office copier sends scans through SMTP to our Microsoft mailbox; after the cut-off date it no longer works.';
    assert.equal(triageByRules(text, catalog).intent, 'legacy-auth-blocked');
  });

  it('does not read "cannot log in" beside a mail app, without a protocol, as legacy', () => {
    const text =
      'My Authenticator codes were not restored on the new phone, so I cannot log in anywhere except the mail app and I am locked out of my account.';
    assert.equal(triageByRules(text, catalog).intent, 'mfa-required-or-failed');
  });
});

describe('device wording', () => {
  it('reads the device code flow refused as an access policy', () => {
    const text =
      'The command line tool signs in with a device code, which is not allowed in our tenant, so it never finishes.';
    assert.equal(triageByRules(text, catalog).intent, 'ca-blocked');
  });

  it('reads a platform name (iOS) with Intune as a device rule', () => {
    const text =
      'Intune keeps preventing the Outlook setup on iOS even though no work mail is set up.';
    assert.equal(triageByRules(text, catalog).intent, 'device-noncompliant');
  });

  it('reads AADSTS700003 (the device object was deleted) as a device-join problem', () => {
    const text =
      'Your organization has deleted this device. To fix this, contact your system administrator and provide the error code 700003';
    // The shipped catalog: the code's intent is what is tested.
    assert.equal(triageByRules(text).intent, 'device-not-domain-joined');
  });

  it('does not decide a device-join problem from "register my device" alone', () => {
    const text =
      'After the update the browser says I need to register my device whenever a site asks me to sign in.';
    assert.notEqual(triageByRules(text).intent, 'device-not-domain-joined');
  });
});

describe("the writer's own sign-in and Microsoft's products as evidence", () => {
  it('a paste that opens with "Can\'t sign in" is the writer\'s own lock-out', () => {
    const text = "Can't sign in, it says too many failed attempts and to try again later";
    assert.equal(triageByRules(text, catalog).intent, 'account-locked');
  });

  it('"I can\'t log in" further down another product\'s lock-out question stays a lead', () => {
    const text =
      "How long does the lockout of the forum account last?\nThe page never said attempts were limited, and now I can't log in.";
    const result = triageByRules(text, catalog);
    assert.equal(result.intent, 'unrelated');
    assert.equal(result.unsure?.intent, 'account-locked');
  });

  it('being locked out of Office 365 is a lock-out, with no account word', () => {
    const text = 'Locked out of Office 365 since this morning after the password prompt.';
    assert.equal(triageByRules(text, catalog).intent, 'account-locked');
  });

  it("Azure AD B2C's user flow names are Microsoft's: a weak password there is a refused password", () => {
    const text =
      'In the B2C_1_signupsignin flow I typed a weak password and got the weak password error.';
    assert.equal(triageByRules(text, catalog).intent, 'password-banned');
  });

  it('a changed sign-in name that no longer signs in is a user not found', () => {
    const text =
      'I changed my work e-mail address last week and can no longer sign in to Microsoft 365.';
    assert.equal(triageByRules(text, catalog).intent, 'user-not-found');
  });
});

describe('question forms', () => {
  it('reads a numbered FAQ heading ("Q1.") as a question', () => {
    const text = 'Q1. 先進認証を設定したあと、パスワードが間違っていると表示されるのはなぜですか';
    assert.equal(triageByRules(text, catalog).intent, 'question');
  });

  it('reads a bulleted "What would need to be in place ..." as a question', () => {
    const text = '- What would need to be in place to sign in to SharePoint from a personal device';
    assert.equal(triageByRules(text, catalog).intent, 'question');
  });

  it('reads a question that ends in "?!" as a question', () => {
    const text = 'Step 3 says to open Security defaults. Then a screen pops up: Yes or No ?!';
    assert.equal(triageByRules(text, catalog).intent, 'question');
  });

  it('"NOT ABLE TO LOGIN ...?!" is a failure, not a question', () => {
    const text =
      'NOT ABLE TO LOGIN to Outlook?!!\nNOT ABLE TO LOGIN, NO CODE OR PHONE CALL IS SENT';
    assert.equal(triageByRules(text, catalog).intent, 'mfa-required-or-failed');
  });
});

describe('device rules and rejected codes', () => {
  it("reads the device's password requirements as a device rule, not a refused password", () => {
    const text =
      "These messages enforce your organization's device password requirements until you change your settings. Password is too simple.";
    assert.equal(triageByRules(text, catalog).intent, 'device-noncompliant');
  });

  it('reads "compliant or hybrid joined device" as a device rule', () => {
    const text =
      'A required compliant or hybrid joined device policy was applied and blocked the sign-in.';
    assert.equal(triageByRules(text).intent, 'device-noncompliant');
  });

  it('reads a one-time password rejected (拒否) as the second step, a lead without Microsoft', () => {
    const text = 'ワンタイムパスワードが拒否される場合は、時計を確認してください。';
    const result = triageByRules(text, catalog);
    assert.equal(result.intent, 'unrelated');
    assert.equal(result.unsure?.intent, 'mfa-required-or-failed');
  });
});

describe('feedback that a page disagrees with what happened', () => {
  it('reads "why was my sign-in blocked ...?" after it as a question about the page', () => {
    const text =
      'This section differs from what we see and should be clarified. Why was my sign-in blocked when no risk detection was raised?';
    assert.equal(triageByRules(text, catalog).intent, 'question');
  });

  it('without such feedback, the same question is the writer blocked', () => {
    const text = 'Why was my sign-in blocked when no risk detection was raised?';
    assert.notEqual(triageByRules(text, catalog).intent, 'question');
  });
});
