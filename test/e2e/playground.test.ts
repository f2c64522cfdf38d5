import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { artifactPath } from '../support/browser';
import { send, startOnePlayground, type OnePlayground } from '../support/playground-users';

/**
 * A person's view: the Agents Playground in headless Chromium, connected to the bot on real
 * parts. Screenshots land in .artifacts/playground/ to be looked at.
 */
describe('Agents Playground in a browser @slow @browser', function () {
  this.timeout(120_000);
  let playground: OnePlayground | undefined;
  let page: Page;

  before(async () => {
    playground = await startOnePlayground();
    page = playground.page;
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      await page.screenshot({ path: artifactPath('playground', 'failure.png') });
    }
  });

  after(async () => {
    await playground?.stop();
  });

  it('greets on install with what the bot does', async () => {
    await page.getByText(/paste/i).first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: artifactPath('playground', 'welcome.png') });
  });

  it('answers a pasted error with a card in the personal chat', async () => {
    await send(page, 'I get AADSTS53003 when I open Outlook');
    const title = page.getByText(/CA001: Block sign-ins from outside allowed countries/).first();
    await title.waitFor({ timeout: 20_000 });
    await page
      .getByText(/AADSTS53003/)
      .first()
      .waitFor();
    await page.screenshot({ path: artifactPath('playground', 'triage-53003.png') });
    assert.ok(await title.isVisible());
  });

  it('answers a code-less message in plain words', async () => {
    await send(page, 'Temporary Access Pass sign in was blocked due to User Credential Policy');
    await page.getByText('There is no pass on this account').first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: artifactPath('playground', 'triage-tap.png') });
  });
});
