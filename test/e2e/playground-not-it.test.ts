import assert from 'node:assert/strict';
import { artifactPath } from '../support/browser';
import { send, startOnePlayground, type OnePlayground } from '../support/playground-users';

/**
 * "That's not it" as the Demo User sees it in the Agents Playground (Chromium): a code-less paste
 * read from its words (an older sign-in method), the button, the choice card and the answer for
 * the chosen problem: an expired password, which the tenant shows has not expired, so the answer
 * turns to the person's latest failed sign-in. Screenshots go to
 * .artifacts/playground/not-it-*.png.
 */
describe("That's not it in the Playground @slow @browser", function () {
  this.timeout(180_000);
  let one: OnePlayground;

  before(async () => {
    one = await startOnePlayground({ height: 1400 });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await one?.page.screenshot({ path: artifactPath('playground', 'not-it-failure.png') });
    }
  });
  after(async () => {
    await one?.stop();
  });

  it('corrects a reading from words alone to the problem the person chooses', async () => {
    const page = one.page;
    await send(
      page,
      'Outlook keeps prompting me for my password and will not connect to the mailbox anymore.',
    );
    const notIt = page.getByRole('button', { name: "That's not it" }).last();
    await notIt.waitFor({ timeout: 30_000 });
    await page.screenshot({ path: artifactPath('playground', 'not-it-1-guess.png') });

    await notIt.click();
    await page.getByText('Which of these fits better?').last().waitFor({ timeout: 20_000 });
    const shown = await page.locator('body').innerText();
    assert.match(shown, /I read your message as an older sign-in method being blocked/);
    assert.match(shown, /None of these/);
    await page.getByText('An expired password', { exact: true }).last().click();
    await page.screenshot({ path: artifactPath('playground', 'not-it-2-choices.png') });

    await page.getByRole('button', { name: 'Show me this' }).last().click();
    // The tenant disagrees: the password is 56 days old in a 90-day domain, so the card says so
    // and turns to the latest failed sign-in, a Conditional Access block.
    await page
      .getByText('The password has not expired', { exact: true })
      .first()
      .waitFor({ timeout: 30_000 });
    // The top of the answer: the banner naming the checked claim, then the latest failure.
    await page
      .getByText(/^The password has not expired\. Your message had no error code/)
      .first()
      .scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('playground', 'not-it-3-chosen.png') });
    const answered = await page.locator('body').innerText();
    assert.doesNotMatch(answered, /Which of these fits better\?/, 'the choice card was replaced');
    assert.doesNotMatch(answered, /The password has expired/);
    assert.match(answered, /The password has not expired\. Your message had no error code/);
    assert.match(answered, /53003/);
  });
});
