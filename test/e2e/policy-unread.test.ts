import assert from 'node:assert/strict';
import { RunningClock } from '../handoff/support';
import { executeActions } from '../cards/support/cases';
import { cardText } from '../support/card-text';
import { USERS, useFaultedHandoffBot, WHOLE_FAILURE } from '../handoff/http-bot';
import { SCENARIO_USERS } from '../../src/sandbox/scenario-ids';

type Action = { verb: unknown; data: unknown };
const actionsOf = (activity: Record<string, unknown>): Action[] =>
  executeActions((activity.attachments as Array<{ content: unknown }>)[0].content);
const checkAgainCount = (activity: Record<string, unknown>) =>
  actionsOf(activity).filter((a) => a.verb === 'triage.check-again').length;
/** What the person got instead of an answer before: the whole-answer Graph failure cards. */

/**
 * Answers whose tenant policies (Conditional Access, the Temporary Access Pass policy, the
 * Authenticator policy) or device reads by id (a device's compliance policy states, a device
 * looked up by its id) Graph does not answer, over real HTTP: one whole bot (the teams-ai
 * Application behind restify, Azurite, the sandbox tenant through the Graph client), with the
 * sandbox answering that read 429 past the retry budget or 503, or dropping the connection. Each
 * keeps the rest of the answer, names what it went without in the one line, judges nothing
 * unread and offers Check again; before, each failed whole.
 */
