import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../src/sandbox/demo-ids';
import { executeActions } from '../cards/support/cases';
import { cardText } from '../support/card-text';
import { captureLogs, type LogCapture } from '../support/log-capture';
import { captureTelemetry, type TelemetryCapture } from '../support/telemetry-capture';
import { CHANNEL, startHandoffBot, USERS, type HandoffHttpBot } from '../handoff/http-bot';

const CORRELATION = '2f8c6e1a-7b34-4d9e-a051-3c6d8e2f9b47';
/** A code-less paste the bot reads from its words alone (a concept cue: an older sign-in method). */
const PASTE =
  'Outlook keeps prompting me for my password and will not connect to the mailbox anymore. ' +
  `Correlation ID: ${CORRELATION}`;
const MEMBER_CHAT = `a:personal-${USERS.member.id}`;

type Action = { verb: unknown; data: unknown };
const actionsOf = (activity: Record<string, unknown>): Action[] =>
  executeActions((activity.attachments as Array<{ content: unknown }>)[0].content);
const dataOf = (actions: Action[], verb: string): Record<string, unknown> => {
  const found = actions.find((a) => a.verb === verb);
  assert.ok(found, `a ${verb} button among ${actions.map((a) => String(a.verb)).join(', ')}`);
  return found.data as Record<string, unknown>;
};

/**
 * "That's not it" over real HTTP: the whole bot (teams-ai Application behind restify, the sandbox
 * tenant, Azurite), a member's code-less paste, the correction and the choice, with an in-memory
 * OpenTelemetry SDK and the log lines captured to show what a correction leaves behind.
 */
