import assert from 'node:assert/strict';
import { triage, triageByRules } from '../../src/triage/triage';
import {
  DEV_ROUND3_PATH,
  DEV_ROUND3_QUESTIONS_PATH,
  readDevSet,
  readQuestions,
} from './support/dev-set';

// Texts from sources no other set uses (dev-round3.jsonl): wording the matcher was not written
// for, in people's own words and in other languages. Known misses stay in the fixture so the
// benchmark shows them; they are left out here.
const KNOWN_MISSES = new Set([
  // "locked out of SharePoint" because the Authenticator push never came: the exact phrase
  // "locked out" wins over the cause told in the next sentence.
  'page-eatsip365-authenticator-silent',
  // A how-to request about a brute-force tool for OWA: labelled a look-alike, read as a question.
  'gh-evlwatcher-140-owa-brute-force',
  // "Account locked – too many incorrect passwords" in an Italian question: read as a wrong password.
  'page-ittrip-it-too-many-incorrect',
  // "always rejected by MS password policy, it seems that it's becoming very restrictive": a
  // refused password told without the words of a rule (held-out half, never tuned on).
  'gh-ms101-152-rejected-too-weak',
  // A browser add-on that "keeps asking for an approval", with no word for an app in the text.
  'gh-add-to-ms-todo-15-keeps-asking-approval',
  // Spanish "Dispositivo no confiable" (untrusted device): no compliance word the matcher knows.
  'page-silverpc-es-dispositivo-no-confiable',
  // Italian "segnalato per attività insolita" (flagged for unusual activity) that "blocca" mail.
  'page-clickthis-it-attivita-insolite',
  // The risky-user password change page ("Since someone else may have access to your account"),
  // read as a password refused by policy.
  'gh-azure-docs-38727-update-your-password-loop',
  // "Locked out of Azure tenant" after a role change: a permission problem, read as a lock-out.
  'gh-artifact-signing-105-only-admin-internal',
  // An admin asking how to query "the failed sign-ins": the failure words are the query's object.
  'q-gh-graph-docs-7340-failed-sign-ins-filter',
  // "it is asking me to enroll" the device in the Company Portal: no compliance word in the text.
  'gh-msteams-docs-1797-asking-to-enroll',
  // An admin asking for a script that says why a device is not compliant.
  'q-gh-intune-samples-95-reason-not-compliant',
]);

describe('triage on unseen wording (dev round 3)', () => {
  const cases = readDevSet(DEV_ROUND3_PATH) ?? [];
  const questions = readQuestions(DEV_ROUND3_QUESTIONS_PATH) ?? [];

  it('has pastes and questions to test', () => {
    assert.ok(cases.length >= 30);
    assert.ok(questions.length >= 10);
  });

  for (const item of cases.filter((c) => !KNOWN_MISSES.has(c.id))) {
    it(`${item.id}${item.lang === undefined ? '' : ` (${item.lang})`} lands on ${item.intent}`, () => {
      assert.equal(triage(item.text).intent, item.intent);
    });
  }

  for (const item of questions.filter((q) => !KNOWN_MISSES.has(q.id))) {
    it(`${item.id} gets the question outcome`, () => {
      assert.equal(triage(item.text).intent, 'question');
    });
  }
});

describe('what generalises from round 3', () => {
  it('reads "too many attempts" on the writer\'s own account as a lock-out, in other languages', () => {
    const own = [
      'My account says too many failed attempts, try again later',
      'Mi cuenta: demasiados intentos. Inténtalo más tarde.',
      'Mein Konto: zu viele Anmeldeversuche.',
    ];
    for (const text of own) assert.equal(triage(text).intent, 'account-locked', text);
    // Alone, any product's lock-out reads the same (round 8): the rules keep it as a lead only.
    for (const text of ['Demasiados intentos. Inténtalo más tarde.', 'Zu viele Anmeldeversuche.']) {
      const result = triageByRules(text);
      assert.equal(result.intent, 'unrelated', text);
      assert.equal(result.unsure?.intent, 'account-locked', text);
    }
  });

  it('reads Chinese lock-out and disabled-account wording', () => {
    assert.equal(triage('您的帳戶已遭鎖定。請連絡您的支援人員。').intent, 'account-locked');
    assert.equal(triage('我的账户已被禁用，无法登录').intent, 'account-disabled');
  });

  it('reads a second step that never came as MFA', () => {
    assert.equal(
      triage('cannot login, no code or phone call is sent').intent,
      'mfa-required-or-failed',
    );
  });

  it('reads a mail-client transcript whose protocol is named only at the top', () => {
    const transcript =
      '----IMAP----\n* OK ready\n1 CAPABILITY\n1 OK done\n2 LOGIN "a@b.c" ***\n2 NO LOGIN failed.';
    assert.equal(triage(transcript).intent, 'legacy-auth-blocked');
    assert.equal(triage('1 OK done\n2 NO LOGIN failed.').intent, 'unrelated');
  });

  it('reads a length or complexity rule on a new password as a refused password', () => {
    assert.equal(
      triage('Failed: New password length is shorter than AD minimum password length').intent,
      'password-banned',
    );
  });

  it("keeps another product's expired database login unrelated", () => {
    assert.equal(triage('my SQL login password expired and sqlcmd fails').intent, 'unrelated');
    assert.equal(triage('my password has expired').intent, 'password-expired');
  });

  it('does not take a question that quotes an error for a how-to question', () => {
    assert.equal(
      triage('Do you see "Too many failed sign-in attempts" on Outlook?').intent,
      'account-locked',
    );
    assert.equal(
      triage('How do I exclude a user from a conditional access policy?').intent,
      'question',
    );
  });

  it("does not claim a question about another vendor's MFA", () => {
    assert.notEqual(
      triage('Can you reset my MFA for AWS? My authenticator did not move over.').intent,
      'question',
    );
  });

  it('does not take a sentence opening with "At the" for a stack frame', () => {
    assert.equal(
      triage(
        'At the named location step you said any. Should we list our IP address ranges instead?',
      ).intent,
      'question',
    );
  });
});
