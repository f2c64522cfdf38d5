import type { Browser, Page } from 'playwright-core';
import { startPlayground, type PlaygroundHandle } from '../../bot/playground';
import { SCENARIO_USERS } from '../../src/sandbox/scenario-ids';
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { artifactPath, launchChromium } from '../support/browser';
import { freePort } from '../support/free-port';
import { agentConfigDir, send } from '../support/playground-users';

/**
 * The Helpdesk Agent in the Agents Playground in headless Chromium: asks for a guided admin
 * change from the posture card, then sees a tenant-wide cause said on the Helpdesk channel.
 * Screenshots land in .artifacts/admin/ to be looked at.
 */
describe('guided admin changes and tenant findings in the Agents Playground @slow @browser', function () {
  this.timeout(150_000);
  let harness: BotHarness;
  let playground: PlaygroundHandle;
  let browser: Browser;
  let page: Page;

  before(async () => {
    harness = await startBotHarness();
    const tap =
      harness.sandbox.state.authenticationMethodsPolicy.authenticationMethodConfigurations.find(
        (c) => c.id === 'TemporaryAccessPass',
      ) as Record<string, unknown>;
    tap.isUsableOnce = true;
    playground = await startPlayground({
      botEndpoint: `${harness.server.url}/api/messages`,
      port: await freePort(),
      configDir: agentConfigDir(),
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 2400 } });
    await page.goto(playground.url, { waitUntil: 'networkidle' });
    await page.getByText(/paste/i).first().waitFor({ timeout: 30_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      await page.screenshot({ path: artifactPath('admin', 'failure.png'), fullPage: true });
    }
  });

  after(async () => {
    await browser?.close();
    await playground?.stop();
    await harness?.stop();
  });

  it('asks an admin to allow multi-use passes from the posture card', async () => {
    await send(page, 'posture');
    await page.getByText('Tenant posture: Sandbox Tenant').first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Allow multi-use passes' }).first().click();
    await page
      .getByText(/Allows multi-use passes with a lifetime/)
      .first()
      .waitFor();
    await page.screenshot({
      path: artifactPath('admin', 'posture-guided-change.png'),
      fullPage: true,
    });
    await page.getByRole('button', { name: 'Ask an admin to approve' }).first().click();
    await page
      .getByText(/Sent to an admin for approval/)
      .first()
      .waitFor({ timeout: 30_000 });
    await page.screenshot({
      path: artifactPath('admin', 'posture-change-requested.png'),
      fullPage: true,
    });
  });

  it('asks for SMS sign-in for a group with a pasted number list, typed into the card', async () => {
    await page.getByRole('button', { name: 'Turn on SMS sign-in for a group' }).first().click();
    await page
      .getByLabel(/^Group/)
      .first()
      .fill('All Staff');
    await page
      .getByLabel(/^Mobile numbers/)
      .first()
      .fill(`${SCENARIO_USERS.tapExpired.upn}, +44 7700 900456\nnobody, 12`);
    await page.getByRole('button', { name: 'Ask an admin to approve' }).last().click();
    await page
      .getByText(/1 line was left out: line 2/)
      .first()
      .waitFor({ timeout: 30_000 });
    await page
      .getByText(/1 mobile number to add/)
      .first()
      .waitFor();
    await page.screenshot({
      path: artifactPath('admin', 'sms-sign-in-requested.png'),
      fullPage: true,
    });
  });

  it('says on the Helpdesk channel that the pass policy is the cause, with the change', async () => {
    await send(
      page,
      `Temporary Access Pass sign in was blocked due to User Credential Policy for ${SCENARIO_USERS.tapUsed.upn}`,
    );
    await page
      .getByText(/The tenant's pass policy makes passes fail/)
      .first()
      .waitFor({ timeout: 30_000 });
    await page.getByText('Helpdesk', { exact: true }).first().click();
    await page
      .getByText('A sign-in problem that comes from the tenant')
      .first()
      .waitFor({ timeout: 30_000 });
    await page
      .getByText('A sign-in problem that comes from the tenant')
      .first()
      .scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('admin', 'tenant-finding.png'), fullPage: true });
  });
});
