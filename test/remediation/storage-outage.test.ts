import assert from 'node:assert/strict';
import {
  approveDuringOutage,
  settleAfterStop,
  startOutageRig,
  type OutageRig,
} from './support/outage-rig';

/**
 * The real Azurite stopped under an approval and started again; a bot process stopped in the
 * middle of a fix and a new one started. Outcomes and audit entries must not be lost, and a run
 * nobody finished is settled from the tenant, not run again.
 */
describe('storage stopped under an approval, and a bot stopped mid-run @slow', function () {
  this.timeout(180_000);
  let rig: OutageRig;

  before(async () => {
    rig = await startOutageRig();
  });
  after(async () => {
    await rig?.close();
  });

  it('gives the approver the pass once, then stores the outcome and audits it when storage is back', async () => {
    const outage = await approveDuringOutage(rig);
    assert.match(outage.approverAnswer, /"Done\."/, 'the approver is told it worked');
    assert.match(outage.approverAnswer, /Temporary Access Pass/i);
    assert.equal(outage.passesMade, 1, 'one pass made');
    assert.equal(outage.waitingOnDisk, 1, 'the outcome waits on disk');
    assert.equal(outage.finalState, 'succeeded', 'the request left executing');
    assert.equal(outage.successEntries, 1, 'one success entry');
    assert.ok(outage.outboxEmptied, 'nothing left waiting');
  });

  it('settles a run a stopped bot left executing from the tenant, without running it again', async () => {
    const run = await settleAfterStop(rig);
    assert.equal(run.state, 'failed');
    assert.equal(run.errorCode, 'needs-review');
    assert.equal(run.lastAuditEvent, 'failed');
    assert.equal(run.lastAuditActor, 'system');
    assert.equal(run.rerun, 0, 'not run again');
  });
});
