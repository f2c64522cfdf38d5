import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../src/sandbox/demo-ids';
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { cardText, hasAdaptiveCard } from '../support/card-text';
import { teamsMessage } from '../support/local-connector';

const member = { id: '29:member', aadObjectId: DEMO_USERS.member.id, name: 'Demo User' };

describe('questions and weak leads over real HTTP @slow', function () {
  this.timeout(60_000);
  let harness: BotHarness;

  before(async () => {
    harness = await startBotHarness();
  });
  after(async () => {
    await harness?.stop();
  });

  async function ask(text: string): Promise<string> {
    const activity = teamsMessage(harness.connector.url, text, member);
    const conversationId = (activity.conversation as { id: string }).id;
    const { status } = await harness.post(activity);
    assert.equal(status, 200);
    const reply = await harness.connector.waitFor(
      (a) => a.conversationId === conversationId && a.activity.type === 'message',
    );
    assert.ok(hasAdaptiveCard(reply.activity), 'the reply is an Adaptive Card');
    return cardText(reply.activity);
  }

  it('answers a how-to question with what the bot can do, not a diagnosis of the asker', async () => {
    const text = await ask('How do I exclude a user from a conditional access policy?');
    assert.match(text, /question about Conditional Access/);
    assert.match(text, /What the bot can do/);
    assert.doesNotMatch(text, /blocked this sign-in|access rules blocked/i);
  });

  it('still diagnoses an error that comes with a question', async () => {
    const text = await ask('my account is locked, what do I do?');
    assert.doesNotMatch(text, /question about/);
    assert.match(text, /lock/i);
  });

  it('asks for the error when a paste only resembles one', async () => {
    const text = await ask(
      'Your account has been blocked as it was identified to be violating our security policy. Please contact support if you feel this is a mistake.',
    );
    assert.match(text, /not sure what this is/);
    assert.match(text, /paste the whole error page/);
  });
});
