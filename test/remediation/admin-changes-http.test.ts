import assert from 'node:assert/strict';
import { cardText } from '../support/card-text';
import { DEMO_GROUPS, DEMO_USERS } from '../../src/sandbox/demo-ids';
import { SCENARIO_USERS } from '../../src/sandbox/scenario-ids';
import {
  HELPDESK_CHANNEL,
  USERS,
  startRemediationBot,
  type RemediationBot,
  type TeamsUser,
} from './support/remediation-bot';

/**
 * The guided admin changes end to end: asked for with a command or a card button, posted to the
 * channel, approved by a member of the admin group, and written to the sandbox tenant over Graph.
 */

const CA006 = '4c1a2b3d-5e6f-4a7b-8c9d-0e1f2a3b4c06';

function config(bot: RemediationBot, id: string): Record<string, unknown> {
  const found =
    bot.sandbox.state.authenticationMethodsPolicy.authenticationMethodConfigurations.find(
      (c) => c.id === id,
    );
  assert.ok(found, id);
  return found as Record<string, unknown>;
}

describe('guided admin changes over real HTTP on the sandbox tenant @slow', function () {
  this.timeout(60_000);
  let bot: RemediationBot;

  before(async () => {
    bot = await startRemediationBot();
  });
  after(async () => {
    await bot?.stop();
  });
  beforeEach(() => {
    bot.sandbox.reset();
    bot.connector.received.length = 0;
  });

  /** The newest card the bot posted in a conversation after `since` messages. */
  async function cardIn(conversationId: string, pattern: RegExp): Promise<string> {
    const found = await bot.connector.waitFor(
      (a) =>
        a.conversationId === conversationId &&
        a.method === 'POST' &&
        pattern.test(cardText(a.activity)),
    );
    return cardText(found.activity);
  }

  /** The request id of the newest approval card in the channel. */
  async function approvalCard(): Promise<{
    requestId: string;
    version: number;
    assignedId: string;
  }> {
    const posted = await bot.connector.waitFor(
      (a) => a.conversationId === HELPDESK_CHANNEL && a.method === 'POST',
    );
    const card = (posted.activity.attachments as Array<{ content: Record<string, unknown> }>)[0]
      .content;
    const data = (card.refresh as { action: { data: { requestId: string; version: number } } })
      .action.data;
    return { ...data, assignedId: posted.assignedId };
  }

  async function decide(user: TeamsUser, verdict: 'approve' | 'reject') {
    const { requestId, version, assignedId } = await approvalCard();
    return bot.click(
      user,
      `request.${verdict}`,
      { v: 1, requestId, version },
      { conversationId: HELPDESK_CHANNEL, conversationType: 'channel', replyToId: assignedId },
    );
  }

  it('changes a one-time-only pass policy once an admin approves, never on the asker alone', async () => {
    Object.assign(config(bot, 'TemporaryAccessPass'), {
      isUsableOnce: true,
      maximumLifetimeInMinutes: 2880,
    });
    const asked = await bot.click(USERS.helpdesk, 'request.create', {
      v: 1,
      action: 'tap-policy',
      subjectId: 'tenant',
    });
    assert.equal(asked.line, 'Sent to an admin for approval.');
    // The asker is in the admin group too, but may not approve their own request.
    const own = await decide(USERS.helpdesk, 'approve');
    assert.match(textOf(own.card), /someone else has to approve it/);
    const patches = () =>
      bot.sandbox.requests.filter(
        (r) => r.method === 'PATCH' && r.path.includes('TemporaryAccessPass'),
      );
    assert.equal(patches().length, 0);

    const approved = await decide(USERS.admin, 'approve');
    assert.match(textOf(approved.card), /one-time use is no longer forced/);
    assert.match(textOf(approved.card), /1 hour by default, 1 hour to 1 day allowed/);
    assert.equal(patches().length, 1);
    const tap = config(bot, 'TemporaryAccessPass');
    assert.equal(tap.isUsableOnce, false);
    assert.equal(tap.maximumLifetimeInMinutes, 1440);
  });

  it('refuses an admin change to someone outside the helpdesk and admin groups', async () => {
    const asked = await bot.click(USERS.member, 'request.create', {
      v: 1,
      action: 'tap-policy',
      subjectId: 'tenant',
    });
    assert.match(asked.line ?? '', /helpdesk and admin teams only/);
    assert.equal(
      bot.connector.received.filter((a) => a.conversationId === HELPDESK_CHANNEL).length,
      0,
    );
  });

  it('shows the app name and location to one group first, from a command', async () => {
    assert.equal(await bot.say(USERS.helpdesk, 'show app and location for All Staff'), 200);
    const waiting = await cardIn(`a:personal-${USERS.helpdesk.id}`, /Show the app name/);
    assert.match(waiting, /Sent to an admin/);
    // Asked for one group first: the card says so, not "for the tenant".
    assert.match(waiting, /Show the app name and location in Authenticator for All Staff/);
    assert.doesNotMatch(waiting, /the tenant/);
    assert.match(waiting, /helpdesk: show the app name and location in Authenticator\./);
    await decide(USERS.admin, 'approve');
    const features = config(bot, 'MicrosoftAuthenticator').featureSettings as Record<
      string,
      { state: string; includeTarget: { id: string } }
    >;
    assert.equal(features.displayLocationInformationRequiredState.state, 'enabled');
    assert.equal(
      features.displayLocationInformationRequiredState.includeTarget.id,
      DEMO_GROUPS.allStaff.id,
    );
    // App name was on for all users already: a pilot group never narrows it.
    assert.equal(features.displayAppInformationRequiredState.includeTarget.id, 'all_users');
  });

  it('says which group is unknown instead of asking for a change', async () => {
    assert.equal(await bot.say(USERS.helpdesk, 'show app and location for Nobody Here'), 200);
    assert.match(
      await cardIn(`a:personal-${USERS.helpdesk.id}`, /Not found/),
      /no group named "Nobody Here"/,
    );
  });

  it('turns on SMS sign-in for a group and adds numbers row by row from pasted CSV', async () => {
    const csv = [
      'user,phone',
      `${SCENARIO_USERS.tapExpired.upn},+44 7700 900456`,
      `${DEMO_USERS.member.upn},not a number`,
      `nobody@sandbox.example,+1 206 555 0100`,
      `${DEMO_USERS.guest.id},+33 612345678`,
      // In All Staff through the nested synced-staff group: a member for the SMS policy too.
      `${SCENARIO_USERS.deviceNoncompliant.upn},+44 7700 900457`,
    ].join('\n');
    await bot.say(USERS.helpdesk, `sms sign-in for All Staff\n${csv}`);
    const waiting = await cardIn(`a:personal-${USERS.helpdesk.id}`, /SMS sign-in/);
    assert.match(waiting, /1 line was left out: line 3/);
    assert.match(waiting, /Turn on SMS sign-in for All Staff/);
    assert.doesNotMatch(waiting, /for a group for/);
    assert.match(waiting, /helpdesk: turn on SMS sign-in\./, 'the product name keeps its capitals');
    const approved = await decide(USERS.admin, 'approve');
    const done = textOf(approved.card);
    assert.match(done, /Phone numbers: 2 of 4 added/);
    assert.match(done, /line 6 \(sales@sandbox.example\): mobile \+44 •+0457 added/);
    assert.match(
      done,
      /line 2 \(support@sandbox.example\): mobile \+44 •+0456 added, SMS sign-in on/,
    );
    assert.match(done, /line 4 \(nobody@sandbox.example\): no such person/);
    assert.match(done, /line 5 .*not a member of All Staff/);
    assert.doesNotMatch(done, /7700 ?900456/, 'numbers are masked on cards');
    const sms = config(bot, 'Sms') as {
      includeTargets: Array<{ id: string; isUsableForSignIn: boolean }>;
    };
    assert.ok(
      sms.includeTargets.some((t) => t.id === DEMO_GROUPS.allStaff.id && t.isUsableForSignIn),
    );
    const member = bot.sandbox.state.users.find((u) => u.id === SCENARIO_USERS.tapExpired.id)!;
    const mobile = member.authentication.phoneMethods.find((p) => p.phoneType === 'mobile');
    assert.equal(mobile?.phoneNumber, '+44 7700900456');
    assert.equal(mobile?.smsSignInState, 'ready');
  });

  it('creates the inactive-guest access review once, from the card button', async () => {
    const asked = await bot.click(USERS.helpdesk, 'admin.change', {
      v: 1,
      change: 'guest-access-review',
      days: '60',
    });
    assert.equal(asked.line, 'Sent to an admin for approval.');
    await decide(USERS.admin, 'approve');
    const reviews = bot.sandbox.state.accessReviewDefinitions;
    assert.equal(reviews.length, 1);
    const review = reviews[0] as unknown as Record<string, unknown> & {
      scope: { principalScopes: Array<{ inactiveDuration: string; query: string }> };
      settings: {
        autoApplyDecisionsEnabled: boolean;
        defaultDecision: string;
        applyActions: unknown[];
      };
    };
    assert.equal(review.displayName, 'Inactive guests: no sign-in in 60 days');
    assert.equal(review.scope.principalScopes[0].inactiveDuration, 'P60D');
    assert.match(review.scope.principalScopes[0].query, /userType eq 'Guest'/);
    assert.equal(review.settings.autoApplyDecisionsEnabled, true);
    assert.equal(review.settings.defaultDecision, 'Deny');
    assert.deepEqual(review.settings.applyActions, [
      { '@odata.type': '#microsoft.graph.disableAndDeleteUserApplyAction' },
    ]);

    bot.connector.received.length = 0;
    await bot.say(USERS.helpdesk, 'guest review 60');
    await decide(USERS.admin, 'approve');
    // The answer is on the asker's waiting card, brought up to date (no second card); one plain
    // line that points to it alerts them, without the answer's words.
    const again = await bot.connector.waitFor(
      (a) =>
        a.conversationId === `a:personal-${USERS.helpdesk.id}` &&
        a.method === 'PUT' &&
        /already exists/.test(cardText(a.activity)),
    );
    assert.match(cardText(again.activity), /nothing was created/);
    const line = await bot.connector.waitFor(
      (a) =>
        a.conversationId === `a:personal-${USERS.helpdesk.id}` &&
        a.method === 'POST' &&
        /the card above/.test(String(a.activity.text)),
    );
    assert.match(String(line.activity.text), /^Your request \S+ to create the inactive-guest/);
    assert.doesNotMatch(String(line.activity.text), /already exists|nothing was created/);
    assert.equal(bot.sandbox.state.accessReviewDefinitions.length, 1);
  });

  it('adds and removes a person from a policy exclusion group, refusing a policy without one', async () => {
    await bot.say(USERS.helpdesk, `exclusion add ${DEMO_USERS.member.upn} CA006`);
    assert.match(
      await cardIn(`a:personal-${USERS.helpdesk.id}`, /cannot be done here/),
      /no exclusion group of its own/,
    );
    const group = DEMO_GROUPS.allStaff.id;
    const policy = bot.sandbox.state.conditionalAccessPolicies.find((p) => p.id === CA006)!;
    policy.conditions.users.excludeGroups = [
      DEMO_GROUPS.caExclusions.id,
      DEMO_GROUPS.helpdeskApprovers.id,
    ];
    const members = () =>
      bot.sandbox.state.groups.find((g) => g.id === DEMO_GROUPS.helpdeskApprovers.id)!.members;
    await bot.say(USERS.helpdesk, `exclusion add ${DEMO_USERS.member.upn} CA006`);
    await decide(USERS.admin, 'approve');
    assert.ok(members().includes(DEMO_USERS.member.id));
    bot.connector.received.length = 0;
    await bot.say(
      USERS.helpdesk,
      `exclusion remove ${DEMO_USERS.member.upn} CA006: Require a compliant device on Windows`,
    );
    await decide(USERS.admin, 'approve');
    assert.ok(!members().includes(DEMO_USERS.member.id));
    assert.notEqual(group, DEMO_GROUPS.helpdeskApprovers.id);
  });

  it('never adds anyone to the exclusions of a policy on the never-exclude list', async () => {
    bot.connector.received.length = 0;
    await bot.say(USERS.helpdesk, `exclusion add ${DEMO_USERS.member.upn} CA002`);
    assert.match(
      await cardIn(`a:personal-${USERS.helpdesk.id}`, /cannot be done here/),
      /CA_NEVER_EXCLUDE_POLICY_IDS/,
    );
  });

  it('turns a missing Graph permission into a failed request that names it', async () => {
    const app = bot.sandbox.state.app;
    app.grantedPermissions = app.grantedPermissions.filter(
      (p) => p !== 'Policy.ReadWrite.AuthenticationMethod',
    );
    await bot.click(USERS.helpdesk, 'request.create', {
      v: 1,
      action: 'tap-policy',
      subjectId: 'tenant',
    });
    const failed = await decide(USERS.admin, 'approve');
    assert.match(textOf(failed.card), /Policy\.ReadWrite\.AuthenticationMethod/);
    assert.equal(config(bot, 'TemporaryAccessPass').isUsableOnce, false);
  });
});

function textOf(card: unknown): string {
  return cardText({
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
  });
}
