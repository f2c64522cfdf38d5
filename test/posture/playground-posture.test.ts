import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { artifactPath } from '../support/browser';
import {
  agentConfigDir,
  send,
  startOnePlayground,
  type OnePlayground,
} from '../support/playground-users';

/**
 * The helpdesk agent's view of `posture`, `report` and `how-to` in the Agents Playground in
 * headless Chromium. Screenshots land in .artifacts/posture/ to be looked at.
 */
describe('posture in the Agents Playground @slow @browser', function () {
  this.timeout(150_000);
  let playground: OnePlayground | undefined;
  let page: Page;

  before(async () => {
    playground = await startOnePlayground({ configDir: agentConfigDir(), height: 2400 });
    page = playground.page;
    await page.getByText(/paste/i).first().waitFor({ timeout: 30_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      await page.screenshot({ path: artifactPath('posture', 'failure.png'), fullPage: true });
    }
  });

  after(async () => {
    await playground?.stop();
  });

  it('shows the posture card with verdicts, evidence and fixes', async () => {
    await send(page, 'posture');
    const title = page.getByText('Tenant posture: Sandbox Tenant').first();
    await title.waitFor({ timeout: 30_000 });
    await page
      .getByText(/Emergency-access accounts are excluded/)
      .first()
      .waitFor();
    await page
      .getByText(/Open the admin page/)
      .first()
      .waitFor();
    await title.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('posture', 'posture-card.png'), fullPage: true });
    assert.ok(
      await page
        .getByText(/⚠ Warning: Microsoft Authenticator/)
        .first()
        .isVisible(),
    );
  });

  it('shows a report card and its CSV', async () => {
    await send(page, 'report stale-apps');
    await page.getByText('Enterprise apps unused for 90 days').first().waitFor({ timeout: 30_000 });
    await page
      .getByText(/Pilot Expense App/)
      .last()
      .waitFor();
    await page.screenshot({
      path: artifactPath('posture', 'report-stale-apps.png'),
      fullPage: true,
    });
  });

  it('answers a how-to question and offers the command', async () => {
    await send(page, 'how-to password hash sync is not updating');
    await page.getByText('What the bot can do now').last().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: artifactPath('posture', 'answer.png'), fullPage: true });
    const before = await page.getByText('Tenant posture: Sandbox Tenant').count();
    await page
      .getByRole('button', { name: /Check when password sync last ran/ })
      .last()
      .click();
    await page.getByText('Tenant posture: Sandbox Tenant').nth(before).waitFor({ timeout: 30_000 });
  });
});
