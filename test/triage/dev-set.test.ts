import assert from 'node:assert/strict';
import { triage } from '../../src/triage/triage';
import { DEV_SET_PATH, formatMisses, readDevSet, score } from './support/dev-set';

// Today's figures on the dev set; triage may only get better on it.
const MIN_INTENT_ACCURACY = 0.99;
const MIN_FIELD_ACCURACY = 0.989;

describe('triage on the labelled dev set', function () {
  const cases = readDevSet();

  before(function () {
    if (cases === undefined) {
      console.log(`    (skipped: no dev set at ${DEV_SET_PATH} yet)`);
      this.skip();
    }
  });

  it('extracts every labelled code, and the labelled deciding code', () => {
    const result = score(cases ?? [], (text) => triage(text));
    assert.equal(
      result.codeMisses.length,
      0,
      `code misses (${result.codeMisses.length}):\n${formatMisses(result.codeMisses)}`,
    );
  });

  it(`pulls at least ${MIN_FIELD_ACCURACY * 100}% of the labelled fields`, () => {
    const result = score(cases ?? [], (text) => triage(text));
    assert.ok(
      result.fieldAccuracy >= MIN_FIELD_ACCURACY,
      `field accuracy ${result.fieldAccuracy.toFixed(3)}; misses:\n${formatMisses(result.fieldMisses)}`,
    );
  });

  it('calls no labelled error paste a question', () => {
    assert.equal(score(cases ?? [], (text) => triage(text)).calledQuestion, 0);
  });

  it(`finds the labelled intent for at least ${MIN_INTENT_ACCURACY * 100}% of pastes`, () => {
    const result = score(cases ?? [], (text) => triage(text));
    assert.ok(
      result.intentAccuracy >= MIN_INTENT_ACCURACY,
      `intent accuracy ${result.intentAccuracy.toFixed(3)} over ${result.n} pastes; misses:\n${formatMisses(result.intentMisses)}`,
    );
  });
});
