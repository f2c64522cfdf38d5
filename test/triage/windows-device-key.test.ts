import assert from 'node:assert/strict';
import { triage } from '../../src/triage/triage';

/**
 * Windows failing to sign a Microsoft 365 app in to the work account: the key Windows keeps in
 * the computer's security chip (TPM) was not usable, or the Windows account broker did not answer.
 * Codes and meanings: learn.microsoft.com/windows/win32/com/com-error-codes-4 (NTE_DEVICE_NOT_READY
 * 0x80090030, NTE_BAD_KEYSET 0x80090016 "Keyset does not exist", NTE_ENCRYPTION_FAILURE
 * 0x80090034); the message: learn.microsoft.com/office/troubleshoot/activation/tpm-malfunctioned.
 * Read as the device family's problem (intent device-not-domain-joined), with its own message.
 */
describe('triage: Windows could not use the computer key or account broker', () => {
  const cases: Array<[string, string]> = [
    // From walking the bot as an end user.
    ['Something went wrong [1001]', 'windows-account-broker'],
    ['Outlook: Something went wrong. [1001] and then it closes', 'windows-account-broker'],
    [
      "Something went wrong. Your computer's Trusted Platform Module has malfunctioned. If this error persists, contact your system administrator with the error code 80090030.",
      'windows-device-key',
    ],
    // https://blog.glcomputing.com.au/2021/11/trusted-platform-module-has.html (80090016)
    [
      "Your computer's Trusted Platform Module has malfunctioned. If this error persists, contact your system administrator with the error code 80090016. More information: https://www.microsoft.com/wamerrors",
      'windows-device-key',
    ],
    // github.com/FrameworkComputer/SoftwareFirmwareIssueTracker/issues/83 (OneDrive, server message)
    ['OneDrive sign in fails. Server message: Keyset does not exist', 'windows-device-key'],
    ['Teams will not sign in: Error code: 80090034', 'windows-device-key'],
  ];
  for (const [text, message] of cases) {
    it(text.slice(0, 80), () => {
      const t = triage(text);
      assert.equal(t.intent, 'device-not-domain-joined');
      assert.equal(t.message?.id, message);
      assert.equal(t.code, undefined);
    });
  }

  it('"Something went wrong" without the number is not read as it', () => {
    assert.notEqual(
      triage('Something went wrong, please try again later').message?.id,
      'windows-account-broker',
    );
  });
});
