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
