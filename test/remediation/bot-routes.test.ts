import assert from 'node:assert/strict';
import { cardText } from '../support/card-text';
import { DEMO_USERS } from '../../src/sandbox/demo-ids';
import { shortReference } from '../../src/request-reference';
import {
  HELPDESK_CHANNEL,
  USERS,
  startRemediationBot,
  type RemediationBot,
} from './support/remediation-bot';

/** Strings of a card, joined, for content assertions. */
function textOf(card: unknown): string {
  return cardText({
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
  });
}

/** The card an activity carries. */
function contentOf(activity: Record<string, unknown>): Record<string, unknown> {
  return (activity.attachments as Array<{ content: Record<string, unknown> }>)[0].content;
}

function buttons(card: Record<string, unknown>): string[] {
  const actions = (card.actions as Array<{ verb?: string }> | undefined) ?? [];
  return actions.map((a) => a.verb ?? '');
}

const TAP_POSTS = (bot: RemediationBot) =>
  bot.sandbox.requests.filter(
    (r) => r.method === 'POST' && r.path.endsWith('/temporaryAccessPassMethods'),
  );

describe('remediation in Teams over real HTTP @slow', function () {
  this.timeout(60_000);
  let bot: RemediationBot;

  before(async () => {
    bot = await startRemediationBot();
  });
  after(async () => {
    await bot?.stop();
  });

  it('takes a request from the diagnosis card, gets it approved in the channel and shows the pass to the approver alone', async () => {
    // 1. The end user asks for a pass from their diagnosis card. The diagnosis card stays as it
    // was (the click is answered with a line); the request comes as a new card, with Cancel.
    const asked = await bot.click(USERS.member, 'request.create', {
      v: 1,
      action: 'issue-tap',
      subjectId: DEMO_USERS.member.id,
    });
    assert.equal(asked.status, 200);
    assert.equal(asked.line, 'Sent to the helpdesk for approval.');
    assert.deepEqual(asked.card, {}, 'no card replaces the diagnosis card');
    const memberChat = `a:personal-${USERS.member.id}`;
    const waiting = await bot.connector.waitFor(
      (a) => a.conversationId === memberChat && a.method === 'POST',
    );
    assert.match(cardText(waiting.activity), /Sent to the helpdesk for approval/);
    assert.deepEqual(buttons(contentOf(waiting.activity)), ['request.cancel']);

    // 2. The approval card lands in the helpdesk channel, buttons only in the approver's view.
    const posted = await bot.connector.waitFor(
      (a) => a.conversationId === HELPDESK_CHANNEL && a.method === 'POST',
    );
    const shared = (posted.activity.attachments as Array<{ content: Record<string, unknown> }>)[0]
      .content;
    assert.deepEqual(buttons(shared), ['request.refresh']);
    const refresh = shared.refresh as { action: { verb: string; data: Record<string, unknown> } };
    assert.equal(refresh.action.verb, 'request.refresh');
    const { requestId } = refresh.action.data as { requestId: string };

    const view = await bot.click(USERS.helpdesk, 'request.refresh', refresh.action.data, {
      conversationId: HELPDESK_CHANNEL,
      conversationType: 'channel',
      replyToId: posted.assignedId,
    });
    assert.deepEqual(buttons(view.card), ['request.approve', 'request.reject']);
    const otherView = await bot.click(USERS.admin, 'request.refresh', refresh.action.data);
    assert.deepEqual(buttons(otherView.card), []);
    assert.match(textOf(otherView.card), /Only the helpdesk and the person who asked/);

    // 3. The approver approves; the pass comes back in their own invoke response only.
    const approved = await bot.click(
      USERS.helpdesk,
      'request.approve',
      { v: 1, requestId, version: 1 },
      {
        conversationId: HELPDESK_CHANNEL,
        conversationType: 'channel',
        replyToId: posted.assignedId,
      },
    );
    assert.equal(approved.status, 200);
    const secret = (approved.card.body as Array<Record<string, unknown>>).find(
      (element) => element.type === 'Container' && element.style === 'emphasis',
    );
    const code = ((secret?.items as Array<{ text: string }>) ?? [])[1]?.text ?? '';
    assert.match(code, /^.{8}$/, 'the approver sees the pass');
    assert.equal(TAP_POSTS(bot).length, 1);

    // 4. The channel card is left alone while the approver reads the pass (an edit would replace
    // their view too); then everyone sees "issued by X, valid until Y", never the pass.
    assert.equal(
      bot.connector.received.some((a) => a.method === 'PUT' && a.activityId === posted.assignedId),
      false,
      'no edit of the channel card right after the click',
    );
    const update = await bot.connector.waitFor(
      (a) => a.method === 'PUT' && a.activityId === posted.assignedId,
    );
    const updatedText = cardText(update.activity);
    assert.match(updatedText, /Temporary Access Pass issued by Helpdesk Agent .* valid until/);
    // The person hears it in one place: their waiting card shows the outcome (no "Cancel my
    // request" left), and how the pass reaches them: from the approver, never in chat.
    const settled = await bot.connector.waitFor(
      (a) => a.method === 'PUT' && a.activityId === waiting.assignedId,
    );
    assert.deepEqual(buttons(contentOf(settled.activity)), []);
    assert.match(cardText(settled.activity), /Done: approved by Helpdesk Agent/);
    assert.doesNotMatch(cardText(settled.activity), /Cancel my request/);
    assert.match(
      cardText(settled.activity),
      /Helpdesk Agent from the helpdesk gives you the pass directly.*never sent to you in chat/,
    );
    // Teams alerts nobody for an edit: one plain line follows, pointing to the card, with no
    // second card and nothing of the outcome's detail.
    await bot.remediation.service.idle();
    const newMessages = bot.connector.received.filter(
      (a) => a.conversationId === memberChat && a.method === 'POST' && a !== waiting,
    );
    assert.equal(newMessages.length, 1, 'one new message: the line');
    const [line] = newMessages;
    assert.equal(line.activity.attachments, undefined, 'no card');
    assert.equal(line.activity.textFormat, 'plain');
    assert.equal(
      line.activity.text,
      `Your request ${shortReference(requestId)} to issue a Temporary Access Pass is done: the card above shows what was done.`,
    );
    assert.ok(
      bot.connector.received.indexOf(line) > bot.connector.received.indexOf(settled),
      'after the card was brought up to date',
    );

    // Graph's request id is for the helpdesk and the audit, never shown to the person.
    const graphId = /Graph request id: (\S+)/.exec(textOf(approved.card))?.[1] ?? '';
    assert.match(graphId, /\S{8,}/, 'the approver sees the Graph request id');
    assert.ok(updatedText.includes(graphId), 'the channel card keeps it');
    const toMember = bot.connector.received.filter((a) => a.conversationId === memberChat);
    assert.ok(toMember.length >= 2);
    assert.equal(
      JSON.stringify(toMember).includes(graphId),
      false,
      'nothing the person got has it',
    );
    const everythingShared = JSON.stringify(bot.connector.received);
    assert.equal(everythingShared.includes(code), false, 'the pass never reached a shared card');
    assert.equal(JSON.stringify(bot.logs).includes(code), false, 'nor a log line');

    // 5. A replayed click acts no more.
    const replay = await bot.click(USERS.helpdesk, 'request.approve', {
      v: 1,
      requestId,
      version: 1,
    });
    assert.match(textOf(replay.card), /already succeeded/);
    assert.equal(textOf(replay.card).includes(code), false);
    assert.equal(TAP_POSTS(bot).length, 1);
  });

  /**
   * The member asks for a fix from a card: their waiting card (with its Cancel) and the helpdesk
   * channel's card, found by `names` in their text (`mine` for the member's own card where it
   * words the fix for them), and the request's id from the latter.
   */
  async function memberAsks(action: string, names: RegExp, mine: RegExp = names) {
    const memberChat = `a:personal-${USERS.member.id}`;
    const asked = await bot.click(USERS.member, 'request.create', {
      v: 1,
      action,
      subjectId: DEMO_USERS.member.id,
    });
    assert.equal(asked.line, 'Sent to the helpdesk for approval.');
    const waiting = await bot.connector.waitFor(
      (a) =>
        a.conversationId === memberChat &&
        a.method === 'POST' &&
        mine.test(cardText(a.activity)) &&
        /Cancel my request/.test(cardText(a.activity)),
    );
    const posted = await bot.connector.waitFor(
      (a) =>
        a.conversationId === HELPDESK_CHANNEL &&
        a.method === 'POST' &&
        names.test(cardText(a.activity)),
    );
    const { requestId } = (
      contentOf(posted.activity).refresh as { action: { data: { requestId: string } } }
    ).action.data;
    return { memberChat, waiting, posted, requestId };
  }

  it('tells the requester in one short notice when Teams refuses the edit of their waiting card', async () => {
    const { memberChat, waiting, posted, requestId } = await memberAsks(
      'revoke-sessions',
      /Sign the user out everywhere for Demo User/,
      /Sign me out everywhere/,
    );
    // The member's message is gone from Teams: an edit of it is refused.
    const before = bot.connector.received.length;
    bot.connector.refuse = (call) =>
      call.method === 'PUT' && call.activityId === waiting.assignedId ? 404 : undefined;
    try {
      const rejected = await bot.click(
        USERS.helpdesk,
        'request.reject',
        { v: 1, requestId, version: 1, reason: 'Sessions were revoked an hour ago already.' },
        { conversationId: HELPDESK_CHANNEL, conversationType: 'channel' },
      );
      assert.match(textOf(rejected.card), /Rejected. The requester has been told/);
      await bot.remediation.service.idle();
    } finally {
      bot.connector.refuse = undefined;
    }
    assert.equal(
      bot.connector.refused.filter((a) => a.activityId === waiting.assignedId).length,
      1,
      'the edit was tried once',
    );
    const toMember = bot.connector.received
      .slice(before)
      .filter((a) => a.conversationId === memberChat);
    assert.deepEqual(
      toMember.map((a) => a.method),
      ['POST'],
      'one notice, and no line after it',
    );
    const notice = cardText(toMember[0].activity);
    assert.doesNotMatch(notice, /Something went wrong/, 'the refusal is not told as a failed turn');
    assert.match(notice, /could not be brought up to date, so the answer is here/);
    assert.match(notice, /Rejected by Helpdesk Agent/);
    assert.match(notice, /Sessions were revoked an hour ago already/);
    assert.ok(
      bot.connector.received.some((a) => a.method === 'PUT' && a.activityId === posted.assignedId),
      'the channel card was edited as usual',
    );
  });

  it('tries the edit of the waiting card again when Teams refuses it for now (429), and sends no notice', async () => {
    const { memberChat, waiting, requestId } = await memberAsks(
      'require-password-change',
      /password/i,
    );
    // Teams is busy: the edit of the member's card is refused for now (429 with Retry-After),
    // every time it is tried, until it is let through below. The connector client itself tries
    // a 429 again a few times, waiting as asked, before the refusal reaches the bot.
    const before = bot.connector.received.length;
    let busy = true;
    bot.connector.refuse = (call) =>
      busy && call.method === 'PUT' && call.activityId === waiting.assignedId ? 429 : undefined;
    bot.connector.refuseRetryAfterSeconds = 1;
    try {
      const rejected = await bot.click(
        USERS.helpdesk,
        'request.reject',
        { v: 1, requestId, version: 1, reason: 'Your password was changed this morning.' },
        { conversationId: HELPDESK_CHANNEL, conversationType: 'channel' },
      );
      assert.match(textOf(rejected.card), /Rejected/);
      await bot.remediation.service.idle();
      const refusedOnce = bot.connector.refused.filter((a) => a.activityId === waiting.assignedId);
      assert.ok(refusedOnce.length >= 1, 'the edit was refused');
      assert.deepEqual(
        bot.connector.received.slice(before).filter((a) => a.conversationId === memberChat),
        [],
        'no notice in place of the card while Teams only asks to wait',
      );
      const refusal = bot.logs.find(
        (l) =>
          l.event === 'remediation.notify-update-requester-card-failed' &&
          l.requestId === requestId,
      );
      assert.equal(refusal?.forNow, true, 'told apart from a refusal for good');
      assert.equal(refusal?.retryAfterMs, 1_000, "Teams' Retry-After is read");
    } finally {
      busy = false;
      bot.connector.refuseRetryAfterSeconds = undefined;
    }
    // The outbox tries again after its pause: the card is brought up to date, then the line.
    const settled = await bot.connector.waitFor(
      (a) => a.method === 'PUT' && a.activityId === waiting.assignedId,
    );
    assert.match(cardText(settled.activity), /Rejected by Helpdesk Agent/);
    assert.match(cardText(settled.activity), /Your password was changed this morning/);
    assert.deepEqual(buttons(contentOf(settled.activity)), [], 'no Cancel left');
    const line = await bot.connector.waitFor(
      (a) =>
        bot.connector.received.indexOf(a) >= before &&
        a.conversationId === memberChat &&
        a.method === 'POST' &&
        a.activity.text !== undefined,
    );
    assert.match(String(line.activity.text), /was rejected: the card above has the reason/);
    await bot.remediation.service.idle();
    const toMember = bot.connector.received
      .slice(before)
      .filter((a) => a.conversationId === memberChat);
    assert.deepEqual(
      toMember.map((a) => [a.method, a.activity.attachments === undefined ? 'line' : 'card']),
      [
        ['PUT', 'card'],
        ['POST', 'line'],
      ],
      'told once: the card, then the line; no notice',
    );
    assert.ok(
      bot.logs.some(
        (l) => l.event === 'remediation.outbox-retry-later' && l.requestId === requestId,
      ),
      'the outbox kept it for later',
    );
  });

  it('answers a forged request id and forged data with a card and no change', async () => {
    const before = bot.sandbox.requests.filter((r) => r.method !== 'GET').length;
    const unknown = await bot.click(USERS.helpdesk, 'request.approve', {
      v: 1,
      requestId: 'rq-000000001-0123456789abcdef',
      version: 1,
    });
    assert.equal(unknown.status, 200);
    assert.match(textOf(unknown.card), /Request not found/);
    const forged = await bot.click(USERS.helpdesk, 'request.approve', {
      v: 1,
      requestId: 'rq-000000001-0123456789abcdef',
      version: 1,
      approvedBy: DEMO_USERS.admin.id,
    });
    assert.match(textOf(forged.card), /out of date/);
    assert.equal(bot.sandbox.requests.filter((r) => r.method !== 'GET').length, before);
  });

  it('refuses an end user asking for someone else', async () => {
    const result = await bot.click(USERS.member, 'request.create', {
      v: 1,
      action: 'revoke-sessions',
      subjectId: DEMO_USERS.admin.id,
    });
    assert.match(result.line ?? '', /You can ask for fixes for your own account only/);
    const refusal = await bot.connector.waitFor(
      (a) =>
        a.conversationId === `a:personal-${USERS.member.id}` &&
        cardText(a.activity).includes('You cannot ask for this'),
    );
    assert.match(cardText(refusal.activity), /You can ask for fixes for your own account only/);
  });

  it('lists recent actions for helpdesk members only', async () => {
    assert.equal(await bot.say(USERS.helpdesk, 'recent actions'), 200);
    const card = await bot.connector.waitFor(
      (a) =>
        a.conversationId === `a:personal-${USERS.helpdesk.id}` &&
        cardText(a.activity).includes('Recent actions'),
    );
    assert.match(cardText(card.activity), /Approved/);
    assert.match(cardText(card.activity), /Asked for/);
    // The member's chat already has plain lines (the alerts beside their updated cards): the
    // refusal is the one that answers this message.
    assert.equal(await bot.say(USERS.member, 'recent actions'), 200);
    const refusal = await bot.connector.waitFor(
      (a) =>
        a.conversationId === `a:personal-${USERS.member.id}` &&
        a.activity.text !== undefined &&
        !/the card above/.test(String(a.activity.text)),
    );
    assert.match(String(refusal.activity.text), /helpdesk team only/);
  });
});