describe("That's not it over real HTTP @slow", function () {
  this.timeout(90_000);
  let bot: HandoffHttpBot;
  let telemetry: TelemetryCapture;
  let logs: LogCapture;
  let notIt: Record<string, unknown> = {};
  let choose: Record<string, unknown> = {};

  /** The member chooses an expired password on the choice card of a legacy sign-in reading. */
  const chooseExpiredPassword = () =>
    bot.click(USERS.member, 'triage.choose', {
      v: 1,
      guessed: 'legacy-auth-blocked',
      chosen: 'password-expired',
    });

  /** The helpdesk channel's card of the request a "Sent to the helpdesk (HD-…)." line names. */
  const requestCard = async (line: string): Promise<string> => {
    const reference = /\((HD-[0-9A-F]{6})\)\.$/.exec(line)?.[1];
    assert.ok(reference, `a sent request: ${line}`);
    return cardText(
      (await bot.next(CHANNEL, new RegExp(`Help requested by[\\s\\S]*${reference}`))).activity,
    );
  };

  before(async () => {
    telemetry = captureTelemetry();
    logs = captureLogs('info');
    bot = await startHandoffBot();
  });
  after(async () => {
    await bot?.stop();
    logs?.stop();
    await telemetry?.stop();
  });

  it('offers "That\'s not it" on the diagnosis of a reading from words alone', async () => {
    const answer = await bot.say(USERS.member, PASTE);
    const actions = actionsOf(answer.activity);
    notIt = dataOf(actions, 'triage.not-it');
    assert.equal(notIt.guessed, 'legacy-auth-blocked');
    assert.deepEqual(notIt.fields, { correlationId: CORRELATION });
    assert.equal(notIt.askId, dataOf(actions, 'helpdesk.ask').triageId, 'the same helpdesk ask');
    assert.match(cardText(answer.activity), /That's not it/);
  });

  it('is not offered when a code decided', async () => {
    const answer = await bot.say(USERS.member, 'AADSTS50053');
    assert.ok(!actionsOf(answer.activity).some((a) => a.verb === 'triage.not-it'));
  });

  it('asks which problem fits, without the guess, with None of these', async () => {
    // The problems the model also saw in these words (triage's runners-up), best first.
    assert.deepEqual(notIt.leads, [
      'invalid-password',
      'app-misconfigured',
      'mfa-required-or-failed',
    ]);
    const clicked = await bot.click(USERS.member, 'triage.not-it', notIt);
    assert.match(clicked.text, /Which of these fits better\?/);
    const order = [
      'A password that was not accepted',
      'An app that is set up incorrectly',
      'An extra verification step that did not complete',
      'An access rule blocking a sign-in',
    ].map((title) => clicked.text.indexOf(title));
    assert.ok(
      order.every((at, i) => at >= 0 && (i === 0 || at > (order[i - 1] ?? 0))),
      clicked.text,
    );
    assert.match(clicked.text, /A locked account/);
    assert.match(clicked.text, /None of these/);
    assert.doesNotMatch(clicked.text, /An older sign-in method being blocked/);
    // The leads under their own heading, each a button with its choice; the rest under another.
    const closest = clicked.text.indexOf('Closest to your message');
    const others = clicked.text.indexOf('Other problems');
    assert.ok(closest >= 0 && closest < order[0] && order[2] < others && others < order[3]);
    assert.ok(clicked.card);
    const chooses = executeActions(clicked.card).filter((a) => a.verb === 'triage.choose');
    assert.deepEqual(
      chooses.map((a) => (a.data as { chosen?: string }).chosen),
      [...(notIt.leads as string[]), undefined],
      'a button per lead, then "Show me this" for the list',
    );
    choose = chooses.at(-1)?.data as Record<string, unknown>;
  });

  it('shows the same card, leads first, to a "Show me this" click with nothing chosen', async () => {
    // The choice is a required input, so only a client that does not check it sends none.
    const again = await bot.click(USERS.member, 'triage.choose', choose);
    assert.match(again.text, /Which of these fits better\?/);
    assert.ok(again.card);
    const leads = executeActions(again.card)
      .filter((a) => a.verb === 'triage.choose')
      .map((a) => (a.data as { chosen?: string }).chosen)
      .filter((chosen) => chosen !== undefined);
    assert.deepEqual(leads, notIt.leads, 'the leads are still one click away');
  });

  it('answers the chosen problem as a paste read that way, with the pasted details', async () => {
    telemetry.reset();
    logs.lines.length = 0;
    const chosen = await bot.click(USERS.member, 'triage.choose', {
      ...choose,
      chosen: 'account-locked',
    });
    assert.match(chosen.text, /lock/i, chosen.text);
    assert.doesNotMatch(chosen.text, /older sign-in method/i);
    assert.ok(chosen.text.includes(CORRELATION), 'the pasted correlation id is looked up again');
    assert.ok(!chosen.verbs.includes('triage.not-it'), 'a chosen reading is not questioned again');
    assert.ok(chosen.verbs.includes('helpdesk.ask'), 'the person can still ask the helpdesk');
  });

  it('counts the correction by its two intents, with no text, user or details', async () => {
    await telemetry.collect();
    const counted = telemetry.counter('helpdesk.triage.corrections');
    assert.deepEqual(counted, [
      { attributes: { guessed: 'legacy-auth-blocked', chosen: 'account-locked' }, value: 1 },
    ]);
    const turn = logs.records().find((r) => r.msg === 'turn' && r.correctedFrom !== undefined);
    assert.ok(turn, logs.lines.join('\n'));
    assert.equal(turn.correctedFrom, 'legacy-auth-blocked');
    assert.equal(turn.correctedTo, 'account-locked');
    const written =
      logs.lines.join('\n') + JSON.stringify(telemetry.spans().map((s) => s.attributes));
    for (const secret of ['Outlook', 'mailbox', CORRELATION, USERS.member.aadObjectId]) {
      assert.ok(!written.includes(secret), `"${secret}" is not in the logs or telemetry`);
    }
  });

  it('answers a lead straight from its button', async () => {
    const clicked = await bot.click(USERS.member, 'triage.not-it', notIt);
    assert.ok(clicked.card);
    const lead = executeActions(clicked.card).find(
      (a) => (a.data as { chosen?: string }).chosen === 'invalid-password',
    );
    assert.ok(lead);
    logs.lines.length = 0;
    const answered = await bot.click(
      USERS.member,
      'triage.choose',
      lead.data as Record<string, unknown>,
    );
    assert.doesNotMatch(answered.text, /Which of these fits better\?|older sign-in method/i);
    const turn = logs.records().find((r) => r.msg === 'turn' && r.correctedTo !== undefined);
    assert.equal(turn?.correctedTo, 'invalid-password', logs.lines.join('\n'));
    assert.ok(answered.text.includes(CORRELATION), 'with the pasted correlation id');
  });

  it("hands None of these to the helpdesk through the card's own ask", async () => {
    const none = await bot.click(USERS.member, 'triage.choose', { ...choose, chosen: 'none' });
    assert.match(none.text, /Then the helpdesk is the best next step/);
    assert.ok(none.card);
    const ask = dataOf(executeActions(none.card), 'helpdesk.ask');
    assert.equal(ask.triageId, notIt.askId);
    assert.equal(ask.notIt, 'legacy-auth-blocked', 'the ask says which reading was turned down');
    const sent = await bot.click(USERS.member, 'helpdesk.ask', { ...ask, note: 'None fit' });
    assert.match(sent.line, /^Sent to the helpdesk \(HD-[0-9A-F]{6}\)\.$/, JSON.stringify(sent));
    await bot.next(MEMBER_CHAT, /Sent to the helpdesk/);
    // What the helpdesk's channel gets: the turned-down reading named first, not as a diagnosis.
    const request = cardText((await bot.next(CHANNEL, /Help requested by/)).activity);
    const said = request.indexOf(
      'The person says this is not: an older sign-in method being blocked',
    );
    assert.ok(said >= 0, request);
    assert.match(request, /They chose none of the problems the bot listed/);
    assert.doesNotMatch(request, /What the bot found/);
    assert.match(request, /The bot's first reading, which the person turned down/);
    assert.ok(said < request.indexOf("The bot's first reading"), 'named above the reading');
    assert.match(request, /None fit/);
    assert.ok(!request.includes('Outlook keeps prompting'), 'the paste is not sent again');
  });

  it('words the turned-down reading of a code-less message as such on the helpdesk card', async () => {
    // No id in the paste: the card explains the reading from its words alone.
    const answer = await bot.say(
      USERS.member,
      'Outlook keeps prompting me for my password and will not connect to the mailbox anymore.',
    );
    const asked = dataOf(actionsOf(answer.activity), 'triage.not-it');
    const sent = await bot.click(USERS.member, 'helpdesk.ask', {
      v: 1,
      triageId: String(asked.askId),
      notIt: asked.guessed,
    });
    const request = await requestCard(sent.line);
    const reading = request.slice(request.indexOf("The bot's first reading"));
    assert.match(reading, /What the bot read in the message/);
    assert.match(reading, /- What the message seems to describe: The app you used signs in with/);
    assert.doesNotMatch(request, /What (the|this) error means/);
  });

  it('refuses a forged turned-down reading on the ask with the clear message', async () => {
    const forged = await bot.click(USERS.member, 'helpdesk.ask', {
      v: 1,
      triageId: String(notIt.askId),
      notIt: 'the bot was right',
    });
    assert.match(forged.text + forged.line, /This button is out of date or was changed/);
    assert.doesNotMatch(forged.text + forged.line, /\bat \w+ \(|\.ts:\d+|Error:/);
  });

  it("refuses another listed problem as the turned-down reading: only the card's own", async () => {
    const answer = await bot.say(USERS.member, PASTE);
    const fresh = dataOf(actionsOf(answer.activity), 'triage.not-it');
    const ask = { v: 1, triageId: String(fresh.askId) };
    for (const notIt of ['account-locked', 'invalid-password']) {
      const changed = await bot.click(USERS.member, 'helpdesk.ask', { ...ask, notIt });
      assert.match(changed.text + changed.line, /This button is out of date or was changed/);
      assert.doesNotMatch(changed.text + changed.line, /\bat \w+ \(|\.ts:\d+|Error:|Sent to/);
    }
    // The card's own reading still goes through, once.
    const sent = await bot.click(USERS.member, 'helpdesk.ask', {
      ...ask,
      notIt: 'legacy-auth-blocked',
    });
    const request = await requestCard(sent.line);
    assert.match(request, /The person says this is not: an older sign-in method being blocked/);
  });

  it('refuses a forged or stale choice with a clear card, never a stack trace', async () => {
    for (const forged of [
      { ...choose, chosen: 'format-disk' },
      { ...choose, chosen: 'unrelated' },
      { ...choose, chosen: choose.guessed },
      { ...choose, chosen: 'account-locked', text: PASTE },
      { ...choose, chosen: 'account-locked', v: 0 },
    ]) {
      const refused = await bot.click(USERS.member, 'triage.choose', forged);
      assert.match(refused.text, /This button is out of date or was changed/, refused.text);
      assert.doesNotMatch(refused.text, /\bat \w+ \(|\.ts:\d+|Error:/);
    }
    const forgedGuess = await bot.click(USERS.member, 'triage.not-it', { v: 1, guessed: 'x' });
    assert.match(forgedGuess.text, /This button is out of date or was changed/);
  });

  it('keeps the account a helpdesk member asked about, and lets nobody else borrow it', async () => {
    const answer = await bot.say(USERS.agent, `${PASTE} for ${DEMO_USERS.member.upn}`);
    const asked = dataOf(actionsOf(answer.activity), 'triage.not-it');
    assert.equal(asked.about, DEMO_USERS.member.upn);
    const { leads: _leads, ...choice } = asked;
    const chosen = await bot.click(USERS.agent, 'triage.choose', {
      ...choice,
      chosen: 'account-locked',
    });
    assert.match(chosen.text, new RegExp(DEMO_USERS.member.upn.replace('.', '\\.')));
    const borrowed = await bot.click(USERS.member, 'triage.choose', {
      ...choice,
      about: DEMO_USERS.helpdesk.upn,
      chosen: 'account-locked',
    });
    assert.match(borrowed.text, /You can only look up your own sign-ins here/, borrowed.text);
  });

  it('checks a chosen expired password: not expired, then the latest failed sign-in', async () => {
    // No id in the paste: the code-less answer may turn to the latest failed sign-in.
    const paste =
      'Outlook keeps prompting me for my password and will not connect to the mailbox anymore.';
    const answer = await bot.say(USERS.member, paste);
    const asked = dataOf(actionsOf(answer.activity), 'triage.not-it');
    const clicked = await bot.click(USERS.member, 'triage.not-it', asked);
    assert.ok(clicked.card);
    const choice = dataOf(executeActions(clicked.card), 'triage.choose');
    const chosen = await bot.click(USERS.member, 'triage.choose', {
      ...choice,
      chosen: 'password-expired',
    });
    // The demo user's password is 56 days old in a domain whose passwords last 90 days.
    assert.match(chosen.text, /The password has not expired/, chosen.text);
    assert.match(chosen.text, /last changed 56 days ago/);
    assert.match(chosen.text, /passwords in sandbox\.example last 90 days/);
    assert.doesNotMatch(chosen.text, /The password has expired/);
    // The latest failed sign-in's own reading: the Conditional Access block (53003).
    assert.match(
      chosen.text,
      /The password has not expired\. Your message had no error code, so this is about your latest failed sign-in\./,
    );
    assert.match(chosen.text, /53003/);
    assert.match(chosen.text, /blocked the sign-in/);
  });

  it('a chosen expired password Active Directory decides about: says so, then the latest failed sign-in', async () => {
    // The member's account now comes from on-premises: the tenant cannot check its expiry.
    const member = bot.sandbox.state.users.find((u) => u.id === DEMO_USERS.member.id);
    assert.ok(member);
    const before = member.onPremisesSyncEnabled;
    member.onPremisesSyncEnabled = true;
    try {
      const chosen = await chooseExpiredPassword();
      assert.match(
        chosen.text,
        /Could not tell whether the password has expired: the account comes from on-premises Active Directory, which decides when its password expires\. Your message had no error code, so this is about your latest failed sign-in\./,
        chosen.text,
      );
      assert.match(chosen.text, /Password expiry is checked in Active Directory/);
      // The latest failed sign-in's own reading: the Conditional Access block (53003).
      assert.match(chosen.text, /53003/);
      assert.match(chosen.text, /blocked the sign-in/);
      assert.doesNotMatch(chosen.text, /The password has expired/);
      assert.doesNotMatch(chosen.text, /at \w+ \(|Error:/, 'no stack trace');
    } finally {
      member.onPremisesSyncEnabled = before;
    }
  });

  it('offers "It is a sign-in problem" on a paste read as no sign-in error, and answers the choice', async () => {
    const paste = `I cannot get into my work stuff since yesterday. Correlation ID: ${CORRELATION}`;
    const answer = await bot.say(USERS.member, paste);
    assert.match(cardText(answer.activity), /That doesn't look like a sign-in error/);
    assert.match(cardText(answer.activity), /It is a sign-in problem/);
    const opened = dataOf(actionsOf(answer.activity), 'triage.not-it');
    assert.equal(opened.guessed, 'unrelated');
    assert.deepEqual(opened.fields, { correlationId: CORRELATION });
    assert.equal(opened.askId, undefined, 'no helpdesk draft kept for every such message');
    const clicked = await bot.click(USERS.member, 'triage.not-it', opened);
    assert.match(clicked.text, /Which of these fits better\?/);
    assert.match(clicked.text, /I could not tell which sign-in problem your message describes/);
    assert.match(clicked.text, /A locked account/);
    assert.match(clicked.text, /None of these/);
    assert.ok(clicked.card);
    const choice = dataOf(executeActions(clicked.card), 'triage.choose');
    assert.equal(choice.guessed, 'unrelated');
    const chosen = await bot.click(USERS.member, 'triage.choose', {
      ...choice,
      chosen: 'account-locked',
    });
    assert.match(chosen.text, /lock/i, chosen.text);
    assert.ok(chosen.text.includes(CORRELATION), 'the pasted correlation id is looked up');
    assert.doesNotMatch(chosen.text, /doesn't look like a sign-in error/);
    await telemetry.collect();
    // The counter is cumulative over the suite: only this correction is read as unrelated.
    assert.deepEqual(
      telemetry
        .counter('helpdesk.triage.corrections')
        .filter((c) => c.attributes.guessed === 'unrelated'),
      [{ attributes: { guessed: 'unrelated', chosen: 'account-locked' }, value: 1 }],
    );
    // None of these hands over with the kept ask; no problem is named as turned down.
    const none = await bot.click(USERS.member, 'triage.choose', { ...choice, chosen: 'none' });
    assert.ok(none.card);
    const ask = dataOf(executeActions(none.card), 'helpdesk.ask');
    assert.deepEqual(Object.keys(ask).sort(), ['triageId', 'v'], 'no problem named as turned down');
    // The draft kept for None of these is the clicker's own: someone else cannot send it.
    const borrowed = await bot.click(USERS.agent, 'helpdesk.ask', ask);
    assert.match(borrowed.text + borrowed.line, /This card cannot be sent/);
    const sent = await bot.click(USERS.member, 'helpdesk.ask', { ...ask, note: 'It is sign-in' });
    const request = await requestCard(sent.line);
    assert.match(request, /did not read this message as a sign-in error/);
    assert.match(request, /It is sign-in/);
    assert.ok(!request.includes('work stuff'), 'the paste is not sent');
    // A forged turned-down reading is refused with the clear message.
    const forged = await bot.click(USERS.member, 'triage.choose', {
      ...choice,
      guessed: 'not-signin',
      chosen: 'account-locked',
    });
    assert.match(forged.text, /This button is out of date or was changed/);
  });

  it('answers small talk in kind, with no card and no such button', async () => {
    const thanks = await bot.say(USERS.member, 'thanks, that worked!');
    assert.match(
      String(thanks.activity.text),
      /^Glad that helped\. If a sign-in stops you again, paste the error here\.$/,
    );
    assert.equal(thanks.activity.attachments, undefined, 'a line, no card');
    const bye = await bot.say(USERS.member, 'ok bye');
    assert.match(String(bye.activity.text), /^Bye\./);
    const more = await bot.say(USERS.member, 'thanks, but I still cannot get into my work stuff');
    assert.doesNotMatch(
      cardText(more.activity),
      /Glad that helped/,
      'more than thanks is read as a paste',
    );
  });

  it('offers "It is a sign-in problem" on the unsure card, its resemblance one click away', async () => {
    const paste =
      'Your account has been blocked as it was identified to be violating our security policy. Please contact support if you feel this is a mistake.';
    const answer = await bot.say(USERS.member, paste);
    assert.match(cardText(answer.activity), /I'm not sure what this is/);
    assert.match(cardText(answer.activity), /It is a sign-in problem/);
    const opened = dataOf(actionsOf(answer.activity), 'triage.not-it');
    assert.deepEqual(opened, { v: 1, guessed: 'unrelated', leads: ['ca-blocked'] });
    const clicked = await bot.click(USERS.member, 'triage.not-it', opened);
    assert.match(clicked.text, /Which of these fits better\?/);
    const closest = clicked.text.indexOf('Closest to your message');
    assert.ok(closest >= 0 && closest < clicked.text.indexOf('An access rule blocking a sign-in'));
    assert.ok(clicked.card);
    const lead = executeActions(clicked.card).find(
      (a) => a.verb === 'triage.choose' && (a.data as { chosen?: string }).chosen === 'ca-blocked',
    );
    assert.ok(lead, 'the resemblance is a one-click choice');
    const chosen = await bot.click(
      USERS.member,
      'triage.choose',
      lead.data as Record<string, unknown>,
    );
    assert.match(chosen.text, /CA001: Block sign-ins from outside allowed countries/, chosen.text);
    assert.doesNotMatch(chosen.text, /not sure what this is/);
  });

  it('a chosen expired password whose domain Graph cannot reach: says so, then the latest failed sign-in', async () => {
    // Graph answers the domain read with 503 and asks for a wait past the retry budget. The
    // member's domain is one no earlier answer has read, so no kept reading stands in for it.
    const member = bot.sandbox.state.users.find((u) => u.id === DEMO_USERS.member.id);
    assert.ok(member);
    const upn = member.userPrincipalName;
    member.userPrincipalName = upn.replace(/@.*$/, '@unreached.sandbox.example');
    bot.sandbox.faults.add({ pathPattern: /\/domains\//, status: 503, retryAfterSeconds: 3600 });
    try {
      const chosen = await chooseExpiredPassword();
      assert.match(
        chosen.text,
        /Could not tell whether the password has expired: Microsoft Graph could not be reached just now\. Your message had no error code, so this is about your latest failed sign-in\./,
        chosen.text,
      );
      assert.match(chosen.text, /Password expiry not checked/);
      assert.match(chosen.text, /53003/);
      assert.doesNotMatch(chosen.text, /The password has expired/);
      assert.doesNotMatch(chosen.text, /at \w+ \(|Error:/, 'no stack trace');
    } finally {
      bot.sandbox.faults.clear();
      member.userPrincipalName = upn;
    }
  });

  it('a chosen locked account whose sign-in log Graph is too busy to read: says so in one line', async () => {
    bot.sandbox.faults.add({
      pathPattern: '/auditLogs/signIns',
      status: 429,
      retryAfterSeconds: 3600,
    });
    try {
      const chosen = await bot.click(USERS.member, 'triage.choose', {
        v: 1,
        guessed: 'legacy-auth-blocked',
        chosen: 'account-locked',
      });
      assert.match(
        chosen.text,
        /Could not tell whether the account is locked: Microsoft Graph was too busy to read the sign-in log/,
        chosen.text,
      );
      // No turn to the latest failed sign-in: that would read the same log again.
      assert.doesNotMatch(chosen.text, /latest failed sign-in|53003/);
      assert.doesNotMatch(chosen.text, /at \w+ \(|Error:/, 'no stack trace');
    } finally {
      bot.sandbox.faults.clear();
    }
  });

  it('answers a person without an Entra identity in the chat with the triage card alone', async () => {
    const chosen = await bot.click(USERS.visitor, 'triage.choose', {
      v: 1,
      guessed: 'legacy-auth-blocked',
      chosen: 'password-expired',
      fields: { correlationId: CORRELATION },
    });
    assert.match(chosen.text, /Your password has expired/);
    assert.match(chosen.text, new RegExp(CORRELATION));
    assert.ok(!chosen.verbs.includes('triage.not-it'));
  });
});
