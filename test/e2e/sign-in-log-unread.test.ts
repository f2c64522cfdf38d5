import assert from 'node:assert/strict';
import { executeActions } from '../cards/support/cases';
import { cardText } from '../support/card-text';
import { addLockout } from '../support/sandbox-sign-ins';
import { ManualClock } from '../handoff/support';
import { USERS, useFaultedHandoffBot, WHOLE_FAILURE } from '../handoff/http-bot';
import { DEMO_USERS } from '../../src/sandbox/demo-ids';
import { SCENARIO_SIGN_INS, SCENARIO_USERS } from '../../src/sandbox/scenario-ids';
import { triage } from '../../src/triage';

const REQUEST_ID = '0f5e2c1a-1111-4222-8333-444455556666';
const BUSY_LINE =
  'Microsoft Graph was too busy to read the sign-in log just now, so recent sign-ins are not part of this answer; checking again in a few minutes may add them.';
const UNREACHED_LINE =
  'Microsoft Graph could not be reached just now to read the sign-in log, so recent sign-ins are not part of this answer; checking again in a few minutes may add them.';
type Action = { verb: unknown; data: unknown };
const actionsOf = (activity: Record<string, unknown>): Action[] =>
  executeActions((activity.attachments as Array<{ content: unknown }>)[0].content);
/** What the person got instead of an answer before: the whole-answer Graph failure cards. */

/**
 * Answers whose sign-in log Graph does not answer, over real HTTP: one whole bot (the teams-ai
 * Application behind restify, Azurite, the sandbox tenant through the Graph client), with the
 * sandbox answering the sign-in log with 429 or 503 past the retry budget.
 */
