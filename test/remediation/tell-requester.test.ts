import assert from 'node:assert/strict';
import { newItem, MemoryJournal } from '../../src/remediation/outbox';
import type { CreateCommand, RemediationService } from '../../src/remediation/service';
import { howToTellRequester } from '../../src/remediation/tell-requester';
import type { ChatAddress, PostedCard, RemediationRequest } from '../../src/remediation/types';
import { unavailable } from './support/fake-directory-writer';
import {
  IDS,
  MEMBER_CHAT,
  PEOPLE,
  startDomainHarness,
  type DomainHarness,
} from './support/domain-harness';
import type { NotifierCall } from './support/recording-notifier';

/**
 * The requester hears how their request ended in one place: the card they got when asking is
 * brought up to date, and nothing else is sent; a short notice goes to their chat only when that
 * card cannot show it (none recorded, in another conversation, or the edit refused).
 */

const HOUR = 3_600_000;
const WAITING: PostedCard = { address: MEMBER_CHAT, activityId: 'member-card-1' };
const GROUP_CHAT: ChatAddress = {
  channelId: 'msteams',
  serviceUrl: 'http://connector.test/',
  conversationId: '19:sign-in-help@thread.v2',
  conversationType: 'groupChat',
};

function ask(extra: Partial<CreateCommand> = {}): CreateCommand {
  return {
    actor: PEOPLE.member,
    kind: 'issue-tap',
    subjectId: IDS.member,
    mode: 'request',
    inputs: {},
    chat: MEMBER_CHAT,
    ...extra,
  };
}

/** A pending request by the member whose waiting card went to `card` (none recorded: null). */
async function asked(
  service: RemediationService,
  extra: Partial<CreateCommand> = {},
  card: PostedCard | null = WAITING,
): Promise<RemediationRequest> {
  const result = await service.create(ask(extra));
  if (result.status !== 'created') throw new Error(JSON.stringify(result));
  if (card) await service.recordRequesterCard(result.request.id, card);
  return result.request;
}

/** What reached the member: edits of their waiting card and messages in their chat. */
function toMember(h: DomainHarness): NotifierCall[] {
  return h.notifier.calls.filter(
    (c) =>
      (c.type === 'update' && c.posted?.address.conversationType !== 'channel') ||
      c.type === 'chat',
  );
}

function text(call: NotifierCall | undefined): string {
  return JSON.stringify(call?.card ?? {});
}

async function auditEvents(h: DomainHarness, requestId: string): Promise<string[]> {
  return (await h.audit.since(new Date('2026-01-01T00:00:00Z')))
    .filter((e) => e.requestId === requestId)
    .map((e) => e.event);
}

