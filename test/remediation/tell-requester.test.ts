import assert from 'node:assert/strict';
import { RemediationAnnouncer } from '../../bot/remediation/announcer';
import { hideSecrets } from '../../src/logging/redaction';
import { newItem, MemoryJournal } from '../../src/remediation/outbox';
import type { CreateCommand, RemediationService } from '../../src/remediation/service';
import {
  EDIT_TRIES,
  RefusedForNow,
  howToTellRequester,
} from '../../src/remediation/tell-requester';
import { shortReference } from '../../src/request-reference';
import type { ChatAddress, PostedCard, RemediationRequest } from '../../src/remediation/types';
import { unavailable } from './support/fake-directory-writer';
import {
  IDS,
  MEMBER_CHAT,
  PEOPLE,
  memberAsks,
  startDomainHarness,
  type DomainHarness,
} from './support/domain-harness';
import { scanForSecrets } from '../security/support/secret-scan';
import { RecordingNotifier, type NotifierCall } from './support/recording-notifier';

/**
 * The requester hears how their request ended in one place: the card they got when asking is
 * brought up to date, and one short plain line follows beside it (Teams alerts nobody for an
 * edit), pointing to the card without repeating it; a short notice goes to their chat instead,
 * and alone, only when that card cannot show it (none recorded, in another conversation, or the
 * edit refused).
 */

const HOUR = 3_600_000;
const WAITING: PostedCard = { address: MEMBER_CHAT, activityId: 'member-card-1' };
const GROUP_CHAT: ChatAddress = {
  channelId: 'msteams',
  serviceUrl: 'http://connector.test/',
  conversationId: '19:sign-in-help@thread.v2',
  conversationType: 'groupChat',
};

/** The helpdesk agent rejects version 1 of the request with `reason`. */
function helpdeskRejects(
  service: RemediationService,
  requestId: string,
  reason: string,
): ReturnType<RemediationService['reject']> {
  return service.reject({ actor: PEOPLE.helpdesk, requestId, version: 1, reason });
}

/** A pending request by the member whose waiting card went to `card` (none recorded: null). */
async function asked(
  service: RemediationService,
  extra: Partial<CreateCommand> = {},
  card: PostedCard | null = WAITING,
): Promise<RemediationRequest> {
  const result = await service.create(memberAsks(extra));
  if (result.status !== 'created') throw new Error(JSON.stringify(result));
  if (card) await service.recordRequesterCard(result.request.id, card);
  return result.request;
}

/** What reached the member: edits of their waiting card, and cards and lines in their chat. */
function toMember(h: DomainHarness | RecordingNotifier): NotifierCall[] {
  const notifier = h instanceof RecordingNotifier ? h : h.notifier;
  return notifier.calls.filter(
    (c) =>
      (c.type === 'update' && c.posted?.address.conversationType !== 'channel') ||
      c.type === 'chat' ||
      c.type === 'text',
  );
}

function text(call: NotifierCall | undefined): string {
  return JSON.stringify(call?.card ?? {});
}

/** Each delivery as [what, the card's id or the conversation a message went to]. */
function shape(calls: NotifierCall[]): Array<[string, string | undefined]> {
  return calls.map((c) => [c.type, c.posted?.activityId ?? c.address?.conversationId]);
}

const CARD_THEN_LINE: Array<[string, string | undefined]> = [
  ['update', WAITING.activityId],
  ['text', MEMBER_CHAT.conversationId],
];

/**
 * The short line: which request, pointing to the card above; nothing a person typed and nothing
 * that would need hiding (the secret-scan helper finds none of `secrets`, and masking leaves it
 * as it is).
 */