describe('answers while the sign-in log is busy or out of reach, over real HTTP @slow', function () {
  this.timeout(90_000);
  // The bot's clock: a 429 pauses the tenant's sign-in reads for its Retry-After, by this clock.
  const clock = new ManualClock(new Date());

  const bot = useFaultedHandoffBot(clock);

  const logFails = (status: number) =>
    bot().sandbox.faults.add({
      pathPattern: '/auditLogs/signIns',
      status,
      retryAfterSeconds: 3600,
    });

  /**
   * Account answers whose sign-in log Graph does not answer, over real HTTP: the whole bot (the
   * teams-ai Application behind restify, Azurite, the sandbox tenant through the Graph client), with
   * the sandbox answering the sign-in log with 429 or 503 past the retry budget. The answer keeps
   * the explanation and the account record and says in one line that the log was not read.
   */
  describe('account answers', () => {
    it('a code-less "account disabled" while Graph is too busy: the account record and one line', async () => {
      logFails(429);
      const text = cardText((await bot().say(USERS.member, 'My account is disabled')).activity);
      assert.match(text, /The account is turned on now/, text);
      assert.match(text, /The account record/);
      assert.ok(text.includes(BUSY_LINE), text);
      assert.doesNotMatch(text, WHOLE_FAILURE);
      assert.doesNotMatch(text, /at \w+ \(|Error:/, 'no stack trace');
    });

    it('a pasted AADSTS50126 while Graph is out of reach: the explanation and one line', async () => {
      logFails(503);
      const text = cardText((await bot().say(USERS.member, 'AADSTS50126')).activity);
      assert.match(text, /The password typed does not match/, text);
      assert.match(text, /The account record/);
      assert.ok(text.includes(UNREACHED_LINE), text);
      assert.doesNotMatch(text, WHOLE_FAILURE);
    });

    it('a pasted AADSTS50053 with its request id while Graph is too busy: the lock-out and one line', async () => {
      logFails(429);
      const text = cardText(
        (await bot().say(USERS.member, `AADSTS50053: account locked.\nRequest Id: ${REQUEST_ID}`))
          .activity,
      );
      assert.match(text, /Too many wrong passwords locked the account for a while/, text);
      assert.ok(text.includes(BUSY_LINE), text);
      assert.doesNotMatch(text, /No sign-in with that request ID/, 'the log was not read at all');
      assert.doesNotMatch(text, WHOLE_FAILURE);
    });

    it('a code-less "password expired" while Graph is out of reach checks the domain all the same', async () => {
      logFails(504);
      const text = cardText((await bot().say(USERS.member, 'My password expired')).activity);
      assert.match(text, /The password has (not )?expired/, text);
      assert.ok(text.includes(UNREACHED_LINE), text);
      assert.doesNotMatch(text, WHOLE_FAILURE);
    });

    it('offers Check again on the busy line, and pressing it once Graph answers gives the full answer', async () => {
      logFails(429);
      const first = (await bot().say(USERS.member, 'AADSTS50053')).activity;
      const firstText = cardText(first);
      assert.ok(firstText.includes(BUSY_LINE), firstText);
      const checks = actionsOf(first).filter((a) => a.verb === 'triage.check-again');
      assert.equal(checks.length, 1, 'one Check again button');
      const data = checks[0].data as Record<string, unknown>;
      assert.deepEqual(Object.keys(data).sort(), ['triageId', 'v'], 'ids only');

      // The same strict button data as before: anything added to it is refused.
      const forged = await bot().click(USERS.member, 'triage.check-again', { ...data, upn: 'x@y' });
      assert.match(forged.text + forged.line, /This button is out of date or was changed/);
      // Someone the chat does not identify cannot run it.
      const other = await bot().click(USERS.visitor, 'triage.check-again', data);
      assert.match(other.text + other.line, /cannot tell who you are/);

      // Graph stops throttling and its Retry-After has passed (by the bot's clock); meanwhile the
      // lock-out itself has reached the log.
      bot().sandbox.faults.clear();
      clock.advance(3_601_000);
      addLockout(bot().sandbox, DEMO_USERS.member.id, new Date(clock.now().getTime() - 60_000));
      const again = await bot().click(USERS.member, 'triage.check-again', data);
      assert.match(
        again.text,
        /Too many wrong passwords locked the account for a while/,
        again.text,
      );
      assert.match(again.text, /failed attempt/, 'the sign-ins are part of the answer now');
      assert.doesNotMatch(again.text, /too busy|could not be reached/);
      assert.ok(!again.verbs.includes('triage.check-again'), 'nothing left to check again');
      // The kept paste is forgotten once the answer is whole.
      const later = await bot().click(USERS.member, 'triage.check-again', data);
      assert.match(later.text + later.line, /This check is no longer available/);
    });
  });

  /**
   * The other answer types whose sign-in log Graph does not answer, over real HTTP (the same whole
   * bot and sandbox faults): each keeps its explanation and the checks that did answer (the
   * policies, the devices, the methods) and says in one line that the log was not read, with Check
   * again; before, each failed whole with only the "Graph unavailable" card.
   */
  describe('the other answers', () => {
    const LINES = { 429: BUSY_LINE, 503: UNREACHED_LINE } as const;
    const checkAgainCount = (activity: Record<string, unknown>) =>
      actionsOf(activity).filter((a) => a.verb === 'triage.check-again').length;

    /** Says `text` as `user` while the log answers `status`; the card's text, checked for the line. */
    async function whileLogFails(
      status: 429 | 503,
      user: (typeof USERS)[keyof typeof USERS],
      text: string,
    ): Promise<string> {
      logFails(status);
      const activity = (await bot().say(user, text)).activity;
      const said = cardText(activity);
      assert.ok(said.includes(LINES[status]), said);
      assert.doesNotMatch(said, WHOLE_FAILURE);
      assert.doesNotMatch(said, /at \w+ \(|Error:/, 'no stack trace');
      assert.equal(checkAgainCount(activity), 1, 'one Check again button');
      return said;
    }

    /** An error page without a code: the request id is all that points at the sign-in. */
    const ID_ONLY_PASTE = `Sorry, but we’re having trouble signing you in.\nRequest Id: ${SCENARIO_SIGN_INS.caBlocked.id}`;
    const CA_PASTE = `AADSTS53003: Access has been blocked by Conditional Access policies.\nRequest Id: ${SCENARIO_SIGN_INS.caBlocked.id}`;

    for (const status of [429, 503] as const) {
      it(`Conditional Access for the helpdesk (${status}): the explanation and the tenant's policies, read all the same`, async () => {
        const text = await whileLogFails(
          status,
          USERS.agent,
          `${CA_PASTE}\nfor ${SCENARIO_USERS.caBlocked.upn}`,
        );
        assert.match(text, /A Conditional Access rule blocked the sign-in/, text);
        assert.match(text, /Conditional Access policies in this tenant/);
        assert.match(text, /CA001: Block sign-ins from outside allowed countries/);
        assert.match(text, /report-only, blocks nothing/);
      });

      it(`Conditional Access for the person (${status}): the explanation, without the tenant's policies`, async () => {
        const text = await whileLogFails(status, USERS.member, CA_PASTE);
        assert.match(text, /A Conditional Access rule blocked the sign-in/, text);
        assert.match(text, /access rules blocked this sign-in/);
        assert.doesNotMatch(text, /CA001|policies in this tenant/);
      });

      it(`MFA (${status}): the registered methods and how Authenticator asks`, async () => {
        const text = await whileLogFails(
          status,
          USERS.agent,
          `AADSTS500121: Authentication failed during strong authentication request. for ${SCENARIO_USERS.mfaDenied.upn}`,
        );
        assert.match(text, /Registered sign-in methods/, text);
        assert.match(text, /Authenticator/);
        assert.doesNotMatch(text, /What the sign-in log says/);
      });

      it(`device compliance with a request id (${status}): the Intune device and its failing policy`, async () => {
        const text = await whileLogFails(
          status,
          USERS.agent,
          `AADSTS53000 for ${SCENARIO_USERS.deviceNoncompliant.upn}\nRequest Id: ${SCENARIO_SIGN_INS.deviceNoncompliant.id}`,
        );
        assert.match(text, /SALES-LT-014/, text);
        assert.match(text, /Windows 11 security baseline/);
      });

      it(`device registration (${status}): the registered devices and their join type`, async () => {
        const text = await whileLogFails(
          status,
          USERS.agent,
          `AADSTS53001: Device is not in required device state: domain_joined. for ${SCENARIO_USERS.deviceNotHybridJoined.upn}`,
        );
        assert.match(text, /FINANCE-HOME-PC/, text);
        assert.match(text, /registered/i);
        assert.doesNotMatch(
          text,
          /none was seen/,
          'the sign-in was not read, so no device is "unseen"',
        );
      });

      it(`the plain sign-in look-up (${status}): the error's explanation`, async () => {
        const text = await whileLogFails(status, USERS.member, 'AADSTS50011');
        assert.match(text, /What this error means/, text);
        assert.ok(text.includes(triage('AADSTS50011').entry!.userText.slice(0, 60)), text);
      });

      it(`an error page with only a request id (${status}): its explanation without the log`, async () => {
        const text = await whileLogFails(status, USERS.member, ID_ONLY_PASTE);
        assert.match(text, /What the bot read in the message/, text);
        assert.match(text, /The sign-in did not complete/);
        assert.doesNotMatch(text, /No sign-in with that request ID/, 'the log was not read at all');
      });
    }

    it('an account check ("diagnose …") while Graph is too busy says the log was not read, not that nothing failed', async () => {
      const text = await whileLogFails(
        429,
        USERS.agent,
        `diagnose ${SCENARIO_USERS.caBlocked.upn}`,
      );
      assert.match(text, /The sign-in log could not be read just now/, text);
      assert.doesNotMatch(text, /No failed sign-in/);
    });

    it('a 403 on the sign-in log still names the permission, with no Check again', async () => {
      bot().sandbox.faults.add({ pathPattern: '/auditLogs/signIns', status: 403 });
      const activity = (await bot().say(USERS.member, CA_PASTE)).activity;
      const text = cardText(activity);
      assert.match(text, /AuditLog\.Read\.All/, text);
      assert.doesNotMatch(text, /too busy|could not be reached/);
      assert.equal(checkAgainCount(activity), 0);
    });

    it('Check again on a Conditional Access answer, once Graph answers, names the failing policy', async () => {
      logFails(429);
      const first = (await bot().say(USERS.member, CA_PASTE)).activity;
      assert.ok(cardText(first).includes(BUSY_LINE));
      const data = actionsOf(first).find((a) => a.verb === 'triage.check-again')!.data as Record<
        string,
        unknown
      >;
      bot().sandbox.faults.clear();
      clock.advance(3_601_000);
      const again = await bot().click(USERS.member, 'triage.check-again', data);
      assert.match(
        again.text,
        /"CA001: Block sign-ins from outside allowed countries".* blocked the sign-in/,
        again.text,
      );
      assert.match(again.text, /Sao Paulo/);
      assert.doesNotMatch(again.text, /too busy|could not be reached/);
      assert.ok(!again.verbs.includes('triage.check-again'), 'nothing left to check again');
    });
  });
});
