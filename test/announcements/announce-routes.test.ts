import assert from 'node:assert/strict';
import { activeKey, TABLES } from '../../src/announcements/tables';
import type { DeliveryMessage } from '../../src/announcements/types';
import { MemoryRecordStore } from '../fakes/memory-record-store';
import { MemoryWorkQueue } from '../fakes/memory-work-queue';
import { LocalConnector, type ReceivedActivity } from '../support/local-connector';
import {
  cardAction,
  person,
  personalActivity,
  startBotDriver,
  type BotDriver,
} from './support/bot-driver';
import { AUTHOR, ScriptedDirectory, userId } from './support/domain-harness';

function cardTexts(received: ReceivedActivity): string {
  return JSON.stringify(received.activity.attachments ?? received.activity.text ?? '');
}

function invokeCard(body: unknown): string {
  return JSON.stringify((body as { value?: unknown }).value ?? body);
}

/**
 * The author's side in a real teams-ai Application: the announce command, the preview, confirm,
 * cancel and the user's report button; replies land on a local connector.
 */
describe('announce command and card actions @slow', () => {
  let connector: LocalConnector;
  let records: MemoryRecordStore;
  let queue: MemoryWorkQueue<DeliveryMessage>;
  let directory: ScriptedDirectory;
  let bot: BotDriver;
  const author = person(AUTHOR.objectId, AUTHOR.name);

  before(async () => {
    connector = new LocalConnector();
    await connector.start();
  });

  after(async () => connector.stop());

  beforeEach(async () => {
    records = new MemoryRecordStore();
    queue = new MemoryWorkQueue<DeliveryMessage>('announcements');
    directory = new ScriptedDirectory();
    bot = startBotDriver({ records, queue, directory });
    for (let i = 0; i < 3; i += 1) {
      await bot.services.references.saveUser(
        userId(i),
        {
          serviceUrl: connector.url,
          tenantId: 't',
          conversationId: `a:${i}`,
          conversationType: 'personal',
          botId: '28:bot-app',
        },
        'test',
      );
    }
  });

  async function say(from: Record<string, unknown>, text: string): Promise<ReceivedActivity> {
    const before = connector.received.length;
    await bot.post(personalActivity(connector.url, from, { type: 'message', text }));
    return connector.waitFor(
      (a, i = connector.received.indexOf(a)) => i >= before && a.activity.type === 'message',
    );
  }

  async function draft(): Promise<string> {
    const reply = await say(
      author,
      'announce number-matching in 30 days installed Call 1234 with questions',
    );
    const match = /"announcementId":"(ann-[^"]+)"/.exec(cardTexts(reply));
    assert.ok(match, 'the preview carries the announcement id');
    return match[1];
  }

  it('answers the command with a preview: audience size and the Authenticator settings', async () => {
    const reply = await say(
      author,
      'announce number-matching in 30 days installed Call 1234 with questions',
    );
    const text = cardTexts(reply);
    assert.match(text, /Everyone who has the app/);
    // Three installed users, and the author, whose chat the command itself just recorded.
    assert.match(text, /4 people/);
    assert.match(text, /Required for every push prompt/);
    assert.match(text, /announce\.confirm/);
    assert.match(text, /Call 1234 with questions/);
  });

  it('refuses people outside the helpdesk and admin groups', async () => {
    const reply = await say(person(userId(9)), 'announce number-matching in 30 days installed');
    assert.match(cardTexts(reply), /Only helpdesk and admin team members/);
    assert.equal((await records.list(TABLES.announcements, 'announcement')).length, 0);
  });

  it('explains the command when it cannot read it', async () => {
    const reply = await say(author, 'announce number-matching 2099-02-30 installed');
    assert.match(String(reply.activity.text), /real date/);
    assert.match(String(reply.activity.text), /announce number-matching WHEN group:GROUP-ID/);
    assert.doesNotMatch(String(reply.activity.text), /[<>]|&lt;/);
  });

  it('a reference no announcement has: says so, not "no longer exists"', async () => {
    const reply = await say(author, 'announce status ann-nope');
    const text = cardTexts(reply);
    assert.match(text, /No announcement has that reference/);
    assert.doesNotMatch(text, /no longer exists/);
  });

  it('confirms once: a second click changes nothing and queues nothing more', async () => {
    const id = await draft();
    const first = await bot.post(
      cardAction(connector.url, author, 'announce.confirm', { v: 1, announcementId: id }),
    );
    assert.equal(first.status, 200);
    assert.match(invokeCard(first.body), /Getting ready/);
    assert.match(invokeCard(first.body), /Stop sending/);
    const second = await bot.post(
      cardAction(connector.url, author, 'announce.confirm', { v: 1, announcementId: id }),
    );
    assert.equal(second.status, 200);
    const record = await bot.services.store.get(id);
    assert.equal(record?.value.state, 'queued');
    assert.equal(
      record?.value.progressActivityId,
      'card-activity-1',
      'progress replaces the preview',
    );
    assert.ok(await records.get(TABLES.announcements, activeKey(id)));
    assert.equal(queue.depth, 1, 'one expand message for two clicks');
  });

  it('refuses forged button data and clicks from outside the author groups', async () => {
    const id = await draft();
    const forged = await bot.post(
      cardAction(connector.url, author, 'announce.confirm', {
        v: 1,
        announcementId: id,
        audience: 'all',
      }),
    );
    assert.match(invokeCard(forged.body), /out of date or was changed/);
    const outsider = await bot.post(
      cardAction(connector.url, person(userId(9)), 'announce.confirm', {
        v: 1,
        announcementId: id,
      }),
    );
    assert.match(invokeCard(outsider.body), /Only helpdesk and admin team members/);
    assert.equal((await bot.services.store.get(id))?.value.state, 'draft');
  });

  it('discards a draft on cancel', async () => {
    const id = await draft();
    const cancelled = await bot.post(
      cardAction(connector.url, author, 'announce.cancel', { v: 1, announcementId: id }),
    );
    assert.match(invokeCard(cancelled.body), /Nothing was sent/);
    assert.equal((await bot.services.store.get(id))?.value.state, 'discarded');
  });

  it('answers "I got a prompt I did not start" with advice and queues the helpdesk notice', async () => {
    const id = await draft();
    const member = person(userId(1), 'Megan Member');
    const clicked = await bot.post(
      cardAction(connector.url, member, 'announce.report-prompt', { v: 1, announcementId: id }),
    );
    assert.match(invokeCard(clicked.body), /Deny/);
    assert.match(invokeCard(clicked.body), /helpdesk has been told/);
    const again = await bot.post(
      cardAction(connector.url, member, 'announce.report-prompt', { v: 1, announcementId: id }),
    );
    assert.match(invokeCard(again.body), /already has your report/);
    const reports = await bot.services.reports.list(id);
    assert.equal(reports.length, 1);
    assert.equal(reports[0].user.name, 'Megan Member');
    const messages = await queue.receive(10, 30);
    assert.deepEqual(
      messages.map((m) => m.body.kind),
      ['prompt-report'],
    );
  });

  it('lists the recipients who did not get it as CSV', async () => {
    const id = await draft();
    await bot.services.store.addRecipient(id, 'u.x', {
      kind: 'user',
      objectId: 'x',
      displayName: '=Evil, "Name"',
      status: 'failed',
      reason: 'blocked-by-user-or-app-disabled',
      attempts: 1,
      transientFailures: 0,
      updatedAt: '2026-11-01T08:00:00.000Z',
    });
    const reply = await say(author, `announce failures ${id}`);
    const text = String(reply.activity.text);
    assert.match(text, /^```\nrecipient,objectId,displayName/);
    assert.match(text, /u\.x,x,"'=Evil, ""Name""",,failed,blocked-by-user-or-app-disabled,1,/);
  });
});
