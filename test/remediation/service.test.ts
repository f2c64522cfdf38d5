import assert from 'node:assert/strict';
import { OfferBook } from '../../src/remediation/offer-book';
import type { RemediationRequest } from '../../src/remediation/types';
import type { CreateCommand, RemediationService } from '../../src/remediation/service';
import { badRequest, unavailable } from './support/fake-directory-writer';
import {
  IDS,
  MEMBER_CHAT,
  PEOPLE,
  memberAsks,
  startDomainHarness,
  type DomainHarness,
} from './support/domain-harness';

const HOUR = 3_600_000;

async function created(
  service: RemediationService,
  command: CreateCommand,
): Promise<RemediationRequest> {
  const result = await service.create(command);
  assert.equal(result.status, 'created', JSON.stringify(result));
  if (result.status !== 'created') throw new Error('unreachable');
  return result.request;
}

async function auditEvents(h: DomainHarness): Promise<string[]> {
  const entries = await h.audit.since(new Date('2026-01-01T00:00:00Z'));
  return entries.map((entry) => entry.event);
}

function cardJson(h: DomainHarness): string {
  return JSON.stringify(h.notifier.calls.map((call) => call.card));
}

describe('remediation service', () => {
  let h: DomainHarness;
  beforeEach(() => {
    h = startDomainHarness();
  });

  describe('asking for a fix', () => {
    it('stores a pending request, audits it and posts the approval card to the helpdesk channel', async () => {
      const request = await created(h.service, memberAsks());
      assert.equal(request.state, 'pending');
      assert.equal(request.version, 1);
      assert.equal(request.subject.name, 'Demo User');
      assert.equal(request.expiresAt, '2026-11-22T10:00:00.000Z');
      const stored = await h.service.requests.get(request.id);
      assert.equal(stored?.request.channelCard?.activityId, 'activity-1');
      assert.deepEqual(await auditEvents(h), ['requested']);
      const [post] = h.notifier.of('post');
      assert.deepEqual(post.view?.approverGroupIds, [IDS.helpdeskGroup]);
      assert.deepEqual(post.view?.refreshData, { v: 1, requestId: request.id, version: 1 });
      // Everyone in the channel sees Review only; the decision buttons come in the approver view.
      assert.match(JSON.stringify(post.card), /request\.refresh/);
      assert.doesNotMatch(JSON.stringify(post.card), /request\.approve/);
      assert.equal(h.writer.writes.length, 0);
    });

    it('keeps trying to post the approval card when the channel could not be reached', async () => {
      h.notifier.failWith = new Error('connector down');
      const result = await h.service.create(memberAsks());
      assert.equal(result.status === 'created' && result.channel, 'failed');
      h.notifier.failWith = undefined;
      await h.service.sweep();
      assert.equal(h.notifier.of('post').length, 0, 'not while the request is moments old');
      h.clock.advance(30_000);
      await h.service.sweep();
      assert.equal(h.notifier.of('post').length, 1);
      const id = result.status === 'created' ? result.request.id : '';
      assert.equal(
        (await h.service.requests.get(id))?.request.channelCard?.activityId,
        'activity-1',
      );
      await h.service.sweep();
      assert.equal(h.notifier.of('post').length, 1, 'posted once');
    });

    it('says when no helpdesk channel is set up', async () => {
      h.notifier.channelConfigured = false;
      const result = await h.service.create(memberAsks());
      assert.equal(result.status === 'created' && result.channel, 'not-configured');
    });

    it('shows a request only to the helpdesk and the people it concerns', async () => {
      const request = await created(h.service, memberAsks());
      const outsider = await h.service.view(PEOPLE.outsider, request.id);
      assert.equal(outsider.status, 'denied');
      const requester = await h.service.view(PEOPLE.member, request.id);
      assert.equal(requester.status === 'ok' && requester.view.viewer, 'requester');
      const approver = await h.service.view(PEOPLE.helpdesk, request.id);
      assert.equal(approver.status === 'ok' && approver.view.viewer, 'approver');
    });

    it("carries diagnosis's own reason, remembered server-side when the card was shown", async () => {
      const book = new OfferBook(h.store, h.clock);
      await book.remember([
        { kind: 'issue-tap', subjectId: IDS.member, reason: 'No usable MFA method is registered.' },
      ]);
      const service = h.anotherInstance({ offers: book });
      const request = await created(service, memberAsks());
      assert.equal(request.reason, 'No usable MFA method is registered.');
      const other = await created(service, memberAsks({ kind: 'revoke-sessions' }));
      assert.match(other.reason, /sign the user out everywhere/);
      const strict = h.anotherInstance({
        offers: new OfferBook(h.store, h.clock, { strict: true }),
      });
      const refused = await strict.create(memberAsks({ kind: 'dismiss-risk' }));
      assert.equal(refused.status, 'refused');
      h.clock.advance(25 * 60 * 60_000);
      const stale = await strict.create(memberAsks({ kind: 'issue-tap', subjectId: IDS.member }));
      assert.equal(stale.status, 'refused');
    });

    it("shows the requester's note to the approver", async () => {
      const request = await created(h.service, memberAsks({ note: 'Lost my phone on the train' }));
      assert.equal(request.note, 'Lost my phone on the train');
      assert.match(JSON.stringify(h.notifier.of('post')[0].card), /Lost my phone on the train/);
    });

    it('lets an end user ask only for their own account', async () => {
      const result = await h.service.create(memberAsks({ subjectId: IDS.outsider }));
      assert.equal(result.status, 'denied');
      assert.equal(result.status === 'denied' && result.reason, 'not-self');
      assert.deepEqual(await auditEvents(h), ['refused'], 'the refusal is recorded, nothing else');
    });

    it('keeps helpdesk-only fixes away from end users', async () => {
      const result = await h.service.create(
        memberAsks({ kind: 'copy-group-members', subjectId: IDS.member, targetId: IDS.allStaff }),
      );
      assert.equal(result.status === 'denied' && result.reason, 'not-self-service');
    });

    it('lets a helpdesk member ask for a fix for anyone', async () => {
      const request = await created(
        h.service,
        memberAsks({ actor: PEOPLE.helpdesk, subjectId: IDS.member, kind: 'revoke-sessions' }),
      );
      assert.equal(request.requester.id, IDS.helpdesk);
      assert.equal(request.subject.id, IDS.member);
    });

    it('gives a double click the same request instead of a second one', async () => {
      const [a, b] = await Promise.all([
        h.service.create(memberAsks()),
        h.service.create(memberAsks()),
      ]);
      const statuses = [a.status, b.status].sort();
      assert.deepEqual(statuses, ['created', 'duplicate']);
      const ids = [a, b].map((r) => ('request' in r ? r.request.id : ''));
      assert.equal(ids[0], ids[1]);
      assert.equal(h.notifier.of('post').length, 1);
    });

    it('refuses up front what would certainly fail: a pass for a guest, for an admin, a protected account', async () => {
      const guest = await h.service.create(
        memberAsks({ actor: PEOPLE.helpdesk, subjectId: IDS.guest }),
      );
      assert.equal(guest.status, 'refused');
      assert.match(guest.status === 'refused' ? guest.message : '', /guest/);
      const admin = await h.service.create(
        memberAsks({ actor: PEOPLE.helpdesk, subjectId: IDS.admin }),
      );
      assert.match(admin.status === 'refused' ? admin.message : '', /administrator role/);
      const breakGlass = await h.service.create(
        memberAsks({ actor: PEOPLE.helpdesk, subjectId: IDS.breakGlass, kind: 'revoke-sessions' }),
      );
      assert.equal(breakGlass.status === 'denied' && breakGlass.reason, 'protected-subject');
      assert.equal(h.writer.writes.length, 0);
    });

    it('explains the on-premises route for a synced user', async () => {
      const result = await h.service.create(
        memberAsks({
          actor: PEOPLE.helpdesk,
          subjectId: IDS.synced,
          kind: 'require-password-change',
        }),
      );
      assert.equal(result.status, 'refused');
      assert.match(result.status === 'refused' ? result.message : '', /on-premises directory/);
    });

    it('validates and normalises an SMS number, and masks it on the shared card', async () => {
      const bad = await h.service.create(
        memberAsks({ kind: 'add-sms-method', inputs: { phoneNumber: '0207 946 0000' } }),
      );
      assert.equal(bad.status, 'invalid');
      const request = await created(
        h.service,
        memberAsks({ kind: 'add-sms-method', inputs: { phoneNumber: '+44 (0)7700-900123' } }),
      );
      assert.deepEqual(request.params, { kind: 'add-sms-method', phoneNumber: '+44 7700900123' });
      assert.doesNotMatch(cardJson(h), /7700900123/);
      assert.match(cardJson(h), /0123/);
    });
  });

  describe('approving', () => {
    it('runs the fix once, records every step and tells everyone', async () => {
      const request = await created(h.service, memberAsks({ kind: 'revoke-sessions' }));
      const result = await h.service.approve({
        actor: PEOPLE.helpdesk,
        requestId: request.id,
        version: 1,
      });
      assert.equal(result.status, 'completed');
      const done = result.status === 'completed' ? result.request : undefined;
      assert.equal(done?.state, 'succeeded');
      assert.equal(done?.version, 4);
      assert.equal(done?.decision?.by.id, IDS.helpdesk);
      assert.deepEqual(done?.outcome?.graphRequestIds, ['fake-request-1']);
      assert.ok(h.writer.revoked.has(IDS.member));
      assert.equal(h.writer.writes.length, 1);
      assert.deepEqual(await auditEvents(h), [
        'requested',
        'approved',
        'execution-started',
        'succeeded',
      ]);
      const update = h.notifier.of('update').at(-1);
      assert.equal(update?.posted?.activityId, 'activity-1');
      assert.equal(update?.view, undefined, 'a settled card offers no approver view');
      assert.match(JSON.stringify(update?.card), /Done: approved by Helpdesk Agent/);
      const [told] = h.notifier.of('chat');
      assert.deepEqual(told.address, MEMBER_CHAT);
      assert.match(JSON.stringify(told.card), /signed out everywhere/);
    });

    it('executes one Graph write when approvers click at the same moment', async () => {
      h.writer.latencyMs = 5;
      const request = await created(h.service, memberAsks({ kind: 'dismiss-risk' }));
      const other = h.anotherInstance();
      const clicks = [
        h.service.approve({ actor: PEOPLE.helpdesk, requestId: request.id, version: 1 }),
        other.approve({ actor: PEOPLE.helpdesk2, requestId: request.id, version: 1 }),
        h.service.approve({ actor: PEOPLE.helpdesk, requestId: request.id, version: 1 }),
        other.approve({ actor: PEOPLE.helpdesk2, requestId: request.id, version: 1 }),
      ];
      const results = await Promise.all(clicks);
      assert.equal(results.filter((r) => r.status === 'completed').length, 1);
      assert.ok(results.every((r) => ['completed', 'conflict', 'denied'].includes(r.status)));
      assert.equal(h.writer.writesOf('dismissRisk').length, 1);
      assert.equal((await auditEvents(h)).filter((e) => e === 'approved').length, 1);
    });

    it('answers a replayed click after completion without acting again', async () => {
      const request = await created(h.service, memberAsks({ kind: 'revoke-sessions' }));
      await h.service.approve({ actor: PEOPLE.helpdesk, requestId: request.id, version: 1 });
      const replay = await h.service.approve({
        actor: PEOPLE.helpdesk,
        requestId: request.id,
        version: 1,
      });
      assert.equal(replay.status, 'denied');
      assert.equal(replay.status === 'denied' && replay.reason, 'not-pending');
      assert.match(replay.status === 'denied' ? replay.message : '', /already succeeded/);
      assert.equal(h.writer.writes.length, 1);
    });

    it('refuses self-approval, and audits the attempt', async () => {
      const request = await created(
        h.service,
        memberAsks({ actor: PEOPLE.helpdesk, subjectId: IDS.member, kind: 'revoke-sessions' }),
      );
      const result = await h.service.approve({
        actor: PEOPLE.helpdesk,
        requestId: request.id,
        version: 1,
      });
      assert.equal(result.status === 'denied' && result.reason, 'self-approval');
      assert.equal((await h.service.requests.get(request.id))?.request.state, 'pending');
      assert.equal(h.writer.writes.length, 0);
      assert.deepEqual(await auditEvents(h), ['requested', 'denied']);
    });

    it('refuses an approver deciding on a fix for their own account', async () => {
      const request = await created(
        h.service,
        memberAsks({ actor: PEOPLE.helpdesk2, subjectId: IDS.helpdesk, kind: 'revoke-sessions' }),
      );
      const result = await h.service.approve({
        actor: PEOPLE.helpdesk,
        requestId: request.id,
        version: 1,
      });
      assert.equal(result.status === 'denied' && result.reason, 'own-fix');
      assert.equal(h.writer.writes.length, 0);
    });

    it('refuses someone outside the approver group', async () => {
      const request = await created(h.service, memberAsks({ kind: 'revoke-sessions' }));
      const result = await h.service.approve({
        actor: PEOPLE.outsider,
        requestId: request.id,
        version: 1,
      });
      assert.equal(result.status === 'denied' && result.reason, 'not-approver');
      assert.equal((await h.service.requests.get(request.id))?.request.state, 'pending');
      assert.equal(h.writer.writes.length, 0);
    });

    it('answers an unknown or forged request id with nothing done', async () => {
      const result = await h.service.approve({
        actor: PEOPLE.helpdesk,
        requestId: 'rq-000000000-ffffffffffffffff',
        version: 1,
      });
      assert.deepEqual(result, { status: 'unknown' });
      assert.equal(h.writer.writes.length, 0);
    });

    it('refuses a click from a card older than the request', async () => {
      const request = await created(h.service, memberAsks({ kind: 'revoke-sessions' }));
      const result = await h.service.approve({
        actor: PEOPLE.helpdesk,
        requestId: request.id,
        version: 7,
      });
      assert.equal(result.status === 'denied' && result.reason, 'stale-card');
      assert.equal(h.writer.writes.length, 0);
    });

    it('loses a storage race cleanly: the other writer wins and nothing runs here', async () => {
      const request = await created(h.service, memberAsks({ kind: 'revoke-sessions' }));
      h.store.beforeReplace = async () => {
        // Another instance cancels the request between this one's read and its write.
        const other = h.anotherInstance();
        const cancelled = await other.cancel({
          actor: PEOPLE.member,
          requestId: request.id,
          version: 1,
        });
        assert.equal(cancelled.status, 'cancelled');
      };
      const result = await h.service.approve({
        actor: PEOPLE.helpdesk,
        requestId: request.id,
        version: 1,
      });
      assert.equal(result.status, 'conflict');
      assert.equal(result.status === 'conflict' && result.request.state, 'cancelled');
      assert.match(result.status === 'conflict' ? result.message : '', /Nothing was done twice/);
      assert.equal(h.writer.writes.length, 0);
    });

    it('surfaces storage being down instead of acting without a record', async () => {
      const request = await created(h.service, memberAsks({ kind: 'revoke-sessions' }));
      h.memory.simulateOutage(true);
      await assert.rejects(
        h.service.approve({ actor: PEOPLE.helpdesk, requestId: request.id, version: 1 }),
        { code: 'store-unavailable' },
      );
      assert.equal(h.writer.writes.length, 0);
    });
  });

  describe('rejecting and cancelling', () => {
    it('needs a reason to reject, then tells the requester why', async () => {
      const request = await created(h.service, memberAsks());
      const blank = await h.service.reject({
        actor: PEOPLE.helpdesk,
        requestId: request.id,
        version: 1,
        reason: '  ',
      });
      assert.equal(blank.status, 'invalid');
      const result = await h.service.reject({
        actor: PEOPLE.helpdesk,
        requestId: request.id,
        version: 1,
        reason: 'Please call the service desk first.',
      });
      assert.equal(result.status, 'rejected');
      assert.equal(h.writer.writes.length, 0);
      assert.match(JSON.stringify(h.notifier.of('chat')[0].card), /call the service desk first/);
      assert.deepEqual(await auditEvents(h), ['requested', 'rejected']);
    });

    it("brings the requester's waiting card up to date when the request ends", async () => {
      const request = await created(h.service, memberAsks({ kind: 'revoke-sessions' }));
      const waiting = { address: MEMBER_CHAT, activityId: 'member-card-1' };
      await h.service.recordRequesterCard(request.id, waiting);
      await h.service.reject({
        actor: PEOPLE.helpdesk,
        requestId: request.id,
        version: 1,
        reason: 'Not needed',
      });
      const edit = h.notifier.of('update').find((c) => c.posted?.activityId === 'member-card-1');
      assert.ok(edit, 'the waiting card was edited');
      assert.match(JSON.stringify(edit.card), /Rejected by Helpdesk Agent/);
      assert.doesNotMatch(JSON.stringify(edit.card), /request\.cancel/);
    });

    it('lets only the requester cancel, while pending', async () => {
      const request = await created(h.service, memberAsks());
      const other = await h.service.cancel({
        actor: PEOPLE.helpdesk,
        requestId: request.id,
        version: 1,
      });
      assert.equal(other.status === 'denied' && other.reason, 'not-requester');
      const own = await h.service.cancel({
        actor: PEOPLE.member,
        requestId: request.id,
        version: 1,
      });
      assert.equal(own.status, 'cancelled');
      assert.equal(h.notifier.of('chat').length, 0, 'the requester cancelled it themselves');
      const approve = await h.service.approve({
        actor: PEOPLE.helpdesk,
        requestId: request.id,
        version: 2,
      });
      assert.equal(approve.status === 'denied' && approve.reason, 'not-pending');
    });
  });

  describe('expiry', () => {
    it('expires a request when it is read after its time, and refuses to approve it', async () => {
      const request = await created(h.service, memberAsks());
      h.clock.advance(HOUR);
      const result = await h.service.approve({
        actor: PEOPLE.helpdesk,
        requestId: request.id,
        version: 1,
      });
      assert.equal(result.status, 'denied');
      assert.equal(result.status === 'denied' && result.request.state, 'expired');
      assert.equal(h.writer.writes.length, 0);
      assert.deepEqual(await auditEvents(h), ['requested', 'expired', 'denied']);
      assert.match(JSON.stringify(h.notifier.of('update')[0].card), /Expired without a decision/);
      assert.match(JSON.stringify(h.notifier.of('chat')[0].card), /Expired/);
    });

    it('lets the sweeper expire requests nobody looks at, once across instances', async () => {
      await created(h.service, memberAsks());
      await created(h.service, memberAsks({ kind: 'revoke-sessions' }));
      h.clock.advance(59 * 60_000);
      assert.equal((await h.service.sweep()).expired, 0);
      h.clock.advance(60_000);
      const [a, b] = await Promise.all([h.service.sweep(), h.anotherInstance().sweep()]);
      assert.equal(a.expired + b.expired, 2);
      assert.equal((await auditEvents(h)).filter((e) => e === 'expired').length, 2);
    });

    it('settles requests an instance stopped in the middle of from the tenant, never re-running them', async () => {
      const request = await created(h.service, memberAsks({ kind: 'revoke-sessions' }));
      const stored = await h.service.requests.get(request.id);
      assert.ok(stored);
      // Simulate a crash right after the executing claim was stored.
      const executing = {
        ...stored.request,
        state: 'executing' as const,
        version: 3,
        startedAt: h.clock.now().toISOString(),
      };
      await h.service.requests.replace(executing, stored.etag);
      h.clock.advance(16 * 60_000);
      const report = await h.service.sweep();
      assert.equal(report.interrupted, 1);
      const after = (await h.service.requests.get(request.id))?.request;
      assert.equal(after?.state, 'failed');
      assert.equal(after?.outcome?.errorCode, 'needs-review', 'sign-outs cannot be read back');
      assert.match(after?.outcome?.summary ?? '', /cannot show whether it took effect/);
      assert.equal(h.writer.writes.length, 0, 'the fix was not run again');
    });
  });

  describe('failures while running', () => {
    it('records a Graph failure as failed, with the request id, a clear card and an audit entry', async () => {
      const request = await created(h.service, memberAsks({ kind: 'dismiss-risk' }));
      h.writer.failNext('dismissRisk', unavailable());
      const result = await h.service.approve({
        actor: PEOPLE.helpdesk,
        requestId: request.id,
        version: 1,
      });
      assert.equal(result.status, 'completed');
      const failed = result.status === 'completed' ? result.request : undefined;
      assert.equal(failed?.state, 'failed');
      assert.equal(failed?.outcome?.errorCode, 'graph-unavailable');
      assert.deepEqual(failed?.outcome?.graphRequestIds, ['fake-503']);
      assert.deepEqual(await auditEvents(h), [
        'requested',
        'approved',
        'execution-started',
        'failed',
      ]);
      const card = JSON.stringify(h.notifier.of('update').at(-1)?.card);
      assert.match(card, /Failed: Microsoft Graph did not answer properly/);
      assert.match(card, /fake-503/);
      assert.ok(h.logs.some((l) => l.event === 'remediation.execution-failed'));
    });

    it('says what was already changed when a pass was removed but the new one failed', async () => {
      h.writer.taps.set(IDS.member, { id: 'old-tap', code: 'OldCode1' });
      const request = await created(h.service, memberAsks());
      h.writer.failNext('createTap', badRequest('policy refused'));
      const result = await h.service.approve({
        actor: PEOPLE.helpdesk,
        requestId: request.id,
        version: 1,
      });
      const failed = result.status === 'completed' ? result.request : undefined;
      assert.equal(failed?.state, 'failed');
      assert.match(
        failed?.outcome?.partial ?? '',
        /already had was removed; no new pass was issued/,
      );
      assert.equal(h.writer.taps.has(IDS.member), false);
    });
  });

  describe("a pass on the approver's screen", () => {
    it('holds the channel edit until the approver has had time, then one sweep makes it, also after a restart', async () => {
      const request = await created(h.service, memberAsks());
      const result = await h.service.approve({
        actor: PEOPLE.helpdesk,
        requestId: request.id,
        version: 1,
      });
      assert.equal(result.status === 'completed' && result.request.state, 'succeeded');
      assert.ok(result.status === 'completed' && result.tap, 'the approver gets the pass');
      assert.equal(h.notifier.of('update').length, 0, 'the shared card is left alone at first');
      assert.equal(h.notifier.of('chat').length, 1, 'the requester is told at once');
      const stored = await h.service.requests.get(request.id);
      const due = stored?.request.channelEditDueAt;
      assert.ok(due, 'the held edit is recorded with the request');
      const seconds = h.policy.tap.approverViewSeconds ?? 120;
      assert.equal(Date.parse(due ?? '') - h.clock.now().getTime(), seconds * 1000);

      // Not yet due: a sweep leaves the card alone.
      await h.service.sweep();
      assert.equal(h.notifier.of('update').length, 0);

      // Due, and the instance that approved is gone: two fresh instances sweep at once.
      h.clock.advance(seconds * 1000);
      const [first, second] = await Promise.all([
        h.anotherInstance().sweep(),
        h.anotherInstance().sweep(),
      ]);
      assert.equal(first.channelEdits + second.channelEdits, 1);
      const [update] = h.notifier.of('update');
      assert.match(JSON.stringify(update.card), /Temporary Access Pass issued by Helpdesk Agent/);
      assert.equal(h.notifier.of('chat').length, 1, 'the requester is not told twice');
      assert.equal((await h.service.requests.get(request.id))?.request.channelEditDueAt, undefined);
      await h.service.sweep();
      assert.equal(h.notifier.of('update').length, 1, 'made once');
    });
  });

  describe('running directly', () => {
    it('lets a helpdesk approver run a fix for someone else at once, still audited', async () => {
      const result = await h.service.create(
        memberAsks({
          actor: PEOPLE.helpdesk,
          subjectId: IDS.member,
          mode: 'run',
          kind: 'revoke-sessions',
        }),
      );
      assert.equal(result.status, 'completed');
      assert.equal(result.status === 'completed' && result.request.mode, 'direct');
      assert.equal(h.writer.writes.length, 1);
      assert.deepEqual(await auditEvents(h), [
        'requested',
        'approved',
        'execution-started',
        'succeeded',
      ]);
      assert.match(JSON.stringify(h.notifier.of('post')[0].card), /run directly by Helpdesk Agent/);
    });

    it('does not let an approver run a fix for their own account, nor an end user run anything', async () => {
      const own = await h.service.create(
        memberAsks({ actor: PEOPLE.helpdesk, subjectId: IDS.helpdesk, mode: 'run' }),
      );
      assert.equal(own.status === 'denied' && own.reason, 'own-fix');
      const user = await h.service.create(memberAsks({ mode: 'run' }));
      assert.equal(user.status === 'denied' && user.reason, 'not-approver');
      assert.equal(h.writer.writes.length, 0);
    });
  });
});
