import assert from 'node:assert/strict';
import type { Client } from '@microsoft/microsoft-graph-client';
import { GraphAudienceDirectory } from '../../src/announcements/graph-audience';
import { AppError, isAppError } from '../../src/errors';
import { createGraphClient } from '../../src/graph/client';
import { SandboxCredential } from '../../src/graph/credential';
import { GraphDirectoryReader } from '../../src/graph/directory-reader';
import { GraphTransport } from '../../src/graph/transport';
import { GraphPostureReader } from '../../src/posture/graph-reader';
import type { Read } from '../../src/posture/reads';
import { GraphReportReader } from '../../src/reports/graph-reader';
import { DEMO_GROUPS } from '../../src/sandbox/demo-ids';
import { SCENARIO_USERS } from '../../src/sandbox/scenario-ids';
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox/server';

/**
 * Every Graph adapter goes through the one transport, so a 429 and a 403 from the sandbox tenant
 * come out the same way whoever asked: the posture and report readers and the announcement
 * audience say what the diagnosis reader says, in the same words, without waiting a long
 * Retry-After out in place.
 */
describe('one Graph transport: throttling and missing permissions alike for every reader @slow', function () {
  this.timeout(30_000);
  let sandbox: SandboxTenant;
  let client: Client;

  before(async () => {
    sandbox = await startSandboxTenant({ port: 0 });
    // The production client: its own retries on, as compose.ts builds it.
    client = createGraphClient({ baseUrl: sandbox.url, credential: new SandboxCredential() });
  });
  after(async () => sandbox?.close());
  beforeEach(() => sandbox.reset());

  /** Fresh adapters over one fresh transport (one limiter), as the composition root shares it. */
  function readers() {
    const transport = new GraphTransport(client, sandbox.url);
    return {
      diagnosis: new GraphDirectoryReader(transport),
      posture: new GraphPostureReader(transport),
      reports: new GraphReportReader(transport),
      audience: new GraphAudienceDirectory(transport),
    };
  }

  async function appErrorOf(work: Promise<unknown>): Promise<AppError> {
    try {
      await work;
    } catch (error) {
      assert.ok(isAppError(error), `an AppError, got ${String(error)}`);
      return error;
    }
    assert.fail('expected the read to fail');
  }

  function failedMessage(read: Read<unknown>): string {
    assert.ok(!read.ok && read.reason === 'failed', JSON.stringify(read));
    return read.message;
  }

  const sent = (fragment: string) =>
    sandbox.requests.filter((r) => r.path.toLowerCase().includes(fragment.toLowerCase()));

  it('a 429 with a long Retry-After: every reader says "try again in 120 seconds" at once', async () => {
    sandbox.faults.add({
      pathPattern: /\/(identityProtection\/riskyUsers|identity\/conditionalAccess|groups)/,
      status: 429,
      retryAfterSeconds: 120,
    });

    const diagnosis = await appErrorOf(
      readers().diagnosis.getRiskyUser(SCENARIO_USERS.riskyUser.id),
    );
    assert.equal(diagnosis.code, 'graph-throttled');
    assert.equal(diagnosis.retryAfterSeconds, 120);
    assert.match(diagnosis.userMessage, /120 seconds/);

    const posture = await readers().posture.conditionalAccessPolicies();
    assert.equal(failedMessage(posture), diagnosis.userMessage);
    const report = await readers().reports.riskyUsers();
    assert.equal(failedMessage(report), diagnosis.userMessage);

    const audience = await appErrorOf(readers().audience.groupName(DEMO_GROUPS.allStaff.id));
    assert.equal(audience.code, 'graph-throttled');
    assert.equal(audience.retryAfterSeconds, 120);
    assert.equal(audience.userMessage, diagnosis.userMessage);

    // Asked once each: a Retry-After past the budget is not waited out in place.
    assert.equal(sent('/conditionalAccess/policies').length, 1);
    assert.equal(sent('/groups/').length, 1);
  });

  it("a 429 pauses the tenant's limiter for every adapter on the transport", async () => {
    sandbox.faults.add({
      pathPattern: '/identity/conditionalAccess',
      status: 429,
      retryAfterSeconds: 120,
    });
    const shared = readers();
    failedMessage(await shared.posture.conditionalAccessPolicies());
    const before = sandbox.requests.length;
    const error = await appErrorOf(shared.diagnosis.getRiskyUser(SCENARIO_USERS.riskyUser.id));
    assert.equal(error.code, 'graph-throttled');
    assert.ok((error.retryAfterSeconds ?? 0) >= 100, `${error.retryAfterSeconds} s`);
    assert.equal(sandbox.requests.length, before, 'nothing more was sent to the paused limit');
  });

  it('a short Retry-After is waited out and the read succeeds, as the batcher does', async () => {
    sandbox.faults.add({
      pathPattern: '/policies/identitySecurityDefaultsEnforcementPolicy',
      status: 429,
      retryAfterSeconds: 1,
      times: 1,
    });
    const read = await readers().posture.securityDefaultsEnabled();
    assert.equal(read.ok, true, JSON.stringify(read));
    assert.deepEqual(
      sent('/identitySecurityDefaultsEnforcementPolicy').map((r) => r.status),
      [429, 200],
    );
  });

  it('a 403 names the missing permission, for every reader', async () => {
    sandbox.state.app.grantedPermissions = [];

    const diagnosis = await appErrorOf(
      readers().diagnosis.getRiskyUser(SCENARIO_USERS.riskyUser.id),
    );
    assert.equal(diagnosis.code, 'graph-forbidden');
    assert.equal(diagnosis.missingPermission, 'IdentityRiskyUser.Read.All');

    assert.deepEqual(await readers().reports.riskyUsers(), {
      ok: false,
      reason: 'forbidden',
      permission: 'IdentityRiskyUser.Read.All',
    });
    assert.deepEqual(await readers().posture.conditionalAccessPolicies(), {
      ok: false,
      reason: 'forbidden',
      permission: 'Policy.Read.All',
    });

    const audience = await appErrorOf(readers().audience.groupName(DEMO_GROUPS.allStaff.id));
    assert.equal(audience.code, 'graph-forbidden');
    assert.equal(audience.missingPermission, 'GroupMember.Read.All');
    assert.equal(
      audience.userMessage,
      diagnosis.userMessage.replace('IdentityRiskyUser.Read.All', 'GroupMember.Read.All'),
    );
    assert.ok(audience.requestId, "Graph's request id is kept for the admin");
  });
});
