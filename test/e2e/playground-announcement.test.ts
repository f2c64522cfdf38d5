import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startPlayground, type PlaygroundHandle } from '../../bot/playground';
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { artifactPath, launchChromium } from '../support/browser';
import { freePort } from '../support/free-port';
import { agentConfigDir } from '../support/playground-users';

/**
 * An announcement seen by both people: the Helpdesk Agent composes the number-matching notice for
 * everyone who has the app, checks the preview and confirms; delivery workers send it, and the
 * Demo User's personal chat in the other Playground receives it.
 */
describe('announcement across two Playgrounds @slow', function () {
  this.timeout(180_000);
  let harness: BotHarness;
  let member: PlaygroundHandle;
  let agent: PlaygroundHandle;
  let browser: Browser;
  let memberPage: Page;
  let agentPage: Page;

  before(async () => {
    harness = await startBotHarness({ background: true });
    const botEndpoint = `${harness.server.url}/api/messages`;
    member = await startPlayground({
      botEndpoint,
      port: await freePort(),
      configDir: process.cwd(),
    });
    agent = await startPlayground({
      botEndpoint,
      port: await freePort(),
      configDir: agentConfigDir(),
    });
    browser = await launchChromium();
    memberPage = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    agentPage = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    // Opening each Playground installs the app for its user: the bot stores both references.
    await memberPage.goto(member.url, { waitUntil: 'networkidle' });
    await agentPage.goto(agent.url, { waitUntil: 'networkidle' });
    await memberPage.getByText(/paste/i).first().waitFor({ timeout: 20_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await memberPage?.screenshot({
        path: artifactPath('playground', 'announce-failure-member.png'),
      });
      await agentPage?.screenshot({
        path: artifactPath('playground', 'announce-failure-agent.png'),
      });
    }
  });

  after(async () => {
    await browser?.close();
    await member?.stop();
    await agent?.stop();
    await harness?.stop();
  });

  async function send(page: Page, text: string): Promise<void> {
    const box = page.locator('[contenteditable="true"]').first();
    await box.click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  }

  it('the agent previews the number-matching announcement and confirms it', async () => {
    await send(agentPage, 'announce number-matching 2026-12-01 installed');
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
      .getByText(/From 1 December 2026/)
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
