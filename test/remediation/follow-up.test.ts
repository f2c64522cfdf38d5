import assert from 'node:assert/strict';
import { MemoryJournal } from '../../src/remediation/outbox';
import type { CreateCommand, RemediationService } from '../../src/remediation/service';
import type { RemediationRequest } from '../../src/remediation/types';
import { StoreUnavailableError } from '../../src/errors';
import { IDS, MEMBER_CHAT, PEOPLE, startDomainHarness } from './support/domain-harness';

/**
 * What follows a decision: the outcome, its audit entry and the notices go through the outbox
 * (retried until done, each notice on its own), and a run no instance finished is settled from
 * what the tenant shows, never run again.
 */

function ask(kind: CreateCommand['kind'], extra: Partial<CreateCommand> = {}): CreateCommand {
  return {
    actor: PEOPLE.member,
    kind,
    subjectId: IDS.member,
    mode: 'request',
    inputs: {},
    chat: MEMBER_CHAT,
    ...extra,
  };
}

async function created(service: RemediationService, command: CreateCommand) {
  const result = await service.create(command);
  if (result.status !== 'created') throw new Error(JSON.stringify(result));
  return result.request;
}

/** Leaves a request as a stopped process would: `executing`, started `minutesAgo`. */
async function interrupted(
  h: ReturnType<typeof startDomainHarness>,
  request: RemediationRequest,
  minutesAgo: number,
): Promise<void> {
  const stored = await h.service.requests.get(request.id);
  assert.ok(stored);
  const startedAt = new Date(h.clock.now().getTime() - minutesAgo * 60_000).toISOString();
  await h.service.requests.replace(
    { ...stored.request, state: 'executing', version: 3, startedAt },
    stored.etag,
  );
}

async function auditOf(h: ReturnType<typeof startDomainHarness>, requestId: string) {
  return (await h.audit.since(new Date('2026-01-01T00:00:00Z'))).filter(
    (e) => e.requestId === requestId,
  );
}

describe('follow-up work after a decision', () => {
  it('keeps notices that failed and delivers each once when the channel is back', async () => {
    const h = startDomainHarness();
    const outbox = new MemoryJournal();
    const service = h.anotherInstance({ outbox });
    const request = await created(service, ask('revoke-sessions'));
    h.notifier.failWith = new Error('connector down');
    const result = await service.approve({
      actor: PEOPLE.helpdesk,
      requestId: request.id,
      version: 1,
    });
    assert.equal(result.status, 'completed');
    assert.equal((await service.requests.get(request.id))?.request.state, 'succeeded');
    const waiting = await outbox.list();
    assert.equal(waiting.length, 1, 'the notices wait in the outbox');
    assert.deepEqual(waiting[0].tell?.parts.sort(), ['channel', 'requester']);

    h.notifier.failWith = undefined;
    const before = h.notifier.calls.length;
    assert.deepEqual(await service.workOutbox(), { done: 0, waiting: 1 }, 'not before its pause');
    h.clock.advance(2_000);
    assert.deepEqual(await service.workOutbox(), { done: 1, waiting: 0 });
    const sent = h.notifier.calls.slice(before).map((c) => c.type);
    assert.deepEqual(sent.sort(), ['chat', 'update'], 'channel card edited, requester told, once');
    assert.equal((await outbox.list()).length, 0);
  });

  it('stores the outcome and its audit entry when storage answers again', async () => {
    const h = startDomainHarness();
    const outbox = new MemoryJournal();
    const service = h.anotherInstance({ outbox });
    const request = await created(service, ask('revoke-sessions'));
    // Storage fails from the moment the fix has been made until the test brings it back.
    const original = h.writer.revokeSessions.bind(h.writer);
    h.writer.revokeSessions = async (userId) => {
      const receipt = await original(userId);
      h.store.failWith = new StoreUnavailableError('storage stopped');
      return receipt;
    };
    const result = await service.approve({
      actor: PEOPLE.helpdesk,
      requestId: request.id,
      version: 1,
    });
    assert.equal(result.status, 'completed', 'the approver hears the result');
    if (result.status === 'completed') assert.equal(result.request.state, 'succeeded');
    h.store.failWith = undefined;
    assert.equal((await service.requests.get(request.id))?.request.state, 'executing');
    assert.ok(!(await auditOf(h, request.id)).some((e) => e.event === 'succeeded'));

    h.clock.advance(2_000);
    await service.workOutbox();
    assert.equal((await service.requests.get(request.id))?.request.state, 'succeeded');
    const events = (await auditOf(h, request.id)).map((e) => e.event);
    assert.equal(events.filter((e) => e === 'succeeded').length, 1, 'one success entry');
    assert.equal(h.writer.writesOf('revokeSessions').length, 1, 'the fix ran once');
  });
});

