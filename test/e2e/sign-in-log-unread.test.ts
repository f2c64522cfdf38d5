import assert from 'node:assert/strict';
import { executeActions } from '../cards/support/cases';
import { cardText } from '../support/card-text';
import { ManualClock } from '../handoff/support';
import { startHandoffBot, USERS, type HandoffHttpBot } from '../handoff/http-bot';

const REQUEST_ID = '0f5e2c1a-1111-4222-8333-444455556666';
const BUSY_LINE =
  'Microsoft Graph was too busy to read the sign-in log just now, so recent sign-ins are not part of this answer; checking again in a few minutes may add them.';
const UNREACHED_LINE =
  'Microsoft Graph could not be reached just now to read the sign-in log, so recent sign-ins are not part of this answer; checking again in a few minutes may add them.';
type Action = { verb: unknown; data: unknown };
const actionsOf = (activity: Record<string, unknown>): Action[] =>
  executeActions((activity.attachments as Array<{ content: unknown }>)[0].content);
/** What the person got instead of an answer before: the whole-answer Graph failure cards. */
const WHOLE_FAILURE = /asking the bot to slow down|did not answer properly|Many people are asking/;

/**
 * Account answers whose sign-in log Graph does not answer, over real HTTP: the whole bot (the
 * teams-ai Application behind restify, Azurite, the sandbox tenant through the Graph client), with
 * the sandbox answering the sign-in log with 429 or 503 past the retry budget. The answer keeps
 * the explanation and the account record and says in one line that the log was not read.
 */
describe('account answers while the sign-in log is busy or out of reach, over real HTTP @slow', function () {
  this.timeout(90_000);
  let bot: HandoffHttpBot;
  // The bot's clock: a 429 pauses the tenant's sign-in reads for its Retry-After, by this clock.
  const clock = new ManualClock(new Date());

  before(async () => {
    bot = await startHandoffBot({ clock });
  });
  after(async () => bot?.stop());
  afterEach(() => {
    bot.sandbox.faults.clear();
    clock.advance(3_601_000);
  });

  const logFails = (status: number) =>
    bot.sandbox.faults.add({ pathPattern: '/auditLogs/signIns', status, retryAfterSeconds: 3600 });

  it('a code-less "account disabled" while Graph is too busy: the account record and one line', async () => {
    logFails(429);
    const text = cardText((await bot.say(USERS.member, 'My account is disabled')).activity);
    assert.match(text, /The account is turned on now/, text);
    assert.match(text, /The account record/);
    assert.ok(text.includes(BUSY_LINE), text);
    assert.doesNotMatch(text, WHOLE_FAILURE);
    assert.doesNotMatch(text, /at \w+ \(|Error:/, 'no stack trace');
  });

  it('a pasted AADSTS50126 while Graph is out of reach: the explanation and one line', async () => {
    logFails(503);
    const text = cardText((await bot.say(USERS.member, 'AADSTS50126')).activity);
    assert.match(text, /The password typed does not match/, text);
    assert.match(text, /The account record/);
    assert.ok(text.includes(UNREACHED_LINE), text);
    assert.doesNotMatch(text, WHOLE_FAILURE);
  });

  it('a pasted AADSTS50053 with its request id while Graph is too busy: the lock-out and one line', async () => {
    logFails(429);
    const text = cardText(
      (await bot.say(USERS.member, `AADSTS50053: account locked.\nRequest Id: ${REQUEST_ID}`))
        .activity,
    );
    assert.match(text, /Too many wrong passwords locked the account for a while/, text);
    assert.ok(text.includes(BUSY_LINE), text);
    assert.doesNotMatch(text, /No sign-in with that request ID/, 'the log was not read at all');
    assert.doesNotMatch(text, WHOLE_FAILURE);
  });

  it('a code-less "password expired" while Graph is out of reach checks the domain all the same', async () => {
    logFails(504);
    const text = cardText((await bot.say(USERS.member, 'My password expired')).activity);
    assert.match(text, /The password has (not )?expired/, text);
    assert.ok(text.includes(UNREACHED_LINE), text);
    assert.doesNotMatch(text, WHOLE_FAILURE);
  });

  it('offers Check again on the busy line, and pressing it once Graph answers gives the full answer', async () => {
    logFails(429);
    const first = (await bot.say(USERS.member, 'AADSTS50053')).activity;
    const firstText = cardText(first);
    assert.ok(firstText.includes(BUSY_LINE), firstText);
    const checks = actionsOf(first).filter((a) => a.verb === 'triage.check-again');
    assert.equal(checks.length, 1, 'one Check again button');
    const data = checks[0].data as Record<string, unknown>;
    assert.deepEqual(Object.keys(data).sort(), ['triageId', 'v'], 'ids only');

    // The same strict button data as before: anything added to it is refused.
    const forged = await bot.click(USERS.member, 'triage.check-again', { ...data, upn: 'x@y' });
    assert.match(forged.text + forged.line, /This button is out of date or was changed/);
    // Someone the chat does not identify cannot run it.
    const other = await bot.click(USERS.visitor, 'triage.check-again', data);
    assert.match(other.text + other.line, /cannot tell who you are/);

    // Graph stops throttling and its Retry-After has passed (by the bot's clock).
    bot.sandbox.faults.clear();
    clock.advance(3_601_000);
    const again = await bot.click(USERS.member, 'triage.check-again', data);
    assert.match(again.text, /Too many wrong passwords locked the account for a while/, again.text);
    assert.match(again.text, /failed attempt/, 'the sign-ins are part of the answer now');
    assert.doesNotMatch(again.text, /too busy|could not be reached/);
    assert.ok(!again.verbs.includes('triage.check-again'), 'nothing left to check again');
    // The kept paste is forgotten once the answer is whole.
    const later = await bot.click(USERS.member, 'triage.check-again', data);
    assert.match(later.text + later.line, /This check is no longer available/);
  });
});
