import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../src/sandbox/demo-ids';
import { SCENARIO_USERS } from '../../src/sandbox/scenario-ids';
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { cardText, hasAdaptiveCard } from '../support/card-text';
import { teamsMessage } from '../support/local-connector';

/**
 * The whole bot on the sandbox tenant: a posture card that offers guided changes, and a paste
 * whose cause is the tenant's pass policy, said once on the helpdesk channel with the change.
 */

type Person = { id: string; aadObjectId: string; name: string };
const helpdesk: Person = {
  id: '29:helpdesk',
  aadObjectId: DEMO_USERS.helpdesk.id,
  name: 'Helpdesk Agent',
};
const newHire: Person = {
  id: '29:newhire',
  aadObjectId: SCENARIO_USERS.tapUsed.id,
  name: 'New Hire',
};
const CHANNEL = 'channel-helpdesk-id';

/** Every Action.ShowCard of a card, with the verb of the button inside it. */
function guidedButtons(
  activity: Record<string, unknown>,
): Array<{ title: string; change: string }> {
  const found: Array<{ title: string; change: string }> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.type === 'Action.ShowCard') {
      const inner = JSON.stringify(record.card);
      const change =
        /"verb":"admin.change","title":"[^"]*","data":\{"v":1,"change":"([a-z-]+)"/.exec(
          inner,
        )?.[1];
      if (change) found.push({ title: String(record.title), change });
    }
    Object.values(record).forEach(walk);
  };
  walk(activity.attachments);
  return found;
}

describe('tenant findings and guided changes in the whole bot @slow', function () {
  this.timeout(60_000);
  let harness: BotHarness;

  before(async () => {
    harness = await startBotHarness();
  });
  after(async () => {
    await harness?.stop();
  });
  beforeEach(() => {
    harness.sandbox.reset();
    harness.connector.received.length = 0;
  });

  async function say(text: string, from: Person): Promise<Record<string, unknown>> {
    const activity = teamsMessage(harness.connector.url, text, from);
    const conversationId = (activity.conversation as { id: string }).id;
    assert.equal((await harness.post(activity)).status, 200);
    const reply = await harness.connector.waitFor(
      (a) =>
        a.conversationId === conversationId &&
        a.activity.type === 'message' &&
        hasAdaptiveCard(a.activity),
    );
    return reply.activity;
  }

  function tapPolicy(): Record<string, unknown> {
    return harness.sandbox.state.authenticationMethodsPolicy.authenticationMethodConfigurations.find(
      (c) => c.id === 'TemporaryAccessPass',
    ) as Record<string, unknown>;
  }

  it('offers each guided change on the posture item it fixes, with the date in the one form', async () => {
    tapPolicy().isUsableOnce = true;
    const card = await say('posture', helpdesk);
    const changes = guidedButtons(card).map((b) => b.change);
    assert.ok(changes.includes('tap-policy'), changes.join());
    assert.ok(changes.includes('authenticator-context'), changes.join());
    assert.ok(changes.includes('sms-sign-in'), changes.join());
    assert.ok(changes.includes('policy-exclusion'), changes.join());
    assert.match(
      cardText(card),
      /Checked \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC from Microsoft Graph/,
    );
  });

  it('leaves the words of a member that look like a command to triage', async () => {
    const member: Person = {
      id: '29:member',
      aadObjectId: DEMO_USERS.member.id,
      name: 'Demo User',
    };
    const reply = cardText(await say('SMS sign-in for my phone does not work', member));
    assert.doesNotMatch(reply, /no group named|Write it as|Sent to an admin/);
  });

  it('says password hash sync is stalled when a synced person is refused for a wrong password', async () => {
    harness.sandbox.state.organization.onPremisesLastPasswordSyncDateTime = new Date(
      Date.now() - 10 * 3_600_000,
    ).toISOString();
    const synced: Person = {
      id: '29:synced',
      aadObjectId: SCENARIO_USERS.deviceNoncompliant.id,
      name: 'Synced Staff',
    };
    await say(
      'AADSTS50126: Error validating credentials due to invalid username or password.',
      synced,
    );
    const finding = await harness.connector.waitFor(
      (a) => a.conversationId === CHANNEL && /hash sync looks stalled/.test(cardText(a.activity)),
    );
    const text = cardText(finding.activity);
    assert.match(text, /no password hashes for 10 hours/);
    assert.match(text, /Start-ADSyncSyncCycle/);
    assert.deepEqual(
      guidedButtons(finding.activity),
      [],
      'no Graph change fixes an on-premises sync',
    );
  });

  it('says once on the helpdesk channel that the pass policy is the cause, with its change', async () => {
    tapPolicy().isUsableOnce = true;
    const paste = 'Temporary Access Pass sign in was blocked due to User Credential Policy';
    const answer = await say(paste, newHire);
    assert.match(cardText(answer), /one-time passes only/);
    assert.ok(
      !JSON.stringify(answer).includes('"action":"tap-policy"'),
      'the person is not offered a change to tenant settings',
    );
    const finding = await harness.connector.waitFor(
      (a) => a.conversationId === CHANNEL && /comes from the tenant/.test(cardText(a.activity)),
    );
    assert.match(cardText(finding.activity), /pass policy makes Temporary Access Passes fail/);
    assert.deepEqual(
      guidedButtons(finding.activity).map((b) => b.change),
      ['tap-policy'],
    );

    await say(paste, newHire);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const said = harness.connector.received.filter(
      (a) => a.conversationId === CHANNEL && /comes from the tenant/.test(cardText(a.activity)),
    );
    assert.equal(said.length, 1, 'said once, not once a paste');
  });
});
