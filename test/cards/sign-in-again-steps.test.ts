import assert from 'node:assert/strict';
import { triageCardData } from '../../cards';
import { diagnosisCardData } from '../../cards/diagnosis';
import { USER_STEPS } from '../../cards/triage/user-steps';
import { diagnose } from '../../src/diagnosis/diagnose';
import { loadCatalog, triage } from '../../src/triage';
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

  describe("the helpdesk's steps name the same command", () => {
    const helpdesk = { audience: 'helpdesk' } as const;
    async function helpdeskSteps(text: string): Promise<string[]> {
      const d = await diagnose(
        { triage: triage(text), subject: { kind: 'id', id: ALEX }, audience: 'helpdesk' },
        { reader: new FakeDirectory({ users: [aUser()] }), clock: fixedClock },
      );
      return diagnosisCardData(d, helpdesk).nextSteps.map((s) => s.step);
    }
    const helpdeskCases: Array<[string, RegExp]> = [
      [
        'ERROR: AADSTS700082: The refresh token has expired due to inactivity. az login',
        /^Ask them to run "az login" again in the same terminal/,
      ],
      [
        'Get-AzResourceGroup: AADSTS50173: The provided grant has expired due to it being revoked. Run Connect-AzAccount to login.',
        /^Ask them to run "Connect-AzAccount" again/,
      ],
      [
        'Get-MgUser : AADSTS50133: Session is invalid due to expiration',
        /^Ask them to run "Connect-MgGraph" again/,
      ],
      [
        'MsalUiRequiredException: invalid_grant: The provided grant has expired due to it being revoked, a fresh auth token is needed.',
        /^Ask them to run the tool or script again/,
      ],
    ];
    for (const [text, first] of helpdeskCases) {
      it(`${text.slice(0, 70)}`, async () => {
        for (const steps of [
          triageCardData(triage(text), helpdesk).nextSteps.map((s) => s.step),
          await helpdeskSteps(text),
        ]) {
          assert.match(steps[0] ?? '', first, steps.join(' | '));
          assert.ok(!steps.some((s) => /sign in to the app again|sign out and sign in/.test(s)));
          assert.ok(steps.length >= 2, "the catalog's own checks stay after the command");
        }
      });
    }

    it('a paste that shows no tool keeps the catalog steps', async () => {
      const text = 'AADSTS700082: The refresh token has expired due to inactivity.';
      const steps = await helpdeskSteps(text);
      assert.match(steps[0] ?? '', /Ask the user to sign in to the app again/);
    });

    it("every sign-in-again code's first catalog step is the generic one the command replaces", () => {
      const entries = loadCatalog().entries.filter((e) => e.fix === 'sign-in-again');
      assert.ok(entries.length >= 5);
      for (const entry of entries) {
        assert.match(
          entry.nextSteps[0] ?? '',
          /^Ask the (?:user|person) to .*sign(?:ing)? (?:in|out)\b.*again|^Ask the (?:user|person) to .*(?:start )?signing in again/,
          `AADSTS${entry.code}`,
        );
      }
    });
  });
});
