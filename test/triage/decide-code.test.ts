import assert from 'node:assert/strict';
import { decideCode } from '../../src/triage/decide-code';
import { testCatalog } from './support/test-catalog';

const catalog = testCatalog();

describe('decideCode', () => {
  it('lets the cause win over a generic wrapper, wherever it appears', () => {
    assert.equal(decideCode([70002, 50126], catalog), 50126);
    assert.equal(decideCode([50126, 70002], catalog), 50126);
    assert.equal(decideCode([50000, 53003], catalog), 53003);
  });

  it('lets the cause win over sign-in interrupts', () => {
    assert.equal(decideCode([50058, 53003], catalog), 53003);
    assert.equal(decideCode([50140, 50126], catalog), 50126);
    assert.equal(decideCode([16000, 50097, 53000], catalog), 53000);
    assert.equal(decideCode([50076, 500121], catalog), 500121);
  });

  it('prefers an interrupt to a wrapper when nothing else is known', () => {
    assert.equal(decideCode([70002, 50076], catalog), 50076);
  });

  it('still decides on a wrapper or interrupt alone', () => {
    assert.equal(decideCode([70002], catalog), 70002);
    assert.equal(decideCode([50058], catalog), 50058);
  });

  it('between two causes, takes the one that blocks the person now', () => {
    assert.equal(decideCode([50126, 70002, 50053], catalog), 50053);
    assert.equal(decideCode([50126, 53003], catalog), 53003);
    assert.equal(decideCode([90072, 50126], catalog), 50126);
  });

  it('takes the earliest of equally ranked codes', () => {
    assert.equal(decideCode([700016, 7000215], catalog), 700016);
    assert.equal(decideCode([7000215, 700016], catalog), 7000215);
  });

  it('decides on a code the catalog does not know only when no known code is there', () => {
    assert.equal(decideCode([99999, 50126], catalog), 50126);
    assert.equal(decideCode([99999, 70002], catalog), 70002);
    assert.equal(decideCode([99999, 88888], catalog), 99999);
    assert.equal(decideCode([], catalog), undefined);
  });
});
