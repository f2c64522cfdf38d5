import assert from 'node:assert/strict';
import { artifactPath } from '../support/browser';
import { send, sendAndWait, useOnePlayground } from '../support/playground-users';

/**
 * The Demo User in the Agents Playground (Chromium) has no error to paste and says what is wrong
 * in a few words: "I can't log in" is answered from their latest failed sign-in; "need a TAP",
 * "I got a new phone" and "forgot my password" get the answer that helps (their passes with the
 * button asking for one, their registered methods, the password answer); requests they never
 * started get the answer that someone else has the password, with no pass offered. Screenshots:
 * .artifacts/playground/complaint*.png.
 */
describe('own words in the Playground @slow @browser', function () {
  this.timeout(180_000);
  const one = useOnePlayground('complaint-failure', { height: 1400 });

  it('"I can\'t log in": the latest failed sign-in, not "not a sign-in error"', async () => {
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

  const asks: Array<[string, RegExp, string]> = [
    ['need a TAP', /Issue a Temporary Access Pass/, 'complaint-2-tap.png'],
    ['I got a new phone', /Issue a Temporary Access Pass/, 'complaint-3-phone.png'],
    ['forgot my password', /The password does not work/, 'complaint-4-password.png'],
    [
      'I keep getting "Approve sign in request" on my phone but I never tried to log in, what do I do',
      /Sign-in requests you did not start/,
      'complaint-5-not-started.png',
    ],
  ];
  for (const [words, answer, shot] of asks) {
    it(`"${words}": ${answer.source}`, async () => {
      const page = one.page;
      await sendAndWait(page, words, answer);
      await page.screenshot({ path: artifactPath('playground', shot) });
      const shown = await page.locator('body').innerText();
      assert.doesNotMatch(
        shown.slice(shown.lastIndexOf(words)),
        /doesn't look like a sign-in error/,
      );
      if (words === 'I got a new phone') {
        // Its next steps move the second step to the new phone, not type a number into the old.
        const card = page.locator('.ac-adaptiveCard').filter({ hasText: answer }).last();
        const steps = await card.innerText();
        assert.match(steps, /Add Microsoft Authenticator on the new phone/, steps);
        assert.match(steps, /Delete the old phone's Authenticator/);
        assert.doesNotMatch(steps, /Update Microsoft Authenticator, open it/);
      }
      if (answer.source.startsWith('Sign-in requests')) {
        // Someone else has the password: what to do now, the sign-out offered, never a new pass.
        const card = page.locator('.ac-adaptiveCard').filter({ hasText: answer }).last();
        const said = await card.innerText();
        assert.match(said, /Someone else very likely knows your password/, said);
        assert.match(said, /Deny every request you did not start/);
        assert.match(said, /Sign me out everywhere/);
        assert.doesNotMatch(said, /Sign the user out/);
        assert.doesNotMatch(said, /Temporary Access Pass|type the number/);
      }
    });
  }
});
