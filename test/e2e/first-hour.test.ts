import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DEMO_USERS } from '../../src/sandbox/demo-ids';
import { SCENARIO_GROUPS, SCENARIO_USERS } from '../../src/sandbox/scenario-ids';
import { teamsUser, useBotHarness } from '../support/bot-harness';
import { cardText } from '../support/card-text';
import { teamsMessage } from '../support/local-connector';

/**
 * What a newcomer meets in the first hour, over /api/messages on real parts: a pasted page whose
 * ids match nothing, a code-less "Your account is blocked", the two exclusion buttons of a 53003,
 * role-aware help whose every command answers, dates in the reader's zone, and plain phrases.
 */
describe('the first hour, over real HTTP @slow', function () {
  this.timeout(120_000);
  const bot = useBotHarness();

  type Person = { id: string; upn: string };

  /** A date from today on, as the announce command takes it. */
  const inDays = (days: number): string =>
    new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

  async function ask(
    user: Person,
    text: string,
    extra: { entities?: unknown[]; locale?: string; channel?: boolean } = {},
  ): Promise<{ text: string; activity: Record<string, unknown> }> {
    const activity = teamsMessage(bot().connector.url, text, teamsUser(user));
    if (extra.entities !== undefined) activity.entities = extra.entities;
    if (extra.locale !== undefined) activity.locale = extra.locale;
    if (extra.channel) {
      activity.conversation = {
        id: `19:helpdesk-${randomUUID()}@thread.tacv2`,
        conversationType: 'channel',
        tenantId: '5e1d7c2a-9b64-4f0e-8a3d-2c7b9e4f6a10',
      };
      activity.channelData = {
        tenant: { id: '5e1d7c2a-9b64-4f0e-8a3d-2c7b9e4f6a10' },
        team: { id: '19:team@thread.tacv2' },
        channel: { id: (activity.conversation as { id: string }).id },
      };
    }
    const reply = await bot().exchange(activity, { timeoutMs: 30_000 });
    const body = cardText(reply.activity) || String(reply.activity.text ?? '');
    return { text: body, activity: reply.activity };
  }

  function errorPage(ids: { requestId: string; correlationId: string }, at: Date): string {
    return [
      'Sign in',
      "Sorry, but we're having trouble signing you in.",
      'AADSTS53003: Access has been blocked by Conditional Access policies.',
      'Troubleshooting details',
      'App name: Outlook Mobile',
      'Device platform: iOS',
      `Request Id: ${ids.requestId}`,
      `Correlation Id: ${ids.correlationId}`,
      `Timestamp: ${at.toISOString()}`,
      `Signed in as: ${DEMO_USERS.member.upn}`,
    ].join('\n');
  }

  it('a pasted page whose ids match no sign-in says so, shows the paste, then the latest failure', async () => {
    const ids = { requestId: randomUUID(), correlationId: randomUUID() };
    const { text } = await ask(
      DEMO_USERS.member,
      errorPage(ids, new Date(Date.now() - 3 * 3_600_000)),
    );
    assert.match(text, /No sign-in with that request ID in your sign-in log/);
    assert.match(text, /What you pasted/);
    for (const pasted of [ids.requestId, ids.correlationId, 'Outlook Mobile', 'iOS']) {
      assert.ok(text.includes(pasted), `${pasted} shown`);
    }
    assert.match(text, /Your latest failed sign-in/);
    assert.match(text, /a different sign-in from the one you pasted/);
    assert.match(text, /CA001: Block sign-ins from outside allowed countries/);
    const pastedAt = text.indexOf('What you pasted');
    assert.ok(pastedAt < text.indexOf('Your latest failed sign-in'), 'the paste comes first');
  });

  it('a fresh paste of unknown ids keeps "Check again" and still shows the latest failure', async () => {
    const ids = { requestId: randomUUID(), correlationId: randomUUID() };
    const { text } = await ask(DEMO_USERS.member, errorPage(ids, new Date()));
    assert.match(text, /No sign-in with that request ID in your sign-in log yet/);
    assert.match(text, /Check again/);
    assert.match(text, /Your latest failed sign-in/);
  });

  it('"Your account is blocked" looks at the latest failures as a coded paste does', async () => {
    const { text } = await ask(DEMO_USERS.member, 'Your account is blocked');
    assert.doesNotMatch(text, /shows no problem now/);
    assert.match(text, /Your message had no error code/);
    assert.match(text, /CA001: Block sign-ins from outside allowed countries/);
  });

  it('names the policy beside each "Exclude from Conditional Access" button', async () => {
    const { activity } = await ask(DEMO_USERS.member, 'AADSTS53003');
    const card = JSON.stringify(activity);
    const notes = [...card.matchAll(/From the policy \\"([^"\\]+)\\":/g)].map((m) => m[1]);
    assert.deepEqual(notes, [
      'CA001: Block sign-ins from outside allowed countries',
      'CA006: Require a compliant device on Windows',
    ]);
    const buttons = [...card.matchAll(/"title":"Exclude from Conditional Access for a while"/g)];
    assert.equal(buttons.length, notes.length, 'one named note per button');
  });

  it('speaks plainly of policies and platforms', async () => {
    const { text } = await ask(DEMO_USERS.member, 'AADSTS53003');
    assert.doesNotMatch(text, /Requires\nblocks access outright/);
    assert.doesNotMatch(text, /covers windows/);
    assert.match(text, /applies to Windows devices/);
    assert.match(text, /It enforces\nBlock access/);
  });

  it('shows dates in the reader’s locale and time zone, and in UTC with the zone named otherwise', async () => {
    const berlin = await ask(DEMO_USERS.member, 'AADSTS53003', {
      locale: 'de-DE',
      entities: [{ type: 'clientInfo', locale: 'de-DE', timezone: 'Europe/Berlin' }],
    });
    const time = /Time\n([^\n]+)/.exec(berlin.text)?.[1] ?? '';
    assert.match(time, /^\d{1,2}\. \S+ \d{4}, \d{2}:\d{2} (MEZ|MESZ)$/);
    assert.ok(berlin.text.includes(`at ${time}`), 'the headline uses the same form');
    const plain = await ask(DEMO_USERS.member, 'AADSTS53003', { entities: [] });
    assert.match(/Time\n([^\n]+)/.exec(plain.text)?.[1] ?? '', /^.+ UTC$/);
  });

  it('help shows a member only what a member can do, also in the helpdesk channel', async () => {
    const { text } = await ask(DEMO_USERS.member, 'help', { channel: true });
    assert.match(text, /Paste the error you saw/);
    assert.doesNotMatch(text, /For the helpdesk|recent actions|open requests|announce/);
  });

  const staffCommands = (): Array<{ listed: string; sent: string; channel?: boolean }> => [
    {
      listed: 'diagnose name@contoso.com',
      sent: `diagnose ${SCENARIO_USERS.deviceNoncompliant.upn}`,
    },
    {
      listed: '53003 for name@contoso.com',
      sent: `53000 for ${SCENARIO_USERS.deviceNoncompliant.upn}`,
    },
    { listed: 'recent actions', sent: 'recent actions' },
    { listed: 'open requests', sent: 'open requests' },
    {
      listed: 'use this channel for approvals',
      sent: 'use this channel for approvals',
      channel: true,
    },
    {
      listed: 'announce number-matching YYYY-MM-DD group:GROUP-ID',
      sent: `announce number-matching ${inDays(7)} group:${SCENARIO_GROUPS.financeAppsUsers.id}`,
    },
    { listed: 'announce status ID', sent: `announce status ${randomUUID()}` },
    { listed: 'posture', sent: 'posture' },
    { listed: 'report stale-apps 90', sent: 'report stale-apps 90' },
    { listed: 'how-to QUESTION', sent: 'how-to set up SMS sign-in' },
    { listed: 'tap policy multi-use', sent: 'tap policy multi-use' },
    { listed: 'show app and location for GROUP', sent: 'show app and location for All Staff' },
    {
      listed: 'sms sign-in for GROUP',
      sent: `sms sign-in for All Staff\n${SCENARIO_USERS.tapExpired.upn}, +44 7700 900456`,
    },
    { listed: 'guest review 90', sent: 'guest review 90' },
    {
      listed: 'exclusion add PERSON POLICY',
      sent: `exclusion add ${SCENARIO_USERS.deviceNoncompliant.upn} CA006`,
    },
  ];

  it('help gives a helpdesk agent their own commands, and each listed command answers', async () => {
    const help = await ask(DEMO_USERS.helpdesk, '?', { channel: true });
    assert.match(help.text, /For the helpdesk/);
    assert.doesNotMatch(help.text, /<[a-z]/i, 'Teams drops <...> as markup, so none is used');
    for (const command of staffCommands()) {
      assert.ok(help.text.includes(command.listed), `${command.listed} listed`);
      const reply = await ask(DEMO_USERS.helpdesk, command.sent, { channel: command.channel });
      assert.doesNotMatch(reply.text, /Paste the error you saw/, `${command.sent}: not the help`);
      assert.doesNotMatch(reply.text, /look like a sign-in error/i, command.sent);
      assert.ok(reply.text.length > 0, `${command.sent} answered`);
    }
  });

  it('"diagnose <name>" answers from that account’s latest failed sign-in', async () => {
    const { text } = await ask(
      DEMO_USERS.helpdesk,
      `diagnose ${SCENARIO_USERS.deviceNoncompliant.upn}`,
    );
    assert.match(text, /SALES-LT-014/);
    assert.match(text, /The message had no error code/);
  });

  it('an agent asks about an account in their own words: "check", "why can\'t … sign in", a code and a name', async () => {
    const upn = SCENARIO_USERS.deviceNoncompliant.upn;
    for (const asked of [`check ${upn}`, `why can't ${upn} sign in?`, `${upn} can't log in`]) {
      const { text } = await ask(DEMO_USERS.helpdesk, asked);
      assert.match(text, /SALES-LT-014/, asked);
      assert.doesNotMatch(text, /look like a sign-in error|how-to questions/i, asked);
    }
    const { text } = await ask(DEMO_USERS.helpdesk, `AADSTS50053 ${upn}`);
    assert.match(text, new RegExp(upn.replace('.', '\\.')), 'the account named, not the agent');
    assert.doesNotMatch(text, /helpdesk@sandbox\.example/);
    const member = await ask(DEMO_USERS.member, `check ${upn}`);
    assert.match(member.text, /You can only look up your own sign-ins/);
  });

  it("an agent's claim about an account is weighed against the log and the account first", async () => {
    const locked = await ask(DEMO_USERS.helpdesk, `${SCENARIO_USERS.caBlocked.upn} is locked out`);
    // No lock-out in the log: said plainly, then the latest failure (the country block).
    assert.match(locked.text, /The sign-in log shows no lock-out/, locked.text);
    assert.match(locked.text, /CA001: Block sign-ins from outside allowed countries/);
    const really = await ask(
      DEMO_USERS.helpdesk,
      `${SCENARIO_USERS.accountLocked.upn} is locked out`,
    );
    assert.match(really.text, /Too many wrong passwords locked the account/, really.text);
    assert.match(really.text, /Refused as locked\n1 sign-in/);
    const off = await ask(
      DEMO_USERS.helpdesk,
      `${SCENARIO_USERS.accountDisabledSynced.upn} is locked out`,
    );
    assert.match(off.text, /The account is turned off/, off.text);
    assert.match(off.text, /every sign-in is refused, locked or not/);
    assert.match(off.text, /The sign-in log shows no lock-out/);
    // The named account's password, not the agent's own.
    const expired = await ask(
      DEMO_USERS.helpdesk,
      `${SCENARIO_USERS.caBlocked.upn} password expired`,
    );
    assert.match(expired.text, /For Demo User \(user@sandbox\.example\)/, expired.text);
    assert.match(expired.text, /The password has not expired/);
    // The second step claimed: the log's second-step rows and the methods, not the country block.
    const mfa = await ask(
      DEMO_USERS.helpdesk,
      `${SCENARIO_USERS.caBlocked.upn} can't sign in with MFA`,
    );
    assert.match(mfa.text, /The verification step did not complete/, mfa.text);
    assert.match(mfa.text, /Registered sign-in methods/);
  });

  it('an agent relays a call ("<name> says …") or says what they were asked to do ("unlock <name>"): that account is looked at', async () => {
    const relayed = await ask(
      DEMO_USERS.helpdesk,
      `${SCENARIO_USERS.deviceNoncompliant.upn} says device not compliant`,
    );
    assert.match(relayed.text, /SALES-LT-014 does not meet the compliance policy/);
    assert.match(relayed.text, /For Sales Member/);
    const unlock = await ask(DEMO_USERS.helpdesk, `unlock ${SCENARIO_USERS.accountLocked.upn}`);
    assert.match(unlock.text, /locked the account for a while/);
    assert.match(unlock.text, /For Warehouse Member/);
    assert.doesNotMatch(unlock.text, /look like a sign-in error/i);
    const reset = await ask(DEMO_USERS.helpdesk, `reset MFA for ${SCENARIO_USERS.mfaDenied.upn}`);
    assert.match(reset.text, /For Field Member/);
    const member = await ask(
      DEMO_USERS.member,
      `${SCENARIO_USERS.deviceNoncompliant.upn} says device not compliant`,
    );
    assert.match(member.text, /You can only look up your own sign-ins/);
  });
});
