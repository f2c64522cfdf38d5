import assert from 'node:assert/strict';
import { Client, GraphError as SdkGraphError } from '@microsoft/microsoft-graph-client';
import { DEMO_USERS } from '../../src/sandbox/demo-ids';
import { SCENARIO_USERS } from '../../src/sandbox/scenario-ids';
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox/server';
import { call, errorOf, rec, sdkClient } from './helpers';

const errorOfBody = (body: unknown) => rec(body).error;

describe('sandbox request pipeline', () => {
  let sandbox: SandboxTenant;
  before(async () => {
    sandbox = await startSandboxTenant();
  });
  after(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  it('answers 401 InvalidAuthenticationToken without a bearer token, and logs it', async () => {
    for (const authorization of [undefined, 'Bearer ', 'Basic abc']) {
      const res = await fetch(`${sandbox.url}/v1.0/users`, {
        headers: authorization === undefined ? {} : { Authorization: authorization },
      });
      assert.equal(res.status, 401);
      assert.equal(errorOf(await res.json()).code, 'InvalidAuthenticationToken');
      assert.ok(res.headers.get('request-id'));
    }
    assert.deepEqual(
      sandbox.requests.map((r) => r.status),
      [401, 401, 401],
    );
  });

  it('shows why Client.init needs custom middleware: the stock handler skips http hosts', async () => {
    const client = Client.init({
      baseUrl: `${sandbox.url}/`,
      authProvider: (done) => done(null, 'sandbox-token'),
    });
    await assert.rejects(
      client.api('/users').get(),
      (e: unknown) => e instanceof SdkGraphError && e.statusCode === 401,
    );
  });

  it('echoes client-request-id and never records the Authorization header', async () => {
    const res = await call(sandbox, '/v1.0/organization', {
      headers: { 'client-request-id': 'trace-42' },
    });
    assert.equal(res.headers.get('client-request-id'), 'trace-42');
    assert.match(String(res.headers.get('request-id')), /^[0-9a-f-]{36}$/);
    assert.equal(JSON.stringify(sandbox.requests).includes('sandbox-token'), false);
    assert.equal(sandbox.requests[0].requestId, res.headers.get('request-id'));
  });

  it('answers 400 for an unknown segment and 405 for a wrong method', async () => {
    const unknown = await call(sandbox, '/v1.0/users/x/notAThing');
    assert.equal(unknown.status, 400);
    assert.match(errorOf(unknown.body).message, /notAThing/);
    const wrong = await call(sandbox, '/v1.0/auditLogs/signIns', { method: 'DELETE' });
    assert.equal(wrong.status, 405);
    const me = await call(sandbox, '/v1.0/me');
    assert.equal(me.status, 400);
  });

  it('answers an unknown version with a Graph error body and request ids', async () => {
    const res = await call(sandbox, '/v2.0/users', { headers: { 'client-request-id': 'v-1' } });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('client-request-id'), 'v-1');
    assert.equal(
      rec(rec(errorOfBody(res.body)).innerError)['request-id'],
      res.headers.get('request-id'),
    );
  });

  it('names every acceptable permission in a 403', async () => {
    sandbox.state.app.grantedPermissions = [];
    const res = await call(sandbox, `/v1.0/users/${DEMO_USERS.member.id}/checkMemberGroups`, {
      method: 'POST',
      body: { groupIds: [] },
    });
    assert.equal(res.status, 403);
    assert.equal(
      errorOf(res.body).message.includes(
        'User.Read.All and GroupMember.Read.All, or Directory.Read.All',
      ),
      true,
    );
  });

  it('accepts a ReadWrite grant for a Read route', async () => {
    sandbox.state.app.grantedPermissions = ['User.ReadWrite.All'];
    assert.equal((await call(sandbox, '/v1.0/users')).status, 200);
  });

  it('rejects invalid JSON with 400', async () => {
    const res = await fetch(
      `${sandbox.url}/v1.0/users/${DEMO_USERS.member.id}/revokeSignInSessions`,
      {
        method: 'POST',
        headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' },
        body: '{nope',
      },
    );
    assert.equal(res.status, 400);
  });

  describe('fault injection', () => {
    it('injects a 429 with Retry-After a fixed number of times, per method and path', async () => {
      sandbox.faults.add({
        method: 'GET',
        pathPattern: '/auditLogs/signIns',
        status: 429,
        retryAfterSeconds: 7,
        times: 2,
      });
      const first = await call(sandbox, '/v1.0/auditLogs/signIns?$top=1');
      assert.equal(first.status, 429);
      assert.equal(first.headers.get('retry-after'), '7');
      assert.equal(errorOf(first.body).code, 'TooManyRequests');
      assert.equal(
        (await call(sandbox, '/v1.0/users?$top=1')).status,
        200,
        'other routes unaffected',
      );
      assert.equal((await call(sandbox, '/beta/auditLogs/signIns?$top=1')).status, 429);
      assert.equal((await call(sandbox, '/v1.0/auditLogs/signIns?$top=1')).status, 200);
      assert.deepEqual(sandbox.faults.list(), []);
    });

    it('lets the SDK retry handler honour Retry-After and succeed', async () => {
      sandbox.faults.add({
        pathPattern: /\/users\/[^/]+$/,
        status: 429,
        retryAfterSeconds: 0,
        times: 1,
      });
      const user = rec(await sdkClient(sandbox, 2).api(`/users/${DEMO_USERS.member.id}`).get());
      assert.equal(user.id, DEMO_USERS.member.id);
      assert.deepEqual(
        sandbox.requests.map((r) => r.status),
        [429, 200],
      );
    });

    it('injects 503 until cleared, and latency per route and globally', async () => {
      const id = sandbox.faults.add({ pathPattern: '/v1.0/organization', status: 503 });
      assert.equal((await call(sandbox, '/v1.0/organization')).status, 503);
      assert.equal(sandbox.faults.remove(id), true);
      assert.equal((await call(sandbox, '/v1.0/organization')).status, 200);
      sandbox.faults.add({ pathPattern: '/organization', latencyMs: 120 });
      let started = Date.now();
      assert.equal((await call(sandbox, '/v1.0/organization')).status, 200);
      assert.ok(Date.now() - started >= 110);
      sandbox.faults.clear();
      sandbox.faults.latencyMs = 100;
      started = Date.now();
      await call(sandbox, '/v1.0/users?$top=1');
      assert.ok(Date.now() - started >= 90);
      sandbox.faults.clear();
      assert.equal(sandbox.faults.latencyMs, 0);
    });

    it('drops the connection without an answer, and with it a $batch that carries the request', async () => {
      sandbox.faults.add({ method: 'GET', pathPattern: /^\/users\/[^/]+$/, drop: true, times: 2 });
      await assert.rejects(call(sandbox, `/v1.0/users/${DEMO_USERS.member.id}`), TypeError);
      await assert.rejects(
        call(sandbox, '/v1.0/$batch', {
          method: 'POST',
          body: {
            requests: [
              { id: '1', method: 'GET', url: '/organization' },
              { id: '2', method: 'GET', url: `/users/${DEMO_USERS.member.id}` },
            ],
          },
        }),
        TypeError,
      );
      // Spent: the next read is answered, and the sandbox still serves.
      assert.equal((await call(sandbox, `/v1.0/users/${DEMO_USERS.member.id}`)).status, 200);
    });

    it('offers the same controls over HTTP on loopback', async () => {
      const control = (path: string, init: RequestInit = {}) =>
        fetch(`${sandbox.url}/_sandbox${path}`, init);
      const added = await control('/faults', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          pathPattern: 'identityProtection/riskyUsers/[^/]+$',
          regex: true,
          status: 500,
          times: 1,
        }),
      });
      assert.equal(added.status, 201);
      assert.equal(
        (await call(sandbox, `/v1.0/identityProtection/riskyUsers/${SCENARIO_USERS.riskyUser.id}`))
          .status,
        500,
      );
      assert.equal(
        (await call(sandbox, `/v1.0/identityProtection/riskyUsers/${SCENARIO_USERS.riskyUser.id}`))
          .status,
        200,
      );
      const log = rec(await (await control('/requests')).json());
      assert.deepEqual(
        (log.value as { status: number }[]).map((r) => r.status),
        [500, 200],
      );
      const bad = await control('/faults', {
        method: 'POST',
        body: JSON.stringify({ status: 200, pathPattern: '/x' }),
      });
      assert.equal(bad.status, 400);
      sandbox.state.users.length = 0;
      assert.equal((await control('/reset', { method: 'POST' })).status, 204);
      assert.ok(sandbox.state.users.length > 0);
      assert.equal(sandbox.requests.length, 0);
      assert.equal((await control('/faults', { method: 'DELETE' })).status, 204);
    });
  });
});

