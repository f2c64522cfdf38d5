import assert from 'node:assert/strict';
import { RunningClock } from '../handoff/support';
import { artifactPath } from '../support/browser';
import { addLockout } from '../support/sandbox-sign-ins';
import { DEMO_USERS } from '../../src/sandbox/demo-ids';
import { send, useOnePlayground } from '../support/playground-users';

const BUSY = 'Microsoft Graph was too busy to read the sign-in log just now';

/**
 * The Demo User in the Agents Playground (Chromium) while Graph is too busy to read the sign-in
 * log: the answer keeps the explanation and says so in one line with a Check again button; once
 * Graph answers, the button gives the whole answer. Then the unsure card's "It is a sign-in
 * problem" with its resemblance one click away. Screenshots go to
 * .artifacts/playground/log-unread-*.png.
 */
describe('a busy sign-in log and the unsure card in the Playground @slow @browser', function () {
  this.timeout(180_000);
  // The bot's clock: a 429 pauses the tenant's sign-in reads for its Retry-After, by this clock.
  // It runs with real time (the Graph limiter refills its tokens by it while the person clicks)
  // and is moved past the Retry-After instead of waiting an hour.
  const clock = new RunningClock();

  const one = useOnePlayground('log-unread-failure', { height: 1400, clock });
  afterEach(() => one.harness.sandbox.faults.clear());

  it('answers with one busy line and Check again, and the whole answer once Graph answers', async () => {
    const page = one.page;
    one.harness.sandbox.faults.add({
      pathPattern: '/auditLogs/signIns',
      status: 429,
      retryAfterSeconds: 3600,
    });
    await send(page, 'AADSTS50053');
    await page.getByText(BUSY).last().waitFor({ timeout: 30_000 });
    const check = page.getByRole('button', { name: 'Check again' }).last();
    await check.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('playground', 'log-unread-1-busy.png') });
    const busy = await page.locator('body').innerText();
    assert.match(busy, /Too many wrong passwords locked the account for a while/);

    // Graph answers again, and the lock-out itself has reached the log meanwhile.
    one.harness.sandbox.faults.clear();
    clock.advance(3_601_000);
    addLockout(one.harness.sandbox, DEMO_USERS.member.id, new Date(clock.now().getTime() - 60_000));
    await check.click();
    await page.getByText(BUSY).waitFor({ state: 'detached', timeout: 30_000 });
    await page
      .getByText(/failed attempt/)
      .last()
      .waitFor({ timeout: 30_000 });
    await page.screenshot({ path: artifactPath('playground', 'log-unread-2-again.png') });
    const whole = await page.locator('body').innerText();
    assert.doesNotMatch(whole, /too busy to read the sign-in log/);
    assert.match(whole, /Too many wrong passwords locked the account for a while/);
  });

  it('a Conditional Access block while Graph is out of reach: the explanation, one line, Check again', async () => {
    const page = one.page;
    one.harness.sandbox.faults.add({
      pathPattern: '/auditLogs/signIns',
      status: 503,
      retryAfterSeconds: 3600,
    });
    await send(page, 'AADSTS53003: Access has been blocked by Conditional Access policies.');
    const line = page.getByText('Microsoft Graph could not be reached just now').last();
    await line.waitFor({ timeout: 30_000 });
    await line.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('playground', 'log-unread-6-ca-unreached.png') });
    const shown = await page.locator('body').innerText();
    const card = shown.slice(shown.lastIndexOf('AADSTS53003'));
    assert.match(card, /Conditional Access/);
    assert.doesNotMatch(card, /did not answer properly|Many people are asking/);
    await page.getByRole('button', { name: 'Check again' }).last().waitFor({ timeout: 5_000 });

    one.harness.sandbox.faults.clear();
    clock.advance(3_601_000);
    await page.getByRole('button', { name: 'Check again' }).last().click();
    await line.waitFor({ state: 'detached', timeout: 30_000 });
    const policies = page.getByText('Policies that stopped the sign-in').last();
    await policies.waitFor({ timeout: 30_000 });
    await policies.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('playground', 'log-unread-7-ca-again.png') });
  });

  it('offers "It is a sign-in problem" on the unsure card, its resemblance a button', async () => {
    const page = one.page;
    await send(
      page,
      'Your account has been blocked as it was identified to be violating our security policy. Please contact support if you feel this is a mistake.',
    );
    const itIs = page.getByRole('button', { name: 'It is a sign-in problem' }).last();
    await itIs.waitFor({ timeout: 30_000 });
    await itIs.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('playground', 'log-unread-3-unsure.png') });
    assert.match(await page.locator('body').innerText(), /I'm not sure what this is/);

    await itIs.click();
    const heading = page.getByText('Which of these fits better?').last();
    await heading.waitFor({ timeout: 20_000 });
    const lead = page.getByRole('button', { name: 'An access rule blocking a sign-in' }).last();
    await lead.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('playground', 'log-unread-4-choice.png') });
    await lead.click();
    // The choice card is replaced by the Conditional Access answer.
    await heading.waitFor({ state: 'detached', timeout: 30_000 });
    const policies = page.getByText('Policies that stopped the sign-in').first();
    await policies.waitFor({ timeout: 30_000 });
    await policies.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('playground', 'log-unread-5-chosen.png') });
    const answered = await page.locator('body').innerText();
    assert.match(answered, /CA001: Block sign-ins from outside allowed countries/);
    assert.doesNotMatch(answered, /I'm not sure what this is/, 'the unsure card was replaced');
  });
});
