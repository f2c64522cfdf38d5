import assert from 'node:assert/strict';
import { isConsumerAccountText, isOtherServiceMessage } from '../../src/triage/signals';
import { triage } from '../../src/triage/triage';

/**
 * A personal Microsoft account's trouble (Outlook.com, Hotmail, Xbox, Skype) is Microsoft's
 * consumer service, not a work or school sign-in the bot can look up; the same words beside a
 * work product, an admin or a mail protocol are not set aside.
 */
describe('personal Microsoft account text', () => {
  it('sets aside a personal account lock-out as another service', () => {
    const text =
      'My Hotmail account has been locked because of unusual activity and it asks me to verify with a code';
    assert.ok(isConsumerAccountText(text));
    assert.ok(isOtherServiceMessage(text));
    assert.notEqual(triage(text).intent, 'account-locked', 'no diagnosis of a work account');
  });

  for (const text of [
    'Skype for Business keeps asking for my password after the upgrade',
    'Xbox sign-in works but the Azure portal says my account is locked',
    'No puedo iniciar sesión en la consola de Azure con mi cuenta de Outlook.com',
    'Microsoft 365 管理コンソールにサインインできません。Skype のアカウントは使えます。',
    'Thunderbird cannot log in to my outlook.com mailbox over IMAP any more',
    'Our admin says my Hotmail guest account was blocked by conditional access',
  ]) {
    it(`keeps "${text.slice(0, 48)}..." as a possible work sign-in`, () => {
      assert.equal(isConsumerAccountText(text), false);
    });
  }
});
