import assert from 'node:assert/strict';
import { applyConsentScenario } from '../../src/sandbox/consent-scenarios';
import { DEMO_USERS } from '../../src/sandbox/demo-ids';
import { SCENARIO_USERS } from '../../src/sandbox/scenario-ids';
import { teamsUser, useBotHarness } from '../support/bot-harness';
import { cardText } from '../support/card-text';

/** The `health` command and the feature switches, through the real bot over HTTP. */
describe('health command and switched-off features @slow', function () {
  this.timeout(60_000);
  const bot = useBotHarness();
  afterEach(async () => {
    bot().sandbox.reset();
    await bot().bot.selfCheck();
  });

  async function say(user: { id: string; upn: string }, text: string): Promise<string> {
    const reply = await bot().say(text, teamsUser(user), { timeoutMs: 30_000 });
    return cardText(reply.activity);
  }

  it('answers an admin with one row per check and its fix', async () => {
    applyConsentScenario(bot().sandbox.state, 'no-tap-write');
    const text = await say(DEMO_USERS.admin, 'health');
    assert.match(text, /Self-check/);
    for (const expected of [
      'Tenant',
      'Sandbox Tenant (5e1d7c2a-9b64-4f0e-8a3d-2c7b9e4f6a10)',
      'Fix: issue a Temporary Access Pass',
      'switched off: missing UserAuthMethod-TAP.ReadWrite.All (to create a pass); the fix is not offered on cards',
      'OFF',
      'Storage',
      'tables answer',
    ]) {
      assert.ok(text.split('\n').includes(expected), `"${expected}" in:\n${text}`);
    }
    assert.match(
      text,
      /^Fix: grant UserAuthMethod-TAP\.ReadWrite\.All: grant it as an application/m,
    );
  });

  it('refuses someone outside the admin group', async () => {
    const text = await say(DEMO_USERS.member, 'health');
    assert.match(text, /Only members of the admin group/);
    assert.doesNotMatch(text, /Tenant/);
  });

  it('stops offering a fix whose permission is missing, and offers it again once granted', async () => {
    const paste = "Your account is blocked. We've detected suspicious activity on your account.";
    assert.match(await say(SCENARIO_USERS.riskyUser, paste), /Dismiss the risk on my account/);
    applyConsentScenario(bot().sandbox.state, 'read-only');
    await bot().bot.selfCheck();
    const without = await say(SCENARIO_USERS.riskyUser, paste);
    assert.match(without, /User risk is high/, 'the diagnosis itself still works');
    assert.doesNotMatch(without, /Dismiss the risk on my account/);
    bot().sandbox.reset();
    await bot().bot.selfCheck();
    assert.match(await say(SCENARIO_USERS.riskyUser, paste), /Dismiss the risk on my account/);
  });

  it('answers announce with a clear line while announcements are switched off', async () => {
    applyConsentScenario(bot().sandbox.state, 'no-group-read');
    await bot().bot.selfCheck();
    const text = await say(DEMO_USERS.helpdesk, 'announce number-matching 2026-12-01 installed');
    assert.match(
      text,
      /Announcements are switched off: missing GroupMember\.Read\.All \(to expand the audience group\)/,
    );
  });
});
