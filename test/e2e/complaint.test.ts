import assert from 'node:assert/strict';
import { cardText } from '../support/card-text';
import { DEMO_USERS } from '../../src/sandbox/demo-ids';
import { startHandoffBot, USERS, type HandoffHttpBot } from '../handoff/http-bot';

/**
 * "I can't log in" and its kind, over real HTTP (the whole bot, the sandbox tenant through the
 * Graph client): no error is pasted, so the person's own latest failed sign-in answers, not the
 * card saying the message is not a sign-in error. Another product's sign-in keeps that card.
 */
describe('a sign-in complaint in a few words, over real HTTP @slow', function () {
  this.timeout(90_000);
  let bot: HandoffHttpBot;

  before(async () => {
    bot = await startHandoffBot();
  });
  after(async () => bot?.stop());

  for (const words of ["I can't log in", 'locked out', 'Ich kann mich nicht anmelden']) {
    it(`"${words}": the latest failed sign-in, the Conditional Access block`, async () => {
      const text = cardText((await bot.say(USERS.member, words)).activity);
      assert.doesNotMatch(text, /doesn't look like a sign-in error/, text);
      assert.match(text, /latest failed sign-in/);
      assert.match(text, /CA001: Block sign-ins from outside allowed countries/);
    });
  }

  it("the person's own words with a weak lead: their sign-ins, not 'not sure'", async () => {
    for (const words of [
      "I can't sign in to Azure portal, it says access blocked for non-admins",
      'Teams keeps looping on sign in and never opens',
    ]) {
      const text = cardText((await bot.say(USERS.member, words)).activity);
      assert.doesNotMatch(text, /I'm not sure what this is/, words);
      assert.match(text, /latest failed sign-in/, words);
    }
  });

  it('"when does my password expire?": the expiry of their own password, not the latest failure', async () => {
    const text = cardText((await bot.say(USERS.member, 'when does my password expire?')).activity);
    assert.match(text, /The password has not expired/, text);
    assert.match(text, /passwords in sandbox\.example last 90 days, so it stays valid until/);
    assert.match(text, /To change it before then, sign in at https:\/\/myaccount\.microsoft\.com/);
    assert.doesNotMatch(
      text,
      /latest failed sign-in|CA001|Copy the whole error|copy the whole error/,
    );
    const locked = cardText((await bot.say(USERS.member, 'am I locked out?')).activity);
    assert.match(locked, /The sign-in log shows no lock-out/, locked);
    assert.doesNotMatch(locked, /CA001/);
    const risk = cardText((await bot.say(USERS.member, 'is my account compromised?')).activity);
    assert.match(risk, /The account carries no active risk now/, risk);
    assert.match(risk, /it has seen no sign of someone else using it/);
    assert.doesNotMatch(risk, /Wait 10 to 15 minutes|The block may have come/);
  });

  it('nothing failed lately: says so, and asks for the error shown at sign-in', async () => {
    const text = cardText((await bot.say(USERS.agent, 'cannot sign in to Teams')).activity);
    assert.match(text, /No failed sign-in in the last 24 hours/, text);
    assert.match(text, /The error shown at sign-in can: paste it here/);
    assert.doesNotMatch(text, /matches this error/, 'no error was pasted');
  });

  it('"I got a new phone": a pass to sign in, the new phone registered, the old one removed', async () => {
    const text = cardText((await bot.say(USERS.member, 'I got a new phone')).activity);
    assert.match(text, /Issue a Temporary Access Pass/, text);
    assert.match(text, /use the Temporary Access Pass the helpdesk gives you/);
    assert.match(text, /Add Microsoft Authenticator on the new phone/);
    assert.match(text, /Delete the old phone's Authenticator/);
    assert.doesNotMatch(text, /Update Microsoft Authenticator, open it, and type the number/);
    // A pasted number-matching complaint keeps the steps about the number.
    const number = cardText(
      (await bot.say(USERS.member, 'Enter the number shown to sign in')).activity,
    );
    assert.match(number, /Update Microsoft Authenticator, open it, and type the number/, number);
    assert.doesNotMatch(number, /Delete the old phone's Authenticator/);
  });

  it('requests the person did not start: the password is known, what to do now, no pass, sign-out offered', async () => {
    const text = cardText(
      (
        await bot.say(
          USERS.member,
          'I keep getting "Approve sign in request" on my phone but I never tried to log in, what do I do',
        )
      ).activity,
    );
    assert.match(text, /Sign-in requests you did not start/, text);
    assert.match(text, /Someone else very likely knows your password/);
    assert.match(text, /Deny every request you did not start/);
    assert.match(text, /Change your password now at https:\/\/aka\.ms\/sspr/);
    // What the tenant's sign-in log says, whichever way it reads for this account.
    assert.match(text, /failed second-step sign-ins? in the last day/i);
    // Their own card asks in their words; the helpdesk's names the account.
    assert.match(text, /Sign me out everywhere/);
    assert.doesNotMatch(text, /Sign the user out|the user\b/);
    assert.doesNotMatch(text, /Temporary Access Pass/);
    assert.doesNotMatch(text, /type the number|The verification step did not complete/);
  });

  it('the same requests told by a helpdesk agent about the account: the sign-out names the user', async () => {
    const text = cardText(
      (
        await bot.say(
          USERS.agent,
          `approve sign in requests I never started, for ${DEMO_USERS.member.upn}`,
        )
      ).activity,
    );
    assert.match(text, /Sign the user out everywhere/, text);
    assert.doesNotMatch(text, /Sign me out/);
    assert.match(text, /Sign-in requests the person did not start/);
    assert.doesNotMatch(text, /knows your password/);
  });

  it('a pasted second-step code with "I didn\'t start this": the same answer, the code named, no pass', async () => {
    const text = cardText(
      (
        await bot.say(
          USERS.member,
          "I keep getting approve sign-in requests with error 50158 and I didn't start this",
        )
      ).activity,
    );
    assert.match(text, /Sign-in requests you did not start/, text);
    assert.match(text, /AADSTS50158/);
    assert.match(text, /Deny every request you did not start/);
    // The member's own card: the sign-out in their words.
    assert.match(text, /Sign me out everywhere/);
    assert.doesNotMatch(text, /Temporary Access Pass/);
    assert.doesNotMatch(text, /approve the request, typing the number/);
  });

  it("another product's sign-in stays outside: the card says it is not a sign-in error", async () => {
    const text = cardText((await bot.say(USERS.member, "can't log in to my xbox")).activity);
    assert.match(text, /doesn't look like a sign-in error/, text);
  });
});
