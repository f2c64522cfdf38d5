import assert from 'node:assert/strict';
import { grantCodeOf } from '../../src/triage/grant-words';
import { triage } from '../../src/triage/triage';
import { userStepsFor } from '../../cards/triage/user-steps';

/**
 * A saved sign-in that expired or was revoked, pasted without its AADSTS code (MSAL's and Azure
 * CLI's `invalid_grant` texts): read as the code whose message it is, so the answer is "sign in
 * again" in that tool, not a second-step problem or nothing; `invalid_grant` with other words is
 * not read so.
 */
describe('triage: an expired or revoked grant told without its code', () => {
  const read: Array<[string, string, number, string | undefined]> = [
    [
      'MSAL, revoked',
      'Microsoft.Identity.Client.MsalUiRequiredException: invalid_grant: The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.',
      50173,
      'msal',
    ],
    [
      'Azure CLI, expired',
      "ERROR: invalid_grant\nThe refresh token has expired or is invalid.\nPlease run 'az login' to setup account.",
      70008,
      'azure-cli',
    ],
    [
      'MSAL for Python, unused',
      'msal-python: invalid_grant: The refresh token has expired due to inactivity.',
      700082,
      'msal',
    ],
    [
      'PowerShell, the password was reset',
      'Connect-AzAccount: invalid_grant. The access token was revoked because the user reset their password.',
      50173,
      'azure-powershell',
    ],
  ];
  for (const [name, paste, code, client] of read) {
    it(`${name}: AADSTS${code}, sign in again in that tool`, () => {
      const result = triage(paste);
      assert.equal(result.intent, 'other-known', JSON.stringify(result));
      assert.equal(result.code, code);
      assert.equal(result.entry?.fix, 'sign-in-again');
      assert.equal(result.client, client);
      if (client === 'azure-cli') {
        const steps = userStepsFor('other-known', result.code, result.client).join(' ');
        assert.match(steps, /az login/);
      }
    });
  }

  const notRead: Array<[string, string]> = [
    ['invalid_grant alone', 'invalid_grant'],
    ['invalid_grant from a wrong redirect', 'invalid_grant: The redirect URI does not match.'],
    [
      'invalid_grant from a wrong secret',
      'MsalServiceException: invalid_grant: the code_verifier does not match the code_challenge.',
    ],
    ['an expired pass, no grant', 'My Temporary Access Pass has expired'],
    ['an expired password, no grant', 'Your password has expired.'],
    [
      'a token far from its end',
      'We use a refresh token here.\nAll good.\nMeanwhile the coupon has expired.',
    ],
  ];
  for (const [name, paste] of notRead) {
    it(`not read: ${name}`, () => {
      assert.equal(grantCodeOf(paste), undefined);
      assert.ok(![50173, 70008, 700082].includes(triage(paste).code ?? 0));
    });
  }

  it('a code in the paste still decides: the words only stand in for a missing one', () => {
    const result = triage(
      'invalid_grant: AADSTS70043: The refresh token has expired or is invalid due to sign-in frequency checks by conditional access.',
    );
    assert.equal(result.code, 70043);
  });
});
