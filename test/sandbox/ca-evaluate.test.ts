import assert from 'node:assert/strict';
import { DEMO_GROUPS, DEMO_USERS } from '../../src/sandbox/demo-ids';
import { SCENARIO_POLICIES } from '../../src/sandbox/scenario-ids';
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox/server';
import { call, errorOf, values } from './helpers';

const TEAMS = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';

function whatIf(userId: string, country: string) {
  return {
    signInIdentity: { '@odata.type': '#microsoft.graph.userSignIn', userId },
    signInContext: {
      '@odata.type': '#microsoft.graph.applicationContext',
      includeApplications: [TEAMS],
    },
    signInConditions: {
      devicePlatform: 'windows',
      clientAppType: 'mobileAppsAndDesktopClients',
      country,
      ipAddress: '203.0.113.45',
    },
    appliedPoliciesOnly: false,
  };
}

describe('sandbox: Conditional Access What If (POST /identity/conditionalAccess/evaluate)', () => {
  let sandbox: SandboxTenant;
  before(async () => {
    sandbox = await startSandboxTenant({ port: 0 });
  });
  after(async () => sandbox.close());
  afterEach(() => sandbox.reset());

  it('answers every policy with policyApplies and analysisReasons, under v1.0 and beta', async () => {
    for (const version of ['v1.0', 'beta']) {
      const answer = await call(sandbox, `/${version}/identity/conditionalAccess/evaluate`, {
        method: 'POST',
        body: whatIf(DEMO_USERS.member.id, 'BR'),
      });
      assert.equal(answer.status, 200);
      const byId = new Map(values(answer.body).map((p) => [p.id, p]));
      const block = byId.get(SCENARIO_POLICIES.blockCountries);
      assert.equal(block?.policyApplies, true);
      assert.equal(block?.analysisReasons, 'notSet');
      assert.ok(block?.conditions, 'the policy itself comes with the result');
      assert.equal(byId.get(SCENARIO_POLICIES.mfaAdmins)?.analysisReasons, 'users');
      assert.equal(
        byId.get(SCENARIO_POLICIES.mfaAllReportOnly)?.analysisReasons,
        'policyNotEnabled',
      );
    }
  });

  it('reads named locations and group membership from the tenant', async () => {
    const fromUs = await call(sandbox, '/v1.0/identity/conditionalAccess/evaluate', {
      method: 'POST',
      body: { ...whatIf(DEMO_USERS.member.id, 'US'), appliedPoliciesOnly: true },
    });
    assert.ok(!values(fromUs.body).some((p) => p.id === SCENARIO_POLICIES.blockCountries));
    const group = sandbox.state.groups.find((g) => g.id === DEMO_GROUPS.caExclusions.id);
    group?.members.push(DEMO_USERS.member.id);
    const excluded = await call(sandbox, '/v1.0/identity/conditionalAccess/evaluate', {
      method: 'POST',
      body: whatIf(DEMO_USERS.member.id, 'BR'),
    });
    const block = values(excluded.body).find((p) => p.id === SCENARIO_POLICIES.blockCountries);
    assert.equal(block?.policyApplies, false);
    assert.equal(block?.analysisReasons, 'users');
  });

  it('refuses a malformed body and an app without a Conditional Access read permission', async () => {
    const bad = await call(sandbox, '/v1.0/identity/conditionalAccess/evaluate', {
      method: 'POST',
      body: { signInIdentity: { userId: DEMO_USERS.member.id } },
    });
    assert.equal(bad.status, 400);
    sandbox.state.app.grantedPermissions = sandbox.state.app.grantedPermissions.filter(
      (p) => !p.startsWith('Policy.'),
    );
    const denied = await call(sandbox, '/v1.0/identity/conditionalAccess/evaluate', {
      method: 'POST',
      body: whatIf(DEMO_USERS.member.id, 'BR'),
    });
    assert.equal(denied.status, 403);
    assert.match(errorOf(denied.body).message, /Policy\.Read\.ConditionalAccess/);
  });
});