function assertShortLine(
  call: NotifierCall | undefined,
  request: RemediationRequest,
  ended: RegExp,
  secrets: readonly string[] = [],
): string {
  assert.equal(call?.type, 'text');
  const line = call?.text ?? '';
  assert.ok(line.startsWith('Your request ') || line.startsWith('The sign-in check'), line);
  const reference = shortReference(request.id);
  assert.match(reference, /^RQ-[0-9A-F]{6}$/);
  assert.ok(line.includes(` ${reference} `), 'names the request by its short reference');
  assert.ok(!line.includes(request.id), 'not by its whole id');
  assert.match(line, ended);
  assert.match(line, /the card above/);
  assert.ok(line.length <= 200, `one short line (${line.length} characters)`);
  assert.doesNotMatch(line, /\n/);
  assert.equal(hideSecrets(line).text, line, 'nothing in it needs hiding');
  const scan = scanForSecrets(secrets, [{ place: 'the line', text: line }]);
  assert.equal(scan.secretHits, 0, 'no secret in the line');
  return line;
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
        { how: 'card', card, fallback: GROUP_CHAT, mention: base.requester },
        'the line there @mentions the requester',
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
      it(`rejected (${name}): the waiting card shows it with the reason; one short line alerts them, without it`, async () => {
        const request = await asked(h.service, extra);
        const result = await helpdeskRejects(
          h.service,
          request.id,
          'Please call the service desk first.',
        );
        assert.equal(result.status, 'rejected');
        const told = toMember(h);
        assert.deepEqual(shape(told), CARD_THEN_LINE);
        assert.match(text(told[0]), /Rejected by Helpdesk Agent/);
        assert.match(text(told[0]), /Please call the service desk first\./);
        assert.doesNotMatch(text(told[0]), /request\.cancel/, 'no Cancel left');
        const line = assertShortLine(
          told[1],
          request,
          /was rejected: the card above has the reason/,
        );
        assert.doesNotMatch(line, /service desk|Helpdesk Agent/, 'no reason, no approver');
      });
    }

    it('approved and done: the card shows what was done and how the pass reaches them, the line says it is done; never the pass', async () => {
      const request = await asked(h.service);
      const result = await h.service.approve({
        actor: PEOPLE.helpdesk,
        requestId: request.id,
        version: 1,
      });
      assert.ok(result.status === 'completed' && result.tap);
      const told = toMember(h);
      assert.deepEqual(shape(told), CARD_THEN_LINE);
      assert.match(text(told[0]), /Done: approved by Helpdesk Agent/);
      assert.match(text(told[0]), /gives you the pass directly/);
      assert.ok(!text(told[0]).includes(result.tap.code.reveal()));
      const line = assertShortLine(told[1], request, /is done: the card above/, [
        result.tap.code.reveal(),
      ]);
      assert.equal(
        line,
        `Your request ${shortReference(request.id)} to issue a Temporary Access Pass is done: the card above shows what was done.`,
      );
    });

    it('failed: the card says it did not work, and the line that it could not be completed', async () => {
      h.writer.failNext('dismissRisk', unavailable());
      const request = await asked(h.service, { kind: 'dismiss-risk' });
      await h.service.approve({ actor: PEOPLE.helpdesk, requestId: request.id, version: 1 });
      const told = toMember(h);
      assert.deepEqual(shape(told), CARD_THEN_LINE);
      assert.match(text(told[0]), /Failed/);
      assertShortLine(
        told[1],
        request,
        /to dismiss the risk on my account could not be completed: the card/,
      );
    });

    it('expired: the card says nobody decided in time, and the line that it expired', async () => {
      const request = await asked(h.service, { kind: 'revoke-sessions' });
      h.clock.advance(HOUR);
      assert.equal((await h.service.sweep()).expired, 1);
      const told = toMember(h);
      assert.deepEqual(shape(told), CARD_THEN_LINE);
      assert.match(text(told[0]), /Expired without a decision/);
      assertShortLine(told[1], request, /everywhere expired because nobody decided in time/);
    });

    it('cancelled by the requester, or a reason sent back as invalid: nothing more reaches them', async () => {
      const first = await asked(h.service);
      const invalid = await helpdeskRejects(h.service, first.id, 'Pass: Xk7#pQ2m');
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

    it('with no card recorded, sends one short notice with the outcome and the reason, and no line', async () => {
      const request = await asked(h.service, {}, null);
      await helpdeskRejects(
        h.service,
        request.id,
        'You already have a pass from this morning: Xk7#pQ2m',
      );
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

    it('with the card in another conversation, edits it there and sends the notice (no line) to their chat', async () => {
      const elsewhere = { address: GROUP_CHAT, activityId: 'group-card-1' };
      const request = await asked(h.service, {}, elsewhere);
      await helpdeskRejects(h.service, request.id, 'Not needed');
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

    it('when the connector refuses the edit, the outcome comes as one notice saying so, and no line; audit unchanged', async () => {
      const request = await asked(h.service);
      h.notifier.refuseUpdate = (posted) =>
        posted.activityId === WAITING.activityId
          ? new Error('Not Found: the activity no longer exists')
          : undefined;
      const outbox = new MemoryJournal();
      const service = h.anotherInstance({ outbox });
      await helpdeskRejects(service, request.id, 'Please call the service desk first.');
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

    it('when Teams refuses the edit for now, sends no notice: the outbox edits the card later, then the line', async () => {
      const request = await asked(h.service);
      let busy = true;
      h.notifier.refuseUpdate = (posted) =>
        busy && posted.activityId === WAITING.activityId
          ? new RefusedForNow(new Error('Too Many Requests'), 7_000)
          : undefined;
      const outbox = new MemoryJournal();
      const service = h.anotherInstance({ outbox });
      await helpdeskRejects(service, request.id, 'Please call the service desk first.');
      assert.deepEqual(toMember(h), [], 'no notice while Teams only asks to wait');
      const [waiting] = await outbox.list();
      assert.deepEqual(waiting.tell?.parts, ['requester'], 'the channel card is not sent again');
      assert.equal(
        Date.parse(waiting.nextAt) - h.clock.now().getTime(),
        7_000,
        'not sooner than Teams asked (the first pause would be 1 s)',
      );
      h.clock.advance(6_000);
      assert.deepEqual(await service.workOutbox(), { done: 0, waiting: 1 }, 'not yet due');

      busy = false;
      h.clock.advance(1_000);
      assert.deepEqual(await service.workOutbox(), { done: 1, waiting: 0 });
      const told = toMember(h);
      assert.deepEqual(shape(told), CARD_THEN_LINE, 'the card, then the line; no notice');
      assert.match(text(told[0]), /Please call the service desk first\./);
      assertShortLine(told[1], request, /was rejected/);
      h.clock.advance(10 * 60_000);
      await service.workOutbox();
      assert.equal(toMember(h).length, 2, 'told once');
      assert.deepEqual(await auditEvents(h, request.id), ['requested', 'rejected']);
    });

    it(`when Teams refuses the edit for now ${EDIT_TRIES} times, the outcome comes as one notice`, async () => {
      const request = await asked(h.service);
      h.notifier.refuseUpdate = (posted) =>
        posted.activityId === WAITING.activityId
          ? new RefusedForNow(new Error('Service Unavailable'))
          : undefined;
      const outbox = new MemoryJournal();
      const service = h.anotherInstance({ outbox });
      await helpdeskRejects(service, request.id, 'Please call the service desk first.');
      for (let tried = 1; tried < EDIT_TRIES; tried += 1) {
        assert.deepEqual(toMember(h), [], `nothing to them after ${tried} tries`);
        h.clock.advance(60_000);
        await service.workOutbox();
      }
      const told = toMember(h);
      assert.deepEqual(
        told.map((c) => [c.type, c.address]),
        [['chat', MEMBER_CHAT]],
        'one notice, and no line',
      );
      assert.match(text(told[0]), /could not be brought up to date/);
      assert.deepEqual(await outbox.list(), []);
      h.clock.advance(10 * 60_000);
      await service.workOutbox();
      assert.equal(toMember(h).length, 1, 'told once');
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
      assert.deepEqual(shape(told), CARD_THEN_LINE);
      assert.match(text(told[0]), /signed out everywhere/);
      h.clock.advance(60_000);
      await service.workOutbox();
      assert.equal(toMember(h).length, 2, 'told once: the card, and the line beside it');
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
      await helpdeskRejects(service, request.id, 'Not needed');
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
      assert.deepEqual(shape(told), CARD_THEN_LINE);
      assert.deepEqual(await outbox.list(), []);
    });
  });

  describe('the line beside the card', () => {
    let h: DomainHarness;
    beforeEach(() => {
      h = startDomainHarness();
    });

    it('when it cannot be sent, the outcome is still delivered on the card: logged, not tried again; audit unchanged', async () => {
      const request = await asked(h.service);
      h.notifier.refuseText = () => new Error('Forbidden: the bot cannot post in this chat');
      const outbox = new MemoryJournal();
      const service = h.anotherInstance({ outbox });
      await helpdeskRejects(service, request.id, 'Please call the service desk first.');
      const told = toMember(h);
      assert.deepEqual(shape(told), [['update', WAITING.activityId]], 'the card shows it');
      assert.match(text(told[0]), /Please call the service desk first\./);
      assert.deepEqual(await outbox.list(), [], 'the outcome counts as delivered');
      const failed = h.logs.filter((l) => l.event === 'remediation.notify-requester-alert-failed');
      assert.equal(failed.length, 1);
      assert.equal(failed[0].level, 'warn');
      assert.equal(failed[0].requestId, request.id);
      assert.ok(!JSON.stringify(h.logs).includes('service desk first'), 'no reason in the logs');

      h.notifier.refuseText = undefined;
      h.clock.advance(10 * 60_000);
      assert.deepEqual(await service.workOutbox(), { done: 0, waiting: 0 });
      assert.equal(toMember(h).length, 1, 'neither the card nor the line again');
      assert.deepEqual(await auditEvents(h, request.id), ['requested', 'rejected']);
    });

    it('asked in a group chat: the line goes there, beside the card, and @mentions the requester', async () => {
      const card = { address: GROUP_CHAT, activityId: 'group-card-1' };
      const member = { ...PEOPLE.member, teamsId: '29:member-in-teams' };
      const request = await asked(h.service, { chat: GROUP_CHAT, actor: member }, card);
      await helpdeskRejects(h.service, request.id, 'Not needed');
      const told = toMember(h);
      assert.deepEqual(shape(told), [
        ['update', 'group-card-1'],
        ['text', GROUP_CHAT.conversationId],
      ]);
      assertShortLine(told[1], request, /was rejected: the card above has the reason/);
      // Teams' form of a mention: the tag in the text, and an entity with the same tag naming
      // the person by their Teams account.
      const activity = told[1].activity as { text: string; textFormat?: string; entities: [] };
      assert.equal(
        activity.text,
        `<at>Demo User</at> Your request ${shortReference(request.id)} to issue a Temporary Access Pass was rejected: the card above has the reason.`,
      );
      assert.deepEqual(activity.entities, [
        {
          type: 'mention',
          text: '<at>Demo User</at>',
          mentioned: { id: '29:member-in-teams', name: 'Demo User' },
        },
      ]);
      assert.notEqual(activity.textFormat, 'plain', 'plain text would show the tag as typed');
    });

    it('asked in their own chat: no mention, a plain line', async () => {
      const request = await asked(h.service);
      await helpdeskRejects(h.service, request.id, 'Not needed');
      const [, line] = toMember(h);
      assert.equal(line.mention, undefined);
      assert.equal(line.activity?.entities, undefined);
      assert.equal(line.activity?.textFormat, 'plain');
      assert.doesNotMatch(String(line.activity?.text), /<at>/);
    });

    it('a request kept before Teams accounts were recorded: the mention names the Entra object id', async () => {
      const card = { address: GROUP_CHAT, activityId: 'group-card-1' };
      const request = await asked(h.service, { chat: GROUP_CHAT }, card);
      await helpdeskRejects(h.service, request.id, 'Not needed');
      const [, line] = toMember(h);
      assert.deepEqual(line.mention, { id: PEOPLE.member.id, name: 'Demo User' });
    });

    it('the sign-in check result: the card shows it, and a line says the check has finished', async () => {
      const notifier = new RecordingNotifier();
      const announcer = new RemediationAnnouncer(notifier, h.policy);
      const request = await asked(h.service, {
        kind: 'ca-exclusion',
        targetId: IDS.caPolicy,
        inputs: { hours: 2 },
      });
      const checked: RemediationRequest = {
        ...request,
        state: 'succeeded',
        requesterCard: WAITING,
        decision: { by: PEOPLE.helpdesk, at: request.createdAt },
        outcome: { summary: 'Added to the exclusion group for 2 hours.', graphRequestIds: [] },
        verification: {
          state: 'still-blocked',
          appName: 'Microsoft Teams',
          until: request.expiresAt,
          signInAt: request.createdAt,
          blocking: 'A policy still asks for a compliant device.',
        },
      };
      await announcer.changed({ cause: 'verified', request: checked });
      const told = toMember(notifier);
      assert.deepEqual(shape(told), CARD_THEN_LINE);
      assert.match(text(told[0]), /compliant device/);
      const line = assertShortLine(told[1], checked, /sign-in check after your request/);
      assert.match(line, /has finished: the card above has the result\.$/);
      assert.doesNotMatch(line, /Teams|compliant|blocked/, 'the result is on the card only');
    });
  });
});
