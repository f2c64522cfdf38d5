import assert from 'node:assert/strict';
import { RunningClock } from '../handoff/support';
import { executeActions } from '../cards/support/cases';
import { cardText } from '../support/card-text';
import { USERS, useFaultedHandoffBot, WHOLE_FAILURE } from '../handoff/http-bot';
import { SCENARIO_USERS } from '../../src/sandbox/scenario-ids';
import { triage } from '../../src/triage';

const ACCOUNT_BUSY =
  'Microsoft Graph was too busy to read the account just now, so this answer goes without it; checking again in a few minutes may add it.';
const ACCOUNT_UNREACHED =
  'Microsoft Graph could not be reached just now to read the account, so this answer goes without it; checking again in a few minutes may add it.';
const LINES = { 429: ACCOUNT_BUSY, 503: ACCOUNT_UNREACHED, 504: ACCOUNT_UNREACHED } as const;
type Action = { verb: unknown; data: unknown };
const actionsOf = (activity: Record<string, unknown>): Action[] =>
  executeActions((activity.attachments as Array<{ content: unknown }>)[0].content);
const checkAgainCount = (activity: Record<string, unknown>) =>
  actionsOf(activity).filter((a) => a.verb === 'triage.check-again').length;
/** What the person got instead of an answer before: the whole-answer Graph failure cards. */
/** What only the account record could have said, and the green "nothing wrong" banner. */
const RECORD_CLAIMS =
  /The account record|Managed in|Password changed|turned on now|The directory shows no problem now/;
/** The person's own record, and no other read: `/users/{id or upn}` without anything after it. */
const ACCOUNT_PATH = /^\/users\/[^/]+$/;

/**
 * Answers whose account record Graph does not answer, over real HTTP: one whole bot (the teams-ai
 * Application behind restify, Azurite, the sandbox tenant through the Graph client), with the
 * sandbox answering the user read (`GET /users/{id}`) with 429 past the retry budget, 503 or 504,
 * or dropping the connection. Before, each of these failed whole with the "Graph unavailable" card.
 */
