import assert from 'node:assert/strict';
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox/server';
import { call, errorOf, rec, values } from './helpers';

const REFERENCE = new Date('2026-01-15T12:00:00Z');

describe('sandbox tenant-wide reads (posture and reports)', () => {
  let sandbox: SandboxTenant;
  const without = (permission: string) => {
    sandbox.state.app.grantedPermissions = sandbox.state.app.grantedPermissions.filter(
      (p) => p !== permission,
    );
  };
  before(async () => {
    sandbox = await startSandboxTenant({ clock: () => REFERENCE });
  });
  after(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  it('answers the security defaults policy, and 403 without Policy.Read.All', async () => {
    const ok = await call(sandbox, '/v1.0/policies/identitySecurityDefaultsEnforcementPolicy');
    assert.equal(ok.status, 200);
    assert.equal(rec(ok.body).isEnabled, false);
    without('Policy.Read.All');
    const denied = await call(sandbox, '/v1.0/policies/identitySecurityDefaultsEnforcementPolicy');
    assert.equal(denied.status, 403);
    assert.match(errorOf(denied.body).message, /Policy\.Read\.All/);
  });

  it('lists Secure Score snapshots newest first, and 403 without SecurityEvents.Read.All', async () => {
    const latest = values((await call(sandbox, '/v1.0/security/secureScores?$top=1')).body);
    assert.equal(latest.length, 1);
    assert.equal(latest[0].createdDateTime, '2026-01-15T00:00:00Z');
    assert.equal(latest[0].currentScore, 61.5);
    without('SecurityEvents.Read.All');
    assert.equal((await call(sandbox, '/v1.0/security/secureScores')).status, 403);
  });

  it('lists enterprise apps without their navigation data, and their assignments', async () => {
    const apps = values((await call(sandbox, '/v1.0/servicePrincipals')).body);
    assert.equal(apps.length, 5);
    assert.ok(apps.every((a) => !('appRoleAssignedTo' in a) && !('lastSignInDateTime' in a)));
    const ledger = apps.find((a) => a.displayName === 'Finance Ledger')!;
    const assigned = values(
      (await call(sandbox, `/v1.0/servicePrincipals/${String(ledger.id)}/appRoleAssignedTo`)).body,
    );
    assert.equal(assigned[0].principalDisplayName, 'Finance Apps Users');
    without('Application.Read.All');
    assert.equal((await call(sandbox, '/v1.0/servicePrincipals')).status, 403);
  });

  it('serves service principal sign-in activity in beta only', async () => {
    const beta = values(
      (await call(sandbox, '/beta/reports/servicePrincipalSignInActivities')).body,
    );
    const pilot = beta.find((r) => r.appId === '6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d04')!;
    assert.equal(rec(pilot.lastSignInActivity).lastSignInDateTime, null);
    const v1 = await call(sandbox, '/v1.0/reports/servicePrincipalSignInActivities');
    assert.equal(v1.status, 400);
    without('AuditLog.Read.All');
    assert.equal(
      (await call(sandbox, '/beta/reports/servicePrincipalSignInActivities')).status,
      403,
    );
  });
});
