import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  LazyChannel,
  type ChannelModule,
  type ChannelParts,
} from '../../bot/announcements/lazy-channel';
import type { OutboundMessage, ProactiveSender, SendOutcome } from '../../src/announcements/ports';
import type { AnnouncementRecord, StoredReference } from '../../src/announcements/types';

const MESSAGE: OutboundMessage = { card: { type: 'AdaptiveCard' }, summary: 'hello' };
const REFERENCE = { conversationId: 'a:1' } as StoredReference;

/** Parts whose sender records what it was asked to send. */
function parts(sent: string[]): ChannelParts {
  const sender: ProactiveSender = {
    send: async (reference): Promise<SendOutcome> => {
      sent.push(reference.conversationId);
      return { kind: 'sent', activityId: `m${sent.length}` };
    },
    update: async () => ({ kind: 'sent' }),
    openPersonal: async () => ({ kind: 'transient', detail: 'not here' }),
  };
  return {
    sender,
    notifier: {
      showProgress: async () => ({ outcome: { kind: 'sent' }, activityId: 'p1' }),
      notifyHelpdesk: async () => ({ kind: 'sent' }),
    },
    compose: (announcement) => ({ ...MESSAGE, summary: announcement.id }),
  };
}

describe('the channel parts of the announcement workers, loaded after they are up', () => {
  it('loads once, on first use or when asked, and hands every call to the loaded parts', async () => {
    const sent: string[] = [];
    let imports = 0;
    const loaded: number[] = [];
    const channel = new LazyChannel(
      () => parts(sent),
      (ms) => loaded.push(ms),
      async () => {
        imports += 1;
        return {} as ChannelModule;
      },
    );
    assert.equal(imports, 0, 'nothing loaded before it is needed');
    const outcomes = await Promise.all([
      channel.sender.send(REFERENCE, MESSAGE),
      channel.sender.send({ ...REFERENCE, conversationId: 'a:2' }, MESSAGE),
      channel.load(),
    ]);
    assert.equal(imports, 1);
    assert.equal(loaded.length, 1);
    assert.deepEqual(sent, ['a:1', 'a:2']);
    assert.deepEqual(outcomes[0], { kind: 'sent', activityId: 'm1' });
    const message = await channel.compose({ id: 'ann-1' } as AnnouncementRecord);
    assert.equal(message.summary, 'ann-1');
    assert.deepEqual(await channel.notifier.notifyHelpdesk({} as never), { kind: 'sent' });
    assert.equal(imports, 1);
  });

  it('tries the loading again at the next use after it failed', async () => {
    let imports = 0;
    const channel = new LazyChannel(
      () => parts([]),
      undefined,
      async () => {
        imports += 1;
        if (imports === 1) throw new Error('module not found');
        return {} as ChannelModule;
      },
    );
    await assert.rejects(channel.sender.send(REFERENCE, MESSAGE), /module not found/);
    assert.deepEqual(await channel.sender.send(REFERENCE, MESSAGE), {
      kind: 'sent',
      activityId: 'm1',
    });
    assert.equal(imports, 2);
  });

  it('loads the real parts by default, here as in the compiled bot', async () => {
    let names: string[] = [];
    const channel = new LazyChannel((module) => {
      names = Object.keys(module).sort();
      return parts([]);
    });
    await channel.load();
    assert.deepEqual(names, [
      'BotAnnouncementNotifier',
      'BotProactiveSender',
      'composeAnnouncementMessage',
    ]);
  });

  it('keeps botbuilder and the card templates out of a worker process until it is up', function () {
    this.timeout(60_000);
    // A process of its own: this one has loaded everything already.
    const root = join(__dirname, '..', '..');
    const probe = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `require('./bot/announcements/workers');
         const loaded = Object.keys(require.cache);
         const has = (part) => loaded.some((file) => file.includes(part));
         console.log(JSON.stringify({ botbuilder: has('/node_modules/botbuilder'), templating: has('/node_modules/adaptivecards-templating/'), cards: has('/cards/render'), workers: has('/bot/announcements/workers') }));`,
      ],
      { cwd: root, encoding: 'utf8' },
    );
    assert.equal(probe.status, 0, probe.stderr);
    assert.deepEqual(JSON.parse(probe.stdout.trim().split('\n').pop()!), {
      botbuilder: false,
      templating: false,
      cards: false,
      workers: true,
    });
  });
});
