import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { RequestStore } from '../../src/remediation/request-store';
import { createStorage } from '../../src/storage';
import { artifactPath } from '../support/browser';
import { chooseApprovalChannel, send, useTwoPlaygrounds } from '../support/playground-users';

// Shaped like a pass, made up for the test.
const TYPED_PASS = 'Xk7#pQ2m';
/**
 * The plain line that follows the edited waiting card of a rejected request; it names the request
 * by its short reference, as the card does.
 */
const REJECTED_LINE =
  /^Your request (RQ-[0-9A-F]{6}) to issue a Temporary Access Pass was rejected: the card above has the reason\.$/;

/** The member pastes the pass error, asks for a pass and waits until it went to the helpdesk. */
async function askForPass(member: Page): Promise<void> {
  const answers = member.getByText('Why the pass was refused', { exact: true });
  const sent = member.getByText(/Sent to the helpdesk for approval/);
  const [answered, asked] = [await answers.count(), await sent.count()];
  await send(member, 'Temporary Access Pass sign in was blocked due to User Credential Policy');
  await answers.nth(answered).waitFor({ timeout: 20_000 });
  await member.getByRole('button', { name: 'Issue a Temporary Access Pass' }).last().click();
  await member.getByRole('button', { name: 'Send to the helpdesk' }).last().click();
  await sent.nth(asked).waitFor({ timeout: 20_000 });
}

/** Sends a message in the open group chat, mentioning the bot (there it reads only those). */
async function sendToBotInGroupChat(page: Page, text: string): Promise<void> {
  const box = page.locator('[contenteditable="true"]').first();
  await box.click();
  await page.keyboard.type('@Sign');
  await page.getByRole('menuitem', { name: 'Sign-in Helpdesk' }).click();
  await page.keyboard.type(` ${text}`);
  await page.keyboard.press('Enter');
}

/** The agent opens the newest request in the Helpdesk channel, with its Reject button. */
async function openNewest(agent: Page): Promise<void> {
  await agent
    .getByRole('button', { name: /Review|Approve/ })
    .last()
    .click();
  await agent.getByRole('button', { name: 'Reject' }).last().waitFor({ timeout: 20_000 });
}

/**
 * The Helpdesk Agent rejects a request in the Helpdesk channel and types, by mistake, only a pass
 * as the reason: the card asks for a reason in words and the request stays open; with one, the
 * member hears why in one place, their waiting card, brought up to date (no second card), and
 * one plain line below it that alerts them and points to the card, without the reason; the pass
 * typed with it is hidden everywhere. Then a second request whose waiting card the Playground no
 * longer has (its stored message id points nowhere, as for a deleted message): the Playground
 * refuses the edit and the member gets one short notice instead, saying so, and no line.
 *
 * The suite starts the bot on real parts and two Playgrounds (the Demo User's, the Helpdesk
 * Agent's) itself, in Chromium at /usr/bin/chromium; screenshots go to .artifacts/playground/.
 */
