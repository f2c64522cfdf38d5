import assert from 'node:assert/strict';
import { BatchRequestContent, BatchResponseContent } from '@microsoft/microsoft-graph-client';
import { DEMO_GROUPS, DEMO_USERS } from '../../src/sandbox/demo-ids';
import { SCENARIO_SIGN_INS, SCENARIO_USERS } from '../../src/sandbox/scenario-ids';
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox/server';
import { call, errorOf, rec, sdkClient } from './helpers';

interface ItemResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

describe('sandbox $batch', () => {
  let sandbox: SandboxTenant;
  before(async () => {
    sandbox = await startSandboxTenant();
  });
  after(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  const batch = async (requests: unknown[]) => {
    const res = await call(sandbox, '/v1.0/$batch', { method: 'POST', body: { requests } });
    return {
      status: res.status,
      body: res.body,
      items: (rec(res.body).responses ?? []) as ItemResponse[],
    };
  };
  const byId = (items: ItemResponse[], id: string) =>
    items.find((i) => i.id === id) as ItemResponse;

  it('runs a triage batch and correlates responses by id', async () => {
    const { status, items } = await batch([
      {
        id: 'user',
        method: 'GET',
        url: `/users/${SCENARIO_USERS.caBlocked.id}?$select=accountEnabled`,
      },
      {
        id: 'signin',
        method: 'GET',
        url: `/auditLogs/signIns?$filter=correlationId eq '${SCENARIO_SIGN_INS.caBlocked.correlationId}'`,
      },
      {
        id: 'risk',
        method: 'GET',
        url: `/identityProtection/riskyUsers/${SCENARIO_USERS.caBlocked.id}`,
      },
    ]);
    assert.equal(status, 200);
    assert.equal(rec(byId(items, 'user').body).accountEnabled, true);
    assert.equal((rec(byId(items, 'signin').body).value as unknown[]).length, 2);
    assert.equal(byId(items, 'risk').status, 404);
    assert.equal(errorOf(byId(items, 'risk').body).code, 'Request_ResourceNotFound');
    assert.equal(sandbox.requests.filter((r) => r.batchItemId !== undefined).length, 3);
  });

  it('answers 424 for items whose dependency failed, and runs the rest', async () => {
    const { items } = await batch([
      { id: '1', method: 'GET', url: '/users/nobody@sandbox.example' },
      {
        id: '2',
        method: 'POST',
        url: `/users/${DEMO_USERS.member.id}/revokeSignInSessions`,
        dependsOn: ['1'],
      },
      { id: '3', method: 'GET', url: '/organization', dependsOn: ['1'] },
      { id: '4', method: 'GET', url: '/organization' },
    ]);
    assert.deepEqual(
      ['1', '2', '3', '4'].map((id) => byId(items, id).status),
      [404, 424, 424, 200],
    );
    assert.equal(
      sandbox.requests.some((r) => r.path.endsWith('revokeSignInSessions')),
      false,
      'dependant never ran',
    );
  });

  it('runs dependants after their dependency succeeded, with bodies', async () => {
    const { items } = await batch([
      {
        id: 'add',
        method: 'POST',
        url: `/groups/${DEMO_GROUPS.caExclusions.id}/members/$ref`,
        headers: { 'Content-Type': 'application/json' },
        body: {
          '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${DEMO_USERS.member.id}`,
        },
      },
      {
        id: 'check',
        method: 'POST',
        url: `/users/${DEMO_USERS.member.id}/checkMemberGroups`,
        headers: { 'Content-Type': 'application/json' },
        body: { groupIds: [DEMO_GROUPS.caExclusions.id] },
        dependsOn: ['add'],
      },
    ]);
    assert.equal(byId(items, 'add').status, 204);
    assert.deepEqual(rec(byId(items, 'check').body).value, [DEMO_GROUPS.caExclusions.id]);
  });

  it('rejects more than 20 requests, duplicate ids and unknown dependencies as a whole', async () => {
    const get = (id: string) => ({ id, method: 'GET', url: '/organization' });
    const tooMany = await batch(Array.from({ length: 21 }, (_, i) => get(String(i))));
    assert.equal(tooMany.status, 400);
    assert.match(errorOf(tooMany.body).message, /20/);
    assert.equal((await batch([get('a'), get('a')])).status, 400);
    assert.equal((await batch([{ ...get('a'), dependsOn: ['zz'] }])).status, 400);
    assert.equal(
      sandbox.requests.some((r) => r.batchItemId !== undefined),
      false,
      'nothing ran',
    );
    assert.equal((await batch(Array.from({ length: 20 }, (_, i) => get(String(i))))).status, 200);
  });

  it('checks permissions and faults per item', async () => {
    sandbox.state.app.grantedPermissions = sandbox.state.app.grantedPermissions.filter(
      (p) => p !== 'AuditLog.Read.All',
    );
    sandbox.faults.add({ pathPattern: '/organization', status: 503, times: 1 });
    const { items } = await batch([
      { id: 'a', method: 'GET', url: '/auditLogs/signIns' },
      { id: 'b', method: 'GET', url: '/organization' },
      { id: 'c', method: 'GET', url: `/users/${DEMO_USERS.member.id}` },
    ]);
    assert.deepEqual(
      ['a', 'b', 'c'].map((id) => byId(items, id).status),
      [403, 503, 200],
    );
    assert.match(errorOf(byId(items, 'a').body).message, /AuditLog\.Read\.All/);
  });

  it('inherits the outer token: no token on the batch means 401 for the batch', async () => {
    const res = await fetch(`${sandbox.url}/v1.0/$batch`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ requests: [{ id: '1', method: 'GET', url: '/organization' }] }),
    });
    assert.equal(res.status, 401);
  });

  it('works with the SDK BatchRequestContent, whose urls carry the version', async () => {
    const content = new BatchRequestContent([
      {
        id: '1',
        request: new Request(`${sandbox.url}/v1.0/users/${DEMO_USERS.admin.id}`, { method: 'GET' }),
      },
      {
        id: '2',
        request: new Request(`${sandbox.url}/v1.0/groups/${DEMO_GROUPS.allStaff.id}`, {
          method: 'GET',
        }),
      },
    ]);
    const raw: unknown = await sdkClient(sandbox)
      .api('/$batch')
      .post(await content.getContent());
    const responses = new BatchResponseContent(
      raw as ConstructorParameters<typeof BatchResponseContent>[0],
    );
    const user = responses.getResponseById('1');
    assert.equal(user.status, 200);
    assert.equal(rec(await user.json()).userPrincipalName, DEMO_USERS.admin.upn);
    assert.equal(responses.getResponseById('2').status, 200);
  });
});
