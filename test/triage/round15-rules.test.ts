import assert from 'node:assert/strict';
import { extractFields } from '../../src/triage/extract-fields';
import { triageByRules } from '../../src/triage/triage';
import { testCatalog } from './support/test-catalog';

// Round 15 (dev-round15.md): kinds of miss read on that round. Short sentences written here show
// each rule and its other side.
const catalog = testCatalog();

describe("Windows' join and enrolment page", () => {
  it('reads "your organization uses this feature" as a device that could not join, whatever its code', () => {
    const text =
      'After the reset the laptop says: Something went wrong. Confirm you are using the correct sign-in information and that your organization uses this feature. Error code 80180018.';
    assert.equal(triageByRules(text, catalog).intent, 'device-not-domain-joined');
  });

  it('does not read a feature the organisation has not bought as a device problem', () => {
    const text =
      'Does your organization use this feature for shared calendars? We are deciding on a plan.';
    assert.notEqual(triageByRules(text, catalog).intent, 'device-not-domain-joined');
  });
});

describe('a mail client that accepts no password at all', () => {
  it('reads "won\'t accept any password" in a mail add-on as the old sign-in refused', () => {
    const text =
      'The Exchange ActiveSync add-on in Thunderbird will not accept any password I type for the Office 365 account.';
    assert.equal(triageByRules(text, catalog).intent, 'legacy-auth-blocked');
  });

  it('keeps a password the mail client refuses because it ran out as an expired password', () => {
    const text =
      'Thunderbird will not accept my password any more: it has expired and must be changed.';
    assert.equal(triageByRules(text, catalog).intent, 'password-expired');
  });
});

describe('the second step in the languages of its help pages', () => {
  it('reads Spanish "problemas con" the Authenticator app as the second step, not a lock-out', () => {
    const text =
      'Si tienes problemas con la aplicación Authenticator, tu ingreso a la cuenta institucional podría ser bloqueado.';
    assert.equal(triageByRules(text, catalog).intent, 'mfa-required-or-failed');
  });

  it('still reads a Spanish lock-out with no second step named as a lock-out', () => {
    const text =
      'Mi cuenta institucional está bloqueada por demasiados intentos con la contraseña.';
    assert.equal(triageByRules(text, catalog).intent, 'account-locked');
  });
});

describe('an address that has not been added to the directory', () => {
  it('reads "x@y hasn\'t been added to your organisation\'s directory" as a user not found', () => {
    const text =
      "jo@fabrikam.example hasn't been added to your organisation's directory. Contact your admin or try a different email.";
    assert.equal(triageByRules(text, catalog).intent, 'user-not-found');
  });

  it('does not read an address added to a mailing list as a missing user', () => {
    const text = 'jo@fabrikam.example has been added to the newsletter list for the spring term.';
    assert.notEqual(triageByRules(text, catalog).intent, 'user-not-found');
  });
});

describe('the authenticator named "authentication application"', () => {
  it('reads being made to use the Microsoft authentication application as the second step', () => {
    const text =
      'Staff enrolling for password reset have no other choice and are required to use the Microsoft Authentication Application, which does not work on their phones.';
    assert.equal(triageByRules(text, catalog).intent, 'mfa-required-or-failed');
  });
});

describe('a quoted request is what a page says, not what the writer asks', () => {
  it('does not read a quoted button "I want to set up a different method" as a how-to request', () => {
    const text =
      '"I want to set up a different method" is not shown on the registration page, so people must use the one app offered.';
    assert.notEqual(triageByRules(text, catalog).intent, 'question');
  });

  it("still reads the same request in the writer's own words as a question", () => {
    const text =
      'I want to set up a different method than the Authenticator app for MFA registration.';
    assert.equal(triageByRules(text, catalog).intent, 'question');
  });
});

describe('a plea closing a how-to question', () => {
  it('reads "How do we ...? Please help" as a question', () => {
    const text = 'How do we see which authentication method a particular sign-in used? Please help';
    assert.equal(triageByRules(text, catalog).intent, 'question');
  });

  it('still reads a statement closed by "Can you help?" as no question', () => {
    const text =
      'Our OWA keeps getting password guesses and the lockout only blocks the IP address. Can you help?';
    assert.notEqual(triageByRules(text, catalog).intent, 'question');
  });
});

describe('troubleshooting details copied without their line breaks', () => {
  it('reads a label run into the GUID before it and into the timestamp zone', () => {
    const fields = extractFields(
      'Additional technical information:Correlation ID: 59196e79-5cb3-462a-9340-b063bd74ee76Timestamp: 2017-11-14 13:49:46ZAADSTS50020: User account',
    );
    assert.equal(fields.correlationId, '59196e79-5cb3-462a-9340-b063bd74ee76');
    assert.equal(fields.timestamp, '2017-11-14 13:49:46Z');
  });

  it('leaves a 32-digit id followed by ordinary text alone', () => {
    const fields = extractFields('Request Id: 0123456789abcdef0123456789abcdef and then nothing');
    assert.equal(fields.requestId, '0123456789abcdef0123456789abcdef');
  });
});