describe('how the requester hears the end of a request', () => {
  describe('the choice', () => {
    let base: RemediationRequest;
    before(async () => {
      const h = startDomainHarness();
      const request = await asked(h.service);
      base = {
        ...request,
        state: 'rejected',
        decision: { by: PEOPLE.helpdesk, at: request.createdAt, note: 'Not needed' },
      };
    });

    it('edits the waiting card in their chat, with the chat as the fallback', () => {
      assert.deepEqual(howToTellRequester({ ...base, requesterCard: WAITING }), {
        how: 'card',
        card: WAITING,
        fallback: MEMBER_CHAT,
      });
    });

    it('sends a notice when no card was recorded', () => {
      const { requesterCard: _none, ...noCard } = base;
      assert.deepEqual(howToTellRequester(noCard), {
        how: 'notice',
        to: MEMBER_CHAT,
        why: 'no-card',
      });
    });

    it('sends a notice to their chat when the card is in another conversation, and edits that card too', () => {
      const elsewhere = { address: GROUP_CHAT, activityId: 'group-card-1' };
      assert.deepEqual(howToTellRequester({ ...base, requesterCard: elsewhere }), {
        how: 'notice',
        to: MEMBER_CHAT,
        why: 'card-elsewhere',
        alsoCard: elsewhere,
      });
    });

    it('keeps the answer where they asked when that was a group chat: on the card, or beside it', () => {
      const card = { address: GROUP_CHAT, activityId: 'group-card-1' };
      assert.deepEqual(
        howToTellRequester({ ...base, requesterChat: GROUP_CHAT, requesterCard: card }),
        { how: 'card', card, fallback: GROUP_CHAT },
      );
      const { requesterCard: _none, ...noCard } = base;
      assert.deepEqual(howToTellRequester({ ...noCard, requesterChat: GROUP_CHAT }), {
        how: 'none',
      });
    });

    it('tells nobody while the request waits, or when the requester ended it themselves', () => {
      assert.deepEqual(howToTellRequester({ ...base, state: 'pending', decision: undefined }), {
        how: 'none',
      });
      const cancelled = {
        ...base,
        state: 'cancelled' as const,
        decision: { by: PEOPLE.member, at: base.createdAt },
      };
      assert.deepEqual(howToTellRequester(cancelled), { how: 'none' });
    });
  });

  describe('in one place, for every outcome', () => {
    let h: DomainHarness;
    beforeEach(() => {
      h = startDomainHarness();
    });

    const gated: Array<[string, Partial<CreateCommand>]> = [
      ['issue a pass', { kind: 'issue-tap' }],
      ['dismiss risk', { kind: 'dismiss-risk' }],
      ['revoke sessions', { kind: 'revoke-sessions' }],
      ['sync a device', { kind: 'sync-device', targetId: IDS.device }],
      [
        'exclude from a policy',
        { kind: 'ca-exclusion', targetId: IDS.caPolicy, inputs: { hours: 2 } },
      ],
      [
        'add an SMS phone method',
        { kind: 'add-sms-method', inputs: { phoneNumber: '+1 206 555 0100' } },
      ],
    ];
    for (const [name, extra] of gated) {
      it(`rejected (${name}): the waiting card shows it with the reason, and no message is sent`, async () => {
        const request = await asked(h.service, extra);
        const result = await h.service.reject({
          actor: PEOPLE.helpdesk,
          requestId: request.id,
          version: 1,
          reason: 'Please call the service desk first.',
        });
        assert.equal(result.status, 'rejected');
        const told = toMember(h);
        assert.deepEqual(
          told.map((c) => [c.type, c.posted?.activityId]),
          [['update', 'member-card-1']],
        );
        assert.match(text(told[0]), /Rejected by Helpdesk Agent/);
        assert.match(text(told[0]), /Please call the service desk first\./);
        assert.doesNotMatch(text(told[0]), /request\.cancel/, 'no Cancel left');
      });
    }

    it('approved and done: the card shows what was done and how the pass reaches them, never the pass', async () => {
      const request = await asked(h.service);
      const result = await h.service.approve({
        actor: PEOPLE.helpdesk,
        requestId: request.id,
        version: 1,
      });
      assert.ok(result.status === 'completed' && result.tap);
      const told = toMember(h);
      assert.deepEqual(
        told.map((c) => c.type),
        ['update'],
      );
      assert.match(text(told[0]), /Done: approved by Helpdesk Agent/);
      assert.match(text(told[0]), /gives you the pass directly/);
      assert.ok(!text(told[0]).includes(result.tap.code.reveal()));
    });

    it('failed: the card says it did not work, once', async () => {
      h.writer.failNext('dismissRisk', unavailable());
      const request = await asked(h.service, { kind: 'dismiss-risk' });
      await h.service.approve({ actor: PEOPLE.helpdesk, requestId: request.id, version: 1 });
      const told = toMember(h);
      assert.deepEqual(
        told.map((c) => c.type),
        ['update'],
      );
      assert.match(text(told[0]), /Failed/);
    });

    it('expired: the card says nobody decided in time, once', async () => {
      await asked(h.service, { kind: 'revoke-sessions' });
      h.clock.advance(HOUR);
      assert.equal((await h.service.sweep()).expired, 1);
      const told = toMember(h);
      assert.deepEqual(
        told.map((c) => c.type),
        ['update'],
      );
      assert.match(text(told[0]), /Expired without a decision/);
    });

    it('cancelled by the requester, or a reason sent back as invalid: nothing more reaches them', async () => {
      const first = await asked(h.service);
      const invalid = await h.service.reject({
        actor: PEOPLE.helpdesk,
        requestId: first.id,
        version: 1,
        reason: 'Pass: Xk7#pQ2m',
      });
      assert.equal(invalid.status, 'invalid');
      const second = await asked(h.service, { kind: 'revoke-sessions' });
      const cancelled = await h.service.cancel({
        actor: PEOPLE.member,
        requestId: second.id,
        version: 1,
      });
      assert.equal(cancelled.status, 'cancelled');
      assert.deepEqual(toMember(h), [], 'the clicked card answers the requester itself');
    });
  });

  describe('when the card cannot show it', () => {
    let h: DomainHarness;
    beforeEach(() => {
      h = startDomainHarness();
    });

    it('with no card recorded, sends one short notice with the outcome and the reason', async () => {
      const request = await asked(h.service, {}, null);
      await h.service.reject({
        actor: PEOPLE.helpdesk,
        requestId: request.id,
        version: 1,
        reason: 'You already have a pass from this morning: Xk7#pQ2m',
      });
      const told = toMember(h);
      assert.deepEqual(
        told.map((c) => [c.type, c.address]),
        [['chat', MEMBER_CHAT]],
      );
      assert.match(text(told[0]), /Rejected by Helpdesk Agent/);
      assert.match(text(told[0]), /from this morning: \(hidden\)/);
      assert.ok(!text(told[0]).includes('Xk7#pQ2m'));
      assert.doesNotMatch(text(told[0]), /Asked at|Creates a Temporary Access Pass/, 'short');
    });

    it('with the card in another conversation, edits it there and sends the notice to their chat', async () => {
      const elsewhere = { address: GROUP_CHAT, activityId: 'group-card-1' };
      const request = await asked(h.service, {}, elsewhere);
      await h.service.reject({
        actor: PEOPLE.helpdesk,
        requestId: request.id,
        version: 1,
        reason: 'Not needed',
      });
      const told = toMember(h);
      assert.deepEqual(
        told.map((c) => [c.type, c.posted?.activityId ?? c.address?.conversationId]),
        [
          ['update', 'group-card-1'],
          ['chat', MEMBER_CHAT.conversationId],
        ],
      );
      assert.match(text(told[1]), /another conversation/);
    });

    it('when the connector refuses the edit, the outcome comes as one notice saying so; audit unchanged', async () => {
      const request = await asked(h.service);
      h.notifier.refuseUpdate = (posted) =>
        posted.activityId === WAITING.activityId
          ? new Error('Not Found: the activity no longer exists')
          : undefined;
      const outbox = new MemoryJournal();
      const service = h.anotherInstance({ outbox });
      await service.reject({
        actor: PEOPLE.helpdesk,
        requestId: request.id,
        version: 1,
        reason: 'Please call the service desk first.',
      });
      const told = toMember(h);
      assert.deepEqual(
        told.map((c) => [c.type, c.address]),
        [['chat', MEMBER_CHAT]],
      );
      assert.match(text(told[0]), /could not be brought up to date/);
      assert.match(text(told[0]), /Rejected by Helpdesk Agent/);
      assert.match(text(told[0]), /Please call the service desk first\./);
      assert.deepEqual(await outbox.list(), [], 'nothing left to deliver to the requester');
      assert.ok(h.logs.some((l) => l.event === 'remediation.notify-update-requester-card-failed'));
      assert.ok(
        h.logs.some(
          (l) => l.event === 'remediation.requester-noticed' && l.why === 'update-failed',
        ),
      );
      assert.deepEqual(await auditEvents(h, request.id), ['requested', 'rejected']);
    });

    it('when the edit and the notice both fail, keeps the outcome and delivers it once later', async () => {
      const request = await asked(h.service, { kind: 'revoke-sessions' });
      const outbox = new MemoryJournal();
      const service = h.anotherInstance({ outbox });
      h.notifier.failWith = new Error('connector down');
      await service.approve({ actor: PEOPLE.helpdesk, requestId: request.id, version: 1 });
      assert.deepEqual(toMember(h), []);
      const [waiting] = await outbox.list();
      assert.deepEqual(waiting.tell?.parts, ['channel', 'requester']);

      h.notifier.failWith = undefined;
      h.clock.advance(2_000);
      assert.deepEqual(await service.workOutbox(), { done: 1, waiting: 0 });
      const told = toMember(h);
      assert.deepEqual(
        told.map((c) => [c.type, c.posted?.activityId]),
        [['update', 'member-card-1']],
      );
      assert.match(text(told[0]), /signed out everywhere/);
      h.clock.advance(60_000);
      await service.workOutbox();
      assert.equal(toMember(h).length, 1, 'told once');
      assert.deepEqual(await auditEvents(h, request.id), [
        'requested',
        'approved',
        'execution-started',
        'succeeded',
      ]);
      assert.equal(h.writer.writesOf('revokeSessions').length, 1, 'the fix ran once');
    });

    it('reads an item kept before the card and the message were one delivery as one delivery', async () => {
      const request = await asked(h.service, { kind: 'revoke-sessions' });
      const outbox = new MemoryJournal();
      const service = h.anotherInstance({ outbox });
      await service.reject({
        actor: PEOPLE.helpdesk,
        requestId: request.id,
        version: 1,
        reason: 'Not needed',
      });
      const stored = await service.requests.get(request.id);
      assert.ok(stored);
      const before = toMember(h).length;
      const old = newItem(
        stored.request,
        'decided',
        { tell: { cause: 'decided', parts: [] } },
        h.clock.now(),
      );
      // As an older version wrote it to the journal.
      (old.tell as { parts: string[] }).parts = ['requester-card', 'requester-chat'];
      await outbox.keep({ ...old, id: `${old.id}~old` });
      await service.workOutbox();
      const told = toMember(h).slice(before);
      assert.deepEqual(
        told.map((c) => [c.type, c.posted?.activityId]),
        [['update', 'member-card-1']],
      );
      assert.deepEqual(await outbox.list(), []);
    });
  });
});