describe('sandbox documented limits', () => {
  let sandbox: SandboxTenant;
  let now = Date.parse('2026-01-15T12:00:00Z');
  before(async () => {
    sandbox = await startSandboxTenant({ enforceLimits: true, clock: () => new Date(now) });
  });
  after(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  it('allows 5 sign-in reads per 10 s, then 429 with Retry-After', async () => {
    for (let i = 0; i < 5; i += 1) {
      assert.equal((await call(sandbox, '/v1.0/auditLogs/signIns?$top=1')).status, 200);
      now += 1000;
    }
    const throttled = await call(sandbox, '/v1.0/auditLogs/signIns?$top=1');
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers.get('retry-after'), '5');
    assert.equal(
      (await call(sandbox, '/v1.0/users?$top=1')).status,
      200,
      'directory reads are not in this bucket',
    );
    now += 5000;
    assert.equal((await call(sandbox, '/v1.0/auditLogs/signIns?$top=1')).status, 200);
  });

  it('allows 1 identity protection or CA read per second, with no Retry-After', async () => {
    assert.equal((await call(sandbox, '/v1.0/identityProtection/riskyUsers')).status, 200);
    const throttled = await call(sandbox, '/v1.0/identity/conditionalAccess/policies');
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers.get('retry-after'), null);
    now += 1000;
    assert.equal((await call(sandbox, '/v1.0/identity/conditionalAccess/policies')).status, 200);
  });

  it('throttles batch items one by one', async () => {
    const requests = Array.from({ length: 3 }, (_, i) => ({
      id: String(i + 1),
      method: 'GET',
      url: '/identityProtection/riskyUsers',
    }));
    const res = await call(sandbox, '/v1.0/$batch', { method: 'POST', body: { requests } });
    const statuses = (rec(res.body).responses as { status: number }[]).map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 429, 429]);
  });
});
