import assert from 'node:assert/strict';
import { createGraphClient } from '../../src/graph/client';
import { SandboxCredential } from '../../src/graph/credential';
import { GraphDirectoryWriter } from '../../src/graph/directory-writer';
import { GraphRemediationReader } from '../../src/graph/remediation-reader';
import { GraphTransport } from '../../src/graph/transport';
import { DEMO_GROUPS, DEMO_USERS } from '../../src/sandbox/demo-ids';
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox/server';

/** Each reader and writer method against the sandbox tenant: the Graph call it makes and what it reports. */

const SUPPORT_MEMBER = '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a09';
const MARKETING_MEMBER = '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a08';
const FINANCE_MEMBER = '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a07';
const SALES_MEMBER = '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a06';
const MEMBER_LAPTOP = '6e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a601';
const CA_BLOCK_COUNTRIES = '4c1a2b3d-5e6f-4a7b-8c9d-0e1f2a3b4c01';

describe('GraphDirectoryWriter on the sandbox tenant @slow', () => {
  let sandbox: SandboxTenant;
  let writer: GraphDirectoryWriter;
  let reader: GraphRemediationReader;

  before(async () => {
    sandbox = await startSandboxTenant({ port: 0 });
    const graph = createGraphClient({
      baseUrl: sandbox.url,
      credential: new SandboxCredential(),
      maxRetries: 0,
    });
    const transport = new GraphTransport(graph, sandbox.url);
    writer = new GraphDirectoryWriter(transport);
    reader = new GraphRemediationReader(transport);
  });
  after(async () => {
    await sandbox.close();
  });
  beforeEach(() => sandbox.reset());

  const writes = () => sandbox.requests.filter((r) => r.method !== 'GET');

  it('reads what remediation decides on: user type, sync, roles, TAP policy', async () => {
    const guest = await reader.getUser(DEMO_USERS.guest.id);
    assert.equal(guest.userType, 'Guest');
    assert.equal((await reader.getUser(SALES_MEMBER)).onPremisesSyncEnabled, true);
    assert.equal(await reader.holdsDirectoryRole(DEMO_USERS.admin.id), true);
    assert.equal(await reader.holdsDirectoryRole(DEMO_USERS.member.id), false);
    const policy = await reader.getTapPolicy();
    assert.deepEqual(policy, {
      enabled: true,
      minimumLifetimeInMinutes: 60,
      maximumLifetimeInMinutes: 480,
      defaultLifetimeInMinutes: 60,
      isUsableOnce: false,
    });
    assert.equal(await reader.getGroupName(DEMO_GROUPS.caExclusions.id), 'CA Temporary Exclusions');
  });

  it('replaces a pass: lists, deletes the old one, creates the new one and returns its code once', async () => {
    const [old] = await reader.listTaps(SUPPORT_MEMBER);
    assert.ok(old);
    const removed = await writer.deleteTap(SUPPORT_MEMBER, old);
    assert.match(removed.requestId ?? '', /\S/);
    const issued = await writer.createTap(SUPPORT_MEMBER, {
      lifetimeInMinutes: 60,
      isUsableOnce: false,
    });
    assert.equal(issued.lifetimeInMinutes, 60);
    assert.equal(issued.isUsableOnce, false);
    assert.match(issued.code.reveal(), /^.{8}$/);
    assert.equal(JSON.stringify(issued).includes(issued.code.reveal()), false);
    assert.deepEqual(await reader.listTaps(SUPPORT_MEMBER), [issued.methodId]);
    const post = writes().find((r) => r.method === 'POST');
    assert.equal(post?.requestId, issued.requestId);
  });

  it('turns Graph refusals into AppErrors with the request id', async () => {
    await assert.rejects(
      writer.createTap(SUPPORT_MEMBER, { lifetimeInMinutes: 60, isUsableOnce: false }),
      (error: { code: string; status: number; requestId: string }) =>
        error.code === 'graph-failed' && error.status === 400 && /\S/.test(error.requestId),
    );
    sandbox.faults.add({ method: 'POST', pathPattern: '/identityProtection', status: 503 });
    await assert.rejects(writer.dismissRisk(MARKETING_MEMBER), { code: 'graph-unavailable' });
  });

  it('dismisses risk and confirms compromise', async () => {
    await writer.dismissRisk(MARKETING_MEMBER);
    assert.equal(
      sandbox.state.riskyUsers.find((r) => r.id === MARKETING_MEMBER)?.riskState,
      'dismissed',
    );
    await writer.confirmCompromised(FINANCE_MEMBER);
    assert.equal(
      sandbox.state.riskyUsers.find((r) => r.id === FINANCE_MEMBER)?.riskState,
      'confirmedCompromised',
    );
  });

  it('revokes sessions and requires a password change, refused for a synced user', async () => {
    const before = sandbox.state.users.find(
      (u) => u.id === FINANCE_MEMBER,
    )?.signInSessionsValidFromDateTime;
    await writer.revokeSessions(FINANCE_MEMBER);
    const after = sandbox.state.users.find(
      (u) => u.id === FINANCE_MEMBER,
    )?.signInSessionsValidFromDateTime;
    assert.notEqual(after, before);
    await writer.requirePasswordChange(FINANCE_MEMBER);
    const profile = (
      sandbox.state.users.find((u) => u.id === FINANCE_MEMBER) as Record<string, unknown>
    ).passwordProfile as { forceChangePasswordNextSignIn: boolean };
    assert.equal(profile.forceChangePasswordNextSignIn, true);
    await assert.rejects(writer.requirePasswordChange(SALES_MEMBER), { status: 400 });
  });

  it('syncs a managed device and reads its owner', async () => {
    const device = await reader.getManagedDevice(MEMBER_LAPTOP);
    assert.equal(device.userId, DEMO_USERS.member.id);
    await writer.syncDevice(MEMBER_LAPTOP);
    assert.ok(writes().some((r) => r.path.endsWith(`/managedDevices/${MEMBER_LAPTOP}/syncDevice`)));
  });

  it('reads policy exclusions and adds and removes a member idempotently', async () => {
    const policy = await reader.getPolicyExclusions(CA_BLOCK_COUNTRIES);
    assert.deepEqual(policy.excludeGroupIds, [DEMO_GROUPS.caExclusions.id]);
    const group = DEMO_GROUPS.caExclusions.id;
    assert.equal((await writer.addGroupMember(group, DEMO_USERS.member.id)).added, true);
    assert.equal((await writer.addGroupMember(group, DEMO_USERS.member.id)).added, false);
    assert.deepEqual(await reader.listGroupMembers(group), [DEMO_USERS.member.id]);
    assert.equal((await writer.removeGroupMember(group, DEMO_USERS.member.id)).removed, true);
    assert.equal((await writer.removeGroupMember(group, DEMO_USERS.member.id)).removed, false);
  });

  it('adds up to 20 members in one request and refuses more', async () => {
    const group = DEMO_GROUPS.caExclusions.id;
    await writer.addGroupMembers(group, [FINANCE_MEMBER, MARKETING_MEMBER]);
    assert.equal(writes().filter((r) => r.method === 'PATCH').length, 1);
    assert.deepEqual(
      (await reader.listGroupMembers(group)).sort(),
      [FINANCE_MEMBER, MARKETING_MEMBER].sort(),
    );
    await assert.rejects(writer.addGroupMembers(group, [FINANCE_MEMBER]), { status: 400 });
    await assert.rejects(writer.addGroupMembers(group, Array(21).fill(FINANCE_MEMBER)), RangeError);
  });

  it('adds a mobile phone in Graph format', async () => {
    await writer.addMobilePhone(FINANCE_MEMBER, '+44 7700900123');
    const phones = sandbox.state.users.find((u) => u.id === FINANCE_MEMBER)?.authentication
      .phoneMethods;
    assert.deepEqual(
      phones?.map((p) => [p.phoneType, p.phoneNumber]),
      [['mobile', '+44 7700900123']],
    );
    await assert.rejects(writer.addMobilePhone(FINANCE_MEMBER, '+44 7700900124'), { status: 400 });
  });
});
