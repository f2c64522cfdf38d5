import assert from 'node:assert/strict';
import { cardText } from '../support/card-text';
import { startHandoffBot, USERS, type HandoffHttpBot } from '../handoff/http-bot';
import { SCENARIO_SIGN_INS } from '../../src/sandbox/scenario-ids';

/**
 * An error page that names no code, only its troubleshooting ids, over real HTTP (the whole bot,
 * the sandbox tenant through the Graph client): the sign-in the id points at failed with a code
 * of its own, and the answer is that code's (the Conditional Access policies that failed it), not
 * the plain look-up of the sign-in.
 */
describe('a paste whose id leads to a sign-in with its own code, over real HTTP @slow', function () {
  this.timeout(90_000);
  let bot: HandoffHttpBot;

  before(async () => {
    bot = await startHandoffBot();
  });
  after(async () => bot?.stop());

  const PAGE = 'Sorry, but we’re having trouble signing you in.';

  it('a request id: the Conditional Access policies that failed that sign-in', async () => {
    const text = cardText(
      (await bot.say(USERS.member, `${PAGE}\nRequest Id: ${SCENARIO_SIGN_INS.caBlocked.id}`))
        .activity,
    );
    assert.match(text, /Policies that stopped the sign-in/, text);
    assert.match(text, /CA001: Block sign-ins from outside allowed countries/);
    assert.match(text, /Sao Paulo/);
    assert.doesNotMatch(text, /does not know this error well enough/);
  });

  it('a correlation id: the same answer', async () => {
    const text = cardText(
      (
        await bot.say(
          USERS.member,
          `${PAGE}\nCorrelation Id: ${SCENARIO_SIGN_INS.caBlocked.correlationId}`,
        )
      ).activity,
    );
    assert.match(text, /Policies that stopped the sign-in/, text);
    assert.match(text, /CA001: Block sign-ins from outside allowed countries/);
  });

  it("the ids of a page's troubleshooting details alone: the sign-in they point at", async () => {
    const ids = [
      `Request Id: ${SCENARIO_SIGN_INS.caBlocked.id}`,
      `Correlation Id: ${SCENARIO_SIGN_INS.caBlocked.correlationId}`,
      'Timestamp: 2026-12-07T12:38:11Z',
    ].join('\n');
    const text = cardText((await bot.say(USERS.member, ids)).activity);
    assert.doesNotMatch(text, /doesn't look like a sign-in error/);
    assert.match(text, /Policies that stopped the sign-in/, text);
    assert.match(text, /CA001: Block sign-ins from outside allowed countries/);
  });

  it("the whole troubleshooting block, whatever its words suggest: that sign-in's own code", async () => {
    const block = [
      'Troubleshooting details',
      'If you contact your administrator, send this info to them.',
      'Copy info to clipboard',
      `Request Id: ${SCENARIO_SIGN_INS.caBlocked.id}`,
      `Correlation Id: ${SCENARIO_SIGN_INS.caBlocked.correlationId}`,
      'Timestamp: 2026-12-07T12:38:11Z',
      'App name: Microsoft Teams',
    ].join('\n');
    const text = cardText((await bot.say(USERS.member, block)).activity);
    assert.match(text, /Policies that stopped the sign-in/, text);
    assert.match(text, /CA001: Block sign-ins from outside allowed countries/);
  });

  it('ids that match no sign-in: says so, then the latest failure', async () => {
    const text = cardText(
      (await bot.say(USERS.member, 'Request Id: 11111111-2222-4333-8444-555555555555')).activity,
    );
    assert.match(text, /No sign-in with that request ID/i, text);
    assert.match(text, /CA001/, 'the latest failed sign-in');
  });
});
