import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { formatActivationDate } from '../../cards/announcements';
import { artifactPath } from '../support/browser';
import { send, startTwoPlaygrounds, type TwoPlaygrounds } from '../support/playground-users';

/**
 * An announcement seen by both people: the Helpdesk Agent composes the number-matching notice for
 * everyone who has the app, checks the preview and confirms; delivery workers send it, and the
 * Demo User's personal chat in the other Playground receives it.
 */
/** The bot runs on the real clock here, so the day is counted from now, as the command does. */
const IN_A_WEEK = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

describe('announcement across two Playgrounds @slow @browser', function () {
  this.timeout(180_000);
  let playgrounds: TwoPlaygrounds;
  let memberPage: Page;
  let agentPage: Page;

  before(async () => {
    playgrounds = await startTwoPlaygrounds({ background: true });
    ({ memberPage, agentPage } = playgrounds);
    await memberPage.getByText(/paste/i).first().waitFor({ timeout: 20_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await playgrounds?.capture('announce-failure');
  });

  after(async () => {
    await playgrounds?.stop();
  });

  it('the agent previews the number-matching announcement and confirms it', async () => {
    await send(agentPage, 'announce number-matching in 7 days installed');
    const confirm = agentPage.getByRole('button', { name: /^Send to \d+ people$/ }).last();
    await confirm.waitFor({ timeout: 30_000 });
    await agentPage.screenshot({ path: artifactPath('playground', 'announce-1-preview.png') });
    await confirm.click();
    await agentPage.waitForTimeout(2000);
    await agentPage.screenshot({ path: artifactPath('playground', 'announce-2-progress.png') });
  });

  it("the announcement arrives in the member's personal chat", async () => {
    await memberPage
      .getByText('Sign-in change: type the number you see')
      .waitFor({ timeout: 60_000 });
    await memberPage
      .getByText(`From ${formatActivationDate(IN_A_WEEK)}`)
      .first()
      .waitFor();
    await memberPage.screenshot({ path: artifactPath('playground', 'announce-3-member.png') });
  });

  it('the member reports a prompt they did not start and is told what to do', async () => {
    const before = (await memberPage.locator('body').innerText()).length;
    await memberPage.getByRole('button', { name: 'I got a prompt I did not start' }).last().click();
    await memberPage.waitForTimeout(2500);
    const after = await memberPage.locator('body').innerText();
    assert.ok(after.length > before, 'an answer appeared');
    assert.match(after, /helpdesk has been told|told the helpdesk|helpdesk knows/i);
    await memberPage.screenshot({ path: artifactPath('playground', 'announce-4-reported.png') });
  });
});
