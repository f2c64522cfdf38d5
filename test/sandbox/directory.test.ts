import assert from 'node:assert/strict';
import { GraphError as SdkGraphError } from '@microsoft/microsoft-graph-client';
import { DEMO_GROUPS, DEMO_TENANT, DEMO_USERS } from '../../src/sandbox/demo-ids';
import { SCENARIO_GROUPS, SCENARIO_USERS } from '../../src/sandbox/scenario-ids';
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox/server';
import { call, errorOf, rec, relativeLink, sdkClient, values } from './helpers';

describe('sandbox directory reads', () => {
  let sandbox: SandboxTenant;
  before(async () => {
    sandbox = await startSandboxTenant();
  });
  after(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  it('serves the organization record with sync facts', async () => {
    const res = await call(
      sandbox,
      '/v1.0/organization?$select=id,onPremisesSyncEnabled,onPremisesLastSyncDateTime',
    );
    assert.equal(res.status, 200);
    const [org] = values(res.body);
    assert.equal(org.id, DEMO_TENANT.id);
    assert.equal(org.onPremisesSyncEnabled, true);
    assert.equal(typeof org.onPremisesLastSyncDateTime, 'string');
    assert.equal(org.displayName, undefined, '$select drops unselected properties');
  });

  it('returns the default property set unless $select names more', async () => {
    const plain = rec((await call(sandbox, `/v1.0/users/${DEMO_USERS.member.id}`)).body);
    assert.equal(plain.userPrincipalName, DEMO_USERS.member.upn);
    assert.equal(plain.accountEnabled, undefined);
    const selected = rec(
      (
        await call(
          sandbox,
          `/v1.0/users/${DEMO_USERS.member.upn}?$select=accountEnabled,userType,onPremisesSyncEnabled`,
        )
      ).body,
    );
    assert.deepEqual(
      { id: selected.id, accountEnabled: selected.accountEnabled, userType: selected.userType },
      { id: DEMO_USERS.member.id, accountEnabled: true, userType: 'Member' },
    );
    assert.equal('authentication' in selected, false, 'navigation data never leaks as a property');
  });

  it('finds the guest by its encoded external UPN', async () => {
    const res = await call(
      sandbox,
      `/v1.0/users/${encodeURIComponent(DEMO_USERS.guest.upn)}?$select=userType`,
    );
    assert.equal(rec(res.body).userType, 'Guest');
  });

  it('answers 404 with the Graph error body and request ids for an unknown user', async () => {
    const res = await call(sandbox, '/v1.0/users/nobody@sandbox.example', {
      headers: { 'client-request-id': 'c-123' },
    });
    assert.equal(res.status, 404);
    const error = rec(rec(res.body).error);
    assert.equal(error.code, 'Request_ResourceNotFound');
    const inner = rec(error.innerError);
    assert.equal(inner['client-request-id'], 'c-123');
    assert.equal(inner['request-id'], res.headers.get('request-id'));
    assert.equal(res.headers.get('client-request-id'), 'c-123');
    assert.match(String(inner.date), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });

  it('filters users on accountEnabled and onPremisesSyncEnabled', async () => {
    const disabled = values(
      (
        await call(
          sandbox,
          `/v1.0/users?$filter=${encodeURIComponent('accountEnabled eq false')}&$select=userPrincipalName`,
        )
      ).body,
    );
    assert.deepEqual(
      disabled.map((u) => u.userPrincipalName),
      [SCENARIO_USERS.accountDisabledSynced.upn],
    );
    const synced = values(
      (
        await call(
          sandbox,
          `/v1.0/users?$filter=${encodeURIComponent('onPremisesSyncEnabled eq true')}`,
        )
      ).body,
    );
    assert.ok(synced.length >= 3);
    assert.ok(synced.some((u) => u.id === SCENARIO_USERS.deviceNoncompliant.id));
  });

  it('needs ConsistencyLevel: eventual for $count and ne on users', async () => {
    const filter = encodeURIComponent("userType ne 'Member'");
    const plain = await call(sandbox, `/v1.0/users?$filter=${filter}`);
    assert.equal(plain.status, 400);
    assert.equal(errorOf(plain.body).code, 'Request_UnsupportedQuery');
    const advanced = await call(sandbox, `/v1.0/users?$filter=${filter}&$count=true`, {
      headers: { ConsistencyLevel: 'eventual' },
    });
    assert.equal(advanced.status, 200);
    assert.equal(rec(advanced.body)['@odata.count'], 1);
    assert.equal(values(advanced.body)[0].id, DEMO_USERS.guest.id);
  });

  it('orders users by displayName descending', async () => {
    const res = await call(sandbox, '/v1.0/users?$orderby=displayName desc&$select=displayName');
    const names = values(res.body).map((u) => String(u.displayName));
    assert.deepEqual(
      names,
      [...names].sort((a, b) => b.toLowerCase().localeCompare(a.toLowerCase())),
    );
  });

  it('rejects $top above 999 for users', async () => {
    const res = await call(sandbox, '/v1.0/users?$top=1000');
    assert.equal(res.status, 400);
  });

  it('lists direct and transitive members of a group with a nested group', async () => {
    const direct = values(
      (await call(sandbox, `/v1.0/groups/${DEMO_GROUPS.allStaff.id}/members?$select=id`)).body,
    );
    assert.ok(
      direct.some(
        (m) =>
          m.id === SCENARIO_GROUPS.syncedStaff.id && m['@odata.type'] === '#microsoft.graph.group',
      ),
    );
    assert.ok(!direct.some((m) => m.id === SCENARIO_USERS.deviceNoncompliant.id));
    const transitive = values(
      (
        await call(
          sandbox,
          `/v1.0/groups/${DEMO_GROUPS.allStaff.id}/transitiveMembers/microsoft.graph.user?$select=id`,
        )
      ).body,
    );
    assert.ok(transitive.some((m) => m.id === SCENARIO_USERS.deviceNoncompliant.id));
    assert.ok(transitive.every((m) => m['@odata.type'] === '#microsoft.graph.user'));
  });

  it('lists memberOf (direct, with roles) and transitiveMemberOf', async () => {
    const direct = values(
      (await call(sandbox, `/v1.0/users/${SCENARIO_USERS.deviceNoncompliant.id}/memberOf`)).body,
    );
    assert.ok(!direct.some((g) => g.id === DEMO_GROUPS.allStaff.id));
    const transitive = values(
      (
        await call(
          sandbox,
          `/v1.0/users/${SCENARIO_USERS.deviceNoncompliant.id}/transitiveMemberOf/microsoft.graph.group`,
        )
      ).body,
    );
    assert.ok(transitive.some((g) => g.id === DEMO_GROUPS.allStaff.id));
    const admin = values((await call(sandbox, `/v1.0/users/${DEMO_USERS.admin.id}/memberOf`)).body);
    assert.ok(
      admin.some(
        (o) =>
          o['@odata.type'] === '#microsoft.graph.directoryRole' &&
          o.displayName === 'Global Administrator',
      ),
    );
  });

  it('checkMemberGroups is transitive and caps at 20 ids', async () => {
    const res = await call(
      sandbox,
      `/v1.0/users/${SCENARIO_USERS.deviceNoncompliant.id}/checkMemberGroups`,
      {
        method: 'POST',
        body: {
          groupIds: [
            DEMO_GROUPS.allStaff.id,
            DEMO_GROUPS.helpdeskApprovers.id,
            SCENARIO_GROUPS.syncedStaff.id,
          ],
        },
      },
    );
    assert.deepEqual(rec(res.body).value, [
      DEMO_GROUPS.allStaff.id,
      SCENARIO_GROUPS.syncedStaff.id,
    ]);
    const tooMany = Array.from({ length: 21 }, () => DEMO_GROUPS.allStaff.id);
    const rejected = await call(sandbox, `/v1.0/users/${DEMO_USERS.member.id}/checkMemberGroups`, {
      method: 'POST',
      body: { groupIds: tooMany },
    });
    assert.equal(rejected.status, 400);
  });

  it('checkMemberObjects also reports directory roles', async () => {
    const roleId =
      sandbox.state.directoryRoles.find((r) => r.displayName === 'Helpdesk Administrator')?.id ??
      '';
    const res = await call(sandbox, `/v1.0/users/${DEMO_USERS.helpdesk.id}/checkMemberObjects`, {
      method: 'POST',
      body: { ids: [roleId, DEMO_GROUPS.helpdeskApprovers.id, DEMO_GROUPS.caExclusions.id] },
    });
    assert.deepEqual(rec(res.body).value, [roleId, DEMO_GROUPS.helpdeskApprovers.id]);
  });

  it('signInActivity needs AuditLog.Read.All', async () => {
    const ok = await call(sandbox, `/v1.0/users/${DEMO_USERS.member.id}?$select=signInActivity`);
    assert.equal(typeof rec(rec(ok.body).signInActivity).lastSignInDateTime, 'string');
    sandbox.state.app.grantedPermissions = sandbox.state.app.grantedPermissions.filter(
      (p) => p !== 'AuditLog.Read.All',
    );
    const denied = await call(
      sandbox,
      `/v1.0/users/${DEMO_USERS.member.id}?$select=signInActivity`,
    );
    assert.equal(denied.status, 403);
    assert.match(errorOf(denied.body).message, /AuditLog\.Read\.All/);
  });
});

describe('sandbox domains', () => {
  let sandbox: SandboxTenant;
  before(async () => {
    sandbox = await startSandboxTenant();
  });
  after(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  it('lists the domains and reads one by name with its password validity period', async () => {
    const listed = await call(sandbox, '/v1.0/domains?$select=id,passwordValidityPeriodInDays');
    assert.equal(listed.status, 200);
    assert.deepEqual(values(listed.body), [
      { id: 'sandbox.example', passwordValidityPeriodInDays: 90 },
      { id: 'eu.sandbox.example', passwordValidityPeriodInDays: null },
      { id: 'sandboxtenant.onmicrosoft.com', passwordValidityPeriodInDays: 2147483647 },
    ]);
    const one = rec((await call(sandbox, '/v1.0/domains/SANDBOX.EXAMPLE')).body);
    assert.equal(one.id, 'sandbox.example');
    assert.equal(one.isDefault, true);
    assert.equal((await call(sandbox, '/v1.0/domains/elsewhere.example')).status, 404);
  });

  it("answers a subdomain's root domain through rootDomain, and 404 for a root or an unknown name", async () => {
    const sub = rec(
      (await call(sandbox, '/v1.0/domains/eu.sandbox.example?$select=id,isRoot')).body,
    );
    assert.equal(sub.isRoot, false);
    const root = await call(
      sandbox,
      '/v1.0/domains/EU.sandbox.example/rootDomain?$select=id,isRoot,passwordValidityPeriodInDays',
    );
    assert.equal(root.status, 200);
    const body = rec(root.body);
    assert.equal(body.id, 'sandbox.example');
    assert.equal(body.isRoot, true);
    assert.equal(body.passwordValidityPeriodInDays, 90);
    assert.equal((await call(sandbox, '/v1.0/domains/sandbox.example/rootDomain')).status, 404);
    assert.equal((await call(sandbox, '/v1.0/domains/x.elsewhere.example/rootDomain')).status, 404);
    sandbox.state.app.grantedPermissions = sandbox.state.app.grantedPermissions.filter(
      (p) => p !== 'Domain.Read.All',
    );
    assert.equal((await call(sandbox, '/v1.0/domains/eu.sandbox.example/rootDomain')).status, 403);
  });

  it('needs Domain.Read.All or Directory.Read.All', async () => {
    sandbox.state.app.grantedPermissions = sandbox.state.app.grantedPermissions.filter(
      (p) => p !== 'Domain.Read.All',
    );
    const denied = await call(sandbox, '/v1.0/domains/sandbox.example');
    assert.equal(denied.status, 403);
    assert.match(errorOf(denied.body).message, /Domain\.Read\.All/);
    sandbox.state.app.grantedPermissions.push('Directory.Read.All');
    assert.equal((await call(sandbox, '/v1.0/domains/sandbox.example')).status, 200);
  });
});

describe('sandbox directory through the Graph SDK', () => {
  let sandbox: SandboxTenant;
  before(async () => {
    sandbox = await startSandboxTenant();
  });
  after(() => sandbox.close());

  it('pages through users with nextLink until every user is seen once', async () => {
    const client = sdkClient(sandbox);
    const seen: string[] = [];
    let page = rec(await client.api('/users').select(['id']).top(4).get());
    for (;;) {
      seen.push(...values(page).map((u) => String(u.id)));
      const next = page['@odata.nextLink'];
      if (typeof next !== 'string') break;
      assert.ok(
        next.startsWith(`${sandbox.url}/v1.0/users?`),
        'nextLink is absolute on the sandbox',
      );
      page = rec(await client.api(relativeLink(next)).get());
    }
    assert.equal(seen.length, sandbox.state.users.length);
    assert.equal(new Set(seen).size, seen.length);
  });

  it('filters with the SDK and surfaces Graph errors as GraphError', async () => {
    const client = sdkClient(sandbox);
    const res = rec(
      await client.api('/groups').filter(`displayName eq '${DEMO_GROUPS.caExclusions.name}'`).get(),
    );
    assert.deepEqual(
      values(res).map((g) => g.id),
      [DEMO_GROUPS.caExclusions.id],
    );
    await assert.rejects(client.api('/users/nobody@sandbox.example').get(), (e: unknown) => {
      assert.ok(e instanceof SdkGraphError);
      assert.equal(e.statusCode, 404);
      assert.equal(e.code, 'Request_ResourceNotFound');
      assert.ok(e.requestId);
      return true;
    });
  });
});
