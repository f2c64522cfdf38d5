import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_GROUPS, DEMO_TENANT, DEMO_USERS } from '../../src/sandbox/demo-ids';
import { demoFixture, FixtureError, loadFixture, parseFixture } from '../../src/sandbox/fixture';
import * as ids from '../../src/sandbox/scenario-ids';
import { createTenantState } from '../../src/sandbox/state';

function problemsOf(action: () => unknown): string[] {
  try {
    action();
  } catch (error) {
    assert.ok(error instanceof FixtureError, `expected FixtureError, got ${String(error)}`);
    return [...error.problems];
  }
  assert.fail('expected the fixture to be rejected');
}

describe('sandbox fixture', () => {
  it('describes the demo tenant with the shared demo ids', () => {
    const fixture = demoFixture();
    assert.equal(fixture.organization.id, DEMO_TENANT.id);
    assert.ok(fixture.organization.verifiedDomains.some((d) => d.name === DEMO_TENANT.domain));
    for (const demo of Object.values(DEMO_USERS)) {
      const user = fixture.users.find((u) => u.id === demo.id);
      assert.equal(user?.userPrincipalName, demo.upn);
    }
    for (const demo of Object.values(DEMO_GROUPS)) {
      assert.equal(fixture.groups.find((g) => g.id === demo.id)?.displayName, demo.name);
    }
    const guest = fixture.users.find((u) => u.id === DEMO_USERS.guest.id);
    assert.equal(guest?.userType, 'Guest');
  });

  it('documents one scenario per exported scenario user, with matching ids', () => {
    const fixture = demoFixture();
    for (const [key, user] of Object.entries(ids.SCENARIO_USERS)) {
      const scenario = fixture.scenarios.find((s) => s.userId === user.id);
      assert.ok(scenario, `no scenario documents ${key}`);
      assert.equal(scenario.userPrincipalName, user.upn);
    }
  });

  it('names the entry and property of a schema error', () => {
    const raw = structuredClone(demoFixture()) as unknown as {
      users: { userPrincipalName: unknown }[];
    };
    raw.users[5].userPrincipalName = 'not a upn';
    const problems = problemsOf(() => parseFixture(raw, 'broken.json'));
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^users\[5\] "Sales Member"\.userPrincipalName: expected a UPN/);
  });

  it('names nested entries, e.g. a malformed phone number', () => {
    const raw = structuredClone(demoFixture()) as unknown as {
      users: { authentication: { phoneMethods: { phoneNumber: string }[] } }[];
    };
    raw.users[0].authentication.phoneMethods[0].phoneNumber = '+14255550101';
    const [problem] = problemsOf(() => parseFixture(raw));
    assert.match(problem, /users\[0\] "Demo User"\.authentication\.phoneMethods\[0\]/);
    assert.match(problem, /phoneNumber/);
  });

  it('rejects a guest without an external UPN and a stored TAP code', () => {
    const raw = structuredClone(demoFixture()) as unknown as {
      users: {
        userPrincipalName: string;
        authentication: { temporaryAccessPassMethods: Record<string, unknown>[] };
      }[];
    };
    raw.users[4].userPrincipalName = 'guest@sandbox.example';
    raw.users[8].authentication.temporaryAccessPassMethods[0].temporaryAccessPass = 'Abc12345';
    const problems = problemsOf(() => parseFixture(raw));
    assert.ok(problems.some((p) => p.startsWith('users[4] "Partner Guest".userPrincipalName')));
    assert.ok(
      problems.some((p) =>
        p.includes('users[8] "Support Member".authentication.temporaryAccessPassMethods[0]'),
      ),
    );
  });

  it('rejects dangling references and names the entry holding them', () => {
    const fixture = demoFixture();
    fixture.groups[1].members.push('11111111-2222-4333-8444-555555555555');
    fixture.signIns[0].userId = DEMO_USERS.admin.id;
    const problems = problemsOf(() => parseFixture(fixture));
    assert.ok(problems.some((p) => p.startsWith('groups[1] "All Staff": member 11111111')));
    assert.ok(problems.some((p) => p.startsWith(`signIns[0] (${fixture.signIns[0].id})`)));
  });

  it('loads a fixture file and reports unreadable JSON with the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-fixture-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify(demoFixture()));
    assert.equal(loadFixture(good).users.length, demoFixture().users.length);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ not json');
    assert.throws(
      () => loadFixture(bad),
      (e: unknown) => e instanceof FixtureError && e.message.includes(bad),
    );
  });

  it('shifts every timestamp so the reference time becomes now', () => {
    const fixture = demoFixture();
    const now = new Date(Date.parse(fixture.referenceDateTime) + 3 * 86_400_000);
    const state = createTenantState(fixture, now);
    const before = Date.parse(fixture.signIns[2].createdDateTime);
    const after = Date.parse(state.signIns[2].createdDateTime);
    assert.equal(after - before, 3 * 86_400_000);
    assert.equal(state.signIns[2].createdDateTime.endsWith('Z'), true);
    assert.equal(state.signIns[2].createdDateTime.includes('.'), false);
  });
});

describe('sandbox scenario ids', () => {
  it('agree with the fixture', () => {
    const fixture = demoFixture();
    for (const [key, signIn] of Object.entries(ids.SCENARIO_SIGN_INS)) {
      const row = fixture.signIns.find((s) => s.id === signIn.id);
      assert.ok(row, `sign-in ${key} missing`);
      assert.equal(row.correlationId, signIn.correlationId);
      assert.notEqual(row.status.errorCode, 0, `${key} should be a failure`);
      const scenarioUser = ids.SCENARIO_USERS[key as keyof typeof ids.SCENARIO_USERS];
      assert.equal(row.userId, scenarioUser.id, `${key} belongs to another user`);
    }
    for (const id of Object.values(ids.SCENARIO_POLICIES)) {
      assert.ok(fixture.conditionalAccessPolicies.some((p) => p.id === id));
    }
    for (const group of Object.values(ids.SCENARIO_GROUPS)) {
      assert.equal(fixture.groups.find((g) => g.id === group.id)?.displayName, group.name);
    }
    assert.ok(fixture.managedDevices.some((d) => d.id === ids.SCENARIO_DEVICES.salesManagedDevice));
    assert.ok(
      fixture.managedDevices.some((d) => d.id === ids.SCENARIO_DEVICES.marketingManagedDevice),
    );
    assert.ok(fixture.devices.some((d) => d.deviceId === ids.SCENARIO_DEVICES.salesDeviceId));
    assert.ok(fixture.devices.some((d) => d.deviceId === ids.SCENARIO_DEVICES.financeDeviceId));
    const app = fixture.teamsApps.find((a) => a.id === ids.SCENARIO_TEAMS_APP.catalogId);
    assert.equal(app?.externalId, ids.SCENARIO_TEAMS_APP.externalId);
  });
});
