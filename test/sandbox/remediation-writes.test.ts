import assert from 'node:assert/strict';
import { DEMO_GROUPS, DEMO_USERS } from '../../src/sandbox/demo-ids';
import { SCENARIO_DEVICES, SCENARIO_GROUPS, SCENARIO_USERS } from '../../src/sandbox/scenario-ids';
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox/server';
import { call, errorOf, rec, values } from './helpers';

const REFERENCE = Date.parse('2026-01-15T12:00:00Z');
const ref = (id: string) => `https://graph.microsoft.com/v1.0/directoryObjects/${id}`;

describe('sandbox remediation writes', () => {
  let sandbox: SandboxTenant;
  let now = REFERENCE;
  before(async () => {
    sandbox = await startSandboxTenant({ clock: () => new Date(now) });
  });
  after(() => sandbox.close());
  beforeEach(() => {
    now = REFERENCE;
    sandbox.reset();
  });

  describe('risk', () => {
    it('dismiss clears the risk, dismisses open detections and is logged', async () => {
      const id = SCENARIO_USERS.riskyUser.id;
      const res = await call(sandbox, '/v1.0/identityProtection/riskyUsers/dismiss', {
        method: 'POST',
        body: { userIds: [id] },
      });
      assert.equal(res.status, 204);
      const risky = rec((await call(sandbox, `/v1.0/identityProtection/riskyUsers/${id}`)).body);
      assert.deepEqual(
        [risky.riskLevel, risky.riskState, risky.riskDetail],
        ['none', 'dismissed', 'adminDismissedAllRiskForUser'],
      );
      const detections = values(
        (await call(sandbox, `/v1.0/identityProtection/riskDetections?$filter=userId eq '${id}'`))
          .body,
      );
      assert.ok(detections.every((d) => d.riskState === 'dismissed'));
      const history = values(
        (await call(sandbox, `/v1.0/identityProtection/riskyUsers/${id}/history`)).body,
      );
      assert.equal(history.length, 3);
      const logged = sandbox.requests.find((r) => r.path.endsWith('/riskyUsers/dismiss'));
      assert.deepEqual(
        [logged?.method, logged?.status, logged?.body],
        ['POST', 204, { userIds: [id] }],
      );
    });

    it('answers 404 for a guest and changes nothing', async () => {
      const before = structuredClone(sandbox.state.riskyUsers);
      const res = await call(sandbox, '/v1.0/identityProtection/riskyUsers/dismiss', {
        method: 'POST',
        body: { userIds: [SCENARIO_USERS.riskyUser.id, DEMO_USERS.guest.id] },
      });
      assert.equal(res.status, 404);
      assert.deepEqual(sandbox.state.riskyUsers, before);
      const confirm = await call(
        sandbox,
        '/v1.0/identityProtection/riskyUsers/confirmCompromised',
        {
          method: 'POST',
          body: { userIds: [DEMO_USERS.guest.id] },
        },
      );
      assert.equal(confirm.status, 404);
    });

    it('confirmCompromised creates a high-risk record for a user who had none', async () => {
      const res = await call(sandbox, '/v1.0/identityProtection/riskyUsers/confirmCompromised', {
        method: 'POST',
        body: { userIds: [DEMO_USERS.member.id] },
      });
      assert.equal(res.status, 204);
      const risky = rec(
        (await call(sandbox, `/v1.0/identityProtection/riskyUsers/${DEMO_USERS.member.id}`)).body,
      );
      assert.deepEqual([risky.riskLevel, risky.riskState], ['high', 'confirmedCompromised']);
    });
  });

  describe('temporary access pass', () => {
    const path = (user: string) => `/v1.0/users/${user}/authentication/temporaryAccessPassMethods`;

    it('returns the pass once, never again, and never in the request log', async () => {
      const created = await call(sandbox, path(DEMO_USERS.member.id), {
        method: 'POST',
        body: { isUsableOnce: true },
      });
      assert.equal(created.status, 201);
      const body = rec(created.body);
      const code = String(body.temporaryAccessPass);
      assert.equal(code.length, 8);
      assert.deepEqual(
        [body.isUsable, body.methodUsabilityReason, body.lifetimeInMinutes],
        [true, 'EnabledByPolicy', 60],
      );
      const listed = values((await call(sandbox, path(DEMO_USERS.member.id))).body);
      assert.deepEqual(
        [listed.length, listed[0].temporaryAccessPass, listed[0].id],
        [1, null, body.id],
      );
      assert.equal(JSON.stringify(sandbox.requests).includes(code), false);
      assert.equal(JSON.stringify(sandbox.state).includes(code), false);
      const control = await (await fetch(`${sandbox.url}/_sandbox/requests`)).text();
      assert.equal(control.includes(code), false);
      assert.ok(
        sandbox.requests.some(
          (r) =>
            r.method === 'POST' &&
            r.status === 201 &&
            r.path.endsWith('temporaryAccessPassMethods'),
        ),
      );
    });

    it('allows one pass per user: a second create is a 400 until the first is deleted', async () => {
      const first = rec(
        (await call(sandbox, path(DEMO_USERS.member.id), { method: 'POST', body: {} })).body,
      );
      const second = await call(sandbox, path(DEMO_USERS.member.id), { method: 'POST', body: {} });
      assert.equal(second.status, 400);
      assert.match(errorOf(second.body).message, /already has a Temporary Access Pass/);
      const removed = await call(sandbox, `${path(DEMO_USERS.member.id)}/${String(first.id)}`, {
        method: 'DELETE',
      });
      assert.equal(removed.status, 204);
      const third = await call(sandbox, path(DEMO_USERS.member.id), { method: 'POST', body: {} });
      assert.equal(third.status, 201);
    });

    it('refuses a new pass while an expired one is still registered', async () => {
      const res = await call(sandbox, path(SCENARIO_USERS.tapExpired.id), {
        method: 'POST',
        body: {},
      });
      assert.equal(res.status, 400);
    });

    it('enforces the policy lifetime bounds and refuses guests', async () => {
      for (const lifetimeInMinutes of [30, 481]) {
        const res = await call(sandbox, path(DEMO_USERS.member.id), {
          method: 'POST',
          body: { lifetimeInMinutes },
        });
        assert.equal(res.status, 400, `lifetime ${lifetimeInMinutes}`);
        assert.match(errorOf(res.body).message, /60 to 480/);
      }
      const guest = await call(sandbox, path(encodeURIComponent(DEMO_USERS.guest.upn)), {
        method: 'POST',
        body: {},
      });
      assert.equal(guest.status, 400);
      assert.equal(
        sandbox.state.users.find((u) => u.id === DEMO_USERS.member.id)?.authentication
          .temporaryAccessPassMethods.length,
        0,
      );
    });

    it('creates a pass outside the policy targets as DisabledByPolicy', async () => {
      const res = await call(sandbox, path(DEMO_USERS.breakGlass.id), { method: 'POST', body: {} });
      assert.equal(res.status, 201);
      assert.deepEqual(
        [rec(res.body).isUsable, rec(res.body).methodUsabilityReason],
        [false, 'DisabledByPolicy'],
      );
    });

    it('reads NotYetValid before the start and Expired after the lifetime', async () => {
      const start = new Date(REFERENCE + 10 * 60_000).toISOString();
      const created = rec(
        (
          await call(sandbox, path(DEMO_USERS.member.id), {
            method: 'POST',
            body: { startDateTime: start, lifetimeInMinutes: 60 },
          })
        ).body,
      );
      assert.equal(created.methodUsabilityReason, 'NotYetValid');
      now = REFERENCE + 30 * 60_000;
      assert.equal(
        values((await call(sandbox, path(DEMO_USERS.member.id))).body)[0].methodUsabilityReason,
        'EnabledByPolicy',
      );
      now = REFERENCE + 71 * 60_000;
      assert.equal(
        values((await call(sandbox, path(DEMO_USERS.member.id))).body)[0].methodUsabilityReason,
        'Expired',
      );
    });
  });

  describe('user sessions and password', () => {
    it('revokeSignInSessions answers true and moves signInSessionsValidFromDateTime', async () => {
      now = REFERENCE + 5_000;
      const res = await call(sandbox, `/v1.0/users/${DEMO_USERS.member.upn}/revokeSignInSessions`, {
        method: 'POST',
      });
      assert.equal(res.status, 200);
      assert.equal(rec(res.body).value, true);
      const user = rec(
        (
          await call(
            sandbox,
            `/v1.0/users/${DEMO_USERS.member.id}?$select=signInSessionsValidFromDateTime`,
          )
        ).body,
      );
      assert.equal(user.signInSessionsValidFromDateTime, new Date(now).toISOString());
      const guestBefore = sandbox.state.users.find(
        (u) => u.id === DEMO_USERS.guest.id,
      )?.signInSessionsValidFromDateTime;
      await call(sandbox, `/v1.0/users/${DEMO_USERS.guest.id}/revokeSignInSessions`, {
        method: 'POST',
      });
      assert.equal(
        sandbox.state.users.find((u) => u.id === DEMO_USERS.guest.id)
          ?.signInSessionsValidFromDateTime,
        guestBefore,
      );
    });

    it('forces a password change for a cloud user and redacts the password in the log', async () => {
      const res = await call(sandbox, `/v1.0/users/${DEMO_USERS.member.id}`, {
        method: 'PATCH',
        body: {
          passwordProfile: { forceChangePasswordNextSignIn: true, password: 'Temp-Secret-9911' },
        },
      });
      assert.equal(res.status, 204);
      const user = rec(
        (
          await call(
            sandbox,
            `/v1.0/users/${DEMO_USERS.member.id}?$select=passwordProfile,lastPasswordChangeDateTime`,
          )
        ).body,
      );
      assert.deepEqual(user.passwordProfile, {
        password: null,
        forceChangePasswordNextSignIn: true,
        forceChangePasswordNextSignInWithMfa: false,
      });
      assert.equal(user.lastPasswordChangeDateTime, new Date(REFERENCE).toISOString());
      const logged = sandbox.requests.find((r) => r.method === 'PATCH');
      assert.deepEqual(rec(logged?.body).passwordProfile, {
        forceChangePasswordNextSignIn: true,
        password: '[redacted]',
      });
      assert.equal(JSON.stringify(sandbox.requests).includes('Temp-Secret-9911'), false);
    });

    it('lets the password-profile permission change passwordProfile and nothing else', async () => {
      sandbox.state.app.grantedPermissions = [
        'User.Read.All',
        'User-PasswordProfile.ReadWrite.All',
      ];
      const path = `/v1.0/users/${DEMO_USERS.member.id}`;
      const profile = await call(sandbox, path, {
        method: 'PATCH',
        body: { passwordProfile: { forceChangePasswordNextSignIn: true } },
      });
      assert.equal(profile.status, 204);
      const other = await call(sandbox, path, { method: 'PATCH', body: { accountEnabled: false } });
      assert.equal(other.status, 403);
      assert.match(errorOf(other.body).message, /User\.ReadWrite\.All/);
    });

    it('refuses to change on-premises mastered properties of a synced user', async () => {
      const res = await call(sandbox, `/v1.0/users/${SCENARIO_USERS.accountDisabledSynced.id}`, {
        method: 'PATCH',
        body: { accountEnabled: true },
      });
      assert.equal(res.status, 400);
      assert.match(errorOf(res.body).message, /on-premises/);
      assert.equal(
        sandbox.state.users.find((u) => u.id === SCENARIO_USERS.accountDisabledSynced.id)
          ?.accountEnabled,
        false,
      );
    });
  });

  describe('devices', () => {
    it('syncDevice answers 204 and records the sync time', async () => {
      now = REFERENCE + 60_000;
      const res = await call(
        sandbox,
        `/v1.0/deviceManagement/managedDevices/${SCENARIO_DEVICES.salesManagedDevice}/syncDevice`,
        {
          method: 'POST',
        },
      );
      assert.equal(res.status, 204);
      const device = rec(
        (
          await call(
            sandbox,
            `/v1.0/deviceManagement/managedDevices/${SCENARIO_DEVICES.salesManagedDevice}`,
          )
        ).body,
      );
      assert.equal(device.lastSyncDateTime, new Date(now).toISOString());
      assert.equal(device.complianceState, 'noncompliant');
    });

    it('syncDevice needs the PrivilegedOperations permission', async () => {
      sandbox.state.app.grantedPermissions = sandbox.state.app.grantedPermissions.filter(
        (p) => p !== 'DeviceManagementManagedDevices.PrivilegedOperations.All',
      );
      const res = await call(
        sandbox,
        `/v1.0/deviceManagement/managedDevices/${SCENARIO_DEVICES.salesManagedDevice}/syncDevice`,
        { method: 'POST' },
      );
      assert.equal(res.status, 403);
      assert.match(
        errorOf(res.body).message,
        /DeviceManagementManagedDevices\.PrivilegedOperations\.All/,
      );
    });
  });

  describe('group membership', () => {
    const members = (group: string) => `/v1.0/groups/${group}/members`;

    it('adds a member once; a repeat is 400 "already exist", an unknown object 404', async () => {
      const add = () =>
        call(sandbox, `${members(DEMO_GROUPS.caExclusions.id)}/$ref`, {
          method: 'POST',
          body: { '@odata.id': ref(DEMO_USERS.member.id) },
        });
      assert.equal((await add()).status, 204);
      const again = await add();
      assert.equal(again.status, 400);
      assert.match(errorOf(again.body).message, /already exist/);
      const unknown = await call(sandbox, `${members(DEMO_GROUPS.caExclusions.id)}/$ref`, {
        method: 'POST',
        body: { '@odata.id': ref('11111111-2222-4333-8444-555555555555') },
      });
      assert.equal(unknown.status, 404);
      const check = await call(sandbox, `/v1.0/users/${DEMO_USERS.member.id}/checkMemberGroups`, {
        method: 'POST',
        body: { groupIds: [DEMO_GROUPS.caExclusions.id] },
      });
      assert.deepEqual(rec(check.body).value, [DEMO_GROUPS.caExclusions.id]);
    });

    it('removes a member with DELETE $ref, then 404', async () => {
      const path = `${members(DEMO_GROUPS.helpdeskApprovers.id)}/${DEMO_USERS.helpdesk.id}/$ref`;
      assert.equal((await call(sandbox, path, { method: 'DELETE' })).status, 204);
      assert.equal((await call(sandbox, path, { method: 'DELETE' })).status, 404);
    });

    it('refuses manual members in a dynamic group', async () => {
      const res = await call(sandbox, `${members(SCENARIO_GROUPS.allMembersDynamic.id)}/$ref`, {
        method: 'POST',
        body: { '@odata.id': ref(DEMO_USERS.guest.id) },
      });
      assert.equal(res.status, 400);
    });

    it('binds up to 20 members with PATCH, all or nothing', async () => {
      const group = DEMO_GROUPS.caExclusions.id;
      const partial = await call(sandbox, `/v1.0/groups/${group}`, {
        method: 'PATCH',
        body: {
          'members@odata.bind': [
            ref(DEMO_USERS.member.id),
            ref('11111111-2222-4333-8444-555555555555'),
          ],
        },
      });
      assert.equal(partial.status, 404);
      assert.deepEqual(sandbox.state.groups.find((g) => g.id === group)?.members, []);
      const tooMany = await call(sandbox, `/v1.0/groups/${group}`, {
        method: 'PATCH',
        body: { 'members@odata.bind': Array.from({ length: 21 }, () => ref(DEMO_USERS.member.id)) },
      });
      assert.equal(tooMany.status, 400);
      const ok = await call(sandbox, `/v1.0/groups/${group}`, {
        method: 'PATCH',
        body: {
          'members@odata.bind': [ref(DEMO_USERS.member.id), ref(SCENARIO_USERS.riskyUser.id)],
        },
      });
      assert.equal(ok.status, 204);
      const listed = values((await call(sandbox, `${members(group)}?$select=id`)).body).map(
        (m) => m.id,
      );
      assert.deepEqual(listed, [DEMO_USERS.member.id, SCENARIO_USERS.riskyUser.id]);
    });
  });

  describe('phone methods', () => {
    const path = (user: string) => `/v1.0/users/${user}/authentication/phoneMethods`;

    it('adds a mobile phone in Graph format with its fixed id, once', async () => {
      const res = await call(sandbox, path(SCENARIO_USERS.tapExpired.id), {
        method: 'POST',
        body: { phoneNumber: '+1 4255550199', phoneType: 'mobile' },
      });
      assert.equal(res.status, 201);
      assert.equal(rec(res.body).id, '3179e48a-750b-4051-897c-87b9720928f7');
      const again = await call(sandbox, path(SCENARIO_USERS.tapExpired.id), {
        method: 'POST',
        body: { phoneNumber: '+1 4255550100', phoneType: 'mobile' },
      });
      assert.equal(again.status, 400);
    });

    it('rejects numbers without the space, read-only fields and alternateMobile before mobile', async () => {
      const attempts: [string, Record<string, unknown>][] = [
        [SCENARIO_USERS.tapExpired.id, { phoneNumber: '+14255550199', phoneType: 'mobile' }],
        [SCENARIO_USERS.tapExpired.id, { phoneNumber: '4255550199', phoneType: 'mobile' }],
        [
          SCENARIO_USERS.tapExpired.id,
          { phoneNumber: '+1 4255550199', phoneType: 'mobile', smsSignInState: 'ready' },
        ],
        [
          SCENARIO_USERS.deviceNoncompliant.id,
          { phoneNumber: '+1 4255550199', phoneType: 'alternateMobile' },
        ],
        [SCENARIO_USERS.tapExpired.id, { phoneNumber: '+1 4255550199', phoneType: 'pager' }],
      ];
      for (const [user, body] of attempts) {
        const res = await call(sandbox, path(user), { method: 'POST', body });
        assert.equal(res.status, 400, JSON.stringify(body));
      }
      assert.equal(
        sandbox.state.users.find((u) => u.id === SCENARIO_USERS.tapExpired.id)?.authentication
          .phoneMethods.length,
        0,
      );
    });
  });
});
