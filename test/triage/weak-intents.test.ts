import assert from 'node:assert/strict';
import { findConcept } from '../../src/triage/concepts';
import { triage } from '../../src/triage/triage';
import { DEV_ROUND2_PATH, readDevSet } from './support/dev-set';

// The intents weakest on unseen text: every way their messages reach people (sign-in page,
// Windows, Outlook and Teams, Authenticator, admin portal, sign-in log, other languages) and
// people's own words about them.
const WEAK = [
  'tap-blocked',
  'password-banned',
  'password-expired',
  'consent-required',
  'mfa-required-or-failed',
];

describe('the weakest intents in the wordings of their pages, logs and people', () => {
  const cases = (readDevSet(DEV_ROUND2_PATH) ?? []).filter((c) => WEAK.includes(c.intent));

  it('has texts of every weak intent, in English and at least four other languages', () => {
    for (const intent of WEAK) {
      const n = cases.filter((c) => c.intent === intent).length;
      assert.ok(n >= 10, `only ${n} development texts for ${intent}`);
    }
    const langs = new Set(cases.map((c) => c.lang).filter((l) => l !== undefined));
    assert.ok(langs.size >= 4, `languages: ${[...langs].join(', ')}`);
  });
  for (const item of cases) {
    it(`${item.id} lands on ${item.intent}`, () => {
      const result = triage(item.text);
      assert.equal(result.intent, item.intent, `"${item.text}" -> ${result.intent}`);
      // A documented error name implies its code; a text without one gets no code.
      assert.deepEqual(result.codes, item.codes);
    });
  }

  describe('a code implied by a documented name or description, without its number', () => {
    const cases: Array<[string, number]> = [
      ['Sign-in logs show InvalidPasswordExpiredPassword for the user', 50055],
      ['PasswordChangeInvalidNewPasswordWeak when changing password', 120002],
      [
        'Failure reason: Admin consent is required for the permissions requested by this application.',
        90094,
      ],
      ['Password change required by security policy', 50137],
    ];
    for (const [text, code] of cases) {
      it(`"${text}" -> ${code}`, () => {
        const result = triage(text);
        // A name is a found code; a description is a message made from its code.
        const implied = result.code ?? result.message?.relatedCode;
        assert.equal(implied, code);
        assert.equal(result.intent, result.entry?.intent ?? result.message?.intent);
      });
    }
  });

  describe('cue details', () => {
    it('reads the Graph usability reason of a Temporary Access Pass', () => {
      assert.equal(findConcept('methodUsabilityReason: OneTimeUsed')?.cue.intent, 'tap-blocked');
    });
    it('reads Outlook asking again for an expired password as expired, not as a mail client', () => {
      const text = 'Outlook keeps asking for my password since my password expired';
      assert.equal(findConcept(text)?.cue.intent, 'password-expired');
    });
    it('does not read "approval" of a holiday as an app or a sign-in approval', () => {
      assert.equal(findConcept('I need approval for my holiday request'), undefined);
    });
    it('still reads a Swedish app that needs an administrator', () => {
      assert.equal(
        findConcept('Appen kräver administratörens godkännande.')?.cue.intent,
        'consent-required',
      );
    });
  });
});
