import assert from 'node:assert/strict';
import { isAccountCheck } from '../../src/diagnosis/account-check';
import {
  isAboutOthers,
  isPlainSignInComplaint,
  plainComplaintTriage,
} from '../../src/diagnosis/complaint';
import { triage } from '../../src/triage';

const taken = (text: string) => isPlainSignInComplaint(text, triage(text));

describe('a sign-in complaint in a few words', () => {
  for (const text of [
    "I can't log in",
    'cant login to teams',
    'I cannot sign in to Teams since this morning',
    'unable to access my email',
    'locked out',
    'sign in loop',
    'My account is blocked',
    'login not working',
    'Ich kann mich nicht anmelden',
    "je n'arrive pas à me connecter",
    'no puedo iniciar sesión',
    'não consigo entrar',
    'non riesco ad accedere',
    'kan niet inloggen',
    'サインインできません',
    // Shut out in other words.
    "I'm working from home and Teams won't let me in",
    "my manager said I'm blocked from email",
    'I keep getting logged out of everything',
    'Teams keeps signing me out',
    "I'm a guest and can't access the SharePoint site",
    'Teams keeps looping on sign in and never opens',
    "I'm stuck at the login screen",
  ]) {
    it(`"${text}" is looked up in the person's own sign-ins`, () => {
      assert.equal(taken(text), true);
    });
  }

  for (const [text, why] of [
    ["can't log in to my xbox", 'another product'],
    ["can't login to gmail", 'another product'],
    ["can't sign in to my hotmail", 'a personal Microsoft account'],
    ['how do I log in', 'a question'],
    ['the login page is blue', 'says nothing fails'],
    ['hello', 'small talk'],
    ["the app won't let me install it", 'not signing in'],
    ["I'm blocked from posting in the channel", 'not signing in'],
    [
      `I can't log in ${'and then something else happened '.repeat(8)}`,
      'an account, not a complaint',
    ],
    ["AADSTS50053 I can't log in", 'an error with its code'],
  ] as const) {
    it(`"${text.slice(0, 40)}" is not (${why})`, () => {
      assert.equal(taken(text), false);
    });
  }

  it('tells other people who cannot sign in from the writer', () => {
    for (const text of [
      "AVD users can't sign in",
      'staff are unable to log in to AVD',
      'some users cannot sign in to Teams',
    ]) {
      assert.equal(isAboutOthers(text), true, text);
    }
    for (const text of ["I can't log in", 'cant login to teams', 'locked out']) {
      assert.equal(isAboutOthers(text), false, text);
    }
  });

  it('is taken where triage found no error: a weak lead does not stop it, an id keeps its own answer', () => {
    const text = "I can't log in";
    const read = triage(text);
    // The person's own sign-ins say what happened; the lead could only ask for the error.
    assert.equal(
      isPlainSignInComplaint(text, { ...read, unsure: { intent: 'account-locked', score: 0.4 } }),
      true,
    );
    assert.equal(
      isPlainSignInComplaint(text, { ...read, intent: 'account-locked' }),
      false,
      'an error read surely keeps its own answer',
    );
    // A page pasted, not the person's own words: its lead asks for the error.
    const page = 'Your account has been blocked. Please contact support.';
    assert.equal(
      isPlainSignInComplaint(page, {
        ...triage(page),
        unsure: { intent: 'ca-blocked', score: 0.4 },
      }),
      false,
    );
    assert.equal(
      isPlainSignInComplaint(text, { ...read, fields: { requestId: 'x' } }),
      false,
      'an id goes to the troubleshooting-ids look-up',
    );
  });

  it("becomes the account check of the person's own account, keeping the message's fields", () => {
    const read = { ...triage("I can't log in"), fields: { appName: 'Outlook' } };
    const check = plainComplaintTriage(read);
    assert.equal(isAccountCheck(check), true);
    assert.deepEqual(check.fields, { appName: 'Outlook' });
  });
});
