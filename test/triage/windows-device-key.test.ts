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
    // Windows Hello for Business PIN messages, as the Windows sign-in screen and Settings show them.
    [
      'Your PIN is no longer available due to a change to the security settings on this device.',
      'windows-hello-pin',
    ],
    [
      "Something went wrong and your PIN isn't available (status: 0xc000006d, substatus: 0xc0070016). Click to set up your PIN again.",
      'windows-hello-pin',
    ],
    ["We couldn't set up your PIN", 'windows-hello-pin'],
    [
      'This option is temporarily unavailable. For now, please use a different method to sign in.',
      'windows-hello-pin',
    ],
  ];
  for (const [text, message] of cases) {
    it(text.slice(0, 80), () => {
      const t = triage(text);
      assert.equal(t.intent, 'device-not-domain-joined');
      assert.equal(t.message?.id, message);
      assert.equal(t.code, undefined);
    });
  }

  it('keeps the Windows codes the paste shows, and nothing that only looks like one', () => {
    assert.deepEqual(
      triage(
        "Something went wrong and your PIN isn't available (status: 0xc000006d, substatus: 0xc0070016).",
      ).windowsCodes,
      ['0xc000006d', '0xc0070016'],
    );
    assert.deepEqual(
      triage('Trusted Platform Module has malfunctioned, error code 80090016').windowsCodes,
      ['80090016'],
    );
    const ids = triage(
      'Trusted Platform Module has malfunctioned\nCorrelation Id: 8f2c6e1a-7b34-4d9e-a051-3c6d8e2f9b47\nTimestamp: 20261207',
    );
    assert.equal(ids.windowsCodes, undefined, 'a part of a GUID or a date is no Windows code');
  });

  it('"Something went wrong" without the number is not read as it', () => {
    assert.notEqual(
      triage('Something went wrong, please try again later').message?.id,
      'windows-account-broker',
    );
  });
});
