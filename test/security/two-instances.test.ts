import assert from 'node:assert/strict';
import { raceApprovals } from './support/race';

describe('two bot processes behind one balancer, one Azurite @slow', function () {
  this.timeout(180_000);

  it('many helpdesk clicks on one approval make exactly one pass', async () => {
    const figures = await raceApprovals(40);
    console.log(`      ${JSON.stringify(figures)}`);
    assert.equal(figures.graphWrites, 1, 'one pass created in the directory');
    assert.equal(figures.raceCompleted, 1, 'one clicker told it was done');
    assert.equal(figures.raceAnswered, figures.raceApprovals, 'every clicker got a card');
    assert.equal(figures.raceSecretsKnown, 1, 'the pass was read from the approver’s answer');
    assert.equal(figures.raceSecretHits, 0, figures.raceSecretHitPlaces.join(', '));
  });
});
