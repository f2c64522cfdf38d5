import assert from 'node:assert/strict';
import { ReferenceStore } from '../../src/announcements/reference-store';
import type { DeliveryMessage } from '../../src/announcements/types';
import { MemoryRecordStore } from '../fakes/memory-record-store';
import { MemoryWorkQueue } from '../fakes/memory-work-queue';
import {
  BOT,
  person,
  personalActivity,
  startBotDriver,
  teamActivity,
  type BotDriver,
} from './support/bot-driver';
import { ScriptedDirectory, TENANT } from './support/domain-harness';

const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const USER = '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a01';
const TEAM = '19:general-abc@thread.tacv2';

/**
 * Install and uninstall events through a real teams-ai Application: the bot remembers where it
 * may write (personal chats by object id, teams by id) and forgets on uninstall.
 */
describe('announcement install events', () => {
  let records: MemoryRecordStore;
  let references: ReferenceStore;
  let bot: BotDriver;
  let welcomed: number;

  beforeEach(() => {
    records = new MemoryRecordStore();
    references = new ReferenceStore(records);
    welcomed = 0;
    bot = startBotDriver({
      records,
      queue: new MemoryWorkQueue<DeliveryMessage>('announcements'),
      directory: new ScriptedDirectory(),
      // Registered after the announcement routes, like the welcome card in the real bot.
      after: (app) =>
        app.conversationUpdate('membersAdded', async () => {
          welcomed += 1;
        }),
    });
  });

  it('stores the personal chat when a user installs the app, with its regional serviceUrl', async () => {
    const posted = await bot.post(
      personalActivity(SERVICE_URL, person(USER), { type: 'installationUpdate', action: 'add' }),
    );
    assert.equal(posted.status, 200);
    const reference = await references.user(USER);
    assert.deepEqual(reference, {
      serviceUrl: SERVICE_URL,
      tenantId: TENANT,
      conversationId: `a:personal-${USER}`,
      conversationType: 'personal',
      botId: BOT.id,
      userId: `29:${USER}`,
      userObjectId: USER,
      userName: 'Member',
    });
    assert.deepEqual(await references.tenant(TENANT), { serviceUrl: SERVICE_URL, botId: BOT.id });
  });

  it('forgets the chat when the user uninstalls, but not on an upgrade', async () => {
    const install = personalActivity(SERVICE_URL, person(USER), {
      type: 'installationUpdate',
      action: 'add',
    });
    await bot.post(install);
    await bot.post({ ...install, id: 'u1', action: 'remove-upgrade' });
    assert.ok(await references.user(USER), 'an upgrade keeps the chat');
    await bot.post({ ...install, id: 'u2', action: 'remove' });
    assert.equal(await references.user(USER), undefined);
  });

  it('stores a team when the bot is added to it, and still lets the welcome route run', async () => {
    await bot.post(
      teamActivity(SERVICE_URL, TEAM, {
        type: 'conversationUpdate',
        membersAdded: [{ id: BOT.id }],
      }),
    );
    const team = await references.team(TEAM);
    assert.equal(team?.conversationId, TEAM);
    assert.equal(team?.conversationType, 'channel');
    assert.equal(team?.teamName, 'IT Helpdesk');
    assert.equal(welcomed, 1, 'the membersAdded route registered after ours still ran');
  });

  it('ignores other people joining, and forgets the team when the bot is removed', async () => {
    await bot.post(
      teamActivity(SERVICE_URL, TEAM, {
        type: 'conversationUpdate',
        membersAdded: [{ id: `29:${USER}` }],
      }),
    );
    assert.equal(await references.team(TEAM), undefined);
    await bot.post(
      teamActivity(SERVICE_URL, TEAM, {
        type: 'conversationUpdate',
        membersAdded: [{ id: BOT.id }],
      }),
    );
    await bot.post(
      teamActivity(SERVICE_URL, TEAM, {
        type: 'conversationUpdate',
        membersRemoved: [{ id: BOT.id }],
      }),
    );
    assert.equal(await references.team(TEAM), undefined);
  });

  it('does not fail the turn when storage is down', async () => {
    records.simulateOutage(true);
    const posted = await bot.post(
      teamActivity(SERVICE_URL, TEAM, {
        type: 'conversationUpdate',
        membersAdded: [{ id: BOT.id }],
      }),
    );
    assert.equal(posted.status, 200);
    assert.equal(welcomed, 1);
  });
});
