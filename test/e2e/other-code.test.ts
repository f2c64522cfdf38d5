import assert from 'node:assert/strict';
import { cardText } from '../support/card-text';
import { startHandoffBot, USERS, type HandoffHttpBot } from '../handoff/http-bot';
import { addLockout } from '../support/sandbox-sign-ins';
import { SCENARIO_USERS } from '../../src/sandbox/scenario-ids';

/**
 * A pasted code that no failure of the last day carries, over real HTTP (the whole bot, the
 * sandbox tenant through the Graph client): the warehouse account's latest failure is a lock-out
 * (50053) and it has no Conditional Access failure, so "53003 for warehouse@…" is answered as the
 * lock-out, saying 53003 was not found, not as a Conditional Access block whose "blocked sign-in"
 * is the lock-out.
 */
describe('a pasted code that no recent failure carries, over real HTTP @slow', function () {
  this.timeout(90_000);
  let bot: HandoffHttpBot;

  before(async () => {
    bot = await startHandoffBot();
  });
  after(async () => bot?.stop());

  it('answers the latest failure by its own code, saying the pasted one was not found', async () => {
    const reply = await bot.say(USERS.agent, '53003 for warehouse@sandbox.example');
    const text = cardText(reply.activity);
    assert.match(
      text,
      /No sign-in of this account failed with AADSTS53003 in the last 24 hours/,
      text,
    );
    assert.match(text, /AADSTS50053/);
    assert.match(text, /What AADSTS53003 means/, 'the pasted code is still explained');
    assert.doesNotMatch(text, /A Conditional Access rule blocked the sign-in/);
    assert.doesNotMatch(text, /No enforced policy is named as failing/);
  });

  it('a code that is there keeps its own answer', async () => {
    const text = cardText(
      (await bot.say(USERS.agent, '50053 for warehouse@sandbox.example')).activity,
    );
    assert.doesNotMatch(text, /failed with AADSTS50053 in the last 24 hours/, text);
    assert.match(text, /AADSTS50053/);
  });

  it('a pasted second-step code is not shown the lock-out as its sign-in: the lock-out answers by its own code', async () => {
    const text = cardText(
      (await bot.say(USERS.agent, '50076 for warehouse@sandbox.example')).activity,
    );
    assert.match(
      text,
      /No sign-in of this account failed with AADSTS50076 in the last 24 hours/,
      text,
    );
    assert.match(text, /AADSTS50053/);
    assert.match(text, /What AADSTS50076 means/, 'the pasted code is still explained');
    assert.doesNotMatch(text, /What the sign-in log says/);
    assert.doesNotMatch(text, /Verification methods look in order/);
  });

  it('a sibling second-step failure stays the sign-in of a pasted one, past a newer lock-out', async () => {
    addLockout(bot.sandbox, SCENARIO_USERS.mfaDenied.id, new Date(Date.now() - 60_000));
    const text = cardText(
      (await bot.say(USERS.agent, `50076 for ${SCENARIO_USERS.mfaDenied.upn}`)).activity,
    );
    assert.match(text, /What the sign-in log says/, text);
    assert.match(text, /AADSTS500121/);
    assert.doesNotMatch(text, /AADSTS50053/, 'the lock-out is another problem');
    assert.doesNotMatch(text, /in the last 24 hours/);
  });

  it("ids the log does not hold, with a code that explains itself: that code's answer, not the person's latest failure", async () => {
    // An az cli message whose ids are from another tenant's sign-in; the Demo User's own latest
    // failure is a Conditional Access block, which is not what this paste is about.
    const pasted = [
      'ERROR: AADSTS700082: The refresh token has expired due to inactivity.',
      'Trace ID: 1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9',
      'Correlation ID: 2a3b4c5d-6e7f-4081-9293-a4b5c6d7e8f9',
      `Timestamp: ${new Date(Date.now() - 3 * 3_600_000).toISOString()}`,
      'To re-authenticate, please run: az login',
    ].join('\n');
    const text = cardText((await bot.say(USERS.member, pasted)).activity);
    assert.match(text, /AADSTS700082/, text);
    assert.match(text, /No sign-in with that correlation ID/);
    assert.match(text, /saved sign-in expired/);
    assert.doesNotMatch(text, /CA001/, 'not the Conditional Access block of another sign-in');
    assert.doesNotMatch(text, /Exclude from Conditional Access/);
    // Signing in again is the paste's own tool's command, not closing an app.
    assert.match(text, /Run "az login" in the same terminal/);
    assert.doesNotMatch(text, /Close the app or browser/);
  });

  it('a pasted device code with every device in order now turns to the block the person met', async () => {
    // The Demo User's one Intune device is compliant; their latest failure is a Conditional Access
    // block by a policy that wants a compliant device, from a sign-in that sent no device identity.
    const text = cardText(
      (
        await bot.say(
          USERS.member,
          'AADSTS530003: Your device is required to be managed to access this resource.',
        )
      ).activity,
    );
    assert.match(text, /None of your sign-ins failed with AADSTS530003/, text);
    assert.match(text, /CA006: Require a compliant device on Windows/);
    assert.match(text, /What AADSTS530003 means/);
    assert.doesNotMatch(text, /The directory shows no problem now/);
  });
});
