import assert from 'node:assert/strict';
import { isConsumerAccountText } from '../../src/triage/signals';
import { triageByRules } from '../../src/triage/triage';
import { testCatalog } from './support/test-catalog';

// Rounds 12 to 14 (dev-round12.md, dev-round13.md, dev-round14.md): the kinds of miss left after
// their own tuning. Short sentences written here show each rule and its other side.
const catalog = testCatalog();

describe("Microsoft's own page titles in English", () => {
  it('reads the access-policy page title "You cannot access this right now" as an access policy', () => {
    const text =
      'Since this morning Outlook on the web shows "You cannot access this right now" after I type my password.';
    const result = triageByRules(text, catalog);
    assert.equal(result.intent, 'ca-blocked');
    assert.equal(result.matchedBy, 'phrase');
  });

  it('reads the consent workflow\'s "Administrator approval required" as consent, not an MFA approval', () => {
    const text =
      'When a colleague adds the scheduling app, the screen says "Administrator approval required" and offers an Approval Request button.';
    assert.equal(triageByRules(text, catalog).intent, 'consent-required');
  });

  it('still reads an MFA approval request as the second step', () => {
    const text = 'The approval request never shows up on my phone, so I cannot finish signing in.';
    assert.equal(triageByRules(text, catalog).intent, 'mfa-required-or-failed');
  });
});

describe('a personal Microsoft account named as people shorten it', () => {
  it('reads "MSA" and "ms account" as a personal account', () => {
    const text =
      'The launcher breaks after the MSA 2-step verification: I get a white window. I have 2-step verification on my ms account.';
    assert.equal(isConsumerAccountText(text), true);
    assert.equal(triageByRules(text, catalog).intent, 'unrelated');
  });

  it('does not read MSAL (the library) as a personal account', () => {
    assert.equal(isConsumerAccountText('MSAL returns an error after the second step'), false);
  });

  it('keeps a work account first when both are named', () => {
    assert.equal(isConsumerAccountText('My MSA works but my work account is locked'), false);
  });
});

describe("an FAQ's question about sign-in prompts", () => {
  it('is a question: prompts are a sign-in topic', () => {
    assert.equal(triageByRules('Q: Can I see fewer prompts?', catalog).intent, 'question');
  });

  it('a printer question about prompts is not claimed', () => {
    assert.notEqual(
      triageByRules('Q: Why does the label printer show so many paper prompts?', catalog).intent,
      'question',
    );
  });
});
