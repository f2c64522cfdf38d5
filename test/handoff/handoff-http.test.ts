import assert from 'node:assert/strict';
import { TableAuditLog } from '../../src/audit/audit-log';
import { createStorage } from '../../src/storage';
import { executeActions } from '../cards/support/cases';
import { cardText } from '../support/card-text';
import { CHANNEL, USERS, startHandoffBot, type HandoffHttpBot } from './http-bot';

/**
 * Ask the helpdesk over real HTTP: the whole bot (composeBot) behind restify, the sandbox tenant
 * for Graph, Azurite for storage and a local connector for what the bot sends. Half-way through,
 * the bot is stopped and composed again over the same storage, as after a restart: the agent's
 * take, reply and close work on the request the first process stored, and the reply reaches the
 * person through the conversation reference stored with it.
 */

const MEMBER_CHAT = `a:personal-${USERS.member.id}`;

describe('ask the helpdesk over real HTTP, across a restart @slow', function () {
  this.timeout(90_000);
  let bot: HandoffHttpBot;
  const click: HandoffHttpBot['click'] = (...args) => bot.click(...args);
  const say: HandoffHttpBot['say'] = (...args) => bot.say(...args);
  const next: HandoffHttpBot['next'] = (...args) => bot.next(...args);

  before(async () => {
    bot = await startHandoffBot();
  });
  after(async () => {
    await bot?.stop();
  });

  let triageId = '';
  let channelCardId = '';
  let handoffId = '';
  let reference = '';
  let offers: Record<string, unknown>[] = [];

  it('sends the person’s paste, the diagnosis and their note to the helpdesk channel', async () => {
    const diagnosis = await say(USERS.member, 'AADSTS53003');
    const ask = executeActions(
      (diagnosis.activity.attachments as Array<{ content: unknown }>)[0].content,
    ).find((a) => a.verb === 'helpdesk.ask');
    assert.ok(ask, 'the diagnosis card offers Ask the helpdesk');
    triageId = (ask.data as { triageId: string }).triageId;

    const sent = await click(USERS.member, 'helpdesk.ask', {
      v: 1,
      triageId,
      note: 'I am at the Lisbon office this week',
    });
    const ref = /^Sent to the helpdesk \((HD-[0-9A-F]{6})\)\.$/.exec(sent.line);
    assert.ok(ref, sent.line);
    reference = ref[1];
    const confirmation = await next(MEMBER_CHAT, /Sent to the helpdesk/);
    assert.match(cardText(confirmation.activity), new RegExp(`Reference: ${reference}`));

    const card = await next(CHANNEL, /Help requested by Demo User/);
    channelCardId = card.assignedId;
    const text = cardText(card.activity);
    assert.match(text, /AADSTS53003/);
    assert.match(text, /Signed in as\nuser@sandbox\.example/);
    // A bare code: the ids, app and device come from the sign-in diagnosis found in the log.
    assert.match(text, /Request id\n[0-9a-f-]{36}/);
    assert.match(text, /App\nMicrosoft Teams/);
    assert.match(text, /From the policy "CA001: Block sign-ins from outside allowed countries":/);
    assert.match(text, /CA001: Block sign-ins from outside allowed countries/);
    assert.match(text, /I am at the Lisbon office this week/);
    assert.match(text, /Open: nobody has taken it yet/);
    const verbs = executeActions(
      (card.activity.attachments as Array<{ content: unknown }>)[0].content,
    );
    assert.deepEqual(
      verbs.map((v) => v.verb),
      [
        ...verbs.filter((v) => v.verb === 'request.create').map(() => 'request.create'),
        'handoff.take',
        'handoff.close',
      ],
    );
    assert.ok(
      verbs.some((v) => v.verb === 'request.create'),
      'the fixes that fit are offered',
    );
    handoffId = (verbs.find((v) => v.verb === 'handoff.take')?.data as { handoffId: string })
      .handoffId;
    offers = verbs
      .filter((v) => v.verb === 'request.create')
      .map((v) => v.data as Record<string, unknown>);
  });

  it('refuses a second send of the same card and a send by someone else', async () => {
    const again = await click(USERS.member, 'helpdesk.ask', { v: 1, triageId });
    assert.equal(again.line, `Already with the helpdesk (${reference}).`);
    const other = await click(USERS.agent, 'helpdesk.ask', { v: 1, triageId });
    assert.match(other.line, /only the person who got it can send it/);
    const channelCards = bot.connector.received.filter(
      (a) => a.conversationId === CHANNEL && a.method === 'POST',
    );
    assert.equal(channelCards.length, 1, 'one card in the channel');
  });

  it('keeps the request across a restart: the agent takes it, the card shows who has it', async () => {
    await bot.restart();

    const refused = await click(USERS.member, 'handoff.take', { v: 1, handoffId }, true);
    assert.match(refused.text, /Only helpdesk members can take, answer or close/);

    const taken = await click(USERS.agent, 'handoff.take', { v: 1, handoffId }, true);
    assert.match(taken.text, /Taken by Helpdesk Agent/);
    assert.deepEqual(taken.verbs.slice(-3), ['handoff.reply', 'handoff.release', 'handoff.close']);
    const edited = await next(CHANNEL, /Taken by Helpdesk Agent/, 'PUT');
    assert.equal(edited.activityId, channelCardId, 'the one channel card is edited for everyone');
    await next(MEMBER_CHAT, /Helpdesk Agent from the helpdesk has taken your request/);

    const twice = await click(USERS.agent, 'handoff.take', { v: 1, handoffId }, true);
    assert.match(twice.text, /You have already taken this request/);

    // A fix on the channel card is remediation's own button: it asks for approval as usual.
    const fix = offers[0];
    const asked = await click(USERS.agent, 'request.create', fix, true);
    assert.equal(asked.line, 'Sent to the helpdesk for approval.', JSON.stringify(asked));
  });

  it('delivers the agent’s reply to the person in their chat, and closes with a resolution', async () => {
    const empty = await click(USERS.agent, 'handoff.reply', { v: 1, handoffId, reply: ' ' }, true);
    assert.match(empty.text, /Write your reply in the box first/);
    const reply = 'Your office network is allowed: sign in again from there.';
    const replied = await click(USERS.agent, 'handoff.reply', { v: 1, handoffId, reply }, true);
    assert.match(replied.text, /Messages/);
    const delivered = await next(MEMBER_CHAT, /Reply from the helpdesk/);
    assert.match(
      cardText(delivered.activity),
      /Helpdesk Agent from the helpdesk wrote:[\s\S]*Your office network is allowed/,
    );
    assert.match(cardText(delivered.activity), new RegExp(reference));

    // The person writes back from that notice; the channel card shows it to everyone.
    const [answerButton] = executeActions(
      (delivered.activity.attachments as Array<{ content: unknown }>)[0].content,
    );
    assert.equal(answerButton?.verb, 'handoff.answer');
    const answer = 'The office network works, thank you.';
    const answered = await click(
      USERS.member,
      'handoff.answer',
      { ...(answerButton.data as object), answer },
      false,
    );
    assert.equal(answered.line, `Your answer was sent (${reference}).`);
    const copy = await next(MEMBER_CHAT, /Your answer was sent/);
    assert.match(cardText(copy.activity), /The office network works/);
    const shown = await next(CHANNEL, /\(who asked\)/, 'PUT');
    assert.match(
      cardText(shown.activity),
      /Demo User \(who asked\)[\s\S]*The office network works/,
    );
    const notTheirs = await click(USERS.agent, 'handoff.answer', { v: 1, handoffId, answer }, true);
    assert.match(notTheirs.line, /Only the person who asked can answer here/);

    // The agent hands it back; the person is told, and another member can take it.
    const released = await click(USERS.agent, 'handoff.release', { v: 1, handoffId }, true);
    assert.match(released.text, /Open: nobody has taken it yet/);
    await next(MEMBER_CHAT, /Your request is back with the whole helpdesk/);
    const retaken = await click(USERS.agent, 'handoff.take', { v: 1, handoffId }, true);
    assert.match(retaken.text, /Taken by Helpdesk Agent/);

    const closed = await click(
      USERS.agent,
      'handoff.close',
      { v: 1, handoffId, resolution: 'Signed in from the office.' },
      true,
    );
    assert.match(closed.text, /Closed by Helpdesk Agent/);
    assert.deepEqual(closed.verbs, []);
    await next(CHANNEL, /Closed by Helpdesk Agent/, 'PUT');
    const told = await next(MEMBER_CHAT, /Your request for help was closed/);
    assert.match(cardText(told.activity), /Signed in from the office\./);

    const late = await click(USERS.agent, 'handoff.reply', { v: 1, handoffId, reply: 'hi' }, true);
    assert.match(late.text, /already closed by Helpdesk Agent/);
  });

  it('answers a forged id with a clear card, and lists open requests for the helpdesk only', async () => {
    const forged = await click(
      USERS.agent,
      'handoff.take',
      { v: 1, handoffId: 'hd-000000001-0123456789abcdef' },
      true,
    );
    assert.match(forged.text, /This request for help does not exist/);
    const smuggled = await click(
      USERS.agent,
      'handoff.take',
      { v: 1, handoffId, assignee: 'x' },
      true,
    );
    assert.match(smuggled.text, /out of date or was changed/);

    const member = await say(USERS.member, 'open requests');
    assert.equal(member.activity.text, 'Open requests for help are for the helpdesk team only.');
    const list = await say(USERS.agent, 'open requests', true);
    assert.match(cardText(list.activity), /Nobody is waiting for the helpdesk/);

    const audit = await new TableAuditLog(
      createStorage({ connectionString: bot.azurite.connectionString }).records,
    ).recent(30);
    const mine = audit
      .filter((e) => e.requestId === handoffId)
      .map((e) => e.event)
      .reverse();
    assert.deepEqual(mine, [
      'help-asked',
      'denied',
      'help-taken',
      'denied',
      'help-replied',
      'help-answered',
      'denied',
      'help-released',
      'help-taken',
      'help-closed',
      'denied',
    ]);
    assert.equal(JSON.stringify(audit).includes('office network is allowed'), false);
    assert.equal(JSON.stringify(audit).includes('office network works'), false);
  });

  it('lets a person without an Entra identity ask from the triage card, from their own chat only', async () => {
    const triage = await say(USERS.visitor, 'AADSTS50076');
    const ask = executeActions(
      (triage.activity.attachments as Array<{ content: unknown }>)[0].content,
    ).find((a) => a.verb === 'helpdesk.ask');
    assert.ok(ask, 'the triage card offers Ask the helpdesk');
    const data = ask.data as Record<string, unknown>;
    const inGroup = await click(USERS.visitor, 'helpdesk.ask', data, false, 'groupChat');
    assert.match(inGroup.line, /from your own chat with the bot/);
    const sent = await click(USERS.visitor, 'helpdesk.ask', data);
    assert.match(sent.line, /^Sent to the helpdesk \(HD-/);
    const card = await next(CHANNEL, /Help requested by Visiting User/);
    assert.match(cardText(card.activity), /AADSTS50076/);
  });

  it('masks a pass or token typed into the request, a reply and an answer, and tells the writer', async () => {
    const tap = 'Xk7#pQ2m';
    const token = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ0ZXN0In0.c2lnbmF0dXJl';
    const diagnosis = await say(USERS.member, 'AADSTS53003 again');
    const ask = executeActions(
      (diagnosis.activity.attachments as Array<{ content: unknown }>)[0].content,
    ).find((a) => a.verb === 'helpdesk.ask');
    assert.ok(ask);
    await click(USERS.member, 'helpdesk.ask', {
      ...(ask.data as object),
      note: `The helpdesk gave me the pass ${tap} yesterday`,
    });
    const confirmation = await next(MEMBER_CHAT, /looked like a secret/);
    assert.match(cardText(confirmation.activity), /Sent to the helpdesk/);
    const card = await next(CHANNEL, /gave me the pass \(hidden\) yesterday/);
    const id = (
      executeActions((card.activity.attachments as Array<{ content: unknown }>)[0].content).find(
        (v) => v.verb === 'handoff.take',
      )?.data as { handoffId: string }
    ).handoffId;

    await click(USERS.agent, 'handoff.take', { v: 1, handoffId: id }, true);
    const replied = await click(
      USERS.agent,
      'handoff.reply',
      { v: 1, handoffId: id, reply: `Try the new pass: ${tap}` },
      true,
    );
    assert.match(replied.text, /looked like a secret \(a pass, a token or a key\) and was hidden/);
    const told = await next(MEMBER_CHAT, /Try the new pass: \(hidden\)/);
    const [answerButton] = executeActions(
      (told.activity.attachments as Array<{ content: unknown }>)[0].content,
    );
    const answered = await click(
      USERS.member,
      'handoff.answer',
      { ...(answerButton.data as object), answer: `The page showed ${token}` },
      false,
    );
    assert.match(
      answered.line,
      /^Your answer was sent \(HD-[0-9A-F]{6}\)\. Part of what you wrote/,
    );
    await next(CHANNEL, /The page showed \(hidden\)/, 'PUT');

    const everything = JSON.stringify(bot.connector.received);
    assert.equal(everything.includes(tap), false, 'the pass reached no chat');
    assert.equal(everything.includes(token), false, 'the token reached no chat');
  });
});
