import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { startPlayground, type PlaygroundHandle } from '../../bot/playground';
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { artifactPath, launchChromium } from '../support/browser';
import { freePort } from '../support/free-port';
import { freshShellEnv } from '../support/fresh-env';
import { postInChannel, scrollToLast } from '../support/playground-users';

/**
 * A newcomer's first hour as they see it: the Demo User's Playground (its browser in Berlin time)
 * and the Helpdesk Agent's, the second opened by `npm run playground:agent` against the running
 * bot. Screenshots in .artifacts/playground/first-hour-*.png are what a person sees.
 */
describe('the first hour in the Playground @slow @browser', function () {
  this.timeout(240_000);
  let harness: BotHarness;
  let member: PlaygroundHandle;
  let agentScript: ChildProcess | undefined;
  let agentUrl = '';
  let browser: Browser;
  let memberPage: Page;
  let agentPage: Page;

  /** Runs the agent command the README gives, against the harness bot; resolves its URL. */
  function startAgentCommand(botUrl: string): Promise<string> {
    const child = spawn(
      process.execPath,
      [require.resolve('tsx/cli'), 'scripts/playground-agent.ts', '--bot', botUrl],
      { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'], env: freshShellEnv() },
    );
    agentScript = child;
    return new Promise((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 90_000);
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        const match = /Open this URL to chat as the agent:\s+(\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`playground:agent exited with ${code}:\n${output}`));
      });
    });
  }

  async function stopAgentCommand(): Promise<void> {
    const child = agentScript;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }

  /**
   * Types a message and sends it. The Playground's box sends on Enter and keeps no Shift+Enter
   * line breaks, so the lines of a pasted page go in one line; triage reads the fields either way.
   */
  async function sendLines(page: Page, lines: string[]): Promise<void> {
    const box = page.locator('[contenteditable="true"]').first();
    await box.click();
    await page.keyboard.type(lines.join(' '));
    await page.keyboard.press('Enter');
  }

  /** Scrolls the chat so this text is at the top, then takes the shot. */
  async function shotFrom(page: Page, text: string | RegExp, name: string): Promise<void> {
    await page
      .getByText(text)
      .last()
      .evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await shot(page, name);
  }

  async function shot(page: Page, name: string): Promise<void> {
    await page.waitForTimeout(600);
    await page.screenshot({ path: artifactPath('playground', `first-hour-${name}.png`) });
  }

  // Chromium first: without it nothing else is started. after() stops whatever did start.
  before(async () => {
    browser = await launchChromium();
    harness = await startBotHarness();
    const botUrl = `${harness.server.url}/api/messages`;
    member = await startPlayground({
      botEndpoint: botUrl,
      port: await freePort(),
      configDir: process.cwd(),
      env: { TZ: 'Europe/Berlin' },
    });
    agentUrl = await startAgentCommand(botUrl);
    memberPage = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    agentPage = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    await memberPage.goto(member.url, { waitUntil: 'networkidle' });
    await agentPage.goto(agentUrl, { waitUntil: 'networkidle' });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await memberPage?.screenshot({
        path: artifactPath('playground', 'first-hour-failure-member.png'),
      });
      await agentPage?.screenshot({
        path: artifactPath('playground', 'first-hour-failure-agent.png'),
      });
    }
  });

  after(async () => {
    await browser?.close();
    await stopAgentCommand();
    await member?.stop();
    await harness?.stop();
  });

  it('a page whose ids match nothing: says so, shows the paste, then the latest failure', async () => {
    const requestId = randomUUID();
    await sendLines(memberPage, [
      'AADSTS53003: Access has been blocked by Conditional Access policies.',
      'App name: Outlook Mobile',
      'Device platform: iOS',
      `Request Id: ${requestId}`,
      `Correlation Id: ${randomUUID()}`,
      `Timestamp: ${new Date(Date.now() - 2 * 3_600_000).toISOString()}`,
    ]);
    await memberPage
      .getByText('No sign-in with that request ID in your sign-in log')
      .first()
      .waitFor({ timeout: 30_000 });
    await memberPage.getByText(requestId).first().waitFor();
    await memberPage.getByText('Your latest failed sign-in').first().waitFor();
    await shotFrom(
      memberPage,
      'No sign-in with that request ID in your sign-in log',
      '1a-unmatched-id',
    );
    await shot(memberPage, '1b-unmatched-id-latest');
  });

  it('"Your account is blocked" is answered from the latest failure, in Berlin time', async () => {
    await sendLines(memberPage, ['Your account is blocked']);
    await memberPage
      .getByText(/Your message had no error code/)
      .first()
      .waitFor({ timeout: 30_000 });
    const headline = await memberPage
      .getByText(/blocked the sign-in to Microsoft Teams at/)
      .last()
      .innerText();
    assert.match(headline, /(CET|CEST|GMT\+1|GMT\+2)$/, headline);
    await shotFrom(memberPage, /blocked the sign-in to Microsoft Teams at/, '2-account-blocked');
  });

  it('the 53003 card names the policy above each exclusion button', async () => {
    await sendLines(memberPage, ['AADSTS53003']);
    await memberPage
      .getByText('From the policy "CA006: Require a compliant device on Windows":')
      .last()
      .waitFor({ timeout: 30_000 });
    await scrollToLast(
      memberPage,
      'From the policy "CA001: Block sign-ins from outside allowed countries":',
    );
    await shot(memberPage, '3-exclusion-buttons');
  });

  it('help in the Helpdesk channel: the member sees member help only', async () => {
    await memberPage.getByText('Helpdesk', { exact: true }).first().click();
    await postInChannel(memberPage, 'help');
    await memberPage
      .getByText(/Paste the error you saw/)
      .last()
      .waitFor({ timeout: 30_000 });
    const text = await memberPage.locator('body').innerText();
    assert.ok(!text.includes('For the helpdesk'));
    await shot(memberPage, '4-member-help-in-channel');
  });

  it('the agent, from "npm run playground:agent", gets the helpdesk commands', async () => {
    await agentPage.getByText('Helpdesk', { exact: true }).first().click();
    await postInChannel(agentPage, 'help');
    await agentPage.getByText('For the helpdesk').last().waitFor({ timeout: 30_000 });
    await agentPage.getByText('recent actions').last().waitFor();
    await shot(agentPage, '5-agent-help');
  });
});
