import assert from 'node:assert/strict';
import { render } from '../../cards/render';
import { triageCardData, triageExplainTemplate } from '../../cards/triage/explain';
import { triage } from '../../src/triage/triage';
import { adaptiveCardsProblems } from '../cards/support/cases';
import { DEV_CODES_PATH, DEV_ROUND11_PATH, readDevSet, type DevCase } from './support/dev-set';

// Pastes with several AADSTS codes, or one code beside numbers that look like codes
// (dev-codes.jsonl and dev-round11.jsonl, issue #9): each decides its labelled code, lists every
// code in order and lands on its intent.
function decidesAll(cases: readonly DevCase[]): void {
  for (const item of cases) {
    it(`${item.id} decides ${item.code ?? 'no code'} and lists ${item.codes.join(', ') || 'none'}`, () => {
      const result = triage(item.text);
      assert.equal(result.code, item.code);
      assert.deepEqual(result.codes, item.codes);
      assert.equal(result.intent, item.intent);
    });
  }
}

describe('triage on pastes with several codes (dev codes)', () => {
  const cases = readDevSet(DEV_CODES_PATH) ?? [];

  it('has pastes to test, several of them with more than one code', () => {
    assert.ok(cases.length >= 21);
    assert.ok(cases.filter((c) => c.codes.length > 1).length >= 3);
  });

  decidesAll(cases);
});

describe('triage on pastes with several codes (dev round 11)', () => {
  const cases = readDevSet(DEV_ROUND11_PATH) ?? [];

  it('has pastes to test, several of them with more than one code', () => {
    assert.ok(cases.length >= 40);
    assert.ok(cases.filter((c) => c.codes.length > 1).length >= 7);
  });

  decidesAll(cases);
});

describe('the card for a paste with several codes', () => {
  // A reply-address error, and after the person registered an address, a mismatch: the later
  // check decides, and the card still names the first error.
  const thread = (readDevSet(DEV_CODES_PATH) ?? []).find(
    (c) => c.id === 'gh-msgraph-python-core-50-500113-then-50011',
  );

  it('shows the deciding code and lists the other one', () => {
    assert.ok(thread);
    const result = triage(thread.text);
    assert.equal(result.code, 50011);
    assert.deepEqual(
      result.others?.map((o) => o.code),
      [500113],
    );
    const data = triageCardData(result, { audience: 'user' });
    assert.equal(data.code, 'AADSTS50011');
    assert.equal(data.otherCodes, 'AADSTS500113 (app set up incorrectly)');
    const card = render(triageExplainTemplate, data);
    const text = JSON.stringify(card);
    assert.match(text, /Also in your message: AADSTS500113 \(app set up incorrectly\)/);
    assert.deepEqual(adaptiveCardsProblems(card), [], 'a valid Adaptive Card 1.5');
  });
});