describe('rejecting a request across two Playgrounds @slow @browser', function () {
  this.timeout(180_000);
  const two = useTwoPlaygrounds('reject-failure', { background: false });

  it('the member asks for a pass, and the agent opens the request in the Helpdesk channel', async () => {
    await chooseApprovalChannel(two.agentPage);
    await askForPass(two.memberPage);
    await two.agentPage
      .getByText('Issue a Temporary Access Pass for Demo User')
      .first()
      .waitFor({ timeout: 20_000 });
    await openNewest(two.agentPage);
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

  it('with a reason in words the member hears why on their waiting card, a line alerts them, and the pass stays hidden', async () => {
    await two.agentPage
      .getByLabel(/Reason \(needed to reject\)/)
      .last()
      .fill(`You already have a working pass from this morning: ${TYPED_PASS}`);
    await two.agentPage.getByRole('button', { name: 'Reject' }).last().click();
    await two.memberPage
      .getByText(/You already have a working pass from this morning/)
      .first()
      .waitFor({ timeout: 20_000 });
    await two.memberPage.getByText(REJECTED_LINE).first().waitFor({ timeout: 20_000 });
    await two.agentPage.waitForTimeout(1000);
    await two.agentPage.screenshot({ path: artifactPath('playground', 'reject-2-agent.png') });
    await two.memberPage.screenshot({ path: artifactPath('playground', 'reject-3-member.png') });
    for (const page of [two.memberPage, two.agentPage]) {
      const text = await page.locator('body').innerText();
      assert.ok(!text.includes(TYPED_PASS), 'the pass typed with the reason is hidden');
    }
    const member = await two.memberPage.locator('body').innerText();
    assert.match(member, /\(hidden\)/);
    assert.doesNotMatch(member, /Cancel my request/, 'the waiting card was brought up to date');
    assert.equal(
      await two.memberPage.getByText('Issue a Temporary Access Pass for Demo User').count(),
      1,
      'one card of the request in the chat',
    );
    const line = (await two.memberPage.getByText(REJECTED_LINE).first().innerText()).trim();
    assert.doesNotMatch(line, /pass from this morning|hidden|Helpdesk Agent/, 'no reason in it');
    // The same short reference on the member's card, the agent's card and the line.
    const reference = REJECTED_LINE.exec(line)?.[1] ?? '';
    assert.match(member, new RegExp(`Request\\s+${reference}`), 'the waiting card shows it');
    const agent = await two.agentPage.locator('body').innerText();
    assert.match(agent, new RegExp(`Request\\s+${reference}`), "the helpdesk's card shows it");
    assert.doesNotMatch(member + agent, /rq-[0-9a-z]{9}-/, 'never the whole id');
    // The line comes after the card in the chat: "the card above".
    const cardAt = member.lastIndexOf('Issue a Temporary Access Pass for Demo User');
    assert.ok(cardAt >= 0 && member.lastIndexOf(line) > cardAt, 'the line is below the card');
  });

  it('the member was told once, and a card the Playground no longer has gives one short notice instead', async () => {
    await askForPass(two.memberPage);
    // By now (a whole new question answered) anything the rejection sent has arrived: one card.
    assert.equal(
      await two.memberPage.getByText('Rejected by Helpdesk Agent', { exact: true }).count(),
      1,
      'the rejection is shown once, on the waiting card',
    );
    assert.equal(
      await two.memberPage.getByText(/You already have a working pass/).count(),
      1,
      'its reason once',
    );
    assert.equal(await two.memberPage.getByText(REJECTED_LINE).count(), 1, 'one line');
    // The stored id of the new waiting card now names a message the Playground does not have.
    const requests = new RequestStore(
      createStorage({ connectionString: two.playgrounds.harness.azurite.connectionString }).records,
    );
    const pending = (await requests.createdSince(new Date(0))).filter(
      (s) => s.request.state === 'pending',
    );
    assert.equal(pending.length, 1);
    const [stored] = pending;
    assert.ok(stored.request.requesterCard, 'the waiting card was recorded');
    await requests.replace(
      {
        ...stored.request,
        requesterCard: { ...stored.request.requesterCard, activityId: 'a-message-that-is-gone' },
      },
      stored.etag,
    );

    await openNewest(two.agentPage);
    await two.agentPage
      .getByLabel(/Reason \(needed to reject\)/)
      .last()
      .fill('The helpdesk calls you back today to set up your phone.');
    await two.agentPage.getByRole('button', { name: 'Reject' }).last().click();
    await two.memberPage
      .getByText(/could not be brought up to date, so the answer is here/)
      .first()
      .waitFor({ timeout: 20_000 });
    await two.memberPage.waitForTimeout(500);
    await two.memberPage.screenshot({
      path: artifactPath('playground', 'reject-4-member-notice.png'),
    });
    assert.equal(
      await two.memberPage.getByText(/The helpdesk calls you back today/).count(),
      1,
      'the outcome comes once, as the notice',
    );
    assert.equal(
      await two.memberPage.getByText(REJECTED_LINE).count(),
      1,
      'no line after the notice: the one there is the first rejection',
    );
    const member = await two.memberPage.locator('body').innerText();
    assert.doesNotMatch(
      member.split('could not be brought up to date').at(-1) ?? '',
      /Asked at/,
      'short',
    );
  });

  it('asked in the group chat, the card there is brought up to date and the line @mentions the member', async () => {
    await two.memberPage.getByText('Sign-in Help Group Chat', { exact: true }).first().click();
    const answers = two.memberPage.getByText('Why the pass was refused', { exact: true });
    await sendToBotInGroupChat(
      two.memberPage,
      'Temporary Access Pass sign in was blocked due to User Credential Policy',
    );
    await answers.first().waitFor({ timeout: 20_000 });
    await two.memberPage
      .getByRole('button', { name: 'Issue a Temporary Access Pass' })
      .last()
      .click();
    await two.memberPage.getByRole('button', { name: 'Send to the helpdesk' }).last().click();
    await two.memberPage
      .getByText(/Sent to the helpdesk for approval/)
      .first()
      .waitFor({ timeout: 20_000 });
    await openNewest(two.agentPage);
    await two.agentPage
      .getByLabel(/Reason \(needed to reject\)/)
      .last()
      .fill('A pass was issued to you an hour ago; check your email from the helpdesk.');
    await two.agentPage.getByRole('button', { name: 'Reject' }).last().click();
    const mentioned =
      /Demo User\s+Your request (RQ-[0-9A-F]{6}) to issue a Temporary Access Pass was rejected: the card above has the reason\./;
    await two.memberPage.getByText(mentioned).first().waitFor({ timeout: 20_000 });
    await two.memberPage.waitForTimeout(500);
    await two.memberPage.screenshot({
      path: artifactPath('playground', 'reject-5-member-group-chat.png'),
    });
    const chat = await two.memberPage.locator('body').innerText();
    assert.match(chat, /A pass was issued to you an hour ago/, 'the card there shows the reason');
    assert.doesNotMatch(chat, /Cancel my request/, 'and offers no Cancel any more');
    const reference = mentioned.exec(chat)?.[1] ?? '';
    assert.match(chat, new RegExp(`Request\\s+${reference}`), 'the same reference as the card');
    // The mention is Teams' own: the message shows the name as a mention of its own (the
    // Playground marks it, in red for the person it names), not the tag as typed. (Its chat
    // list and log panel show the raw text, tag included.)
    const line = two.memberPage.getByText(mentioned).last();
    assert.doesNotMatch(await line.innerText(), /<at>|<\/at>/, 'no tag shown as typed');
    assert.equal(
      await line.getByText('Demo User', { exact: true }).count(),
      1,
      'the name is a mention in the message',
    );
  });
});
