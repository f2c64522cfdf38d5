import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../src/sandbox/demo-ids';
import { cardAnswer, TEAMS_PEOPLE, teamsUser, useBotHarness } from '../support/bot-harness';

const admin = teamsUser(DEMO_USERS.admin);

/**
 * A tenant admin or a helpdesk agent naming a playbook topic in a few words, over real HTTP (the
 * teams-ai Application, Azurite and the sandbox tenant through the Graph client): the topic's
 * answer, with the tenant's own setting read through Graph where the bot reads it, never a
 * diagnosis of the writer's own account. A member's words go to triage as before.
 */
describe("an admin's few words on a playbook topic over real HTTP @slow", function () {
  this.timeout(60_000);
  const bot = useBotHarness();
  afterEach(() => bot().sandbox.reset());

  const ask = async (text: string, from = admin): Promise<string> =>
    cardAnswer(await bot().say(text, from, { card: true }));

  it('"number matching": the topic, its announce command and the Authenticator settings, not the admin\'s own MFA', async () => {
    for (const words of ['number matching', 'number matching?', 'tell me about number matching']) {
      const text = await ask(words);
      assert.match(text, /Number matching in Microsoft Authenticator/, words);
      assert.match(text, /announce number-matching YYYY-MM-DD group:GROUP-ID/, words);
      assert.match(text, /In this tenant now/, words);
      assert.match(text, /Microsoft Authenticator is enabled in this tenant/, words);
      assert.doesNotMatch(text, /^Multifactor authentication$|Verification methods/m, words);
    }
  });

  it('"is TAP enabled in our tenant?": the pass policy read from the tenant, and for whom', async () => {
    const text = await ask('is TAP enabled in our tenant?');
    assert.match(text, /Temporary Access Pass: the policy and issuing a pass/);
    assert.match(text, /Temporary Access Pass is enabled in this tenant for All Staff\./);
    assert.doesNotMatch(text, /closest topic/);
    for (const words of ['TAP status', 'check TAP', 'is TAP on']) {
      assert.match(await ask(words), /enabled in this tenant for All Staff/, words);
    }
  });

  it('says it could not read the pass policy, and still answers, when the permission is missing', async () => {
    const sandbox = bot().sandbox;
    sandbox.state.app.grantedPermissions = sandbox.state.app.grantedPermissions.filter(
      (p) => !/^Policy\./.test(p),
    );
    const text = await ask('is TAP enabled in our tenant?');
    assert.match(text, /Temporary Access Pass: the policy and issuing a pass/);
    assert.match(text, /I could not read the Temporary Access Pass policy: .*Policy\.Read\.All/);
    assert.doesNotMatch(text, /is enabled in this tenant/);
  });

  it('"what is our secure score": the Secure Score answer with the tenant\'s score, not "not updating"', async () => {
    for (const words of ['what is our secure score', 'secure score status']) {
      const text = await ask(words);
      assert.match(text, /^Microsoft Secure Score$/m, words);
      assert.match(text, /Secure Score is 61\.5 of 120 points \(51%\)/, words);
      assert.doesNotMatch(text, /Secure Score not updating/, words);
    }
  });

  it('a topic put as a status or a check gets its answer, not a diagnosis or "not a sign-in error"', async () => {
    const cases: [string, RegExp][] = [
      ['check banned passwords', /Banned passwords and Password Protection/],
      ['device compliance status', /Compliant and joined devices in Conditional Access/],
      ['check CA exclusions', /Conditional Access: how include and exclude work/],
      ['check stale apps', /Unused enterprise apps/],
      ['password hash sync status', /Password hash sync not updating/],
      ['last sync time', /Directory sync last ran .* UTC; password hash sync last ran/],
      ['are passkeys enabled', /Passkeys \(FIDO2\) are enabled in this tenant for all users/],
    ];
    for (const [words, title] of cases) {
      const text = await ask(words);
      assert.match(text, title, words);
      assert.doesNotMatch(
        text,
        /doesn't look like a sign-in error|Password rules|Intune shows/,
        words,
      );
    }
  });

  it("a helpdesk agent gets the same; the admin's own trouble is still diagnosed; a member gets no tenant setting", async () => {
    const agent = await ask('is TAP enabled in our tenant?', TEAMS_PEOPLE.helpdesk);
    assert.match(agent, /enabled in this tenant for All Staff/);
    const own = await ask('my password expired');
    assert.doesNotMatch(own, /Banned passwords|In this tenant now/);
    const member = await ask('is TAP enabled in our tenant?', TEAMS_PEOPLE.member);
    assert.doesNotMatch(member, /In this tenant now|enabled in this tenant/);
  });
});
