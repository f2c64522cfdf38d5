import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../src/sandbox/demo-ids';
import { SCENARIO_USERS } from '../../src/sandbox/scenario-ids';
import { cardAnswer, TEAMS_PEOPLE, useBotHarness } from '../support/bot-harness';

/**
 * Answers walked as a helpdesk agent and as an end user, over real HTTP (the whole bot, the
 * sandbox tenant): an expired saved sign-in in a terminal names the tool's command on both cards,
 * also without its code; Windows Hello PIN messages get their own answer; the Windows key answer
 * names the code pasted; the agent's lock-out steps say what they tell the person.
 */
describe('answers for the agent and the person, over real HTTP @slow', function () {
  this.timeout(90_000);
  const bot = useBotHarness();
  const member = TEAMS_PEOPLE.member;
  const agent = TEAMS_PEOPLE.helpdesk;
  const about = (upn: string, words: string): string => `${upn} says: ${words}`;

  const AZ_CLI =
    'ERROR: AADSTS700082: The refresh token has expired due to inactivity.\nInteractive authentication is needed. Please run:\naz login';

  it("an expired sign-in in Azure CLI: the agent's steps name az login, as the person's do", async () => {
    const forAgent = cardAnswer(await bot().say(about(DEMO_USERS.member.upn, AZ_CLI), agent));
    assert.match(forAgent, /Ask them to run "az login" again in the same terminal/, forAgent);
    assert.doesNotMatch(forAgent, /Ask the user to sign in to the app again/);
    const forPerson = cardAnswer(await bot().say(AZ_CLI, member));
    assert.match(forPerson, /Run "az login" in the same terminal/);
  });

  it("MSAL's code-less invalid_grant: read as the revoked sign-in, not the second step", async () => {
    const msal =
      'MsalUiRequiredException: invalid_grant: The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.';
    const forPerson = cardAnswer(await bot().say(msal, member));
    assert.match(forPerson, /Run the tool or script again and sign in when it asks/, forPerson);
    assert.doesNotMatch(forPerson, /Multifactor authentication|Issue a Temporary Access Pass/);
    const forAgent = cardAnswer(await bot().say(about(DEMO_USERS.member.upn, msal), agent));
    assert.match(forAgent, /Ask them to run the tool or script again/, forAgent);
  });

  it('a Windows Hello PIN message: its own answer for the person and the agent', async () => {
    const pin =
      "Something went wrong and your PIN isn't available (status: 0xc000006d, substatus: 0xc0070016). Click to set up your PIN again.";
    const forPerson = cardAnswer(await bot().say(pin, member));
    assert.match(forPerson, /Your Windows PIN cannot be used on this computer now/, forPerson);
    assert.match(forPerson, /0xc000006d/);
    assert.match(forPerson, /I forgot my PIN/);
    assert.doesNotMatch(forPerson, /doesn't look like a sign-in error|not sure/i);
    const forAgent = cardAnswer(
      await bot().say(about(DEMO_USERS.member.upn, "We couldn't set up your PIN"), agent),
    );
    assert.match(forAgent, /The person's Windows Hello PIN cannot be used/, forAgent);
    assert.match(forAgent, /NgcSet/);
  });

  it('the Windows key answer names the code pasted, not the other two', async () => {
    const text = cardAnswer(
      await bot().say(
        "Your computer's Trusted Platform Module has malfunctioned. If this error persists, contact your system administrator with the error code 80090016.",
        member,
      ),
    );
    assert.match(text, /80090016/, text);
    assert.match(text, /The key is no longer there/);
    assert.doesNotMatch(text, /80090030|80090034/);
  });

  it("a lock-out on the agent's card: what they tell the person", async () => {
    const text = cardAnswer(
      await bot().say(
        about(SCENARIO_USERS.accountLocked.upn, 'AADSTS50053: Your account is locked.'),
        agent,
      ),
    );
    assert.match(text, /Tell them to wait a few minutes without trying/, text);
    assert.doesNotMatch(text, /^Wait a few minutes without trying/m);
  });

  it('a fix asked for in words: the answer that offers it, or says first there is none to make', async () => {
    const risky = cardAnswer(
      await bot().say(`dismiss risk for ${SCENARIO_USERS.riskyUser.upn}`, agent),
    );
    assert.match(risky, /The account is blocked because its user risk is high/, risky);
    assert.match(risky, /Dismiss user risk/);
    const device = cardAnswer(
      await bot().say(`sync the laptop of ${SCENARIO_USERS.deviceNoncompliant.upn}`, agent),
    );
    assert.match(device, /does not meet the compliance policy/, device);
    assert.match(device, /Sync the device with Intune/);
    const excluded = cardAnswer(
      await bot().say(`exclude ${DEMO_USERS.member.upn} from CA001 for 4 hours`, agent),
    );
    assert.match(excluded, /Exclude from Conditional Access for a while/, excluded);
    // No risk on the account: said first, then its latest failed sign-in.
    const none = cardAnswer(await bot().say(`dismiss risk for ${DEMO_USERS.member.upn}`, agent));
    assert.match(
      none,
      /The account carries no active risk now\. The message had no error code/,
      none,
    );
    // The command in other words.
    const open = await bot().say('pending requests', agent);
    assert.match(cardAnswer(open), /Open requests for help/);
  });

  it("an error's meaning on the agent's card is the helpdesk's account of it, not the person's words", async () => {
    const paste =
      "AADSTS50105: Your administrator has configured the application Zoom ('abc') to block users unless they are specifically granted ('assigned') access to the application.";
    const forAgent = cardAnswer(await bot().say(about(DEMO_USERS.member.upn, paste), agent));
    assert.match(
      forAgent,
      /The app requires user assignment and the user is not assigned to it/,
      forAgent,
    );
    assert.doesNotMatch(forAgent, /You have not been given access to this app yet/);
    const forPerson = cardAnswer(await bot().say(paste, member));
    assert.match(forPerson, /You have not been given access to this app yet/, forPerson);
  });
});
