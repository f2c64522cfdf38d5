import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { artifactPath } from '../support/browser';
import {
  chooseApprovalChannel,
  send,
  useOnePlayground,
  useTwoPlaygrounds,
} from '../support/playground-users';

/**
 * "That's not it" as the Demo User sees it in the Agents Playground (Chromium): a code-less paste
 * read from its words (an older sign-in method), the button, the choice card and the answer for
 * the chosen problem: an expired password, which the tenant shows has not expired, so the answer
 * turns to the person's latest failed sign-in. Screenshots go to
 * .artifacts/playground/not-it-*.png.
 */
describe("That's not it in the Playground @slow @browser", function () {
  this.timeout(180_000);
  const one = useOnePlayground('not-it-failure', { height: 1400 });

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

  it('opens the same choice from a paste not read as a sign-in error', async () => {
    const page = one.page;
    await send(page, 'nothing works since yesterday, it keeps sending me back to the start page');
    const itIs = page.getByRole('button', { name: 'It is a sign-in problem' }).last();
    await itIs.waitFor({ timeout: 30_000 });
    await itIs.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('playground', 'not-it-5-unrelated.png') });
    assert.match(await page.locator('body').innerText(), /That doesn't look like a sign-in error/);

    await itIs.click();
    const heading = page.getByText('Which of these fits better?').last();
    await heading.waitFor({ timeout: 20_000 });
    const shown = await page.locator('body').innerText();
    const card = shown.slice(shown.lastIndexOf('Which of these fits better?'));
    assert.match(card, /I could not tell which sign-in problem your message describes/);
    assert.match(card, /None of these/);
    await page.getByText('A locked account', { exact: true }).last().click();
    await page.screenshot({ path: artifactPath('playground', 'not-it-6-unrelated-choices.png') });

    await page.getByRole('button', { name: 'Show me this' }).last().click();
    // The choice card is replaced by the answer for a locked account.
    await heading.waitFor({ state: 'detached', timeout: 30_000 });
    await page.waitForTimeout(1_000);
    await page.screenshot({ path: artifactPath('playground', 'not-it-7-unrelated-chosen.png') });
    const answered = await page.locator('body').innerText();
    assert.doesNotMatch(answered, /Which of these fits better\?/, 'the choice card was replaced');
    // The sandbox log shows no lock-out: the answer says so and turns to the latest failure.
    assert.match(answered, /The sign-in log shows no lock-out/);
    assert.match(answered, /Your latest failed sign-in/);
  });

  it("lists triage's runners-up first on the choice card, the guess left out", async () => {
    const page = one.page;
    // With its correlation id, the model also sees a wrong password, a misconfigured app and the
    // extra verification step in these words (triage's runners-up), best first.
    await send(
      page,
      'Outlook keeps prompting me for my password and will not connect to the mailbox anymore. ' +
        'Correlation ID: 2f8c6e1a-7b34-4d9e-a051-3c6d8e2f9b47',
    );
    const notIt = page.getByRole('button', { name: "That's not it" }).last();
    await page
      .getByText('2f8c6e1a-7b34-4d9e-a051-3c6d8e2f9b47')
      .last()
      .waitFor({ timeout: 30_000 });
    await notIt.waitFor({ timeout: 30_000 });
    await notIt.click();
    const heading = page.getByText('Which of these fits better?').last();
    await heading.waitFor({ timeout: 20_000 });
    await heading.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('playground', 'not-it-4-leads.png') });
    const shown = await page.locator('body').innerText();
    const card = shown.slice(shown.lastIndexOf('Which of these fits better?'));
    // The leads under their own heading, as buttons; every other problem under the next.
    const order = [
      'Closest to your message',
      'A password that was not accepted',
      'An app that is set up incorrectly',
      'An extra verification step that did not complete',
      'Other problems',
      'An access rule blocking a sign-in',
      'None of these',
    ].map((title) => card.indexOf(title));
    for (const name of ['Closest to your message', 'Other problems']) {
      await page.getByRole('heading', { name }).last().waitFor({ timeout: 5_000 });
    }
    await page
      .getByRole('button', { name: 'A password that was not accepted' })
      .last()
      .waitFor({ timeout: 5_000 });
    assert.ok(
      order.every((at, i) => at >= 0 && (i === 0 || at > (order[i - 1] ?? 0))),
      card,
    );
    assert.doesNotMatch(card, /An older sign-in method being blocked/);
  });
});

/**
 * "None of these" as both sides see it: the Demo User turns the reading down and asks the
 * helpdesk from the none-fit card; the Helpdesk Agent's channel card names the turned-down
 * reading first, not as the diagnosis. Screenshots go to .artifacts/playground/none-fit-*.png,
 * or to NONE_FIT_SHOTS when set.
 */
describe('None of these, asked of the helpdesk, in two Playgrounds @slow @browser', function () {
  this.timeout(180_000);
  const two = useTwoPlaygrounds('none-fit-failure', { background: false });
  const shot = (page: Page, name: string): Promise<Buffer> => {
    const dir = process.env.NONE_FIT_SHOTS;
    const file = `none-fit-${name}.png`;
    return page.screenshot({
      path: dir ? path.join(dir, file) : artifactPath('playground', file),
      fullPage: true,
    });
  };

  it('the member says none fits and asks; the agent sees the reading named as turned down', async () => {
    await chooseApprovalChannel(two.agentPage);
    const member = two.memberPage;
    await send(
      member,
      'Outlook keeps prompting me for my password and will not connect to the mailbox anymore.',
    );
    const notIt = member.getByRole('button', { name: "That's not it" }).last();
    await notIt.waitFor({ timeout: 30_000 });
    await notIt.click();
    await member.getByText('None of these', { exact: true }).last().click();
    await member.getByRole('button', { name: 'Show me this' }).last().click();
    await member
      .getByText('Then the helpdesk is the best next step')
      .last()
      .waitFor({ timeout: 20_000 });
    await member.getByRole('button', { name: 'Ask the helpdesk', exact: true }).last().click();
    const box = member.locator('textarea').last();
    await box.waitFor({ timeout: 20_000 });
    await box.fill('None of the choices matched what I see');
    await member.getByRole('button', { name: 'Send to the helpdesk', exact: true }).last().click();
    await member
      .getByText(/^Reference: HD-/)
      .last()
      .waitFor({ timeout: 20_000 });
    await shot(member, '1-member-asked');

    const said = two.agentPage
      .getByText('The person says this is not: an older sign-in method being blocked')
      .last();
    await said.waitFor({ timeout: 20_000 });
    await said.scrollIntoViewIfNeeded();
    await shot(two.agentPage, '2-agent-card');
    const text = await two.agentPage.locator('body').innerText();
    assert.match(text, /They chose none of the problems the bot listed/);
    assert.match(text, /The bot's first reading, which the person turned down/);
    assert.match(text, /None of the choices matched what I see/);
    // Read from the message's words, not a code: its explanation is titled as such.
    assert.match(text, /What the message seems to describe: The app you used/);
    assert.doesNotMatch(text, /What (the|this) error means/);
    assert.ok(
      text.indexOf('The person says this is not') < text.indexOf("The bot's first reading"),
      'the turned-down reading is named above it',
    );
  });
});
