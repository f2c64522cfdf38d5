import assert from 'node:assert/strict';
import { DEMO_GROUPS, DEMO_USERS } from '../../src/sandbox/demo-ids';
import {
  SCENARIO_DEVICES,
  SCENARIO_POLICIES,
  SCENARIO_SIGN_INS,
  SCENARIO_USERS,
} from '../../src/sandbox/scenario-ids';
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox/server';
import { call, errorOf, rec, relativeLink, sdkClient, values } from './helpers';

const REFERENCE = new Date('2026-01-15T12:00:00Z');
const q = (filter: string) => `$filter=${encodeURIComponent(filter)}`;

describe('sandbox diagnosis reads', () => {
  let sandbox: SandboxTenant;
  const without = (permissions: string[]) => {
    sandbox.state.app.grantedPermissions = sandbox.state.app.grantedPermissions.filter(
      (p) => !permissions.includes(p),
    );
  };
  before(async () => {
    sandbox = await startSandboxTenant({ clock: () => REFERENCE });
  });
  after(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  describe('sign-in log', () => {
    it('lists newest first', async () => {
      const rows = values((await call(sandbox, '/v1.0/auditLogs/signIns')).body);
      const times = rows.map((r) => Date.parse(String(r.createdDateTime)));
      assert.ok(rows.length > 5);
      assert.deepEqual(
        times,
        [...times].sort((a, b) => b - a),
      );
    });

    it('finds every step of a correlation id and the failing row by request id', async () => {
      const { correlationId, id } = SCENARIO_SIGN_INS.caBlocked;
      const steps = values(
        (await call(sandbox, `/v1.0/auditLogs/signIns?${q(`correlationId eq '${correlationId}'`)}`))
          .body,
      );
      assert.deepEqual(steps.map((s) => rec(s.status).errorCode).sort(), [50074, 53003]);
      const one = values(
        (await call(sandbox, `/v1.0/auditLogs/signIns?${q(`id eq '${id}'`)}`)).body,
      );
      assert.equal(one.length, 1);
      const policies = one[0].appliedConditionalAccessPolicies as Record<string, unknown>[];
      const failed = policies.find(
        (p) => p.result === 'failure' && p.id === SCENARIO_POLICIES.blockCountries,
      );
      assert.deepEqual(failed?.enforcedGrantControls, ['Block']);
    });

    it('combines userId, createdDateTime ge and status/errorCode eq', async () => {
      const since = new Date(REFERENCE.getTime() - 3 * 3_600_000).toISOString();
      const filter = `userId eq '${SCENARIO_USERS.accountLocked.id}' and createdDateTime ge ${since} and status/errorCode eq 50126`;
      const rows = values((await call(sandbox, `/v1.0/auditLogs/signIns?${q(filter)}`)).body);
      assert.equal(rows.length, 3);
      assert.ok(rows.every((r) => r.userId === SCENARIO_USERS.accountLocked.id));
    });

    it('rejects ne on status/errorCode as Graph does', async () => {
      const res = await call(sandbox, `/v1.0/auditLogs/signIns?${q('status/errorCode ne 0')}`);
      assert.equal(res.status, 400);
      assert.match(errorOf(res.body).message, /'ne'.*status\/errorCode/);
    });

    it('shows non-interactive sign-ins only in beta with signInEventTypes', async () => {
      const user = SCENARIO_USERS.tokenRevokedSynced.id;
      const v1 = values(
        (await call(sandbox, `/v1.0/auditLogs/signIns?${q(`userId eq '${user}'`)}`)).body,
      );
      assert.ok(v1.every((r) => r.isInteractive === true));
      assert.ok(v1.every((r) => !('signInEventTypes' in r)));
      const filter = `userId eq '${user}' and signInEventTypes/any(t: t eq 'nonInteractiveUser')`;
      const beta = values((await call(sandbox, `/beta/auditLogs/signIns?${q(filter)}`)).body);
      assert.deepEqual(
        beta.map((r) => r.id),
        [SCENARIO_SIGN_INS.tokenRevokedSynced.id],
      );
      const v1Attempt = await call(sandbox, `/v1.0/auditLogs/signIns?${q(filter)}`);
      assert.equal(v1Attempt.status, 400);
    });

    it('hides report-only CA results unless Prefer include-unknown-enum-members', async () => {
      const path = `/v1.0/auditLogs/signIns/${SCENARIO_SIGN_INS.caBlocked.id}`;
      const reportOnly = (body: unknown) =>
        (rec(body).appliedConditionalAccessPolicies as Record<string, unknown>[]).find(
          (p) => p.id === SCENARIO_POLICIES.mfaAllReportOnly,
        )?.result;
      assert.equal(reportOnly((await call(sandbox, path)).body), 'unknownFutureValue');
      const preferred = await call(sandbox, path, {
        headers: { Prefer: 'include-unknown-enum-members' },
      });
      assert.equal(reportOnly(preferred.body), 'reportOnlyFailure');
    });

    it('omits applied CA policies silently without a policy-reading permission', async () => {
      without(['Policy.Read.All']);
      const res = await call(sandbox, `/v1.0/auditLogs/signIns/${SCENARIO_SIGN_INS.caBlocked.id}`);
      assert.equal(res.status, 200);
      assert.equal('appliedConditionalAccessPolicies' in rec(res.body), false);
      assert.equal(rec(rec(res.body).status).errorCode, 53003);
    });

    it('filters on device and location details', async () => {
      const rows = values(
        (
          await call(
            sandbox,
            `/v1.0/auditLogs/signIns?${q("startswith(deviceDetail/operatingSystem, 'Mac') or location/countryOrRegion eq 'BR'")}`,
          )
        ).body,
      );
      const users = new Set(rows.map((r) => r.userId));
      assert.deepEqual(
        [...users].sort(),
        [SCENARIO_USERS.caBlocked.id, SCENARIO_USERS.riskyUser.id].sort(),
      );
    });

    it('pages with $top through the SDK following nextLink', async () => {
      const client = sdkClient(sandbox);
      const all = values(await client.api('/auditLogs/signIns').get()).map((r) => r.id);
      const paged: unknown[] = [];
      let page = rec(await client.api('/auditLogs/signIns').top(3).get());
      for (;;) {
        paged.push(...values(page).map((r) => r.id));
        if (typeof page['@odata.nextLink'] !== 'string') break;
        page = rec(await client.api(relativeLink(page['@odata.nextLink'])).get());
      }
      assert.deepEqual(paged, all);
    });

    it('needs AuditLog.Read.All or Directory.Read.All', async () => {
      without(['AuditLog.Read.All']);
      const res = await call(sandbox, '/v1.0/auditLogs/signIns');
      assert.equal(res.status, 403);
      assert.equal(errorOf(res.body).code, 'Authorization_RequestDenied');
      assert.match(errorOf(res.body).message, /AuditLog\.Read\.All, or Directory\.Read\.All/);
      sandbox.state.app.grantedPermissions.push('Directory.Read.All');
      assert.equal((await call(sandbox, '/v1.0/auditLogs/signIns')).status, 200);
    });
  });

  describe('identity protection', () => {
    it('reports the risky user and its detections', async () => {
      const risky = rec(
        (await call(sandbox, `/v1.0/identityProtection/riskyUsers/${SCENARIO_USERS.riskyUser.id}`))
          .body,
      );
      assert.deepEqual([risky.riskLevel, risky.riskState], ['high', 'atRisk']);
      const high = values(
        (await call(sandbox, `/v1.0/identityProtection/riskyUsers?${q("riskLevel eq 'high'")}`))
          .body,
      );
      assert.deepEqual(
        high.map((r) => r.id),
        [SCENARIO_USERS.riskyUser.id],
      );
      const detections = values(
        (
          await call(
            sandbox,
            `/v1.0/identityProtection/riskDetections?${q(`userId eq '${SCENARIO_USERS.riskyUser.id}'`)}`,
          )
        ).body,
      );
      assert.deepEqual(detections.map((d) => d.riskEventType).sort(), [
        'leakedCredentials',
        'unfamiliarFeatures',
      ]);
      const linked = detections.find((d) => d.requestId === SCENARIO_SIGN_INS.riskyUser.id);
      assert.equal(linked?.correlationId, SCENARIO_SIGN_INS.riskyUser.correlationId);
      const history = values(
        (
          await call(
            sandbox,
            `/v1.0/identityProtection/riskyUsers/${SCENARIO_USERS.riskyUser.id}/history`,
          )
        ).body,
      );
      assert.equal(history.length, 2);
    });

    it('orders detections by several keys', async () => {
      const rows = values(
        (
          await call(
            sandbox,
            '/v1.0/identityProtection/riskDetections?$orderby=riskLevel asc,detectedDateTime desc',
          )
        ).body,
      );
      const keys = rows.map(
        (r) => [String(r.riskLevel), Date.parse(String(r.detectedDateTime))] as const,
      );
      for (let i = 1; i < keys.length; i += 1) {
        const [prevLevel, prevTime] = keys[i - 1];
        const [level, time] = keys[i];
        assert.ok(
          prevLevel < level || (prevLevel === level && prevTime >= time),
          `row ${i} out of order`,
        );
      }
      assert.ok(new Set(keys.map(([level]) => level)).size > 1);
    });

    it('has no record for a guest', async () => {
      const res = await call(sandbox, `/v1.0/identityProtection/riskyUsers/${DEMO_USERS.guest.id}`);
      assert.equal(res.status, 404);
    });

    it('masks newer riskDetail values without the Prefer header', async () => {
      const path = `/v1.0/identityProtection/riskyUsers/${SCENARIO_USERS.tokenRevokedSynced.id}`;
      assert.equal(rec((await call(sandbox, path)).body).riskDetail, 'unknownFutureValue');
      const preferred = await call(sandbox, path, {
        headers: { Prefer: 'include-unknown-enum-members' },
      });
      assert.equal(rec(preferred.body).riskDetail, 'userChangedPasswordOnPremises');
    });
  });

  describe('conditional access', () => {
    it('lists policies and exposes the exclusion group of the blocking policy', async () => {
      const policy = rec(
        (
          await call(
            sandbox,
            `/v1.0/identity/conditionalAccess/policies/${SCENARIO_POLICIES.blockCountries}`,
          )
        ).body,
      );
      const users = rec(rec(policy.conditions).users);
      assert.deepEqual(users.excludeGroups, [DEMO_GROUPS.caExclusions.id]);
      const reportOnly = values(
        (
          await call(
            sandbox,
            `/v1.0/identity/conditionalAccess/policies?${q("state eq 'enabledForReportingButNotEnforced'")}`,
          )
        ).body,
      );
      assert.deepEqual(
        reportOnly.map((p) => p.id),
        [SCENARIO_POLICIES.mfaAllReportOnly],
      );
    });

    it('accepts the narrow Policy.Read.ConditionalAccess and names it when missing', async () => {
      without(['Policy.Read.All']);
      const denied = await call(sandbox, '/v1.0/identity/conditionalAccess/policies');
      assert.equal(denied.status, 403);
      assert.match(errorOf(denied.body).message, /Policy\.Read\.ConditionalAccess/);
      sandbox.state.app.grantedPermissions.push('Policy.Read.ConditionalAccess');
      assert.equal((await call(sandbox, '/v1.0/identity/conditionalAccess/policies')).status, 200);
    });
  });

  describe('authentication methods', () => {
    const config = (version: string, id: string) =>
      call(
        sandbox,
        `/${version}/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/${id}`,
      );

    it('serves the TAP policy bounds and the Authenticator feature settings per version', async () => {
      const tap = rec((await config('v1.0', 'TemporaryAccessPass')).body);
      assert.deepEqual([tap.minimumLifetimeInMinutes, tap.maximumLifetimeInMinutes], [60, 480]);
      const v1 = rec(rec((await config('v1.0', 'MicrosoftAuthenticator')).body).featureSettings);
      assert.deepEqual(Object.keys(v1).sort(), [
        'displayAppInformationRequiredState',
        'displayLocationInformationRequiredState',
      ]);
      const beta = rec(rec((await config('beta', 'microsoftAuthenticator')).body).featureSettings);
      assert.equal(rec(beta.numberMatchingRequiredState).state, 'enabled');
      assert.equal(rec(v1.displayLocationInformationRequiredState).state, 'disabled');
      assert.equal((await config('v1.0', 'NoSuchMethod')).status, 404);
    });

    it('reads expired and used passes without ever returning a code', async () => {
      const expired = values(
        (
          await call(
            sandbox,
            `/v1.0/users/${SCENARIO_USERS.tapExpired.id}/authentication/temporaryAccessPassMethods`,
          )
        ).body,
      );
      assert.deepEqual(
        [expired[0].isUsable, expired[0].methodUsabilityReason, expired[0].temporaryAccessPass],
        [false, 'Expired', null],
      );
      const used = values(
        (
          await call(
            sandbox,
            `/v1.0/users/${SCENARIO_USERS.tapUsed.upn}/authentication/temporaryAccessPassMethods`,
          )
        ).body,
      );
      assert.deepEqual(
        [used[0].isUsable, used[0].methodUsabilityReason, used[0].isUsableOnce],
        [false, 'OneTimeUsed', true],
      );
    });

    it('lists every method with its @odata.type', async () => {
      const methods = values(
        (await call(sandbox, `/v1.0/users/${SCENARIO_USERS.mfaDenied.id}/authentication/methods`))
          .body,
      );
      assert.deepEqual(methods.map((m) => m['@odata.type']).sort(), [
        '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod',
        '#microsoft.graph.passwordAuthenticationMethod',
        '#microsoft.graph.phoneAuthenticationMethod',
      ]);
      const phones = values(
        (
          await call(
            sandbox,
            `/v1.0/users/${SCENARIO_USERS.mfaDenied.id}/authentication/phoneMethods`,
          )
        ).body,
      );
      assert.equal(phones[0].phoneType, 'mobile');
      assert.match(String(phones[0].phoneNumber), /^\+\d+ \d+$/);
    });
  });

  describe('devices', () => {
    it('explains non-compliance per policy setting', async () => {
      const devices = values(
        (await call(sandbox, `/v1.0/users/${SCENARIO_USERS.deviceNoncompliant.id}/managedDevices`))
          .body,
      );
      assert.deepEqual(
        devices.map((d) => d.complianceState),
        ['noncompliant'],
      );
      const states = values(
        (
          await call(
            sandbox,
            `/v1.0/deviceManagement/managedDevices/${SCENARIO_DEVICES.salesManagedDevice}/deviceCompliancePolicyStates`,
          )
        ).body,
      );
      const failing = states.find((s) => s.state === 'nonCompliant');
      const settings = (failing?.settingStates as Record<string, unknown>[]).filter(
        (s) => s.state === 'nonCompliant',
      );
      assert.deepEqual(settings.map((s) => s.settingName).sort(), [
        'Minimum OS version',
        'Require BitLocker',
      ]);
      const byUpn = values(
        (
          await call(
            sandbox,
            `/v1.0/deviceManagement/managedDevices?${q(`userPrincipalName eq '${SCENARIO_USERS.riskyUser.upn}'`)}`,
          )
        ).body,
      );
      assert.deepEqual(
        byUpn.map((d) => d.complianceState),
        ['inGracePeriod'],
      );
    });

    it('looks devices up by deviceId and reports trustType', async () => {
      const byFilter = values(
        (
          await call(
            sandbox,
            `/v1.0/devices?${q(`deviceId eq '${SCENARIO_DEVICES.financeDeviceId}'`)}`,
          )
        ).body,
      );
      assert.deepEqual(
        byFilter.map((d) => d.trustType),
        ['Workplace'],
      );
      const byKey = rec(
        (await call(sandbox, `/v1.0/devices(deviceId='${SCENARIO_DEVICES.salesDeviceId}')`)).body,
      );
      assert.equal(byKey.trustType, 'ServerAd');
      const hybrid = values(
        (await call(sandbox, `/v1.0/devices?${q("trustType in ('ServerAd')")}`)).body,
      );
      assert.ok(hybrid.length >= 2 && hybrid.every((d) => d.trustType === 'ServerAd'));
      const owned = values(
        (
          await call(
            sandbox,
            `/v1.0/users/${SCENARIO_USERS.deviceNotHybridJoined.id}/registeredDevices`,
          )
        ).body,
      );
      assert.deepEqual(
        owned.map((d) => d.deviceId),
        [SCENARIO_DEVICES.financeDeviceId],
      );
      const owners = values(
        (await call(sandbox, `/v1.0/devices/${String(owned[0].id)}/registeredOwners`)).body,
      );
      assert.deepEqual(
        owners.map((o) => o.id),
        [SCENARIO_USERS.deviceNotHybridJoined.id],
      );
    });
  });
});
