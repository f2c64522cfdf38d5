import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { BotHarness } from '../support/bot-harness';
import { artifactPath } from '../support/browser';
import {
  chooseApprovalChannel,
  send,
  startTwoPlaygrounds,
  type TwoPlaygrounds,
} from '../support/playground-users';

/**
 * Two people, two Playgrounds, one bot: the Demo User asks for a Temporary Access Pass from the
 * diagnosis card in their personal chat; the Helpdesk Agent (a second Playground whose current
 * user is the agent) approves it in the Helpdesk channel. Both see the outcome; the pass itself
 * is shown only in the agent's own view.
 */
describe('approval flow across two Playgrounds @slow @browser', function () {
  this.timeout(180_000);
  let playgrounds: TwoPlaygrounds;
  let harness: BotHarness;
  let memberPage: Page;
  let agentPage: Page;

  before(async () => {
    playgrounds = await startTwoPlaygrounds({ background: false });
    ({ harness, memberPage, agentPage } = playgrounds);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await playgrounds?.capture('approval-failure');
  });

  after(async () => {
    await playgrounds?.stop();
  });

  it('the agent picks the Helpdesk channel for approvals', async () => {
    await chooseApprovalChannel(agentPage);
    await agentPage.screenshot({ path: artifactPath('playground', 'approval-1-channel.png') });
  });

  it('the member asks for a Temporary Access Pass from the diagnosis card', async () => {
    await send(
      memberPage,
      'Temporary Access Pass sign in was blocked due to User Credential Policy',
    );
    const button = memberPage.getByRole('button', { name: 'Issue a Temporary Access Pass' }).last();
    await button.waitFor({ timeout: 20_000 });
    await button.click();
    // The button opens the fix's form: a lifetime within the tenant's bounds, one-time use, a note.
    const lifetime = memberPage.getByLabel(/Lifetime in minutes \(60 to 480/).last();
    await lifetime.waitFor({ timeout: 10_000 });
    await lifetime.fill('120');
    await memberPage
      .getByLabel(/Note for the helpdesk/)
      .last()
      .fill('Setting up my new phone');
    await memberPage.screenshot({ path: artifactPath('playground', 'approval-2-form.png') });
    await memberPage.getByRole('button', { name: 'Send to the helpdesk' }).last().click();
    await memberPage
      .getByText(/Sent to the helpdesk for approval/)
      .first()
      .waitFor({ timeout: 20_000 });
    assert.ok(await button.isVisible(), 'the diagnosis card is still there, with its button');
    await memberPage.screenshot({ path: artifactPath('playground', 'approval-2-requested.png') });
  });

  let passCode = '';

  it('the agent reviews and approves in the channel', async () => {
    await agentPage
      .getByText('Issue a Temporary Access Pass for Demo User')
      .first()
      .waitFor({ timeout: 20_000 });
    await agentPage.screenshot({ path: artifactPath('playground', 'approval-3-card.png') });
    const review = agentPage.getByRole('button', { name: /Review|Approve/ }).last();
    await review.waitFor({ timeout: 20_000 });
    await review.click();
    await agentPage.waitForTimeout(1500);
    await agentPage.screenshot({ path: artifactPath('playground', 'approval-4-review.png') });
    const review4 = await agentPage.locator('body').innerText();
    assert.match(review4, /multi-use, 120 minutes/, 'the approver sees the chosen lifetime');
    assert.match(review4, /Setting up my new phone/, 'and the note');
    const approve = agentPage.getByRole('button', { name: 'Approve' }).last();
    await approve.waitFor({ timeout: 20_000 });
    await approve.click();
    await agentPage
      .getByText(/shown once, only to you/)
      .first()
      .waitFor({ timeout: 20_000 });
    await agentPage.screenshot({ path: artifactPath('playground', 'approval-5-approved.png') });
    const text = await agentPage.locator('body').innerText();
    passCode = /only to you\)\s*\n\s*(\S+)/.exec(text)?.[1] ?? '';
    assert.match(passCode, /^\S{6,}$/, 'the approver sees the pass');
    const writes = harness.sandbox.requests.filter(
      (r) => r.method === 'POST' && /temporaryAccessPassMethods$/.test(r.path),
    );
    assert.equal(writes.length, 1, 'exactly one pass was created');
    assert.deepEqual(writes[0].body, { lifetimeInMinutes: 120, isUsableOnce: false });
    assert.ok(!JSON.stringify(harness.sandbox.requests).includes(passCode), 'not in any log');
  });

  it('the member hears the outcome, without the pass itself', async () => {
    await memberPage
      .getByText(/Temporary Access Pass issued by Helpdesk Agent for Demo User/)
      .first()
      .waitFor({ timeout: 20_000 });
    await memberPage.screenshot({ path: artifactPath('playground', 'approval-6-member.png') });
    const text = await memberPage.locator('body').innerText();
    assert.ok(passCode.length > 0);
    assert.ok(!text.includes(passCode), 'the pass is not in the requester chat');
    assert.match(text, /gives you the pass directly/);
    assert.doesNotMatch(text, /Cancel my request/, 'the waiting card no longer offers to cancel');
    assert.doesNotMatch(text, /Graph request id/, 'no Graph request id for the person');
  });
});
