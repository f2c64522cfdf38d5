import type { DiagnosisContext } from '../context';
import type { DirectoryUser } from '../ports';

/**
 * The account answer's next steps (user-account.ts), for the person and for the helpdesk.
 */

/** When the tenant shows no lock-out or expiry: what to do if the page still says so. */
export const NOTHING_FOUND_STEPS = [
  'Sign in once more, carefully, and copy the whole error the page shows, with its code (AADSTS...).',
  'Paste it here: the code says what stopped the sign-in.',
];

/**
 * What to do, told to whom the card is for: the person does it themselves; the helpdesk reads
 * what they do for the person or tell them (the first of each pair is the person's).
 */
export function stepsFor(ctx: DiagnosisContext, user: DirectoryUser): string[] {
  const own = ctx.audience === 'user';
  const synced = user.onPremisesSyncEnabled === true;
  switch (ctx.triage.intent) {
    case 'account-disabled':
      if (user.accountEnabled !== false) {
        return [
          own
            ? 'Sign in again; a change can take a few minutes to reach every app.'
            : 'Ask them to sign in again; a change can take a few minutes to reach every app.',
        ];
      }
      return own
        ? [
            synced
              ? 'Ask the helpdesk to enable the account in Active Directory; it works again after the next sync.'
              : 'Ask the helpdesk to enable the account in Entra ID.',
          ]
        : [
            synced
              ? 'If the account should be active, enable it in Active Directory; it works again after the next sync.'
              : 'If the account should be active, enable it in Entra ID.',
          ];
    case 'account-locked':
      return own
        ? [
            'Wait a few minutes without trying, then sign in once, carefully.',
            'Forgotten the password? Reset it at https://aka.ms/sspr instead of guessing.',
          ]
        : [
            'Tell them to wait a few minutes without trying, then sign in once, carefully: every new attempt while locked makes the next lock-out longer.',
            'If they have forgotten the password, point them to https://aka.ms/sspr, or reset it for them, instead of guessing.',
            'If they did not make these attempts themselves, look at where the failed sign-ins came from before anything else.',
          ];
    case 'password-expired':
      if (own) {
        return synced
          ? [
              'On a company PC press Ctrl+Alt+Del and choose "Change a password", or ask the helpdesk.',
            ]
          : ['Change the password when the sign-in page asks, or at https://aka.ms/sspr.'];
      }
      return synced
        ? [
            'Have them change it on a company PC (Ctrl+Alt+Del, "Change a password"), or reset it in Active Directory; it reaches Entra ID with the next sync.',
          ]
        : [
            'Tell them to change the password when the sign-in page asks, or at https://aka.ms/sspr; or reset it for them.',
          ];
    case 'invalid-password':
      return own
        ? [
            'Check Caps Lock and the keyboard language.',
            'Reset the password at https://aka.ms/sspr if unsure.',
          ]
        : [
            'Ask them to check Caps Lock and the keyboard language, and to use the password they changed to last on every device.',
            'If they are unsure of it, point them to https://aka.ms/sspr or reset it for them.',
          ];
    default:
      return [
        own
          ? 'Sign out of every account in the browser and sign in again with the work account.'
          : 'Ask them to sign out of every account in the browser and sign in again with the work account.',
      ];
  }
}
