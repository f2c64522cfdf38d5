import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import type { CreateCommand, CreateResult, DecideResult } from '../../src/remediation/service';
import type { RemediationRequest } from '../../src/remediation/types';
import {
  IDS,
  PEOPLE,
  memberAsks,
  startDomainHarness,
  type DomainHarness,
} from './support/domain-harness';
import { badRequest } from './support/fake-directory-writer';

const HOUR = 3_600_000;

function requestOf(result: CreateResult): RemediationRequest {
  assert.ok('request' in result, JSON.stringify(result));
  return result.request;
}

async function askAndApprove(
  h: DomainHarness,
  command: Partial<CreateCommand>,
): Promise<Extract<DecideResult, { status: 'completed' }>> {
  const request = requestOf(await h.service.create(memberAsks(command)));
  const result = await h.service.approve({
    actor: PEOPLE.helpdesk,
    requestId: request.id,
    version: request.version,
  });
  assert.equal(result.status, 'completed', JSON.stringify(result));
  return result as Extract<DecideResult, { status: 'completed' }>;
}

describe('remediation actions', () => {
  let h: DomainHarness;
  beforeEach(() => {
    h = startDomainHarness();
  });

  describe('Temporary Access Pass', () => {
    it('is multi-use and short by default, within the tenant policy', async () => {
      const { request, tap } = await askAndApprove(h, {});
      assert.equal(request.state, 'succeeded');
      assert.ok(tap);
      assert.equal(tap.isUsableOnce, false);
      assert.equal(tap.lifetimeInMinutes, 60);
      assert.equal(h.writer.writesOf('createTap').length, 1);
      assert.match(
        request.outcome?.summary ?? '',
        /issued by Helpdesk Agent .* valid until .* \(multi-use\)/,
      );
    });

    it('is one-time use when asked for, also when the tenant allows nothing else', async () => {
      const asked = await askAndApprove(h, { inputs: { oneTimeUse: true } });
      assert.equal(asked.tap?.isUsableOnce, true);
      h.writer.taps.clear();
      h.writer.tapPolicy.isUsableOnce = true;
      const forced = await askAndApprove(h, {
        subjectId: IDS.outsider,
        actor: PEOPLE.helpdesk2,
        inputs: { oneTimeUse: true },
      });
      assert.equal(forced.tap?.isUsableOnce, true);
    });

    it('is never made one-time unasked when the tenant forces one-time passes', async () => {
      h.writer.tapPolicy.isUsableOnce = true;
      const result = await h.service.create({
        actor: PEOPLE.helpdesk,
        kind: 'issue-tap',
        subjectId: IDS.member,
        mode: 'request',
        inputs: {},
      });
      assert.equal(result.status, 'refused');
      assert.match(result.status === 'refused' ? result.message : '', /one-time passes only/);
      assert.equal(h.writer.writesOf('createTap').length, 0);
    });

    it("refuses a lifetime outside the tenant's bounds, when asked and again at approval", async () => {
      const long = await h.service.create(memberAsks({ inputs: { lifetimeMinutes: 2000 } }));
      assert.equal(long.status, 'refused');
      assert.match(
        long.status === 'refused' ? long.message : '',
        /allows a Temporary Access Pass of 60 to 480 minutes; 2000 minutes/,
      );
      const request = requestOf(
        await h.service.create(memberAsks({ inputs: { lifetimeMinutes: 240 } })),
      );
      h.writer.tapPolicy.maximumLifetimeInMinutes = 120;
      const result = await h.service.approve({
        actor: PEOPLE.helpdesk,
        requestId: request.id,
        version: 1,
      });
      const failed = result.status === 'completed' ? result.request : undefined;
      assert.equal(failed?.state, 'failed');
      assert.match(failed?.outcome?.summary ?? '', /60 to 120 minutes; 240 minutes/);
      assert.equal(h.writer.writesOf('createTap').length, 0);
      h.writer.tapPolicy.maximumLifetimeInMinutes = 480;
      const inside = await askAndApprove(h, {
        subjectId: IDS.outsider,
        actor: PEOPLE.helpdesk2,
        inputs: { lifetimeMinutes: 90 },
      });
      assert.equal(inside.tap?.lifetimeInMinutes, 90);
    });

    it('removes the pass the user already had before issuing the new one', async () => {
      h.writer.taps.set(IDS.member, { id: 'old-tap', code: 'OldCode1' });
      const { tap } = await askAndApprove(h, {});
      assert.deepEqual(
        h.writer.writes.map((w) => w.operation),
        ['deleteTap', 'createTap'],
      );
      assert.notEqual(tap?.code.reveal(), 'OldCode1');
      assert.equal(h.writer.taps.get(IDS.member)?.code, tap?.code.reveal());
    });

    it('is refused at approval time when the subject became a guest or an admin meanwhile', async () => {
      const request = requestOf(await h.service.create(memberAsks({})));
      const user = h.writer.users.get(IDS.member);
      assert.ok(user);
      user.roles = ['Helpdesk Administrator'];
      const result = await h.service.approve({
        actor: PEOPLE.helpdesk,
        requestId: request.id,
        version: 1,
      });
      const failed = result.status === 'completed' ? result.request : undefined;
      assert.equal(failed?.state, 'failed');
      assert.match(failed?.outcome?.summary ?? '', /administrator role/);
      assert.equal(h.writer.writes.length, 0);
    });

    it('never lets the code reach storage, the audit, the logs or any shared card', async () => {
      h.writer.taps.set(IDS.member, { id: 'old-tap', code: 'OldCode1' });
      const { tap, request } = await askAndApprove(h, {});
      const code = tap?.code.reveal() ?? '';
      assert.ok(code.length >= 8);
      const everywhere = [
        ...h.store.written,
        JSON.stringify(await h.audit.since(new Date('2026-11-22T00:00:00Z'))),
        JSON.stringify(h.logs),
        JSON.stringify(h.notifier.calls),
        JSON.stringify(request),
        JSON.stringify(tap),
        inspect(tap, { depth: 5 }),
        `${tap?.code}`,
      ].join('\n');
      assert.equal(everywhere.includes(code), false);
      assert.match(everywhere, /\[secret\]/);
    });
  });

  describe('password change', () => {
    it('sets the flag for a cloud user', async () => {
      const { request } = await askAndApprove(h, { kind: 'require-password-change' });
      assert.equal(request.state, 'succeeded');
      assert.ok(h.writer.passwordChangeRequired.has(IDS.member));
    });
  });

  describe('device sync', () => {
    it("syncs the user's own device and refuses someone else's", async () => {
      const { request } = await askAndApprove(h, { kind: 'sync-device', targetId: IDS.device });
      assert.equal(request.state, 'succeeded');
      assert.equal(h.writer.writesOf('syncDevice').length, 1);
      const other = await h.service.create(
        memberAsks({
          actor: PEOPLE.helpdesk,
          subjectId: IDS.outsider,
          kind: 'sync-device',
          targetId: IDS.device,
        }),
      );
      assert.equal(other.status, 'refused');
      assert.match(other.status === 'refused' ? other.message : '', /belongs to someone else/);
    });
  });

  describe('time-boxed Conditional Access exclusion', () => {
    it('adds the user to the exclusion group and schedules the removal durably', async () => {
      const { request } = await askAndApprove(h, {
        kind: 'ca-exclusion',
        targetId: IDS.caPolicy,
        inputs: { hours: 2 },
      });
      assert.equal(request.state, 'succeeded');
      assert.ok(h.writer.groups.get(IDS.exclusionGroup)?.members.has(IDS.member));
      assert.equal(request.outcome?.validUntil, '2026-11-22T11:00:00.000Z');
      const scheduled = await h.service.exclusions.get(IDS.exclusionGroup, IDS.member);
      assert.equal(scheduled?.exclusion.endsAt, '2026-11-22T11:00:00.000Z');
      assert.equal(scheduled?.exclusion.requestId, request.id);
    });

    it('is removed on time by a fresh instance, exactly once, and the card says so', async () => {
      const { request } = await askAndApprove(h, {
        kind: 'ca-exclusion',
        targetId: IDS.caPolicy,
        inputs: { hours: 2 },
      });
      h.clock.advance(2 * HOUR - 1);
      const restarted = h.anotherInstance();
      assert.equal((await restarted.sweep()).exclusionsEnded, 0);
      assert.ok(h.writer.groups.get(IDS.exclusionGroup)?.members.has(IDS.member));
      h.clock.advance(1);
      const [a, b] = await Promise.all([restarted.sweep(), h.anotherInstance().sweep()]);
      assert.equal(a.exclusionsEnded + b.exclusionsEnded, 1);
      assert.equal(h.writer.groups.get(IDS.exclusionGroup)?.members.has(IDS.member), false);
      assert.equal(h.writer.writesOf('removeGroupMember').length, 1);
      assert.equal(await h.service.exclusions.get(IDS.exclusionGroup, IDS.member), undefined);
      const after = await h.service.requests.get(request.id);
      assert.equal(after?.request.exclusionEndedAt, '2026-11-22T11:00:00.000Z');
      const events = (await h.audit.since(new Date('2026-11-22T00:00:00Z'))).map((e) => e.event);
      assert.equal(events.at(-1), 'exclusion-ended');
      assert.match(JSON.stringify(h.notifier.of('update').at(-1)?.card), /Exclusion ended/);
    });

    it('leaves a membership the bot did not create alone', async () => {
      h.writer.groups.get(IDS.exclusionGroup)?.members.add(IDS.member);
      const { request } = await askAndApprove(h, { kind: 'ca-exclusion', inputs: { hours: 1 } });
      assert.match(request.outcome?.summary ?? '', /already in CA Temporary Exclusions/);
      assert.equal(await h.service.exclusions.get(IDS.exclusionGroup, IDS.member), undefined);
      h.clock.advance(2 * HOUR);
      await h.service.sweep();
      assert.ok(h.writer.groups.get(IDS.exclusionGroup)?.members.has(IDS.member));
    });

    it('extends rather than shortens when asked again while excluded', async () => {
      await askAndApprove(h, { kind: 'ca-exclusion', inputs: { hours: 1 } });
      h.clock.advance(30 * 60_000);
      const second = await askAndApprove(h, { kind: 'ca-exclusion', inputs: { hours: 4 } });
      assert.equal(second.request.state, 'succeeded');
      const scheduled = await h.service.exclusions.get(IDS.exclusionGroup, IDS.member);
      assert.equal(scheduled?.exclusion.endsAt, '2026-11-22T13:30:00.000Z');
      h.clock.advance(HOUR);
      await h.service.sweep();
      assert.ok(h.writer.groups.get(IDS.exclusionGroup)?.members.has(IDS.member));
    });

    it('refuses a policy that does not exclude the temporary group', async () => {
      h.writer.policies.set(IDS.caPolicy, { displayName: 'Block legacy', excludeGroupIds: [] });
      const result = await h.service.create(
        memberAsks({ kind: 'ca-exclusion', targetId: IDS.caPolicy }),
      );
      assert.equal(result.status, 'refused');
      assert.match(result.status === 'refused' ? result.message : '', /never edits policies/);
    });

    it('keeps trying a removal that failed, on the next sweep', async () => {
      await askAndApprove(h, { kind: 'ca-exclusion', inputs: { hours: 1 } });
      h.clock.advance(HOUR);
      h.writer.failNext('removeGroupMember', badRequest('transient'));
      const first = await h.service.sweep();
      assert.equal(first.errors, 1);
      assert.ok(h.writer.groups.get(IDS.exclusionGroup)?.members.has(IDS.member));
      h.clock.advance(60_000);
      const second = await h.service.sweep();
      assert.equal(second.exclusionsEnded, 1);
      assert.equal(h.writer.groups.get(IDS.exclusionGroup)?.members.has(IDS.member), false);
    });
  });

  describe('SMS phone method', () => {
    it('adds the normalised mobile number', async () => {
      const { request } = await askAndApprove(h, {
        kind: 'add-sms-method',
        inputs: { phoneNumber: '+1 (206) 555-0100' },
      });
      assert.equal(request.state, 'succeeded');
      assert.equal(h.writer.phones.get(IDS.member), '+1 2065550100');
    });
  });

  describe('copy group members', () => {
    const source = '5b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
    const destination = '5b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4e';
    const ids = (n: number) =>
      Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

    async function copy(): Promise<RemediationRequest> {
      const request = requestOf(
        await h.service.create(
          memberAsks({
            actor: PEOPLE.helpdesk,
            kind: 'copy-group-members',
            subjectId: destination,
            targetId: source,
          }),
        ),
      );
      const result = await h.service.approve({
        actor: PEOPLE.helpdesk2,
        requestId: request.id,
        version: 1,
      });
      assert.equal(result.status, 'completed');
      return result.status === 'completed' ? result.request : request;
    }

    it('adds in batches of at most 20 and skips members already there', async () => {
      const members = ids(45);
      h.writer.addGroup(source, 'Pilot users', members);
      h.writer.addGroup(destination, 'TAP policy scope', members.slice(0, 3));
      const request = await copy();
      assert.equal(request.state, 'succeeded');
      assert.deepEqual(
        h.writer.writesOf('addGroupMembers').map((w) => w.target.split('+')[1]),
        ['20', '20', '2'],
      );
      assert.equal(h.writer.groups.get(destination)?.members.size, 45);
      assert.match(request.outcome?.summary ?? '', /42 members were added .* 3 already belonged/);
    });

    it('falls back to one by one when a batch meets a member added meanwhile', async () => {
      const members = ids(5);
      h.writer.addGroup(source, 'Pilot users', members);
      h.writer.addGroup(destination, 'TAP policy scope');
      h.writer.failNext(
        'addGroupMembers',
        badRequest('One or more added object references already exist'),
      );
      h.writer.groups.get(destination)?.members.add(members[2]);
      const request = await copy();
      assert.equal(request.state, 'succeeded');
      assert.equal(h.writer.groups.get(destination)?.members.size, 5);
      assert.match(request.outcome?.summary ?? '', /4 members were added .*; 1 already belonged/);
    });

    it('is a no-op when run again', async () => {
      h.writer.addGroup(source, 'Pilot users', ids(3));
      h.writer.addGroup(destination, 'TAP policy scope', ids(3));
      const request = await copy();
      assert.match(request.outcome?.summary ?? '', /0 members were added .*; 3 already belonged/);
      assert.equal(h.writer.writesOf('addGroupMembers').length, 0);
    });
  });
});
