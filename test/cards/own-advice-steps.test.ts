import assert from 'node:assert/strict';
import { triageCardData } from '../../cards';
import { diagnosisCardData } from '../../cards/diagnosis';
import { USER_STEPS } from '../../cards/triage/user-steps';
import { diagnose } from '../../src/diagnosis/diagnose';
import { triage } from '../../src/triage';
import { ALEX, aUser, fixedClock } from '../diagnosis/fakes/builders';
import { FakeDirectory } from '../diagnosis/fakes/fake-directory';

/**
 * A code with no kind of its own (`other-known`): the person's steps are what its plain
 * explanation tells them to do, not "sign in again", which cannot help where someone else has to
 * act (an app assignment, a setup only IT can fix).
 */
const user = { audience: 'user' } as const;
const GENERIC = USER_STEPS['other-known'][0];

const cardSteps = (text: string): string[] =>
  triageCardData(triage(text), user).nextSteps.map((s) => s.step);

async function answerSteps(text: string): Promise<string[]> {
  const d = await diagnose(
    { triage: triage(text), subject: { kind: 'id', id: ALEX }, audience: 'user' },
    { reader: new FakeDirectory({ users: [aUser()] }), clock: fixedClock },
  );
  return diagnosisCardData(d, user).nextSteps.map((s) => s.step);
}

describe("steps of a code without a kind of its own, from the code's own explanation", () => {
  const cases: Array<[string, RegExp, boolean]> = [
    // Not assigned to the app: the app's owner adds the person; signing in again changes nothing.
    [
      "AADSTS50105: Your administrator has configured the application Zoom ('abc') to block users unless they are specifically granted ('assigned') access to the application.",
      /^Ask the helpdesk or the app's owner to add you\.$/,
      false,
    ],
    // A setup problem at the organisation's identity provider: nobody's to fix but IT.
    [
      'AADSTS20001: WsFedSignInResponseError - There is an issue with your federated Identity Provider.',
      /^This needs a change on the organisation's side, not yours: ask the helpdesk/,
      false,
    ],
    // An order of the person's own, then the helpdesk if it persists.
    ['AADSTS50058', /^Choose sign in and enter your details\.$/, true],
  ];
  for (const [text, first, thenHelpdesk] of cases) {
    it(text.slice(0, 60), async () => {
      for (const steps of [cardSteps(text), await answerSteps(text)]) {
        assert.match(steps[0] ?? '', first, steps.join(' | '));
        assert.ok(!steps.includes(GENERIC), steps.join(' | '));
        assert.equal(
          steps.some((s) => /^If it keeps happening, ask the helpdesk/.test(s)),
          thenHelpdesk,
          steps.join(' | '),
        );
      }
    });
  }

  it('an explanation that orders nothing and names nobody keeps the general steps', async () => {
    // "The sign-in didn't finish, and the sign-in service gave no reason the bot can explain."
    assert.deepEqual(cardSteps('AADSTS130500'), USER_STEPS['other-known']);
    assert.deepEqual(await answerSteps('AADSTS130500'), USER_STEPS['other-known']);
  });
});
