import assert from 'node:assert/strict';
import { RunningClock } from '../handoff/support';
import { artifactPath } from '../support/browser';
import { send, useOnePlayground } from '../support/playground-users';

const ACCOUNT_BUSY = 'Microsoft Graph was too busy to read the account just now';
const METHODS_UNREACHED =
  "Microsoft Graph could not be reached just now to read the account's sign-in methods";

/**
 * The Demo User in the Agents Playground (Chromium) while Graph does not answer their own records:
 * the account read too busy, then the sign-in methods out of reach. Each answer keeps what was
 * read and says in one line what it goes without, with Check again; once Graph answers, the
 * button gives the whole answer. Screenshots go to .artifacts/playground/account-unread-*.png.
 */
describe('the account and its methods unanswered, in the Playground @slow @browser', function () {
  this.timeout(180_000);
  // Real time plus an offset, as in the sign-in log walk: the Graph limiter refills by it, and it
  // is moved past a Retry-After instead of waiting an hour.
  const clock = new RunningClock();

  const one = useOnePlayground('account-unread-failure', { height: 1400, clock });
  afterEach(() => {
    one.harness.sandbox.faults.clear();
    clock.advance(3_601_000);
  });

  it('a wrong password while the account is busy: the explanation, one line, and the record after Check again', async () => {
    const page = one.page;
    one.harness.sandbox.faults.add({
      method: 'GET',
      pathPattern: /^\/users\/[^/]+$/,
      status: 429,
      retryAfterSeconds: 3600,
    });
    await send(
      page,
      'AADSTS50126: Error validating credentials due to invalid username or password.',
    );
    const line = page.getByText(ACCOUNT_BUSY).last();
    await line.waitFor({ timeout: 30_000 });
    const check = page.getByRole('button', { name: 'Check again' }).last();
    await check.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('playground', 'account-unread-1-busy.png') });
    const shown = await page.locator('body').innerText();
    const card = shown.slice(shown.lastIndexOf('AADSTS50126'));
    assert.doesNotMatch(card, /The account record|Managed in|Password changed/);
    assert.doesNotMatch(card, /asking the bot to slow down|did not answer properly/);

    one.harness.sandbox.faults.clear();
    clock.advance(3_601_000);
    await check.click();
    await line.waitFor({ state: 'detached', timeout: 30_000 });
    const record = page.getByText('The account record').last();
    await record.waitFor({ timeout: 30_000 });
    await record.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('playground', 'account-unread-2-again.png') });
    const whole = await page.locator('body').innerText();
    assert.doesNotMatch(whole, /too busy to read the account/);
    assert.match(whole, /user@sandbox\.example/);
  });

  it('MFA while the sign-in methods are out of reach: what was read, one line, Check again', async () => {
    const page = one.page;
    one.harness.sandbox.faults.add({
      pathPattern: /^\/users\/[^/]+\/authentication\/methods$/,
      status: 503,
    });
    await send(page, 'AADSTS500121: Authentication failed during strong authentication request.');
    const line = page.getByText(METHODS_UNREACHED).last();
    await line.waitFor({ timeout: 30_000 });
    await line.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('playground', 'account-unread-3-methods.png') });
    const shown = await page.locator('body').innerText();
    const card = shown.slice(shown.lastIndexOf('AADSTS500121'));
    assert.doesNotMatch(card, /Registered sign-in methods|look in order/);
    await page.getByRole('button', { name: 'Check again' }).last().waitFor({ timeout: 5_000 });
  });
});
