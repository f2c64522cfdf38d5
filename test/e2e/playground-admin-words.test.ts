import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { artifactPath } from '../support/browser';
import { adminConfigDir, sendAndWait, useOnePlayground } from '../support/playground-users';

/**
 * The Tenant Admin in the Agents Playground (Chromium) asks in their own few words, not as a
 * command: "which apps are stale" gets the playbook's answer with the report button, which runs
 * the report; "AVD users can't sign in" gets the Azure Virtual Desktop answer, not the admin's own
 * sign-ins; "number matching" gets the topic with its announce command, not the admin's own MFA;
 * "is TAP enabled in our tenant?" gets the pass policy as the tenant has it. Screenshots:
 * .artifacts/playground/admin-words*.png.
 */
describe("an admin's own words in the Playground @slow @browser", function () {
  this.timeout(180_000);
  const one = useOnePlayground('admin-words-failure', {
    configDir: adminConfigDir(),
    height: 1800,
  });

  /** Sends `words` and waits until one more of `answer` is on the page than before. */
  async function asked(page: Page, words: string, answer: RegExp): Promise<string> {
    await sendAndWait(page, words, answer);
    // The chat only: the Playground's log panel below the message box repeats what was sent.
    const chat = (await page.locator('body').innerText()).split('Type a message...')[0];
    return chat.slice(chat.lastIndexOf(words));
  }

  it('"which apps are stale": the playbook answer, whose button runs the report', async () => {
    const page = one.page;
    await page.getByText(/paste/i).first().waitFor({ timeout: 30_000 });
    const answer = await asked(page, 'which apps are stale', /^Unused enterprise apps$/);
    assert.doesNotMatch(answer, /doesn't look like a sign-in error/);
    await page.screenshot({ path: artifactPath('playground', 'admin-words-1-stale.png') });
    const reports = page.getByText('Enterprise apps unused for 90 days');
    const before = await reports.count();
    await page.getByRole('button', { name: 'List unused apps (report)' }).last().click();
    await reports.nth(before).waitFor({ timeout: 30_000 });
    await page
      .getByText(/Pilot Expense App/)
      .last()
      .scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('playground', 'admin-words-2-report.png') });
  });

  it('"AVD users can\'t sign in": the Azure Virtual Desktop answer', async () => {
    const page = one.page;
    const answer = await asked(
      page,
      "AVD users can't sign in",
      /^Azure Virtual Desktop: people cannot sign in$/,
    );
    assert.match(answer, /Virtual Machine User Login/);
    assert.doesNotMatch(answer, /No failed sign-in/);
    await page.screenshot({ path: artifactPath('playground', 'admin-words-3-avd.png') });
  });

  it('"number matching": the topic and its announce command, not the admin\'s own MFA', async () => {
    const page = one.page;
    // Asked with its question mark: the answer's own text says "number matching" again, and the
    // chat is read from the last time the words sent appear.
    const answer = await asked(
      page,
      'number matching?',
      /^Number matching in Microsoft Authenticator$/,
    );
    assert.match(answer, /announce number-matching YYYY-MM-DD group:GROUP-ID/);
    assert.match(answer, /In this tenant now/);
    assert.doesNotMatch(answer, /Verification methods/);
    await page.screenshot({
      path: artifactPath('playground', 'admin-words-4-number-matching.png'),
    });
  });

  it('"is TAP enabled in our tenant?": the pass policy as the tenant has it', async () => {
    const page = one.page;
    const answer = await asked(
      page,
      'is TAP enabled in our tenant?',
      /^Temporary Access Pass: the policy and issuing a pass$/,
    );
    assert.match(answer, /Temporary Access Pass is enabled in this tenant for All Staff/);
    assert.doesNotMatch(answer, /closest topic/);
    await page.screenshot({ path: artifactPath('playground', 'admin-words-5-tap-policy.png') });
  });
});
