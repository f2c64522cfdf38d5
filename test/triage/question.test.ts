import assert from 'node:assert/strict';
import { triage } from '../../src/triage/triage';

// Classes of text that must be told apart: a how-to question that names a problem as its topic,
// and a report of that problem by the person who has it (or a user they point at).
describe('triage tells questions from error reports', () => {
  it('keeps a question about a problem users in general have a question', () => {
    for (const text of [
      'How do I find out why a user is locked out?',
      'can an admin unlock a user who is locked out by smart lockout, or do we have to wait?',
      'If a user is locked out by smart lockout, do they have to reset their password?',
      'Is it normal that users get blocked after ten wrong passwords?',
      'How long does a user stay locked out after too many wrong passwords?',
      'Can guest users be given a Temporary Access Pass?',
    ]) {
      assert.equal(triage(text).intent, 'question', text);
    }
  });

  it("reads the writer's own failure, or a user they point at, as a report", () => {
    assert.equal(triage('why am I locked out?').intent, 'account-locked');
    assert.equal(triage('Why is my account locked?').intent, 'account-locked');
    assert.equal(triage('My account got locked, why?').intent, 'account-locked');
    assert.notEqual(
      triage('Why is this user getting blocked by conditional access?').intent,
      'question',
    );
    assert.notEqual(triage("Why can't I sign in to Teams?").intent, 'question');
  });

  it('reads a pasted message with a question around it as the error', () => {
    assert.equal(
      triage('Your account has been locked. Contact your support person. Any idea?').intent,
      'account-locked',
    );
    assert.equal(
      triage('Getting AADSTS50076 when running az login?').intent,
      'mfa-required-or-failed',
    );
    assert.equal(
      triage('AADSTS53003: Access has been blocked by Conditional Access policies. Why?').intent,
      'ca-blocked',
    );
  });

  it('lets a question name a code or a field of an error page', () => {
    const named = triage('What does AADSTS50076 mean for a user?');
    assert.equal(named.intent, 'question');
    assert.equal(named.question?.mentionsCode, 50076);
    assert.equal(
      triage('Is error 53003 always caused by a conditional access policy?').question?.mentionsCode,
      53003,
    );
    assert.equal(
      triage('What is the correlation ID on the error page used for?').intent,
      'question',
    );
  });

  it('asks without a question mark or an opening word', () => {
    assert.equal(
      triage("I'd like to know how smart lockout counts failed sign-ins").intent,
      'question',
    );
    assert.equal(triage('how to exclude break glass accounts from MFA').intent, 'question');
  });

  it('reads a question phrase without a question mark as a question, about push bombing too', () => {
    for (const text of [
      'what should we do about push bombing',
      'what should we do about push bombing?',
      'how do we stop push bombing',
      "what's the best way to stop push bombing",
      'what can we do about MFA fatigue attacks',
    ]) {
      const read = triage(text);
      assert.equal(read.intent, 'question', text);
      assert.equal(read.question?.topic, 'mfa', text);
    }
    // The writer's own block, this error, a code or the writer's account stay a report.
    for (const [text, intent] of [
      ['what should I do about these prompts I never started', 'mfa-required-or-failed'],
      ['I keep getting push bombing, what should I do', 'mfa-required-or-failed'],
      ['what should I do about my account being locked', 'account-locked'],
      ['what should we do about users getting AADSTS50076', 'mfa-required-or-failed'],
    ] as const) {
      assert.equal(triage(text).intent, intent, text);
    }
    assert.notEqual(triage('what should we do about this error').intent, 'question');
  });

  it("reads an admin's task put as an order as a question, not as the writer's own error", () => {
    for (const [text, topic] of [
      ['enable temporary access pass for new hires', 'temporary-access-pass'],
      ['add words to the banned password list', undefined],
      ['turn on number matching', 'number-matching'],
      ['configure SMS sign-in for frontline workers', 'sms-sign-in'],
      ['block legacy authentication', undefined],
      ['Turn on MFA for everyone', undefined],
    ] as const) {
      const read = triage(text);
      assert.equal(read.intent, 'question', text);
      if (topic !== undefined) assert.equal(read.question?.topic, topic, text);
    }
    // A screen's own order to the person, one about the writer's own, and an error that starts
    // with the verb are not.
    for (const [text, intent] of [
      ['Add another sign-in method', 'unrelated'],
      ['Set up your account', 'unrelated'],
      ['Remove the old phone from my account', 'unrelated'],
      [
        'Add authentication method failed: the user is not in the scope of the Temporary Access Pass policy.',
        'tap-blocked',
      ],
      ['please issue me a temporary access pass', 'tap-blocked'],
    ] as const) {
      assert.equal(triage(text).intent, intent, text);
    }
  });

  it('reads a how-to about troubleshooting, a request to clarify and an admin setting as questions', () => {
    for (const text of [
      'How do I troubleshoot sign-in problems caused by conditional access?',
      'Clarification on smart lockout for hybrid users with pass-through authentication',
      'We have a policy that requires MFA for all admins. Can we exclude the break-glass account from it?',
    ]) {
      assert.equal(triage(text).intent, 'question', text);
    }
    // A failure the writer reports beside the question still makes it a report.
    assert.equal(
      triage(
        "I'm greeted with an error message saying I'm not authorized (error code 53003). Is there any known workaround?",
      ).intent,
      'ca-blocked',
    );
  });

  it('reads a plan or a request for options as a question, unless a failure comes with it', () => {
    assert.equal(
      triage('We want to block legacy authentication for everyone except two service accounts')
        .intent,
      'question',
    );
    assert.equal(triage('Best practice for break-glass accounts and passkeys').intent, 'question');
    assert.equal(
      triage('I need to reset my password but it says my account is locked').intent,
      'account-locked',
    );
  });

  it('reads questions in the other listed languages', () => {
    for (const text of [
      'Wie kann ich einem Benutzer einen befristeten Zugriffspass ausstellen?',
      'Comment débloquer un compte verrouillé par le verrouillage intelligent ?',
      '¿Cómo puedo cambiar el método de verificación predeterminado?',
    ]) {
      assert.equal(triage(text).intent, 'question', text);
    }
  });

  it('does not claim a question about something other than signing in', () => {
    assert.notEqual(
      triage('where do I find the BitLocker recovery key after a BIOS update?').intent,
      'question',
    );
    assert.notEqual(triage('How do I book a meeting room for Friday?').intent, 'question');
  });
});