describe('answers while the account record is busy or out of reach, over real HTTP @slow', function () {
  this.timeout(90_000);
  // The bot's clock: a 429 pauses the tenant's reads for its Retry-After, by this clock. It runs
  // with real time, so the paced Identity Protection reads (one a second) get their turns, and is
  // moved past the Retry-After instead of waiting an hour.
  const clock = new RunningClock();

  const bot = useFaultedHandoffBot(clock);

  const accountFails = (status: number) =>
    bot().sandbox.faults.add({
      method: 'GET',
      pathPattern: ACCOUNT_PATH,
      status,
      retryAfterSeconds: 3600,
    });

  /** Says `text` as `user` while the account read answers `status`; the card's text, checked. */
  async function whileAccountFails(
    status: 429 | 503 | 504,
    user: (typeof USERS)[keyof typeof USERS],
    text: string,
  ): Promise<{ said: string; activity: Record<string, unknown> }> {
    accountFails(status);
    const activity = (await bot().say(user, text)).activity;
    const said = cardText(activity);
    assert.ok(said.includes(LINES[status]), said);
    assert.doesNotMatch(said, WHOLE_FAILURE);
    assert.doesNotMatch(said, RECORD_CLAIMS);
    assert.doesNotMatch(said, /at \w+ \(|Error:/, 'no stack trace');
    assert.equal(checkAgainCount(activity), 1, 'one Check again button');
    return { said, activity };
  }

  for (const status of [429, 503, 504] as const) {
    it(`a pasted AADSTS50126 for oneself (${status}): the explanation, without the record`, async () => {
      const { said } = await whileAccountFails(status, USERS.member, 'AADSTS50126');
      assert.ok(said.includes(triage('AADSTS50126').entry!.userText.slice(0, 60)), said);
    });

    it(`a pasted AADSTS50126 for an account named by the helpdesk (${status}): the explanation`, async () => {
      const { said } = await whileAccountFails(
        status,
        USERS.agent,
        `AADSTS50126 for ${SCENARIO_USERS.accountLocked.upn}`,
      );
      assert.ok(said.includes(triage('AADSTS50126').entry!.userText.slice(0, 60)), said);
      assert.doesNotMatch(said, /Warehouse/i, 'no name that was not read');
    });
  }

  it('a code-less "my account is disabled" (504): no claim that the account is on', async () => {
    const { said } = await whileAccountFails(504, USERS.member, 'My account is disabled');
    assert.doesNotMatch(said, /turned (on|off)/, said);
  });

  it('MFA for oneself (429): the registered methods are read all the same', async () => {
    const { said } = await whileAccountFails(
      429,
      USERS.member,
      'AADSTS500121: Authentication failed during strong authentication request.',
    );
    assert.match(said, /Registered sign-in methods/, said);
    assert.match(said, /How Authenticator asks/);
  });

  it('Conditional Access for oneself (503): the explanation and the failing policy from the log', async () => {
    const { said } = await whileAccountFails(
      503,
      USERS.member,
      'AADSTS53003: Access has been blocked by Conditional Access policies.',
    );
    assert.match(
      said,
      /"CA001: Block sign-ins from outside allowed countries".* blocked the sign-in/,
      said,
    );
  });

  /** The account read travels in one $batch with the sign-in log: a dropped round trip loses both. */
  it('the connection dropped for the account read: both said as out of reach, with Check again', async () => {
    bot().sandbox.faults.add({ method: 'GET', pathPattern: ACCOUNT_PATH, drop: true });
    const activity = (await bot().say(USERS.member, 'AADSTS50126')).activity;
    const said = cardText(activity);
    assert.ok(said.includes(ACCOUNT_UNREACHED), said);
    assert.match(said, /could not be reached just now to read the sign-in log/);
    assert.ok(said.includes(triage('AADSTS50126').entry!.userText.slice(0, 60)), said);
    assert.doesNotMatch(said, WHOLE_FAILURE);
    assert.doesNotMatch(said, RECORD_CLAIMS);
    assert.equal(checkAgainCount(activity), 1);
  });

  it('Check again once Graph answers gives the whole answer, and the button goes', async () => {
    const { activity } = await whileAccountFails(429, USERS.member, 'AADSTS50126');
    const data = actionsOf(activity).find((a) => a.verb === 'triage.check-again')!.data as Record<
      string,
      unknown
    >;
    assert.deepEqual(Object.keys(data).sort(), ['triageId', 'v'], 'ids only');
    // Someone else cannot run it.
    const other = await bot().click(USERS.visitor, 'triage.check-again', data);
    assert.match(other.text + other.line, /cannot tell who you are/);

    bot().sandbox.faults.clear();
    clock.advance(3_601_000);
    const again = await bot().click(USERS.member, 'triage.check-again', data);
    assert.match(again.text, /The account record/, again.text);
    assert.match(again.text, /user@sandbox\.example/);
    assert.doesNotMatch(again.text, /too busy|could not be reached/);
    assert.ok(!again.verbs.includes('triage.check-again'), 'nothing left to check again');
    const later = await bot().click(USERS.member, 'triage.check-again', data);
    assert.match(later.text + later.line, /This check is no longer available/);
  });

  it('a 403 on the account read still names the permission, with no Check again', async () => {
    bot().sandbox.faults.add({ method: 'GET', pathPattern: ACCOUNT_PATH, status: 403 });
    const activity = (await bot().say(USERS.member, 'AADSTS50126')).activity;
    const said = cardText(activity);
    assert.match(said, /User\.Read\.All/, said);
    assert.doesNotMatch(said, /too busy|could not be reached/);
    assert.equal(checkAgainCount(activity), 0);
  });

  it('a 403 on the risk record alone names the permission and shows the detections, judging no risk', async () => {
    bot().sandbox.faults.add({ pathPattern: '/identityProtection/riskyUsers', status: 403 });
    const activity = (
      await bot().say(USERS.agent, `AADSTS53004 for ${SCENARIO_USERS.riskyUser.upn}`)
    ).activity;
    const said = cardText(activity);
    assert.match(said, /IdentityRiskyUser\.Read\.All/, said);
    assert.match(said, /What Identity Protection noticed/);
    assert.doesNotMatch(said, /no active risk|No risk record|User risk is|Dismiss user risk/i);
    assert.doesNotMatch(said, /too busy|could not be reached/);
    assert.doesNotMatch(said, WHOLE_FAILURE);
    assert.equal(checkAgainCount(activity), 0);
  });

  it('an account the tenant does not have (404) is still "no such account"', async () => {
    const activity = (await bot().say(USERS.agent, 'AADSTS50126 for nobody@sandbox.example'))
      .activity;
    const said = cardText(activity);
    assert.match(said, /There is no account nobody@sandbox\.example/, said);
    assert.equal(checkAgainCount(activity), 0);
  });

  /**
   * The person's other records, read by id after the account (the same whole bot): each answered
   * 429 past the budget or 503 keeps the rest of the answer, names the part in the one line and
   * offers Check again; before, each failed whole.
   */
  describe("the person's other records", () => {
    const PARTS = [
      {
        name: 'MFA: the sign-in methods',
        part: "the account's sign-in methods",
        path: /^\/users\/[^/]+\/authentication\/methods$/,
        paste: `AADSTS500121: Authentication failed during strong authentication request. for ${SCENARIO_USERS.mfaDenied.upn}`,
        stands: /How Authenticator asks|What the sign-in log says/,
        never: /Registered sign-in methods|No verification method|look in order/,
      },
      {
        name: 'account risk: the risk record',
        part: "the account's risk record",
        path: '/identityProtection/riskyUsers',
        paste: `AADSTS53004 for ${SCENARIO_USERS.riskyUser.upn}`,
        stands: /What the error means/,
        never: /User risk is|no active risk|No risk record|Dismiss user risk/,
      },
      {
        name: 'device compliance: the Intune devices',
        part: "the account's devices",
        path: /^\/users\/[^/]+\/managedDevices$/,
        paste: `AADSTS53000: Device is not in required device state: compliant. for ${SCENARIO_USERS.deviceNoncompliant.upn}`,
        stands: /What the error means/,
        never: /SALES-LT-014|Compliant now|not known as managed/,
      },
      {
        name: 'Temporary Access Pass: the pass',
        part: "the account's Temporary Access Pass",
        path: /^\/users\/[^/]+\/authentication\/temporaryAccessPassMethods$/,
        paste: `Temporary Access Pass sign in was blocked due to User Credential Policy for ${SCENARIO_USERS.tapExpired.upn}`,
        stands: /could not be checked/,
        never: /expired|looks usable|no pass on this account/i,
      },
    ];

    for (const c of PARTS) {
      // 503 first: after a 429 the detections read already waiting in Identity Protection's line
      // sleeps out the Retry-After, and the person's next risk read would queue behind it.
      for (const status of [503, 429] as const) {
        it(`${c.name} (${status}): the rest stands, one line names it, with Check again`, async () => {
          bot().sandbox.faults.add({ pathPattern: c.path, status, retryAfterSeconds: 3600 });
          const activity = (await bot().say(USERS.agent, c.paste)).activity;
          const said = cardText(activity);
          const opening =
            status === 429
              ? `Microsoft Graph was too busy to read ${c.part} just now`
              : `Microsoft Graph could not be reached just now to read ${c.part}`;
          assert.ok(said.includes(opening), said);
          assert.match(said, c.stands);
          assert.doesNotMatch(said, c.never);
          assert.doesNotMatch(said, WHOLE_FAILURE);
          assert.equal(checkAgainCount(activity), 1, 'one Check again button');
        });
      }
    }

    it('Check again on the busy methods, once Graph answers, shows the registered methods', async () => {
      bot().sandbox.faults.add({
        pathPattern: PARTS[0].path,
        status: 429,
        retryAfterSeconds: 3600,
      });
      const first = (await bot().say(USERS.agent, PARTS[0].paste)).activity;
      const data = actionsOf(first).find((a) => a.verb === 'triage.check-again')!.data as Record<
        string,
        unknown
      >;
      bot().sandbox.faults.clear();
      clock.advance(3_601_000);
      const again = await bot().click(USERS.agent, 'triage.check-again', data);
      assert.match(again.text, /Registered sign-in methods/, again.text);
      assert.doesNotMatch(again.text, /too busy|could not be reached/);
      assert.ok(!again.verbs.includes('triage.check-again'), 'nothing left to check again');
    });
  });
});
