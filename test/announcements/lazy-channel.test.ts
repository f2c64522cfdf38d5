import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  LazyChannel,
  type ChannelBuild,
  type ChannelImports,
  type ChannelModule,
  type ChannelParts,
  type SenderModule,
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

/** Builds `parts` whatever the modules. */
function build(sent: string[]): ChannelBuild {
  const made = parts(sent);
  return {
    sender: () => made.sender,
    rest: () => ({ notifier: made.notifier, compose: made.compose }),
  };
}

/** Module loading that counts each step; `rest` may be held back until `releaseRest`. */
function counted(options: { failSenderOnce?: boolean; holdRest?: boolean } = {}) {
  const count = { sender: 0, rest: 0 };
  let releaseRest: () => void = () => undefined;
  const restReleased = options.holdRest
    ? new Promise<void>((resolve) => (releaseRest = resolve))
    : Promise.resolve();
  const imports: ChannelImports = {
    sender: async () => {
      count.sender += 1;
      if (options.failSenderOnce && count.sender === 1) throw new Error('module not found');
      return {} as SenderModule;
    },
    rest: async () => {
      count.rest += 1;
      await restReleased;
      return {} as ChannelModule;
    },
  };
  return { count, imports, releaseRest: () => releaseRest() };
}

describe('the channel parts of the announcement workers, loaded after they are up', () => {
  it('loads once, on first use or when asked, and hands every call to the loaded parts', async () => {
    const sent: string[] = [];
    const loaded: number[] = [];
    const { count, imports } = counted();
    const channel = new LazyChannel(build(sent), (ms) => loaded.push(ms), imports);
    assert.deepEqual(count, { sender: 0, rest: 0 }, 'nothing loaded before it is needed');
    const outcomes = await Promise.all([
      channel.sender.send(REFERENCE, MESSAGE),
      channel.sender.send({ ...REFERENCE, conversationId: 'a:2' }, MESSAGE),
      channel.load(),
    ]);
    assert.deepEqual(count, { sender: 1, rest: 1 });
    assert.equal(loaded.length, 1);
    assert.deepEqual(sent, ['a:1', 'a:2']);
    assert.deepEqual(outcomes[0], { kind: 'sent', activityId: 'm1' });
    const message = await channel.compose({ id: 'ann-1' } as AnnouncementRecord);
    assert.equal(message.summary, 'ann-1');
    assert.deepEqual(await channel.notifier.notifyHelpdesk({} as never), { kind: 'sent' });
    assert.deepEqual(count, { sender: 1, rest: 1 });
  });

  it('sends once the sender is loaded, without waiting for the card templates', async () => {
    const sent: string[] = [];
    const { count, imports, releaseRest } = counted({ holdRest: true });
    const channel = new LazyChannel(build(sent), undefined, imports);
    const loading = channel.load();
    // The rest is still loading (held): a send goes out all the same.
    assert.deepEqual(await channel.sender.send(REFERENCE, MESSAGE), {
      kind: 'sent',
      activityId: 'm1',
    });
    assert.deepEqual(count, { sender: 1, rest: 1 });
    let composed = false;
    const composing = channel.compose({ id: 'ann-1' } as AnnouncementRecord).then(() => {
      composed = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(composed, false, 'the composer waits for the templates');
    releaseRest();
    await Promise.all([loading, composing]);
    assert.equal(composed, true);
  });

  it('tries the loading again at the next use after it failed', async () => {
    const { count, imports } = counted({ failSenderOnce: true });
    const channel = new LazyChannel(build([]), undefined, imports);
    await assert.rejects(channel.sender.send(REFERENCE, MESSAGE), /module not found/);
    assert.deepEqual(await channel.sender.send(REFERENCE, MESSAGE), {
      kind: 'sent',
      activityId: 'm1',
    });
    assert.equal(count.sender, 2);
  });

  it('loads the real parts by default, here as in the compiled bot', async () => {
    let names: string[] = [];
    const channel = new LazyChannel({
      sender: (module) => {
        names.push(...Object.keys(module));
        return parts([]).sender;
      },
      rest: (module) => {
        names.push(...Object.keys(module));
        const { notifier, compose } = parts([]);
        return { notifier, compose };
      },
    });
    await channel.load();
    names = names.sort();
    assert.deepEqual(names, [
      'BotAnnouncementNotifier',
      'BotProactiveSender',
      'classifyFailure',
      'composeAnnouncementMessage',
      'toActivity',
    ]);
  });

  it('keeps botbuilder and the card templates out of a worker process until it is up, and the templates out of its sender', function () {
    this.timeout(60_000);
    // A process of its own: this one has loaded everything already.
    const root = join(__dirname, '..', '..');
    const probe = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `const state = () => {
           const loaded = Object.keys(require.cache);
           const has = (part) => loaded.some((file) => file.includes(part));
           return { botbuilder: has('/node_modules/botbuilder'), templating: has('/node_modules/adaptivecards-templating/'), cards: has('/cards/render'), workers: has('/bot/announcements/workers') };
         };
         require('./bot/announcements/workers');
         const up = state();
         require('./bot/announcements/proactive-sender');
         console.log(JSON.stringify({ up, sender: state() }));`,
      ],
      { cwd: root, encoding: 'utf8' },
    );
    assert.equal(probe.status, 0, probe.stderr);
    assert.deepEqual(JSON.parse(probe.stdout.trim().split('\n').pop()!), {
      up: { botbuilder: false, templating: false, cards: false, workers: true },
      // The sender, which a first send needs, comes without the card templates.
      sender: { botbuilder: true, templating: false, cards: false, workers: true },
    });
  });
});
