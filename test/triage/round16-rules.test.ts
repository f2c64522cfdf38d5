import assert from 'node:assert/strict';
import { triage, triageByRules } from '../../src/triage/triage';
import { testCatalog } from './support/test-catalog';

// Round 16 (dev-round16.md): kinds of miss read on that round, each shown with the real text it
// was read from (its source beside it) and a text on its other side.
const catalog = testCatalog();

describe('a question opened after a conjunction', () => {
  it('reads "..., but how does one reset ..." as a how-to question', () => {
    // https://github.com/maester365/maester/issues/282
    const text =
      'This is a good thought. The control would still be to block that activity, but how does one reset that risk level so a user can login again.';
    assert.equal(triageByRules(text, catalog).intent, 'question');
  });

  it('still reads "..., but how do I get in now?" after a block as the writer stuck', () => {
    const text =
      'My account is blocked because of a risky sign-in, but how do I get back in now? I need to send a report today.';
    assert.notEqual(triageByRules(text, catalog).intent, 'question');
  });
});
