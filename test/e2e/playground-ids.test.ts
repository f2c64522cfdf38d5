import assert from 'node:assert/strict';
import { artifactPath } from '../support/browser';
import { send, useOnePlayground } from '../support/playground-users';
import { SCENARIO_SIGN_INS } from '../../src/sandbox/scenario-ids';

/**
 * The Demo User in the Agents Playground (Chromium) pastes only the ids of a sign-in page's
 * troubleshooting details: the bot finds that sign-in and answers from its own code, the
 * Conditional Access policies that failed it. Screenshot: .artifacts/playground/ids-only.png.
 */
describe('troubleshooting ids pasted alone in the Playground @slow @browser', function () {
  this.timeout(180_000);
  const one = useOnePlayground('ids-only-failure', { height: 1400 });

  it('answers with the policies that failed the sign-in the ids point at', async () => {
    const page = one.page;
    await send(
      page,
      `Request Id: ${SCENARIO_SIGN_INS.caBlocked.id} Correlation Id: ${SCENARIO_SIGN_INS.caBlocked.correlationId}`,
    );
    const policies = page.getByText('Policies that stopped the sign-in').last();
    await policies.waitFor({ timeout: 30_000 });
    await page
      .getByText(/^Conditional Access$/)
      .last()
      .scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('playground', 'ids-only.png') });
    const shown = await page.locator('body').innerText();
    assert.match(shown, /CA001: Block sign-ins from outside allowed countries/);
    assert.doesNotMatch(shown, /doesn't look like a sign-in error/);
  });
});
