import assert from 'node:assert/strict';
import { artifactPath } from '../support/browser';
import { chooseApprovalChannel, send, useTwoPlaygrounds } from '../support/playground-users';

// Shaped like a pass, made up for the test.
const TYPED_PASS = 'Xk7#pQ2m';

/**
 * The Helpdesk Agent rejects a request in the Helpdesk channel and types, by mistake, only a pass
 * as the reason: the card asks for a reason in words and the request stays open; with one, the
 * member hears why, and the pass typed with it is hidden everywhere.
 */
describe('rejecting a request across two Playgrounds @slow @browser', function () {
  this.timeout(180_000);
  const two = useTwoPlaygrounds('reject-failure', { background: false });

  it('the member asks for a pass, and the agent opens the request in the Helpdesk channel', async () => {
    await chooseApprovalChannel(two.agentPage);
    await send(
      two.memberPage,
      'Temporary Access Pass sign in was blocked due to User Credential Policy',
    );
    const button = two.memberPage
      .getByRole('button', { name: 'Issue a Temporary Access Pass' })
      .last();
    await button.waitFor({ timeout: 20_000 });
    await button.click();
    await two.memberPage.getByRole('button', { name: 'Send to the helpdesk' }).last().click();
    await two.memberPage
      .getByText(/Sent to the helpdesk for approval/)
      .first()
      .waitFor({ timeout: 20_000 });
    await two.agentPage
      .getByText('Issue a Temporary Access Pass for Demo User')
      .first()
      .waitFor({ timeout: 20_000 });
    await two.agentPage
      .getByRole('button', { name: /Review|Approve/ })
      .last()
      .click();
    await two.agentPage.getByRole('button', { name: 'Reject' }).last().waitFor({ timeout: 20_000 });
  });

  it('a reason that is only a pass is sent back, and the request stays open', async () => {
    await two.agentPage
      .getByLabel(/Reason \(needed to reject\)/)
      .last()
      .fill(`Pass: ${TYPED_PASS}`);
    await two.agentPage.getByRole('button', { name: 'Reject' }).last().click();
    await two.agentPage
      .getByText(/only what looked like a pass or secret/)
      .first()
      .waitFor({ timeout: 20_000 });
    await two.agentPage.screenshot({ path: artifactPath('playground', 'reject-1-pass-only.png') });
    const text = await two.agentPage.locator('body').innerText();
    assert.ok(!text.includes(TYPED_PASS), 'the pass is not shown back');
    assert.ok(await two.agentPage.getByRole('button', { name: 'Approve' }).last().isVisible());
  });

  it('with a reason in words the member hears why, and the pass stays hidden', async () => {
    await two.agentPage
      .getByLabel(/Reason \(needed to reject\)/)
      .last()
      .fill(`You already have a working pass from this morning: ${TYPED_PASS}`);
    await two.agentPage.getByRole('button', { name: 'Reject' }).last().click();
    await two.memberPage
      .getByText(/You already have a working pass from this morning/)
      .first()
      .waitFor({ timeout: 20_000 });
    await two.agentPage.waitForTimeout(1000);
    await two.agentPage.screenshot({ path: artifactPath('playground', 'reject-2-agent.png') });
    await two.memberPage.screenshot({ path: artifactPath('playground', 'reject-3-member.png') });
    for (const page of [two.memberPage, two.agentPage]) {
      const text = await page.locator('body').innerText();
      assert.ok(!text.includes(TYPED_PASS), 'the pass typed with the reason is hidden');
    }
    assert.match(await two.memberPage.locator('body').innerText(), /\(hidden\)/);
  });
});
