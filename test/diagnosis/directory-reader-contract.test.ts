import assert from 'node:assert/strict';
import type { DirectoryReader } from '../../src/diagnosis/ports';
import { isAppError } from '../../src/errors';
import { createGraphClient } from '../../src/graph/client';
import { SandboxCredential } from '../../src/graph/credential';
import { GraphDirectoryReader } from '../../src/graph/directory-reader';
import { DEMO_GROUPS } from '../../src/sandbox/demo-ids';
import {
  SCENARIO_DEVICES,
  SCENARIO_GROUPS,
  SCENARIO_SIGN_INS,
  SCENARIO_USERS,
} from '../../src/sandbox/scenario-ids';
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox/server';
import { fakeFromSandbox } from './fakes/from-fixture';

/**
 * One contract, two implementations: the in-memory FakeDirectory (seeded with the sandbox's own
 * tenant) and the GraphDirectoryReader over HTTP must answer the same questions the same way, so
 * diagnosis tests written against the fake hold against Graph.
 */

interface Subject {
  reader: DirectoryReader;
  /** Takes a permission away from the app. */
  revoke(permission: string): void;
}

const DAY = 86_400_000;

function contract(name: string, make: () => Subject): void {
  describe(`DirectoryReader contract: ${name}`, () => {
    let subject: Subject;
    beforeEach(() => (subject = make()));

    it('finds a user by id or by UPN in any case, and answers undefined for nobody', async () => {
      const byId = await subject.reader.getUser(SCENARIO_USERS.accountDisabledSynced.id);
      assert.equal(byId?.accountEnabled, false);
      assert.equal(byId?.onPremisesSyncEnabled, true);
      const byUpn = await subject.reader.getUser(SCENARIO_USERS.caBlocked.upn.toUpperCase());
      assert.equal(byUpn?.id, SCENARIO_USERS.caBlocked.id);
      assert.equal(await subject.reader.getUser('nobody@sandbox.example'), undefined);
    });

    it('finds a sign-in by correlation id for its user only, never for someone else', async () => {
      const query = {
        correlationId: SCENARIO_SIGN_INS.caBlocked.correlationId,
        since: new Date(Date.now() - DAY),
        top: 20,
      };
      const own = await subject.reader.findSignIns({
        ...query,
        userId: SCENARIO_USERS.caBlocked.id,
      });
      // The MFA interrupt and the block share the correlation id; the block is the newer row.
      assert.equal(own.length, 2);
      assert.equal(own[0].id, SCENARIO_SIGN_INS.caBlocked.id);
      assert.ok(
        own[0].appliedConditionalAccessPolicies?.some((p) => p.result === 'reportOnlyFailure'),
      );
      const other = await subject.reader.findSignIns({
        ...query,
        userId: SCENARIO_USERS.riskyUser.id,
      });
      assert.deepEqual(other, []);
    });

    it('answers a hinted look-up with the newest row of that code first, or in full when there is none', async () => {
      const base = {
        userId: SCENARIO_USERS.accountLocked.id,
        since: new Date(Date.now() - DAY),
        top: 50,
      };
      const locked = await subject.reader.findSignIns({ ...base, expectedErrorCode: 50053 });
      assert.equal(locked[0]?.status.errorCode, 50053);
      const full = await subject.reader.findSignIns({ ...base, expectedErrorCode: 53003 });
      assert.deepEqual(
        full.map((r) => r.status.errorCode),
        [50053, 50126, 50126, 50126],
      );
    });

    it('has a risk record for a risky member, none for a guest, and detections newest first', async () => {
      assert.equal(
        (await subject.reader.getRiskyUser(SCENARIO_USERS.riskyUser.id))?.riskLevel,
        'high',
      );
      assert.equal(await subject.reader.getRiskyUser(SCENARIO_USERS.guestBlocked.id), undefined);
      const detections = await subject.reader.listRiskDetections(SCENARIO_USERS.riskyUser.id, 1);
      assert.deepEqual(
        detections.map((d) => d.riskEventType),
        ['unfamiliarFeatures'],
      );
    });

    it('reads Intune devices and their per-policy compliance', async () => {
      const devices = await subject.reader.listManagedDevices(SCENARIO_USERS.deviceNoncompliant.id);
      assert.deepEqual(
        devices.map((d) => [d.id, d.complianceState]),
        [[SCENARIO_DEVICES.salesManagedDevice, 'noncompliant']],
      );
      const states = await subject.reader.listCompliancePolicyStates(
        SCENARIO_DEVICES.salesManagedDevice,
      );
      const failing = states.find((s) => s.state === 'nonCompliant');
      assert.ok(
        failing?.settingStates.some(
          (x) => x.settingName === 'Require BitLocker' && x.state === 'nonCompliant',
        ),
      );
    });

    it('finds registered devices by Entra device id and by owner', async () => {
      const byId = await subject.reader.findRegisteredDevices({
        deviceId: SCENARIO_DEVICES.financeDeviceId,
      });
      assert.deepEqual(
        byId.map((d) => [d.displayName, d.trustType]),
        [['FINANCE-HOME-PC', 'Workplace']],
      );
      const owned = await subject.reader.findRegisteredDevices({
        ownerId: SCENARIO_USERS.deviceNoncompliant.id,
      });
      assert.deepEqual(
        owned.map((d) => d.trustType),
        ['ServerAd'],
      );
    });

    it('checks group membership through nested groups', async () => {
      const groups = await subject.reader.memberOf(SCENARIO_USERS.deviceNoncompliant.id, [
        DEMO_GROUPS.allStaff.id,
        SCENARIO_GROUPS.financeAppsUsers.id,
      ]);
      assert.deepEqual(groups, [DEMO_GROUPS.allStaff.id]);
    });

    it('lists sign-in methods without phone numbers', async () => {
      const methods = await subject.reader.listAuthenticationMethods(SCENARIO_USERS.mfaDenied.id);
      assert.deepEqual(methods.map((m) => m.kind).sort(), [
        'microsoftAuthenticator',
        'password',
        'phone',
      ]);
      const phone = methods.find((m) => m.kind === 'phone');
      assert.equal(phone?.phoneEnding, '23');
      assert.ok(!JSON.stringify(methods).includes('7700900123'));
    });

    it("reads a domain's password validity by name in any case, a subdomain's root, undefined for none", async () => {
      const own = await subject.reader.getDomain('Sandbox.Example');
      assert.deepEqual(own, {
        id: 'sandbox.example',
        isRoot: true,
        passwordValidityPeriodInDays: 90,
      });
      const initial = await subject.reader.getDomain('sandboxtenant.onmicrosoft.com');
      assert.equal(initial?.passwordValidityPeriodInDays, 2147483647);
      assert.equal(await subject.reader.getDomain('elsewhere.example'), undefined);
      assert.equal((await subject.reader.getDomain('EU.sandbox.example'))?.isRoot, false);
      assert.deepEqual(await subject.reader.getRootDomain('eu.sandbox.example'), own);
      assert.equal(await subject.reader.getRootDomain('sandbox.example'), undefined);
      subject.revoke('Domain.Read.All');
      await assert.rejects(
        subject.reader.getRootDomain('unread.sandbox.example'),
        (error: unknown) => isAppError(error) && error.missingPermission === 'Domain.Read.All',
      );
      await assert.rejects(
        subject.reader.getDomain('unread.example'),
        (error: unknown) => isAppError(error) && error.missingPermission === 'Domain.Read.All',
      );
    });

    it('names the missing permission in the error', async () => {
      subject.revoke('Device.Read.All');
      await assert.rejects(
        subject.reader.findRegisteredDevices({ ownerId: SCENARIO_USERS.caBlocked.id }),
        (error: unknown) => isAppError(error) && error.missingPermission === 'Device.Read.All',
      );
    });
  });
}

describe('DirectoryReader contract @slow', function () {
  this.timeout(20_000);
  let sandbox: SandboxTenant;
  before(async () => {
    sandbox = await startSandboxTenant({ port: 0 });
  });
  after(async () => sandbox?.close());
  beforeEach(() => sandbox.reset());

  contract('in-memory fake', () => {
    const fake = fakeFromSandbox(sandbox.state);
    return { reader: fake, revoke: (p) => void fake.revoke(p) };
  });

  contract('Graph adapter on the sandbox', () => ({
    reader: new GraphDirectoryReader(
      createGraphClient({ baseUrl: sandbox.url, credential: new SandboxCredential() }),
    ),
    revoke: (p) => {
      sandbox.state.app.grantedPermissions = sandbox.state.app.grantedPermissions.filter(
        (g) => g !== p,
      );
    },
  }));
});