describe('runs no instance finished', () => {
  it('records a pass request as not done when the user has no pass', async () => {
    const h = startDomainHarness();
    const request = await created(h.service, ask('issue-tap'));
    await interrupted(h, request, 5);
    assert.equal(await h.service.reconcileInterrupted(60_000), 1);
    const after = (await h.service.requests.get(request.id))?.request;
    assert.equal(after?.state, 'failed');
    assert.equal(after?.outcome?.errorCode, 'interrupted');
    assert.match(after?.outcome?.summary ?? '', /no Temporary Access Pass/);
    const audit = await auditOf(h, request.id);
    assert.equal(audit.at(-1)?.event, 'failed');
    assert.equal(audit.at(-1)?.actorId, 'system');
    assert.equal(h.writer.writes.length, 0, 'no pass was issued now');
  });

  it('asks for a review when a pass exists whose code nobody saw', async () => {
    const h = startDomainHarness();
    const request = await created(h.service, ask('issue-tap'));
    h.writer.taps.set(IDS.member, { id: 'tap-1', code: 'unseen-code-1234' });
    await interrupted(h, request, 5);
    await h.service.reconcileInterrupted(60_000);
    const after = (await h.service.requests.get(request.id))?.request;
    assert.equal(after?.outcome?.errorCode, 'needs-review');
    assert.match(after?.outcome?.summary ?? '', /code was never shown/);
    assert.doesNotMatch(JSON.stringify([after, await auditOf(h, request.id)]), /unseen-code-1234/);
    assert.ok(
      h.notifier.calls.some(
        (c) => c.type === 'update' && /review|never shown/i.test(JSON.stringify(c.card)),
      ),
      'the helpdesk card says so',
    );
  });

  it('records an exclusion the directory shows as done', async () => {
    const h = startDomainHarness();
    const request = await created(
      h.service,
      ask('ca-exclusion', { actor: PEOPLE.helpdesk, inputs: { hours: 4 } }),
    );
    const endsAt = new Date(h.clock.now().getTime() + 4 * 3_600_000).toISOString();
    await h.service.exclusions.schedule({
      groupId: IDS.exclusionGroup,
      userId: IDS.member,
      endsAt,
      requestId: request.id,
    });
    h.writer.groups.get(IDS.exclusionGroup)?.members.add(IDS.member);
    await interrupted(h, request, 5);
    await h.service.reconcileInterrupted(60_000);
    const after = (await h.service.requests.get(request.id))?.request;
    assert.equal(after?.state, 'succeeded');
    assert.equal((await auditOf(h, request.id)).at(-1)?.event, 'succeeded');
  });

  it('leaves runs that may still be going, and runs whose outcome this instance holds', async () => {
    const h = startDomainHarness();
    const outbox = new MemoryJournal();
    const service = h.anotherInstance({ outbox });
    const recent = await created(service, ask('revoke-sessions'));
    const held = await created(service, ask('issue-tap'));
    await interrupted(h, recent, 0);
    await interrupted(h, held, 5);
    await outbox.keep({
      id: `${held.id}~executed~4`,
      requestId: held.id,
      finish: {
        type: 'succeed',
        at: h.clock.now().toISOString(),
        outcome: { summary: 'done', graphRequestIds: [] },
      },
      audit: [],
      attempts: 1,
      nextAt: h.clock.now().toISOString(),
    });
    assert.equal(await service.reconcileInterrupted(60_000), 0);
    assert.equal((await service.requests.get(recent.id))?.request.state, 'executing');
  });
});

describe('refused clicks in the audit', () => {
  it('records each refusal once with its reason: no right, own request, stale card, expired', async () => {
    const h = startDomainHarness();
    const request = await created(h.service, ask('revoke-sessions'));
    const decide = (actor: typeof PEOPLE.member, version = 1) =>
      h.service.approve({ actor, requestId: request.id, version });
    await decide(PEOPLE.outsider);
    await decide(PEOPLE.member);
    await decide(PEOPLE.helpdesk, 0);
    h.clock.advance(2 * 3_600_000);
    await decide(PEOPLE.helpdesk);
    const refusals = (await auditOf(h, request.id)).filter((e) => e.event === 'denied');
    assert.deepEqual(
      refusals.map((e) => e.errorCode),
      ['not-approver', 'self-approval', 'stale-card', 'expired'],
    );
    assert.ok(refusals.every((e) => e.summary.length > 0 && e.actorId));
  });

  it('records a fix asked for with input out of range, without running anything', async () => {
    const h = startDomainHarness();
    const result = await h.service.create(
      ask('ca-exclusion', { actor: PEOPLE.helpdesk, inputs: { hours: 10_000 } }),
    );
    assert.notEqual(result.status, 'created');
    const entries = await h.audit.since(new Date('2026-01-01T00:00:00Z'));
    assert.equal(entries.length, 1);
    assert.equal(entries[0].event, 'refused');
    assert.equal(entries[0].actorId, IDS.helpdesk);
    assert.match(entries[0].errorCode ?? '', /^request-/);
    assert.equal(h.writer.writes.length, 0);
  });
});
