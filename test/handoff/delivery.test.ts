import assert from 'node:assert/strict';
import { HandoffDelivery } from '../../bot/handoff';
import type { LogEntry } from '../../src/remediation/ports';
import { cardText } from '../support/card-text';
import { RecordingNotifier } from '../remediation/support/recording-notifier';
import { DRAFT, PEOPLE, handoffHarness } from './support';

const CHAT = {
  serviceUrl: 'http://connector.test/',
  conversationId: 'a:personal-asker',
  conversationType: 'personal' as const,
};

async function setUp() {
  const h = handoffHarness();
  const notifier = new RecordingNotifier();
  const logs: LogEntry[] = [];
  const remembered: unknown[] = [];
  const delivery = new HandoffDelivery(h.service, notifier, (e) => void logs.push(e), {
    remember: async (offers) => void remembered.push(...offers),
  });
  await h.service.prepare('draft-1', DRAFT);
  const asked = await h.service.ask({ draftId: 'draft-1', actor: PEOPLE.asker, askerChat: CHAT });
  if (asked.status !== 'created') throw new Error(asked.status);
  return { h, notifier, logs, delivery, handoff: asked.handoff };
}

const text = (card: Record<string, unknown>) =>
  cardText({
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
  });

describe('ask the helpdesk: delivery', () => {
  it('posts the card, records where it went and edits that one card on each change', async () => {
    const { h, notifier, delivery, handoff } = await setUp();
    assert.equal(await delivery.postNew(handoff), true);
    const stored = await h.service.get(handoff.id);
    assert.equal(stored?.channelCard?.activityId, 'activity-1');
    const taken = await h.service.act({ act: 'take', actor: PEOPLE.agent, handoffId: handoff.id });
    assert.equal(taken.status, 'done');
    if (taken.status !== 'done') return;
    await delivery.updateChannel(taken.handoff);
    const [update] = notifier.of('update');
    assert.equal(update.posted?.activityId, 'activity-1');
    assert.match(text(update.card), /Taken by Helpdesk Agent/);
  });

  it('says when no channel is set, and the request stays listed for the helpdesk', async () => {
    const { h, notifier, delivery, handoff } = await setUp();
    notifier.channelConfigured = false;
    assert.equal(await delivery.postNew(handoff), false);
    const list = await h.service.openRequests(PEOPLE.agent);
    assert.equal(list.status === 'ok' && list.handoffs[0].id, handoff.id);
  });

  it('reports a reply it could not deliver, and logs it without the reply’s text', async () => {
    const { h, notifier, logs, delivery, handoff } = await setUp();
    await h.service.act({ act: 'take', actor: PEOPLE.agent, handoffId: handoff.id });
    const replied = await h.service.act({
      act: 'reply',
      actor: PEOPLE.agent,
      handoffId: handoff.id,
      text: 'Sign in again from the office.',
    });
    if (replied.status !== 'done') throw new Error(replied.status);
    notifier.failWith = new Error('the connector answered 403');
    assert.equal(await delivery.tellReply(replied.handoff), false);
    assert.deepEqual(
      logs.map((e) => [e.event, e.handoffId]),
      [['handoff.asker-not-reached', handoff.id]],
    );
    assert.equal(JSON.stringify(logs).includes('office'), false);
    notifier.failWith = undefined;
    assert.equal(await delivery.tellReply(replied.handoff), true);
    const [sent] = notifier.of('chat');
    assert.equal(sent.address?.conversationId, 'a:personal-asker');
    assert.match(text(sent.card), /Sign in again from the office\./);
  });
});
