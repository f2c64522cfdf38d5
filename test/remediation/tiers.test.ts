import assert from 'node:assert/strict';
import { RemediationAnnouncer } from '../../bot/remediation/announcer';
import { createRemediationPolicy, type PolicyOptions } from '../../src/remediation/policy';
import type {
  CreateCommand,
  CreateResult,
  RemediationService,
} from '../../src/remediation/service';
import type { RemediationRequest } from '../../src/remediation/types';
import {
  IDS,
  MEMBER_CHAT,
  PEOPLE,
  startDomainHarness,
  type DomainHarness,
} from './support/domain-harness';
import { StaticMembership } from './support/static-membership';

/**
 * Approver tiers at request time and at click time: per-fix approver groups, four eyes, the admin
 * tier for fixes that give a role holder access back, policies nobody is excluded from, groups
 * that decide who approves, and inputs out of range. Every refusal changes nothing and is audited.
 */

const ADMIN_GROUP = '7c0e2b4d-1a3f-4b5c-8d6e-9f0a1b2c3d07';
const ADMIN_APPROVER = { id: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a21', name: 'Identity Admin' };
const PROTECTED_POLICY = '9d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d7';

function tiered(h: DomainHarness, options: Partial<PolicyOptions> = {}): RemediationService {
  const policy = createRemediationPolicy({
    helpdeskGroupId: IDS.helpdeskGroup,
    adminGroupId: ADMIN_GROUP,
    exclusionGroupIds: [IDS.exclusionGroup],
    protectedUserIds: [IDS.breakGlass],
    neverExcludePolicyIds: [PROTECTED_POLICY],
    ...options,
  });
  return h.anotherInstance({
    policy,
    events: new RemediationAnnouncer(h.notifier, policy, () => undefined),
    membership: new StaticMembership({
      [IDS.helpdesk]: [IDS.helpdeskGroup],
      [IDS.helpdesk2]: [IDS.helpdeskGroup],
      [ADMIN_APPROVER.id]: [ADMIN_GROUP],
    }),
  });
}

function ask(overrides: Partial<CreateCommand>): CreateCommand {
  return {
    actor: PEOPLE.helpdesk,
    kind: 'revoke-sessions',
    subjectId: IDS.member,
    mode: 'request',
    inputs: {},
    chat: MEMBER_CHAT,
    ...overrides,
  };
}

function requestOf(result: CreateResult): RemediationRequest {
  assert.ok('request' in result, JSON.stringify(result));
  return result.request;
}

async function deniedEntries(h: DomainHarness): Promise<Array<string | undefined>> {
  const entries = await h.audit.since(new Date('2026-01-01T00:00:00Z'));
  return entries
    .filter((e) => e.event === 'denied' || e.event === 'refused')
    .map((e) => e.errorCode);
}

describe('approver tiers', () => {
  let h: DomainHarness;
  beforeEach(() => {
    h = startDomainHarness();
    h.writer.addUser({ id: ADMIN_APPROVER.id, displayName: ADMIN_APPROVER.name });
  });

  it('lets only the admin group approve confirming a compromise, and posts it to them', async () => {
    const service = tiered(h);
    const request = requestOf(await service.create(ask({ kind: 'confirm-compromised' })));
    assert.deepEqual(h.notifier.of('post')[0].view?.approverGroupIds, [ADMIN_GROUP]);
    const byHelpdesk = await service.approve({
      actor: PEOPLE.helpdesk2,
      requestId: request.id,
      version: 1,
    });
    assert.equal(byHelpdesk.status === 'denied' && byHelpdesk.reason, 'not-approver');
    assert.equal(h.writer.writes.length, 0);
    const byAdmin = await service.approve({
      actor: ADMIN_APPROVER,
      requestId: request.id,
      version: 1,
    });
    assert.equal(byAdmin.status === 'completed' && byAdmin.request.state, 'succeeded');
    assert.deepEqual(
      h.writer.writes.map((w) => w.operation),
      ['confirmCompromised'],
    );
    assert.deepEqual(await deniedEntries(h), ['not-approver']);
  });

  it('takes per-fix approver groups from the settings', async () => {
    const service = tiered(h, { approverOverrides: { 'revoke-sessions': ['admin'] } });
    const request = requestOf(await service.create(ask({})));
    const result = await service.approve({
      actor: PEOPLE.helpdesk2,
      requestId: request.id,
      version: 1,
    });
    assert.equal(result.status === 'denied' && result.reason, 'not-approver');
  });

  it('never lets a four-eyes fix run directly, even for an approver', async () => {
    const service = tiered(h);
    const run = await service.create(
      ask({ kind: 'ca-exclusion', mode: 'run', targetId: IDS.caPolicy, inputs: { hours: 2 } }),
    );
    assert.equal(run.status === 'denied' && run.reason, 'four-eyes');
    assert.match(run.status === 'denied' ? run.message : '', /second person/);
    const direct = await service.create(ask({ mode: 'run' }));
    assert.equal(direct.status, 'completed', 'revoking sessions is not four-eyes by default');
    const strict = tiered(h, { fourEyesKinds: ['revoke-sessions'] });
    const refused = await strict.create(ask({ mode: 'run', subjectId: IDS.outsider }));
    assert.equal(refused.status === 'denied' && refused.reason, 'four-eyes');
    assert.deepEqual(await deniedEntries(h), ['four-eyes', 'four-eyes']);
  });

  it("puts a fix that gives a role holder access back in the admin tier's hands only", async () => {
    const service = tiered(h);
    const request = requestOf(
      await service.create(ask({ kind: 'issue-tap', subjectId: IDS.admin })),
    );
    assert.equal(request.tier, 'admin');
    assert.deepEqual(h.notifier.of('post')[0].view?.approverGroupIds, [ADMIN_GROUP]);
    const byHelpdesk = await service.approve({
      actor: PEOPLE.helpdesk2,
      requestId: request.id,
      version: 1,
    });
    assert.equal(byHelpdesk.status === 'denied' && byHelpdesk.reason, 'admin-tier');
    assert.match(byHelpdesk.status === 'denied' ? byHelpdesk.message : '', /admin group/);
    const byAdmin = await service.approve({
      actor: ADMIN_APPROVER,
      requestId: request.id,
      version: 1,
    });
    assert.equal(byAdmin.status === 'completed' && byAdmin.request.state, 'succeeded');
    // Signing a role holder out takes access away, so the helpdesk keeps it.
    const revoke = requestOf(await service.create(ask({ subjectId: IDS.admin })));
    assert.equal(revoke.tier, undefined);
  });

  it('refuses at approval a request whose subject became a role holder after it was asked', async () => {
    const service = tiered(h);
    const request = requestOf(await service.create(ask({ kind: 'dismiss-risk' })));
    const user = h.writer.users.get(IDS.member);
    assert.ok(user);
    user.roles = ['Helpdesk Administrator'];
    const result = await service.approve({
      actor: PEOPLE.helpdesk2,
      requestId: request.id,
      version: 1,
    });
    const failed = result.status === 'completed' ? result.request : undefined;
    assert.equal(failed?.state, 'failed');
    assert.match(
      failed?.outcome?.summary ?? '',
      /given an administrator role after this was asked/,
    );
    assert.equal(h.writer.writes.length, 0);
  });

  it('refuses role holders outright when no admin group is set up', async () => {
    const service = tiered(h, { adminGroupId: undefined });
    const result = await service.create(ask({ kind: 'dismiss-risk', subjectId: IDS.admin }));
    assert.equal(result.status, 'refused');
  });

  it('never excludes anyone from a protected policy, nor through a group it excludes', async () => {
    const service = tiered(h);
    h.writer.policies.set(PROTECTED_POLICY, {
      displayName: 'Require MFA for administrators',
      excludeGroupIds: [],
    });
    const direct = await service.create(
      ask({ kind: 'ca-exclusion', targetId: PROTECTED_POLICY, inputs: { hours: 2 } }),
    );
    assert.match(direct.status === 'refused' ? direct.message : '', /Nobody is excluded/);
    h.writer.policies.set(PROTECTED_POLICY, {
      displayName: 'Require MFA for administrators',
      excludeGroupIds: [IDS.exclusionGroup],
    });
    const through = await service.create(
      ask({ kind: 'ca-exclusion', targetId: IDS.caPolicy, inputs: { hours: 2 } }),
    );
    assert.match(
      through.status === 'refused' ? through.message : '',
      /also excluded from "Require MFA for administrators"/,
    );
    assert.equal(h.writer.writes.length, 0);
    assert.deepEqual(await deniedEntries(h), ['request-refused', 'request-refused']);
  });

  it('never copies members into a group that decides approvals or exclusions', async () => {
    const service = tiered(h);
    for (const destination of [IDS.helpdeskGroup, ADMIN_GROUP, IDS.exclusionGroup]) {
      const result = await service.create(
        ask({
          kind: 'copy-group-members',
          subjectId: '',
          inputs: { sourceGroupId: IDS.allStaff, targetGroupId: destination },
        }),
      );
      assert.match(result.status === 'refused' ? result.message : '', /cannot be copied into/);
    }
    const missing = await service.create(
      ask({ kind: 'copy-group-members', subjectId: '', inputs: { sourceGroupId: IDS.allStaff } }),
    );
    assert.match(
      missing.status === 'invalid' ? missing.message : '',
      /group to copy the members into/,
    );
  });

  it('refuses inputs out of range with a plain reason, stores nothing and audits the attempt', async () => {
    const service = tiered(h);
    const cases: Array<[Partial<CreateCommand>, RegExp]> = [
      [{ kind: 'ca-exclusion', inputs: { hours: 0 } }, /from 1 to 72/],
      [{ kind: 'ca-exclusion', inputs: { hours: 500 } }, /from 1 to 72/],
      [{ kind: 'ca-exclusion', inputs: { hours: 1.5 } }, /whole number of hours/],
      [{ kind: 'issue-tap', inputs: { lifetimeMinutes: 5 } }, /from 10 minutes to 30 days/],
      [{ kind: 'add-sms-method', inputs: { phoneNumber: '07700 900123' } }, /country code/],
      [{ kind: 'add-sms-method', inputs: {} }, /Which mobile number/],
    ];
    for (const [command, message] of cases) {
      const result = await service.create(ask(command));
      assert.equal(result.status, 'invalid', JSON.stringify(command));
      assert.match(result.status === 'invalid' ? result.message : '', message);
    }
    assert.equal(h.notifier.of('post').length, 0);
    assert.equal(h.writer.writes.length, 0);
    assert.equal((await deniedEntries(h)).filter((c) => c === 'request-invalid').length, 6);
  });
});
