import assert from 'node:assert/strict';
import { triage } from '../../src/triage';

/**
 * What people ask a sign-in helpdesk for in a few words, with no error: a pass, help after a new
 * or lost phone, a forgotten password. Each reads as the problem whose answer helps (the passes
 * and the button asking for one; the registered methods; the password answer with self-service
 * reset), not as "not a sign-in error". Each case was "unrelated" before these cues.
 */
describe('triage: requests in a few words', () => {
  const cases: Array<[string, string]> = [
    ['need a TAP', 'tap-blocked'],
    ['I need a new TAP for my laptop', 'tap-blocked'],
    ['please send me a temporary access pass', 'tap-blocked'],
    ['I got a new phone', 'mfa-required-or-failed'],
    ['I lost my phone', 'mfa-required-or-failed'],
    ['my phone was stolen yesterday', 'mfa-required-or-failed'],
    ['Ich habe ein neues Handy', 'mfa-required-or-failed'],
    ['forgot my password', 'invalid-password'],
    ['reset my password', 'invalid-password'],
    ['Passwort vergessen, Office 365', 'invalid-password'],
  ];
  for (const [text, intent] of cases) {
    it(`"${text}" reads as ${intent}`, () => {
      const read = triage(text);
      assert.equal(read.intent, intent);
      assert.equal(read.matchedBy, 'concept');
    });
  }

  describe("the second step in the person's words: which cue the answer's steps follow", () => {
    const cues: Array<[string, string]> = [
      ["I lost my phone and can't do MFA", 'phone-changed'],
      ['I got a new phone and the approve sign in request goes to the old one', 'phone-changed'],
      ['my authenticator app shows no requests when I sign in', 'prompts-missing'],
      ["I don't get the push notification anymore", 'prompts-missing'],
      ['Authenticator notifications are not arriving', 'prompts-missing'],
      ['the MFA prompt never shows up on my phone', 'prompts-missing'],
      ['ich bekomme keine Benachrichtigung im Authenticator', 'prompts-missing'],
      ["je ne reçois aucune notification de l'application Authenticator", 'prompts-missing'],
      ['no me llega la notificación de Microsoft Authenticator', 'prompts-missing'],
      [
        'More information required. Your organization needs more information to keep your account secure',
        'set-up-asked',
      ],
      ["Let's keep your account secure", 'set-up-asked'],
      ['it keeps telling me I have to set up authenticator before I can get in', 'set-up-asked'],
      ['Weitere Informationen erforderlich', 'set-up-asked'],
    ];
    for (const [text, cue] of cues) {
      it(`"${text}": ${cue}`, () => {
        const read = triage(text);
        assert.equal(read.intent, 'mfa-required-or-failed');
        assert.equal(read.cue, cue);
      });
    }
    it('requests in a queue, with no second-step word, are not missing prompts', () => {
      assert.notEqual(triage('there are no requests in the queue').cue, 'prompts-missing');
    });
  });

  it('"I need to reset my password" is asked: a how-to question, which the answers serve', () => {
    assert.equal(triage('I need to reset my password').intent, 'question');
  });

  for (const text of [
    'tap the screen to continue',
    'When I tap "CONFIRM" the device needs to sync again',
    'reset my password successfully, thanks for the help yesterday',
  ]) {
    it(`"${text.slice(0, 40)}" is not such a request`, () => {
      const read = triage(text);
      assert.notEqual(read.intent, 'tap-blocked');
      assert.notEqual(read.intent, 'invalid-password');
    });
  }
});
