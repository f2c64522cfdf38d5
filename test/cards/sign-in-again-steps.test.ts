import assert from 'node:assert/strict';
import { triageCardData } from '../../cards';
import { diagnosisCardData } from '../../cards/diagnosis';
import { USER_STEPS } from '../../cards/triage/user-steps';
import { diagnose } from '../../src/diagnosis/diagnose';
import { triage } from '../../src/triage';
import { ALEX, aUser, fixedClock } from '../diagnosis/fakes/builders';
import { FakeDirectory } from '../diagnosis/fakes/fake-directory';

/**
 * A saved sign-in that expired or was revoked is fixed by signing in again, in the tool the paste
 * came from: a terminal has no app to close. The person's steps name that tool's own command; a
 * paste that shows no tool keeps the general steps.
 */
const user = { audience: 'user' } as const;

async function answerSteps(text: string): Promise<string[]> {
  const d = await diagnose(
    { triage: triage(text), subject: { kind: 'id', id: ALEX }, audience: 'user' },
    { reader: new FakeDirectory({ users: [aUser()] }), clock: fixedClock },
  );
  return diagnosisCardData(d, user).nextSteps.map((s) => s.step);
}

const cardSteps = (text: string): string[] =>
  triageCardData(triage(text), user).nextSteps.map((s) => s.step);

describe('steps for signing in again, in the tool the paste came from', () => {
  const cases: Array<[string, RegExp]> = [
    [
      'ERROR: AADSTS700082: The refresh token has expired due to inactivity.\nTo re-authenticate, please run:\naz login',
      /^Run "az login" in the same terminal/,
    ],
    [
      "AADSTS50173: The provided grant has expired due to it being revoked. Please run 'az login' to setup account.",
      /^Run "az login"/,
    ],
    [
      'AADSTS700084: The refresh token was issued to a single page app. Run Connect-AzAccount to login.',
      /^Run "Connect-AzAccount" in the same PowerShell window/,
    ],
    [
      'Connect-MgGraph : AADSTS50133: Session is invalid due to expiration',
      /^Run "Connect-MgGraph"/,
    ],
    [
      'MsalUiRequiredException: AADSTS70008: The provided authorization code or refresh token has expired due to inactivity.',
      /^Run the tool or script again and sign in when it asks/,
    ],
  ];
  for (const [text, first] of cases) {
    it(`${text.slice(0, 70)}`, async () => {
      for (const steps of [cardSteps(text), await answerSteps(text)]) {
        assert.match(steps[0] ?? '', first, steps.join(' | '));
        assert.ok(!steps.some((s) => /Close the app/.test(s)), steps.join(' | '));
      }
    });
  }

  it('a paste that shows no tool keeps the general steps', async () => {
    const text = 'AADSTS700082: The refresh token has expired due to inactivity.';
    assert.deepEqual(cardSteps(text), USER_STEPS['other-known']);
    assert.deepEqual(await answerSteps(text), USER_STEPS['other-known']);
  });

  it('a code whose fix is not signing in again keeps its steps in a terminal too', () => {
    const text =
      'ERROR: AADSTS53003: Access has been blocked by Conditional Access policies. az login';
    assert.deepEqual(cardSteps(text), USER_STEPS['ca-blocked']);
  });

  it('the helpdesk keeps the catalog steps', () => {
    const text = 'ERROR: AADSTS700082: The refresh token has expired due to inactivity. az login';
    const steps = triageCardData(triage(text), { audience: 'helpdesk' }).nextSteps;
    assert.match(steps[0]?.step ?? '', /Ask the user to sign in to the app again/);
  });
});
