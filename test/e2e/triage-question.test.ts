import assert from 'node:assert/strict';
import { knowledgeBase } from '../../src/answers/knowledge-base';
import { cardAnswer, TEAMS_PEOPLE, useBotHarness } from '../support/bot-harness';

const member = TEAMS_PEOPLE.member;

describe('questions and weak leads over real HTTP @slow', function () {
  this.timeout(60_000);
  const bot = useBotHarness();

  const ask = async (text: string): Promise<string> => cardAnswer(await bot().say(text, member));

  it('answers a how-to question from the knowledge base, not with a diagnosis of the asker', async () => {
    const text = await ask('How do I exclude a user from a conditional access policy?');
    const entry = knowledgeBase().find((e) => e.id === 'conditional-access-basics');
    assert.ok(entry, 'the knowledge base has the Conditional Access entry');
    assert.ok(text.includes(entry.title), text);
    assert.doesNotMatch(text, /blocked this sign-in|access rules blocked/i);
  });

  it("an end user's own how-to gets its own answer: changing a password, a new phone number", async () => {
    const change = await ask('how do I change my password');
    assert.match(change, /Changing your own password/);
    assert.match(change, /myaccount\.microsoft\.com/);
    assert.doesNotMatch(change, /Password hash sync/, 'not the admin topic that shares its words');
    const phone = await ask('I changed my phone number, how do I update it for MFA');
    assert.match(phone, /A new or lost phone and Microsoft Authenticator/);
    assert.doesNotMatch(phone, /SMS sign-in: set-up and limits/);
  });

  it('the person signing in gets the answer written for them; the helpdesk gets the playbook', async () => {
    const own = await ask('can you reset my password please');
    assert.match(own, /A forgotten password: reset it yourself/, own);
    assert.match(own, /Reset it yourself at https:\/\/aka\.ms\/sspr/);
    assert.doesNotMatch(own, /Admins turn it on|password writeback in Entra Connect/);
    const staff = cardAnswer(await bot().say('how do I reset my password', TEAMS_PEOPLE.helpdesk));
    assert.match(staff, /Admins turn it on under Entra ID > Password reset/, staff);
    // The how-to command too, and a member gets no button for a command only staff may run.
    const reply = await bot().say('how-to number matching', member);
    const command = cardAnswer(reply);
    assert.match(command, /type that number into the app to approve/, command);
    assert.doesNotMatch(JSON.stringify(reply.activity), /"command":"posture"/);
  });

  it('a question without a question mark gets the answer, not a diagnosis of the asker', async () => {
    const entry = knowledgeBase().find((e) => e.id === 'mfa-fatigue');
    assert.ok(entry, 'the knowledge base has the MFA fatigue entry');
    for (const words of ['what should we do about push bombing', 'how do we stop push bombing']) {
      for (const who of [member, TEAMS_PEOPLE.helpdesk]) {
        const text = cardAnswer(await bot().say(words, who));
        assert.ok(text.includes(entry.title), `${words}: ${text}`);
        assert.doesNotMatch(text, /Sign-in requests you did not start|knows your password/);
      }
    }
  });

  it("an admin's task put as an order gets the how-to, not a diagnosis of the writer's own account", async () => {
    const banned = await ask('add words to the banned password list');
    assert.match(banned, /Banned passwords and Password Protection/);
    assert.doesNotMatch(banned, /Why the password was refused/);
    const tap = await ask('enable temporary access pass for new hires');
    // The pass entry or the passwordless one (onboarding new hires with a pass), as written for
    // the member who asked.
    assert.match(tap, /A Temporary Access Pass|Signing in without a password/, tap);
    assert.match(tap, /What the bot can do now/);
    assert.doesNotMatch(tap, /There is no pass on this account/);
  });

  it('"I need a temporary access pass": the pass asked for, with the button to ask for it, not a pass refused', async () => {
    const text = await ask('I need a temporary access pass');
    assert.match(text, /There is no pass on this account yet/);
    assert.match(text, /The pass asked for/);
    assert.doesNotMatch(text, /Why the pass was refused|will be refused/);
    assert.match(text, /Issue a Temporary Access Pass/);
  });

  it('a question on a topic the knowledge base lacks says what the bot can do', async () => {
    const text = await ask('How can I block legacy authentication for all users?');
    assert.doesNotMatch(text, /blocked this sign-in|access rules blocked/i);
    assert.match(text, /What the bot can do|topics the bot can answer/);
  });

  it('still diagnoses an error that comes with a question', async () => {
    const text = await ask('my account is locked, what do I do?');
    assert.doesNotMatch(text, /question about/);
    assert.match(text, /lock/i);
  });

  it('asks for the error when a paste only resembles one', async () => {
    const text = await ask(
      'Your account has been blocked as it was identified to be violating our security policy. Please contact support if you feel this is a mistake.',
    );
    assert.match(text, /not sure what this is/);
    assert.match(text, /paste the whole error page/);
  });
});
