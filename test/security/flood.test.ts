import assert from 'node:assert/strict';
import { startEdgeHarness, type EdgeHarness } from './support/edge-harness';
import { runFlood } from './support/flood';

describe('a flood from one person over HTTP @slow', function () {
  this.timeout(120_000);
  let h: EdgeHarness;

  before(async () => {
    h = await startEdgeHarness({}, { local: true });
  });
  after(async () => {
    await h?.stop();
  });

  it('is cut off at the person’s limit while another person keeps getting answers', async () => {
    const figures = await runFlood(h, { messages: 100, seconds: 2, otherEveryMs: 500 });
    console.log(`      ${JSON.stringify(figures)}`);
    const limit = h.config.security.rates.paste.person;
    assert.ok(
      figures.floodTurnsRun <= limit + 2,
      `ran ${figures.floodTurnsRun} of the flood's turns`,
    );
    assert.ok(figures.floodReplies <= limit + 3, `${figures.floodReplies} replies to the flooder`);
    assert.equal(figures.othersAnswered, figures.othersAsked, 'every other question answered');
    assert.equal(figures.inFlightAfter, 0, 'nothing left running');
    assert.ok(h.edge.admission.stats.limited + h.edge.admission.stats.busy >= 100 - limit - 2);
  });
});
