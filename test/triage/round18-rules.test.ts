import assert from 'node:assert/strict';
import { triage, triageByRules } from '../../src/triage/triage';
import { loadCatalog } from '../../src/triage/catalog';
import { testCatalog } from './support/test-catalog';

// Round 18 (dev-round18.md): kinds of miss read on that round, each shown with the real text it
// was read from (its source beside it), a variant in other words, and a text on its other side.
const catalog = testCatalog();
const intentOf = (text: string): string => triageByRules(text, catalog).intent;

describe('"Tap or click here" is the verb, not a Temporary Access Pass', () => {
  it('reads a Windows prompt to tap or click as no pass refused', () => {
    // https://github.com/MicrosoftDocs/windows-itpro-docs/issues/1748
    const text =
      'Same here. Pin and fingerprint are no longer options for signing in although when I swipe my finger I get a "not recognized" error. I\'m able to create a PIN but receive the error "Sorry, this PIN isn\'t working for your organization\'s resources. Tap or click here to fix it."';
    assert.notEqual(intentOf(text), 'tap-blocked');
    assert.notEqual(
      intentOf('Tap or click here to sign in again. Your session is not working any more.'),
      'tap-blocked',
    );
  });

  it('still reads a TAP that does not work as the pass refused', () => {
    assert.equal(intentOf("My TAP isn't working, it says the pass was refused"), 'tap-blocked');
  });
});

describe('"Incorrect password" while the second step arrives on the phone', () => {
  it('reads the password accepted and the second step unanswered as the second step', () => {
    // https://github.com/IsmaelMartinez/teams-for-linux/issues/555
    const text =
      'Does not connect when using 2 factor authentication.\n\n1. I fill the form with my credentials.\n2. Instead of logging in, an "Incorrect password" dialog is shown.\n3. At the same time, I receive an auth notification to be validated on my phone, which I cannot because the logging process in the Teams app shows the password error described in point 2.';
    assert.equal(intentOf(text), 'mfa-required-or-failed');
    assert.equal(
      intentOf(
        'Instead of signing me in, the app shows "Incorrect password", and at the same time my phone gets a 2 factor notification that I cannot answer.',
      ),
      'mfa-required-or-failed',
    );
  });

  it('keeps a password typed wrong, with no second step, out of it', () => {
    assert.notEqual(
      intentOf('I typed the wrong password three times, it says incorrect password'),
      'mfa-required-or-failed',
    );
  });
});

describe('the second step completed, and something after it failing', () => {
  it("reads a VPN's own Forbidden after MFA as not the second step", () => {
    // https://github.com/vlaci/openconnect-sso/issues/103
    const text =
      '"Forbidden" after Azure login and MFA is complete\n\nSince about a week after entering Azure password and completing MFA, browser window shows "Forbidden" and connection fails. It was working fine before. Also it seems newer Anyconnect clients have the same Problem (their browser window shows 403 after login).';
    assert.notEqual(intentOf(text), 'mfa-required-or-failed');
    assert.notEqual(
      intentOf('After completing MFA the VPN portal shows 403 Forbidden and I cannot connect.'),
      'mfa-required-or-failed',
    );
  });

  it('still reads a second step approved and asked for again as the second step', () => {
    assert.equal(
      intentOf('After approving the MFA it asks me to approve again, over and over.'),
      'mfa-required-or-failed',
    );
  });
});

describe('a security policy that is preventing access', () => {
  it('reads it as a Conditional Access block', () => {
    // https://github.com/OfficeDev/microsoft-365-agents-toolkit/issues/13119
    const text =
      "Can't auth to a @microsoft account using Teams App CLI: security policy is preventing access\n\nSome users are getting a new issue trying to use the CLI to login with their @microsoft account:\n\n`teamsapp auth login m365` and use your corp account.";
    assert.equal(intentOf(text), 'ca-blocked');
    assert.equal(
      intentOf('Teams says security policies are preventing access for my work account.'),
      'ca-blocked',
    );
  });

  it('keeps a policy about something else out of it', () => {
    assert.notEqual(
      intentOf('Our security policy prevents sharing passwords by email, please use the vault.'),
      'ca-blocked',
    );
  });
});

describe('a device that could not be registered with the organisation', () => {
  it("reads it as the device's registration", () => {
    // https://github.com/MicrosoftDocs/microsoft-365-docs/issues/251
    const text =
      'some of my machines are now running 1803 or 1809 Version of Windows 10 Pro. I was once able to do the above steps no problem and it would allow me to sign into a Microsoft account. As of January 4th 2019 when doing above steps I now get an error stating that it could not register my device with the organization';
    assert.equal(intentOf(text), 'device-not-domain-joined');
    assert.equal(
      intentOf(
        "Windows says it couldn't register this computer with our organization in Entra ID.",
      ),
      'device-not-domain-joined',
    );
    assert.equal(
      intentOf('Fehler: Das Gerät konnte nicht registriert werden.'),
      'device-not-domain-joined',
    );
  });

  it('keeps a phone number that could not be registered out of it', () => {
    assert.notEqual(
      intentOf("I couldn't register my phone number for SMS codes."),
      'device-not-domain-joined',
    );
  });
});

describe('AADSTS50203, the Authenticator app not registered', () => {
  it('reads the code from the error page as the second step to set up', () => {
    // https://github.com/himmelblau-idm/himmelblau/issues/462
    const text =
      'When Entra is configured to recommend using the Microsoft authenticator on login fails with code `50203`.\n\nFrom <https://login.microsoftonline.com/error>:\n|Error Code| 50203|\n|-|-|\n|Message| User has not registered the authenticator app and must register or snooze this notification.|';
    const shipped = loadCatalog();
    const result = triage(text, shipped);
    assert.equal(result.intent, 'mfa-required-or-failed');
    assert.equal(result.code, 50203);
    const bare = triage('Sign-in to the CLI fails with error 50203 since this morning.', shipped);
    assert.equal(bare.code, 50203);
    assert.equal(bare.intent, 'mfa-required-or-failed');
  });
});
