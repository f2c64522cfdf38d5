import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { DEMO_USERS } from '../../src/sandbox/demo-ids';
import { ManualClock } from '../remediation/support/domain-harness';
import type { BotHarness } from '../support/bot-harness';
import { artifactPath } from '../support/browser';
import {
  chooseApprovalChannel,
  send,
  startTwoPlaygrounds,
  type TwoPlaygrounds,
} from '../support/playground-users';

const TEAMS = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';

/**
 * The exclusion preview and the closed-loop check as people see them, in two Playgrounds on one
 * bot: the Demo User, blocked by a country policy, asks for a time-boxed exclusion; the Helpdesk
 * Agent sees on the approval card which policies it would stop and which still block, approves,
 * and both then read "Signed in to Microsoft Teams at ..." once the next sign-in is in the log.
 * The bot's clock is injected and moved on by the test; no check waits for real minutes.
 */
describe('exclusion What If and "signed in at" in the Playground @slow @browser', function () {
  this.timeout(240_000);
  const clock = new ManualClock(new Date());
  let ticker: ReturnType<typeof setInterval>;
  let playgrounds: TwoPlaygrounds;
  let harness: BotHarness;
  let memberPage: Page;
  let agentPage: Page;

  before(async () => {
    // Time runs on at ten times real speed, so paced Graph reads are never left waiting.
    ticker = setInterval(() => clock.advance(1_000), 100);
    playgrounds = await startTwoPlaygrounds({ background: false, clock });
    ({ harness, memberPage, agentPage } = playgrounds);
    // A policy the exclusion group does not escape, so the card has something that still blocks.
    const policy = structuredClone(harness.sandbox.state.conditionalAccessPolicies[0]);
    policy.id = '4c1a2b3d-5e6f-4a7b-8c9d-0e1f2a3b4c99';
    policy.displayName = 'CA099: Teams only from allowed countries (no exclusions)';
    policy.conditions.users.excludeGroups = [];
    policy.conditions.applications = { includeApplications: [TEAMS], excludeApplications: [] };
    harness.sandbox.state.conditionalAccessPolicies.push(policy);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await playgrounds?.capture('closed-loop-failure');
  });

  after(async () => {
    clearInterval(ticker);
    await playgrounds?.stop();
  });

  it('the member asks for an exclusion from the country policy', async () => {
    await chooseApprovalChannel(agentPage);
    await send(memberPage, 'AADSTS53003');
    const button = memberPage
      .getByRole('button', { name: 'Exclude from Conditional Access for a while' })
      .first();
    await button.waitFor({ timeout: 30_000 });
    await button.click();
    // The button opens the exclusion's form; its default length is kept.
    await memberPage.getByRole('button', { name: 'Send to the helpdesk' }).first().click();
    await memberPage
      .getByText(/Sent to the helpdesk/)
      .first()
      .waitFor({ timeout: 20_000 });
  });

  it('the agent sees what the exclusion would change, then approves', async () => {
    await agentPage.getByText('What this exclusion changes').first().waitFor({ timeout: 20_000 });
    const review = agentPage.getByRole('button', { name: /Review|Approve/ }).last();
    await review.waitFor({ timeout: 20_000 });
    await review.click();
    await agentPage.getByRole('button', { name: 'Approve' }).last().waitFor({ timeout: 20_000 });
    const card = agentPage.getByText('Would still block').last();
    await card.scrollIntoViewIfNeeded();
    await agentPage.screenshot({ path: artifactPath('playground', 'what-if-1-approval-card.png') });
    const text = await agentPage.locator('body').innerText();
    assert.match(text, /Would stop blocking/);
    assert.match(text, /CA001: Block sign-ins from outside allowed countries/);
    assert.match(text, /Would still block\s+CA099: Teams only from allowed countries/);
    await agentPage.getByRole('button', { name: 'Approve' }).last().click();
    await agentPage
      .getByText(/Checking the next sign-in to Microsoft Teams/)
      .first()
      .waitFor({ timeout: 20_000 });
    const added = harness.sandbox.requests.filter(
      (r) => r.method === 'POST' && r.path.endsWith('/members/$ref'),
    );
    assert.equal(added.length, 1, 'the person was added to the exclusion group once');
  });

  it('both read "signed in at" once the next sign-in to Teams is in the log', async () => {
    const model = harness.sandbox.state.signIns.find(
      (s) => s.userId === DEMO_USERS.member.id && s.status.errorCode === 0 && s.appId === TEAMS,
    );
    const row = structuredClone(model!);
    row.id = randomUUID();
    row.createdDateTime = new Date(clock.now().getTime() + 30_000)
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
    harness.sandbox.state.signIns.push(row);
    clock.advance(3 * 60_000);
    const report = await harness.bot.checkSignIns();
    assert.equal(report.settled, 1);
    await memberPage
      .getByText(/Signed in to Microsoft Teams at/)
      .first()
      .waitFor({ timeout: 20_000 });
    await memberPage
      .getByText(/Signed in to Microsoft Teams at/)
      .last()
      .scrollIntoViewIfNeeded();
    await memberPage.screenshot({
      path: artifactPath('playground', 'what-if-2-member-signed-in.png'),
    });
    await agentPage
      .getByText(/Signed in to Microsoft Teams at/)
      .first()
      .waitFor({ timeout: 20_000 });
    await agentPage.screenshot({
      path: artifactPath('playground', 'what-if-3-agent-signed-in.png'),
    });
  });
});
