import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { composeBot, type ComposedBot } from '../../bot/compose';
import { startBotServer, type BotServer } from '../../bot/server';
import { TableAuditLog } from '../../src/audit/audit-log';
import { parseConfig, type AppConfig } from '../../src/config';
import { SandboxCredential } from '../../src/graph/credential';
import { DEMO_TENANT, DEMO_USERS } from '../../src/sandbox/demo-ids';
import { LOCAL_TENANT } from '../../src/sandbox/local-tenant';
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox/server';
import { createStorage, startAzurite, type AzuriteHandle } from '../../src/storage';
import { executeActions } from '../cards/support/cases';
import { cardText } from '../support/card-text';
import { LocalConnector, type ReceivedActivity } from '../support/local-connector';

/**
 * Ask the helpdesk over real HTTP: the whole bot (composeBot) behind restify, the sandbox tenant
 * for Graph, Azurite for storage and a local connector for what the bot sends. Half-way through,
 * the bot is stopped and composed again over the same storage, as after a restart: the agent's
 * take, reply and close work on the request the first process stored, and the reply reaches the
 * person through the conversation reference stored with it.
 */

const CHANNEL = '19:helpdesk-requests@thread.tacv2';
const USERS = {
  member: { id: '29:member', aadObjectId: DEMO_USERS.member.id, name: 'Demo User' },
  agent: { id: '29:helpdesk', aadObjectId: DEMO_USERS.helpdesk.id, name: 'Helpdesk Agent' },
  /** A chat that does not tell the person's Entra identity: the triage card answers. */
  visitor: { id: '29:visitor', aadObjectId: '', name: 'Visiting User' },
};
type User = (typeof USERS)[keyof typeof USERS];
const MEMBER_CHAT = `a:personal-${USERS.member.id}`;

interface Running {
  bot: ComposedBot;
  server: BotServer;
}

describe('ask the helpdesk over real HTTP, across a restart @slow', function () {
  this.timeout(90_000);
  let azurite: AzuriteHandle;
  let sandbox: SandboxTenant;
  let connector: LocalConnector;
  let config: AppConfig;
  let running: Running | undefined;

  async function start(): Promise<Running> {
    const bot = composeBot(config, {
      storage: { connectionString: azurite.connectionString },
      graphBaseUrl: sandbox.url,
      graphCredential: new SandboxCredential(),
    });
    const server = await startBotServer({
      port: 0,
      adapter: bot.adapter,
      handleTurn: (context) => bot.app.run(context),
      probes: bot.probes,
    });
    return { bot, server };
  }

  async function stop(): Promise<void> {
    await running?.server.drain(2000);
    await running?.bot.stopBackground();
    running = undefined;
  }

  before(async () => {
    azurite = await startAzurite({ inMemory: true });
    sandbox = await startSandboxTenant({ port: 0 });
    connector = new LocalConnector();
    await connector.start();
    config = { ...parseConfig({}, LOCAL_TENANT), port: 0, helpdeskChannelId: CHANNEL };
    running = await start();
  });
  after(async () => {
    await stop();
    await connector?.stop();
    await sandbox?.close();
    await azurite?.stop();
  });

  function base(user: User, channel: boolean) {
    return {
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: connector.url,
      from: user.aadObjectId
        ? { id: user.id, name: user.name, aadObjectId: user.aadObjectId }
        : { id: user.id, name: user.name },
      recipient: { id: '28:bot', name: 'Sign-in Helpdesk' },
      conversation: {
        id: channel ? CHANNEL : `a:personal-${user.id}`,
        conversationType: channel ? 'channel' : 'personal',
        tenantId: DEMO_TENANT.id,
      },
      channelData: { tenant: { id: DEMO_TENANT.id } },
      locale: 'en-US',
    };
  }

  async function post(activity: Record<string, unknown>): Promise<Record<string, unknown>> {
    const response = await fetch(`${running!.server.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
    });
    assert.equal(response.status, 200);
    const body = await response.text();
    return body ? (JSON.parse(body) as Record<string, unknown>) : {};
  }

  /** An Action.Execute click; the invoke answer as a line or as the card's text and verbs. */
  async function click(
    user: User,
    verb: string,
    data: Record<string, unknown>,
    channel = false,
    conversationType?: string,
  ) {
    const from = base(user, channel);
    if (conversationType) from.conversation.conversationType = conversationType;
    const answer = await post({
      ...from,
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    });
    if (typeof answer.value === 'string') return { line: answer.value, text: '', verbs: [] };
    const card = answer.value as Record<string, unknown>;
    return {
      line: '',
      text: cardText({
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
      }),
      verbs: executeActions(card).map((a) => String(a.verb)),
    };
  }

  async function say(user: User, text: string, channel = false): Promise<ReceivedActivity> {
    const since = connector.received.length;
    await post({ ...base(user, channel), type: 'message', text });
    const where = channel ? CHANNEL : `a:personal-${user.id}`;
    return connector.waitFor(
      (a) =>
        connector.received.indexOf(a) >= since &&
        a.conversationId === where &&
        a.method === 'POST' &&
        a.activity.type === 'message',
    );
  }

  /** The next activity to the member's chat or the channel after `since`, matching `text`. */
  function next(where: string, text: RegExp, method = 'POST'): Promise<ReceivedActivity> {
    return connector.waitFor(
      (a) => a.conversationId === where && a.method === method && text.test(cardText(a.activity)),
    );
  }

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
    assert.equal(other.line, 'Only the person who got this card can send it.');
    const channelCards = connector.received.filter(
      (a) => a.conversationId === CHANNEL && a.method === 'POST',
    );
    assert.equal(channelCards.length, 1, 'one card in the channel');
  });

  it('keeps the request across a restart: the agent takes it, the card shows who has it', async () => {
    await stop();
    running = await start();

    const refused = await click(USERS.member, 'handoff.take', { v: 1, handoffId }, true);
    assert.match(refused.text, /Only helpdesk members can take, answer or close/);

    const taken = await click(USERS.agent, 'handoff.take', { v: 1, handoffId }, true);
    assert.match(taken.text, /Taken by Helpdesk Agent/);
    assert.deepEqual(taken.verbs.slice(-2), ['handoff.reply', 'handoff.close']);
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
    assert.match(replied.text, /Replies sent/);
    const delivered = await next(MEMBER_CHAT, /Reply from the helpdesk/);
    assert.match(
      cardText(delivered.activity),
      /Helpdesk Agent from the helpdesk wrote:[\s\S]*Your office network is allowed/,
    );
    assert.match(cardText(delivered.activity), new RegExp(reference));

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
      createStorage({ connectionString: azurite.connectionString }).records,
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
      'help-closed',
      'denied',
    ]);
    assert.equal(JSON.stringify(audit).includes('office network is allowed'), false);
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
});