describe('answers while a tenant policy or device look-up is busy or out of reach, over real HTTP @slow', function () {
  this.timeout(90_000);
  // The bot's clock, running with real time: moved past the five minutes the bot keeps a tenant
  // policy before each test (so the answer reads it), and past a 429's Retry-After after each.
  // The sandbox's sign-ins are of the last hours and each test moves the clock about four: the
  // answers that need the sign-in log (Conditional Access) come first.
  const clock = new RunningClock();

  const bot = useFaultedHandoffBot(clock);
  beforeEach(() => clock.advance(301_000));

  const READS = [
    {
      name: 'Conditional Access: the policies',
      part: 'the Conditional Access policies',
      path: '/identity/conditionalAccess/policies',
      paste: `AADSTS53003: Access has been blocked by Conditional Access policies. for ${SCENARIO_USERS.caBlocked.upn}`,
      stands: /"CA001: Block sign-ins from outside allowed countries".* blocked the sign-in/,
      never: /It decides by where|Exclude from Conditional Access/,
    },
    {
      name: 'Temporary Access Pass: the pass policy',
      part: 'the Temporary Access Pass policy',
      path: '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass',
      paste: `Temporary Access Pass sign in was blocked due to User Credential Policy for ${SCENARIO_USERS.tapExpired.upn}`,
      stands: /expired/i,
      never: /Issue a Temporary Access Pass|Who can use it|would not work here/,
    },
    {
      name: 'MFA: the Authenticator policy',
      part: 'the Authenticator policy',
      path: '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/MicrosoftAuthenticator',
      paste: `AADSTS500121: Authentication failed during strong authentication request. for ${SCENARIO_USERS.mfaDenied.upn}`,
      stands: /Registered sign-in methods/,
      never: /How Authenticator asks|turned off for this tenant/,
    },
    {
      name: "device compliance: a device's policy states",
      part: "the devices' compliance policies",
      path: /^\/deviceManagement\/managedDevices\/[^/]+\/deviceCompliancePolicyStates$/,
      paste: `AADSTS53000: Device is not in required device state: compliant. for ${SCENARIO_USERS.deviceNoncompliant.upn}`,
      stands: /SALES-LT-014/,
      never: /Windows 11 security baseline|Require BitLocker|Intune does not say/,
    },
    {
      name: 'device registration: the device looked up by its id',
      part: 'the device the sign-in came from',
      path: '/devices',
      paste: `AADSTS53001: Device is not in required device state: domain joined.\nDevice identifier: 8e3c4d5f-7a81-4b92-8c3d-4e5f6a7b8c03\nfor ${SCENARIO_USERS.deviceNotHybridJoined.upn}`,
      stands: /FINANCE-HOME-PC: Registered only/,
      never: /not registered in this tenant/,
    },
  ];

  it('Check again on the busy Conditional Access policies, once Graph answers, tells what the policy looks at', async () => {
    bot().sandbox.faults.add({ pathPattern: READS[0].path, status: 429, retryAfterSeconds: 3600 });
    const first = (await bot().say(USERS.agent, READS[0].paste)).activity;
    assert.doesNotMatch(cardText(first), /It decides by where/);
    const data = actionsOf(first).find((a) => a.verb === 'triage.check-again')!.data as Record<
      string,
      unknown
    >;
    bot().sandbox.faults.clear();
    clock.advance(3_601_000);
    const again = await bot().click(USERS.agent, 'triage.check-again', data);
    assert.match(again.text, /It decides by where a sign-in comes from/, again.text);
    assert.doesNotMatch(again.text, /too busy|could not be reached/);
    assert.ok(!again.verbs.includes('triage.check-again'), 'nothing left to check again');
  });

  /**
   * A pass within its valid time while the pass policy is not read: Graph too busy (429 past the
   * budget), out of reach (503), or the bot not allowed (403, Policy.Read.All). The policy decides
   * whether a pass may be used, so the pass is not called usable, and no new pass is offered on
   * it; the 403 names the permission and offers nothing to check again.
   */
  describe('a pass in its valid time while the pass policy is not read', () => {
    const TAP = READS[1];
    beforeEach(() => {
      const user = bot().sandbox.state.users.find((u) => u.id === SCENARIO_USERS.tapExpired.id);
      const tap = user?.authentication.temporaryAccessPassMethods[0];
      assert.ok(tap, 'the sandbox user has a pass');
      const start = new Date(Date.now() - 60_000).toISOString();
      Object.assign(tap, {
        createdDateTime: start,
        startDateTime: start,
        lifetimeInMinutes: 43_200,
      });
    });
    afterEach(() => bot().sandbox.reset());

    for (const fault of [429, 503, 403] as const) {
      it(`${fault}: not called usable, the policy said not read, no pass offered`, async () => {
        bot().sandbox.faults.add({ pathPattern: TAP.path, status: fault, retryAfterSeconds: 3600 });
        const activity = (await bot().say(USERS.agent, TAP.paste)).activity;
        const said = cardText(activity);
        assert.match(said, /The Temporary Access Pass policy could not be read/, said);
        assert.match(said, /The pass is within its valid time/);
        assert.doesNotMatch(said, /looks usable|The pass is valid now/i);
        assert.doesNotMatch(said, /Issue a Temporary Access Pass|Who can use it/);
        assert.doesNotMatch(said, WHOLE_FAILURE);
        if (fault === 403) {
          assert.match(said, /permission Policy\.Read\.All/);
          assert.doesNotMatch(said, /too busy|could not be reached/);
          assert.equal(checkAgainCount(activity), 0, 'a missing permission is not checked again');
        } else {
          assert.ok(said.includes(TAP.part), said);
          assert.equal(checkAgainCount(activity), 1);
        }
      });
    }
  });

  for (const c of READS) {
    for (const fault of [503, 429, 'drop'] as const) {
      it(`${c.name} (${fault}): the rest stands, one line names it, with Check again`, async () => {
        bot().sandbox.faults.add(
          fault === 'drop'
            ? { pathPattern: c.path, drop: true }
            : { pathPattern: c.path, status: fault, retryAfterSeconds: 3600 },
        );
        const activity = (await bot().say(USERS.agent, c.paste)).activity;
        const said = cardText(activity);
        if (fault === 'drop') {
          // The read travels in one $batch with others: a dropped round trip loses them all,
          // and the one line names each.
          const lines = said.split('\n');
          assert.ok(
            lines.some((l) => l.includes('could not be reached just now') && l.includes(c.part)),
            said,
          );
        } else {
          const opening =
            fault === 429
              ? `Microsoft Graph was too busy to read ${c.part} just now`
              : `Microsoft Graph could not be reached just now to read ${c.part}`;
          assert.ok(said.includes(opening), said);
          assert.match(said, c.stands);
        }
        assert.doesNotMatch(said, c.never);
        assert.doesNotMatch(said, WHOLE_FAILURE);
        assert.doesNotMatch(said, /The directory shows no problem now/);
        assert.equal(checkAgainCount(activity), 1, 'one Check again button');
      });
    }
  }
});
