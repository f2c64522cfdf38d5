import assert from 'node:assert/strict';
import { DEMO_GROUPS, DEMO_USERS } from '../../src/sandbox/demo-ids';
import { TEAMS_PEOPLE, useBotHarness, type TeamsSender } from '../support/bot-harness';
import { composeLocalBot } from '../support/local-bot';
import { cardText } from '../support/card-text';

type Person = TeamsSender;
const { helpdesk, member } = TEAMS_PEOPLE;
const CA001 = '4c1a2b3d-5e6f-4a7b-8c9d-0e1f2a3b4c01';
const CA007 = '4c1a2b3d-5e6f-4a7b-8c9d-0e1f2a3b4c07';

/** The block of card text for one item: from its title to the next status label. */
function itemText(text: string, title: RegExp): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => title.test(l));
  assert.ok(start >= 0, `no item matching ${title} in:\n${text}`);
  const end = lines.findIndex(
    (l, i) => i > start && /^(✔ Pass|⚠ Warning|✖ Fail|\? Could not check): /.test(l),
  );
  return lines.slice(start, end === -1 ? undefined : end).join('\n');
}

describe('posture over real HTTP on the sandbox tenant @slow', function () {
  this.timeout(60_000);
  const bot = useBotHarness();
  beforeEach(() => bot().sandbox.reset());

  async function ask(text: string, from: Person = helpdesk): Promise<string> {
    return cardText((await bot().say(text, from, { card: true })).activity);
  }

  it('gives a helpdesk member one card with every item, each with evidence, reason and fix', async () => {
    const text = await ask('posture');
    assert.match(text, /Tenant posture: Sandbox Tenant/);
    for (const title of [
      /Emergency-access accounts are excluded/,
      /report-only mode/,
      /includes and excludes the same/,
      /groups, not single users/,
      /Exclusion groups have not grown/,
      /Azure management is limited/,
      /security defaults or Conditional Access/,
      /Temporary Access Pass/,
      /Microsoft Authenticator shows/,
      /SMS sign-in is limited/,
      /Passkeys \(FIDO2\)/,
      /Directory and password hash sync/,
      /Secure Score is current/,
    ]) {
      assert.match(itemText(text, title), /Why it matters: /, `${title} has a reason`);
    }
    // The demo tenant's known gaps, each decided from what Graph returned.
    assert.match(itemText(text, /Emergency-access/), /^⚠ Warning/);
    assert.match(itemText(text, /Emergency-access/), /CA007: Require a hybrid joined device/);
    assert.match(itemText(text, /report-only mode/), /CA003.*report-only for \d+ days/);
    assert.match(itemText(text, /Azure management/), /^⚠ Warning/);
    assert.match(itemText(text, /Microsoft Authenticator/), /Geographic location: off/);
    assert.match(itemText(text, /Microsoft Authenticator/), /Fix: .*Show geographic location/);
    assert.match(itemText(text, /security defaults or Conditional Access/), /^✔ Pass/);
    assert.match(
      itemText(text, /security defaults or Conditional Access/),
      /Conditional Access is the baseline/,
    );
    assert.match(itemText(text, /Temporary Access Pass/), /^✔ Pass/);
    assert.match(itemText(text, /Directory and password hash sync/), /^✔ Pass/);
    assert.match(itemText(text, /Secure Score/), /61\.5 of 120 points \(51%\)/);
    assert.match(itemText(text, /Exclusion groups/), /CA Temporary Exclusions: 0 member/);
  });

  it('fails a policy that would lock every administrator out, and flags the other failing scenarios', async () => {
    const state = bot().sandbox.state;
    const ca001 = state.conditionalAccessPolicies.find((p) => p.id === CA001)!;
    ca001.conditions.users.excludeUsers = [DEMO_USERS.member.id];
    ca001.conditions.users.includeUsers = ['All', DEMO_USERS.member.id];
    state.identitySecurityDefaultsEnforcementPolicy.isEnabled = true;
    state.organization.onPremisesLastPasswordSyncDateTime = new Date(
      Date.now() - 10 * 3_600_000,
    ).toISOString();
    const tap = state.authenticationMethodsPolicy.authenticationMethodConfigurations.find(
      (c) => c.id === 'TemporaryAccessPass',
    )!;
    tap.isUsableOnce = true;
    const sms = state.authenticationMethodsPolicy.authenticationMethodConfigurations.find(
      (c) => c.id === 'Sms',
    )!;
    sms.includeTargets = [{ targetType: 'group', id: 'all_users', isUsableForSignIn: true }];

    const text = await ask('posture');
    const emergency = itemText(text, /Emergency-access/);
    assert.match(emergency, /^✖ Fail/);
    assert.match(emergency, /CA001.*blocks every administrator/);
    assert.match(
      itemText(text, /includes and excludes the same/),
      /CA001.*includes and excludes user/,
    );
    assert.match(itemText(text, /groups, not single users/), /^⚠ Warning/);
    assert.match(itemText(text, /security defaults or Conditional Access/), /^⚠ Warning/);
    const sync = itemText(text, /Directory and password hash sync/);
    assert.match(sync, /^⚠ Warning/);
    assert.match(sync, /Last password hash sync: .*\(10 hours ago\)/);
    assert.match(sync, /Start-ADSyncSyncCycle/);
    assert.match(itemText(text, /Temporary Access Pass/), /Autopilot/);
    assert.match(itemText(text, /Temporary Access Pass/), /^⚠ Warning/);
    assert.match(itemText(text, /SMS sign-in/), /^⚠ Warning/);
  });

  it('passes the emergency-access item when every enabled policy excludes the accounts', async () => {
    const ca007 = bot().sandbox.state.conditionalAccessPolicies.find((p) => p.id === CA007)!;
    ca007.conditions.users.excludeUsers = [DEMO_USERS.breakGlass.id];
    const text = await ask('posture');
    assert.match(itemText(text, /Emergency-access/), /^✔ Pass/);
  });

  it('turns a missing permission into "could not check" on that item only', async () => {
    const app = bot().sandbox.state.app;
    app.grantedPermissions = app.grantedPermissions.filter((p) => p !== 'SecurityEvents.Read.All');
    const text = await ask('posture');
    const score = itemText(text, /Secure Score/);
    assert.match(score, /^\? Could not check/);
    assert.match(score, /grant the app the Microsoft Graph permission SecurityEvents\.Read\.All/);
    assert.match(itemText(text, /Temporary Access Pass/), /^✔ Pass/, 'the rest still checked');
  });

  it('refuses someone outside the helpdesk and admin groups', async () => {
    const text = await ask('posture', member);
    assert.match(text, /Only members of the helpdesk or admin groups/);
    assert.doesNotMatch(text, /Tenant posture/);
  });

  it('posts the scheduled check to the helpdesk channel once, then only what changed', async () => {
    await ask('posture'); // the bot learns the service URL from an incoming activity
    const start = new Date();
    const sent = () =>
      bot().connector.received.filter((a) => a.conversationId === 'channel-helpdesk-id');
    assert.equal(await bot().bot.posture.scheduledCheck(start), 'posted');
    assert.equal(sent().length, 1);
    const first = cardText(sent()[0].activity);
    assert.match(first, /first scheduled check/);
    assert.match(first, /Emergency-access/);
    assert.doesNotMatch(first, /Temporary Access Pass/, 'passing items are not posted');

    assert.equal(await bot().bot.posture.scheduledCheck(start), 'not-due');
    // A restarted (or second) instance on the same storage agrees it is not due.
    const other = composeLocalBot(bot().config, {
      connectionString: bot().azurite.connectionString,
      sandboxUrl: bot().sandbox.url,
    });
    const later = new Date(start.getTime() + 3_600_000);
    assert.equal(await other.posture.scheduledCheck(later), 'not-due');
    assert.equal(sent().length, 1);

    const ca001 = bot().sandbox.state.conditionalAccessPolicies.find((p) => p.id === CA001)!;
    ca001.conditions.users.excludeUsers = [];
    ca001.conditions.users.excludeGroups = [DEMO_GROUPS.caExclusions.id];
    bot()
      .sandbox.state.groups.find((g) => g.id === DEMO_GROUPS.caExclusions.id)!
      .members.push(DEMO_USERS.member.id);
    const nextDay = new Date(start.getTime() + 25 * 3_600_000);
    assert.equal(await other.posture.scheduledCheck(nextDay), 'posted');
    assert.equal(sent().length, 2);
    const changed = cardText(sent()[1].activity);
    assert.match(changed, /Tenant posture changed/);
    assert.match(itemText(changed, /Emergency-access/), /Was: ⚠ Warning/);
    const growth = itemText(changed, /Exclusion groups have not grown/);
    assert.match(growth, /Was: ✔ Pass/);
    assert.match(growth, /CA Temporary Exclusions: 1 member \(was 0\)/);
    assert.doesNotMatch(changed, /Azure management/, 'unchanged items stay out');
  });
});
