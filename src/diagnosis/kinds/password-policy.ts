import { recordOf, type DiagnosisContext, type KindResult } from '../context';

/** How Entra ID password protection judges a new password, in plain words. */
export const BANNED_PASSWORD_RULES = [
  'Entra ID keeps a list of passwords that attackers try first, and your organisation can add its own words to it, such as the company or product names.',
  'Small disguises do not help: capital letters are ignored, and swaps such as @ for a, 0 for o, $ for s or 1 for l count as the letter they stand for.',
  'A word that is one letter away from a listed word counts as that word.',
  'Each listed word inside the password scores one point and every other character scores one point. A password needs at least five points.',
  'The usual length and character rules still apply on top.',
];

/** password-banned: the rule, and how to pick a password it accepts. */
export async function diagnosePasswordPolicy(ctx: DiagnosisContext): Promise<KindResult> {
  const user = recordOf(await ctx.user);
  const synced = user?.onPremisesSyncEnabled === true;
  return {
    status: 'explained',
    headline: 'The new password is on the list of passwords that are too easy to guess',
    findings: [
      {
        kind: 'cause',
        title: 'Checked against the banned password list',
        detail: synced
          ? 'The password was checked against the banned password list. This account comes from on-premises Active Directory, where the same list applies when password protection is installed on the domain controllers.'
          : 'The password was checked against the banned password list and did not score enough points.',
        evidence: [],
      },
    ],
    offers: [],
    nextSteps: [
      'Pick three or four unrelated words you can remember, with spaces or a symbol between them (a short sentence works too).',
      'Leave out the company name, your own name, months, seasons, years and sports teams.',
      'Do not reuse an old password with one character changed.',
    ],
    checkAgain: false,
    details: { view: 'password-policy', rules: BANNED_PASSWORD_RULES },
  };
}
