import assert from 'node:assert/strict';
import { artifactPath } from '../support/browser';
import { send, useOnePlayground } from '../support/playground-users';

/**
 * The Demo User in the Agents Playground (Chromium) has no error to paste and says only "I can't
 * log in": the bot looks at their latest failed sign-in and answers with the Conditional Access
 * policies that failed it. Screenshot: .artifacts/playground/complaint.png.
 */
describe('"I can\'t log in" in the Playground @slow @browser', function () {
  this.timeout(180_000);
  const one = useOnePlayground('complaint-failure', { height: 1400 });

  it('answers from the latest failed sign-in, not "not a sign-in error"', async () => {
    const page = one.page;
    await page
      .getByText(/No error on the screen\? Say so in your own words/)
      .first()
      .waitFor();
    await send(page, "I can't log in");
    await page.getByText('Policies that stopped the sign-in').last().waitFor({ timeout: 30_000 });
    await page
      .getByText(/^Your latest failed sign-in$/)
      .last()
      .scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('playground', 'complaint.png') });
    const shown = await page.locator('body').innerText();
    assert.match(shown, /CA001: Block sign-ins from outside allowed countries/);
    assert.doesNotMatch(shown, /doesn't look like a sign-in error/);
  });
});
