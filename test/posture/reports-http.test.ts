import assert from 'node:assert/strict';
import { ExclusionSchedule } from '../../src/remediation/exclusions';
import { DEMO_GROUPS, DEMO_USERS } from '../../src/sandbox/demo-ids';
import { createStorage } from '../../src/storage';
import { TEAMS_PEOPLE, useBotHarness, type TeamsSender } from '../support/bot-harness';
import { cardText, hasAdaptiveCard } from '../support/card-text';
import { teamsMessage, type ReceivedActivity } from '../support/local-connector';

type Person = TeamsSender;
const { helpdesk, member } = TEAMS_PEOPLE;
const DAY_MS = 86_400_000;

/** The CSV text of a report reply: the code block after the file name. */
function csvOf(activity: Record<string, unknown>): string[][] {
  const text = String(activity.text);
  const match = /```\n([\s\S]*)\n```/.exec(text);
  assert.ok(match, `no CSV block in ${text}`);
  return match[1]
    .split('\r\n')
    .filter((l) => l !== '')
    .map((l) => l.split(','));
}

describe('admin reports over real HTTP on the sandbox tenant @slow', function () {
  this.timeout(60_000);
  const bot = useBotHarness();
  beforeEach(() => bot().sandbox.reset());

  /** Every message the bot wrote back: the card, then any CSV that follows it. */
  async function ask(text: string, from: Person = helpdesk): Promise<ReceivedActivity[]> {
    const { conversationId } = await bot().say(text, from);
    await new Promise((resolve) => setTimeout(resolve, 300));
    return bot().connector.received.filter(
      (a) => a.conversationId === conversationId && a.activity.type === 'message',
    );
  }

  it('lists non-Microsoft apps with no assigned users and no recent sign-in, with a CSV', async () => {
    const [card, csv] = await ask('report stale-apps 90');
    assert.ok(hasAdaptiveCard(card.activity));
    const text = cardText(card.activity);
    assert.match(text, /Enterprise apps unused for 90 days/);
    assert.match(text, /2 of 5 enterprise apps/);
    assert.match(text, /Last sign-in: never · Created: /, 'the card previews the telling columns');
    const rows = csvOf(csv.activity);
    assert.deepEqual(rows[0], [
      'App',
      'Application ID',
      'Object ID',
      'Owner tenant',
      'Created',
      'Last sign-in',
    ]);
    const names = rows
      .slice(1)
      .map((r) => r[0])
      .sort();
    assert.deepEqual(names, ['Old Survey Tool', 'Pilot Expense App']);
    assert.equal(rows.find((r) => r[0] === 'Pilot Expense App')![5], 'never');
    assert.match(String(csv.activity.text), /stale-apps-\d{4}-\d{2}-\d{2}\.csv/);
  });

  it('keeps an app used within the window off the list', async () => {
    const [card] = await ask('report stale-apps 300');
    assert.match(cardText(card.activity), /1 of 5 enterprise apps/, 'only the never-used app');
  });

  it('still lists apps when sign-in activity cannot be read, and says so', async () => {
    const app = bot().sandbox.state.app;
    app.grantedPermissions = app.grantedPermissions.filter((p) => p !== 'AuditLog.Read.All');
    const [card] = await ask('report stale-apps');
    const text = cardText(card.activity);
    assert.match(
      text,
      /Sign-ins not considered\. Could not check: grant the app the Microsoft Graph permission AuditLog\.Read\.All/,
    );
  });

  it('lists guests with no sign-in in N days', async () => {
    const state = bot().sandbox.state;
    const guest = state.users.find((u) => u.userType === 'Guest')!;
    state.users.push({
      ...structuredClone(guest),
      id: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9aff',
      displayName: 'Dormant Guest',
      userPrincipalName: 'dormant_vendor.example#EXT#@sandbox.example',
      mail: 'dormant@vendor.example',
      createdDateTime: new Date(Date.now() - 400 * DAY_MS).toISOString(),
      signInActivity: { lastSignInDateTime: new Date(Date.now() - 200 * DAY_MS).toISOString() },
    } as typeof guest);
    const [card, csv] = await ask('report guests 90');
    assert.match(cardText(card.activity), /1 of 2 guests has not signed in for 90 days/);
    // The inactive-guest access review is offered from here, with the report's day count.
    const cardJson = JSON.stringify(card.activity.attachments);
    assert.match(cardJson, /"title":"Create the inactive-guest review"/);
    assert.match(cardJson, /"id":"days"[^}]*"value":"?90/);
    assert.match(cardJson, /"verb":"admin.change"[^}]*"change":"guest-access-review"/);
    const rows = csvOf(csv.activity);
    assert.equal(rows.length, 2);
    assert.equal(rows[1][0], 'Dormant Guest');
  });

  it('lists risky users', async () => {
    const [card, csv] = await ask('report risky-users');
    const text = cardText(card.activity);
    assert.match(text, /Risky users/);
    const rows = csvOf(csv.activity);
    const atRisk = bot().sandbox.state.riskyUsers.filter((r) =>
      ['atRisk', 'confirmedCompromised'].includes(r.riskState),
    );
    assert.ok(atRisk.length > 0, 'the fixture holds someone at risk');
    assert.equal(rows.length - 1, atRisk.length);
  });

  it("says who is excluded from which policy and until when, including the bot's time-boxed exclusions", async () => {
    const state = bot().sandbox.state;
    state.groups
      .find((g) => g.id === DEMO_GROUPS.caExclusions.id)!
      .members.push(DEMO_USERS.member.id);
    const endsAt = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const records = createStorage({ connectionString: bot().azurite.connectionString }).records;
    await new ExclusionSchedule(records).schedule({
      groupId: DEMO_GROUPS.caExclusions.id,
      userId: DEMO_USERS.member.id,
      endsAt,
      requestId: 'req-exclusion-report',
    });
    const [card, csv] = await ask('report exclusions');
    assert.match(cardText(card.activity), /end on their own/);
    const rows = csvOf(csv.activity);
    const timed = rows.filter((r) => r[3] === DEMO_USERS.member.upn);
    assert.ok(timed.length >= 1, 'the excluded member is listed');
    assert.ok(timed.every((r) => r[5] === endsAt && r[4] === 'group CA Temporary Exclusions'));
    const breakGlass = rows.filter((r) => r[3] === DEMO_USERS.breakGlass.upn);
    assert.ok(
      breakGlass.length > 0 &&
        breakGlass.every((r) => r[5] === 'no end date' && r[4] === 'directly'),
    );
  });

  it('explains the commands and refuses bad input plainly', async () => {
    const [usage] = await ask('report');
    assert.match(String(usage.activity.text), /report stale-apps \[days\]/);
    const [bad] = await ask('report guests lots');
    assert.match(
      String(bad.activity.text),
      /Days must be a whole number from 1 to 365; "lots" is not/,
    );
  });

  it('answers "how-to <question>" with the topic, and the helpdesk with the command it can run', async () => {
    const [reply] = await ask('how-to why is password hash sync not updating');
    const text = cardText(reply.activity);
    assert.match(text, /Password hash sync not updating/);
    assert.match(text, /What the bot can do now/);
    assert.match(JSON.stringify(reply.activity), /"data":{"command":"posture"}/);
    // Someone outside the helpdesk and admin groups gets the topic without a button they may
    // not use.
    const [own] = await ask('how-to why is password hash sync not updating', member);
    assert.match(cardText(own.activity), /Password hash sync not updating/);
    assert.doesNotMatch(JSON.stringify(own.activity), /"command":"posture"/);
    const [unsure] = await ask('answer where is the coffee machine', member);
    assert.match(cardText(unsure.activity), /Not sure what you are asking/);
  });

  it("answers an admin's own few words from the playbook instead of 'not a sign-in error'", async () => {
    const asks: [string, RegExp, string | undefined][] = [
      ['which apps are stale', /Unused enterprise apps/, 'report stale-apps'],
      ['are guests reviewed', /Inactive guests and access reviews/, 'report guests'],
      ['which users are risky', /Risky users in Identity Protection/, 'report risky-users'],
      ['is directory sync running', /Password hash sync not updating/, 'posture'],
      ['why is secure score not updating', /Secure Score not updating/, 'posture'],
      ['secure score', /Secure Score/, 'posture'],
    ];
    for (const [words, title, command] of asks) {
      const [reply] = await ask(words);
      const text = cardText(reply.activity);
      assert.match(text, title, words);
      assert.doesNotMatch(text, /doesn't look like a sign-in error/, words);
      if (command) {
        assert.ok(
          JSON.stringify(reply.activity).includes(`"data":{"command":"${command}"}`),
          `${words}: offers ${command}`,
        );
      }
    }
    // Other people who cannot sign in: the playbook's topic, not the asker's own sign-ins.
    const [avd] = await ask("AVD users can't sign in");
    assert.match(cardText(avd.activity), /Azure Virtual Desktop: people cannot sign in/);
    assert.doesNotMatch(cardText(avd.activity), /No failed sign-in/);
    const [unrelated] = await ask('the printer on floor 3 is jammed again');
    assert.match(cardText(unrelated.activity), /doesn't look like a sign-in error/);
  });

  it('runs the command an answer card button sends, with the same access check', async () => {
    const click = (from: Person, command: string): Record<string, unknown> => {
      const activity = teamsMessage(bot().connector.url, '', from);
      return { ...activity, text: '', value: { command } };
    };
    const reply = await bot().exchange(click(helpdesk, 'report risky-users'), { card: true });
    assert.match(cardText(reply.activity), /Risky users/);
    const refusal = await bot().exchange(click(member, 'posture'), { card: true });
    assert.match(cardText(refusal.activity), /Only members of the helpdesk or admin groups/);
  });

  it('leaves "report <a sign-in problem>" to triage', async () => {
    const [reply] = await ask('report my account is locked AADSTS50053', member);
    assert.doesNotMatch(cardText(reply.activity), /Only members of the helpdesk/);
    assert.match(cardText(reply.activity), /50053/);
  });

  it('refuses someone outside the helpdesk and admin groups', async () => {
    const [reply] = await ask('report guests', member);
    assert.match(
      cardText(reply.activity),
      /Only members of the helpdesk or admin groups can run reports/,
    );
  });
});
