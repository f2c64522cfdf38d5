import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { artifactPath } from '../support/browser';
import { sendAndWait, useOnePlayground } from '../support/playground-users';

/**
 * The person signing in, in the Agents Playground (Chromium), asking in their own words: a how-to
 * question gets the answer written for them (not the admin's playbook), a lost phone and
 * requests that never arrive get their own steps, and a code only someone else can fix says who.
 * Screenshots: .artifacts/playground/person-words-*.png.
 */
describe("the person's own words in the Playground @slow @browser", function () {
  this.timeout(180_000);
  const one = useOnePlayground('person-words-failure', { height: 1800 });

  /** Sends `words`, waits for one more `answer` on the page, and returns the chat since them. */
  async function asked(page: Page, words: string, answer: RegExp): Promise<string> {
    await sendAndWait(page, words, answer);
    const chat = (await page.locator('body').innerText()).split('Type a message...')[0];
    return chat.slice(chat.lastIndexOf(words));
  }

  it('"can you reset my password please": reset it yourself, no admin steps, no staff buttons', async () => {
    const page = one.page;
    await page.getByText(/paste/i).first().waitFor({ timeout: 30_000 });
    const answer = await asked(
      page,
      'can you reset my password please',
      /^A forgotten password: reset it yourself$/,
    );
    assert.match(answer, /Reset it yourself at https:\/\/aka\.ms\/sspr/);
    assert.doesNotMatch(answer, /Admins turn it on|Entra ID > Password reset|posture/);
    await page.screenshot({ path: artifactPath('playground', 'person-words-1-reset.png') });
  });

  it('"I lost my phone and can\'t do MFA": a pass, the new phone, the old one removed', async () => {
    const page = one.page;
    const answer = await asked(
      page,
      "I lost my phone and can't do MFA",
      /Add Microsoft Authenticator on the new phone/,
    );
    assert.doesNotMatch(answer, /Update Microsoft Authenticator, open it, and type the number/);
    await page.screenshot({ path: artifactPath('playground', 'person-words-2-lost-phone.png') });
  });

  it('"my authenticator app shows no requests": finding the request, another way in', async () => {
    const page = one.page;
    const answer = await asked(
      page,
      'my authenticator app shows no requests when I sign in',
      /Open Microsoft Authenticator on the phone while the sign-in screen waits/,
    );
    assert.match(answer, /Sign in another way/);
    await page.screenshot({ path: artifactPath('playground', 'person-words-3-no-requests.png') });
  });

  it("AADSTS50105: ask the helpdesk or the app's owner, not 'sign in again'", async () => {
    const page = one.page;
    const answer = await asked(
      page,
      "AADSTS50105: Your administrator has configured the application Zoom ('abc') to block users unless they are specifically granted ('assigned') access to the application.",
      /^Ask the helpdesk or the app's owner to add you\.$/,
    );
    assert.doesNotMatch(answer, /Close the app or browser, sign in again/);
    await page.screenshot({ path: artifactPath('playground', 'person-words-4-not-assigned.png') });
  });

  it('"when does my password expire?": their own password\'s expiry, with how to change it ahead', async () => {
    const page = one.page;
    const answer = await asked(
      page,
      'when does my password expire?',
      /To change it before then, sign in at https:\/\/myaccount\.microsoft\.com/,
    );
    assert.match(answer, /so it stays valid until/);
    assert.doesNotMatch(answer, /latest failed sign-in/);
    await page.screenshot({ path: artifactPath('playground', 'person-words-5-expiry.png') });
  });

  it('"is my account compromised?": their risk record, said as asked', async () => {
    const page = one.page;
    const answer = await asked(
      page,
      'is my account compromised?',
      /it has seen no sign of someone else using it/,
    );
    assert.match(answer, /The account carries no active risk now/);
    assert.doesNotMatch(answer, /Wait 10 to 15 minutes/);
    await page.screenshot({ path: artifactPath('playground', 'person-words-6-compromised.png') });
  });
});
