import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { artifactPath } from '../support/browser';
import { agentConfigDir, sendAndWait, useOnePlayground } from '../support/playground-users';

/**
 * The helpdesk agent in the Agents Playground (Chromium) writes as agents do: what they were
 * asked to do for someone ("unlock warehouse@…") and a call relayed ("sales@… says device not
 * compliant"); each gets that account's answer, not "not a sign-in error" or the agent's own
 * devices. A relayed Windows Hello PIN message and an az login error get the agent's steps. A
 * "thanks" gets a line back. Screenshots: .artifacts/playground/agent-words*.png.
 */
describe("a helpdesk agent's own words in the Playground @slow @browser", function () {
  this.timeout(180_000);
  const one = useOnePlayground('agent-words-failure', {
    configDir: agentConfigDir(),
    height: 1800,
  });

  /** Sends `words` and waits until one more of `answer` is on the page than before. */
  async function asked(page: Page, words: string, answer: RegExp): Promise<string> {
    await sendAndWait(page, words, answer);
    // The chat only: the Playground's log panel below the message box repeats what was sent.
    const chat = (await page.locator('body').innerText()).split('Type a message...')[0];
    return chat.slice(chat.lastIndexOf(words));
  }

  it('"unlock <name>": the lock-out of that account', async () => {
    const page = one.page;
    await page.getByText(/paste/i).first().waitFor({ timeout: 30_000 });
    const answer = await asked(
      page,
      'unlock warehouse@sandbox.example',
      /^Too many wrong passwords locked the account for a while$/,
    );
    assert.match(answer, /For Warehouse Member \(warehouse@sandbox\.example\)/);
    assert.doesNotMatch(answer, /doesn't look like a sign-in error/);
    // Steps for the agent: what they tell the person, not the person's own "wait, then sign in".
    assert.match(answer, /Tell them to wait a few minutes without trying/);
    await page.screenshot({ path: artifactPath('playground', 'agent-words-1-unlock.png') });
  });

  it('"<name> says device not compliant": that account\'s device', async () => {
    const page = one.page;
    const answer = await asked(
      page,
      'sales@sandbox.example says device not compliant',
      /^SALES-LT-014 does not meet the compliance policy$/,
    );
    assert.match(answer, /For Sales Member \(sales@sandbox\.example\)/);
    await page.screenshot({ path: artifactPath('playground', 'agent-words-2-relayed.png') });
  });

  it('"<name> says we couldn\'t set up your PIN": the Windows Hello PIN, what to ask and check', async () => {
    const page = one.page;
    const answer = await asked(
      page,
      "sales@sandbox.example says We couldn't set up your PIN",
      /^The person's Windows Hello PIN cannot be used on their computer now$/,
    );
    assert.match(answer, /For Sales Member \(sales@sandbox\.example\)/);
    assert.match(answer, /Ask the person to sign in to Windows with their password/);
    assert.match(answer, /NgcSet/);
    await page.screenshot({ path: artifactPath('playground', 'agent-words-3-pin.png') });
  });

  it('"<name> says" an az login error: the command the agent asks them to run', async () => {
    const page = one.page;
    const answer = await asked(
      page,
      'sales@sandbox.example says ERROR: AADSTS700082: The refresh token has expired due to inactivity. Please run az login',
      /^Ask them to run "az login" again in the same terminal/,
    );
    assert.match(answer, /For Sales Member \(sales@sandbox\.example\)/);
    assert.doesNotMatch(answer, /Ask the user to sign in to the app again/);
    await page.screenshot({ path: artifactPath('playground', 'agent-words-4-az-login.png') });
  });

  it('"dismiss risk for <name>": that account\'s risk, with the button that dismisses it', async () => {
    const page = one.page;
    const answer = await asked(
      page,
      'dismiss risk for marketing@sandbox.example',
      /^The account is blocked because its user risk is high$/,
    );
    assert.match(answer, /For Marketing Member \(marketing@sandbox\.example\)/);
    assert.match(answer, /Dismiss user risk/);
    await page.screenshot({ path: artifactPath('playground', 'agent-words-5-dismiss-risk.png') });
  });

  it('"thanks, that worked!": a line back', async () => {
    const page = one.page;
    await asked(page, 'thanks, that worked!', /^Glad that helped\./);
    await page.screenshot({ path: artifactPath('playground', 'agent-words-6-thanks.png') });
  });
});
