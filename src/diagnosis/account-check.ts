import type { Intent, Triage } from '../triage/types';

/** One sign-in name, as the account forms below take it. */
const UPN = String.raw`<?[^\s"'<>(),;:[\]{}@]{1,64}@[^\s"'<>(),;:[\]{}@]{1,255}>?`;

/**
 * "diagnose alex@contoso.com", and the same asked as a helpdesk agent would ask it: "check",
 * "look up", "investigate" or "troubleshoot" one account, or a named person who cannot sign in in a
 * few words ("why can't alex@… sign in?", "alex@… is locked out", "alex@… can't log in",
 * "alex@…'s password expired"), or what they were asked to do for it ("unlock alex@…", "reset MFA
 * for alex@…"). No error pasted, just "why can't this account sign in?". It is answered as a
 * code-less paste: from the account's latest failed sign-in, or by saying there is none in the
 * last day; a claim in it is weighed first (accountCheckTriage). For anyone not in the helpdesk,
 * another person's account is refused (subject.ts).
 */
export const ACCOUNT_CHECK = new RegExp(
  [
    String.raw`^\s*(?:please\s+)?(?:diagnose|check|look\s*up|investigate|troubleshoot)\s+(?:user\s+|account\s+)?${UPN}\s*[?.!]?\s*$`,
    String.raw`^\s*(?:why\s+)?(?:can'?t|cannot|can\s+not|won'?t|isn'?t|is)\s+${UPN}\s+(?:able\s+to\s+)?(?:sign|log)\s*(?:in|on)\b[^\n]{0,40}$`,
    String.raw`^\s*${UPN}\s+(?:can'?t|cannot|can\s+not|is\s+unable\s+to|isn'?t\s+able\s+to|still\s+can'?t)\s+(?:sign|log)\s*(?:in|on)\b[^\n]{0,40}$`,
    String.raw`^\s*${UPN}\s+(?:is|got|gets|has\s+been|was)\s+(?:locked(?:\s+out)?|blocked)\b[^\n]{0,40}$`,
    String.raw`^\s*${UPN}(?:'s)?\s+password\s+(?:has\s+|is\s+)?expired\b[^\n]{0,40}$`,
    // What an agent is asked to do for one account: answered by what the account's sign-ins show,
    // with the fixes that fit it.
    String.raw`^\s*(?:please\s+|can\s+you\s+|could\s+you\s+)?(?:unlock|unblock|re-?enable|help|reset\s+(?:the\s+)?(?:mfa|2fa|password|sign-?in|methods?|authenticator)(?:\s+(?:for|of))?|revoke\s+(?:the\s+)?sessions?\s+(?:for|of)|sign\s+out|dismiss\s+(?:the\s+)?(?:user\s+)?risk\s+(?:for|of|on)|sync\s+(?:the\s+)?(?:device|laptop|pc|computer|phone|mac)s?\s+(?:of|for))\s+(?:user\s+|account\s+)?${UPN}(?:\s+everywhere)?\s*(?:please)?\s*[?.!]?\s*$`,
    // An exclusion asked for: the policies that failed that account's latest sign-in, whose
    // buttons ask for the time-boxed exclusion.
    String.raw`^\s*(?:please\s+|can\s+you\s+|could\s+you\s+)?exclude\s+${UPN}\s+from\s+[^\n]{1,80}$`,
  ].join('|'),
  'i',
);

/** The one account an account-check message names (ACCOUNT_CHECK), if it is one. */
export function accountCheckUpn(text: string): string | undefined {
  if (text.length > 400 || !ACCOUNT_CHECK.test(text)) return undefined;
  const names = text.match(/[^\s"'<>(),;:[\]{}@]{1,64}@[^\s"'<>(),;:[\]{}@]{1,255}/g) ?? [];
  const upn = names.length === 1 ? names[0].replace(/[.?!]+$/, '') : undefined;
  return upn !== undefined && /^[^@]+@[^@]+\.[^@]+$/.test(upn) ? upn : undefined;
}

/**
 * Claims an account check can make that the tenant can weigh, read from its words with the
 * account's name left out (a name such as "warehouse@…" says nothing): locked out (the sign-in
 * log's lock-out refusals, 50053, and the account record), a password expired (the domain's
 * validity period), a second step that fails (the account's methods and Authenticator).
 */
const CLAIMS: ReadonlyArray<[Intent, RegExp]> = [
  ['risky-user-blocked', /^\s*(?:please\s+|can\s+you\s+|could\s+you\s+)?dismiss\b/i],
  ['device-noncompliant', /^\s*(?:please\s+|can\s+you\s+|could\s+you\s+)?sync\b/i],
  ['ca-blocked', /^\s*(?:please\s+|can\s+you\s+|could\s+you\s+)?exclude\b/i],
  ['account-locked', /\blocked(?:\s+out)?\b/i],
  ['password-expired', /\bpassword\s+(?:has\s+|is\s+)?expired\b|\bexpired\s+password\b/i],
  [
    'mfa-required-or-failed',
    /\b(?:with|using|through|because\s+of)\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:mfa|2fa|multi-?factor(?:\s+authentication)?|authenticator|second\s+step)\b/i,
  ],
];

/**
 * The triage of an account check (ACCOUNT_CHECK): a claim it makes ("alex@… is locked out") is
 * answered as the same claim, without a code, about one's own account is: checked against the
 * tenant first, and said plainly when the tenant does not bear it out before the answer turns to
 * the latest failed sign-in. Any other check ("diagnose alex@…", or no text) is the generic one.
 */
export function accountCheckTriage(text = ''): Triage {
  const words = text.replace(new RegExp(UPN, 'g'), ' ');
  const claim = CLAIMS.find(([, pattern]) => pattern.test(words))?.[0];
  return {
    intent: claim ?? 'other-known',
    codes: [],
    fields: {},
    confidence: 1,
    truncated: false,
  };
}

/**
 * Triage never gives `other-known` without a code (catalog messages are always specific), so a
 * code-less `other-known` is the account check.
 */
export function isAccountCheck(triage: Triage): boolean {
  return (
    triage.intent === 'other-known' &&
    triage.code === undefined &&
    triage.entry === undefined &&
    triage.message === undefined
  );
}

/** The cue of a question about one's own account: its answer stays on what was asked. */
export const OWN_QUESTION_CUE = 'own-account-question';

/**
 * A question about one's own account that the tenant answers ("when does my password expire?",
 * "am I locked out?"): read as that claim about the asker's own account, answered from the
 * account itself, without turning to the latest failed sign-in (OWN_QUESTION_CUE).
 */
const OWN_QUESTIONS: ReadonlyArray<[Intent, RegExp]> = [
  [
    'password-expired',
    /\b(?:when|what (?:day|date))\b[^?\n]{0,30}\bmy (?:work |account |current )?password\b[^?\n]{0,15}\bexpir|\bhow (?:long|many days)\b[^?\n]{0,30}\bmy (?:work )?password\b[^?\n]{0,20}\bexpir|\bwhat(?:'s|s| is) my password(?:'s)? expir|\b(?:is|has) my password (?:expired|expiring|about to expire|going to expire)\b|\bdoes my password (?:ever )?expire\b|\bmy password expir\w* (?:date|when)\b/i,
  ],
  [
    'account-locked',
    /^\s*(?:is|am) (?:my (?:work )?account|i) (?:still )?(?:locked(?: out)?|blocked)\b|\bwhy am i (?:still )?locked out\b/i,
  ],
  [
    'risky-user-blocked',
    /^\s*(?:is|was|has) my (?:work )?account (?:been )?(?:compromised|hacked|at risk|risky|flagged)\b|^\s*am i (?:at risk|risky|flagged|compromised|hacked)\b/i,
  ],
];

/** The triage of such a question, or undefined when the message is not one. */
export function ownQuestionTriage(text: string): Triage | undefined {
  if (text.length > 160) return undefined;
  const plain = text.replace(/[’‘`´]/g, "'");
  const intent = OWN_QUESTIONS.find(([, pattern]) => pattern.test(plain))?.[0];
  if (intent === undefined) return undefined;
  return { ...accountCheckTriage(), intent, cue: OWN_QUESTION_CUE };
}

/**
 * The same asked as a question about one's own account ("when does my password expire?", "am I
 * locked out?"): nothing failed to paste; what to do ahead of time, or if a page says so later.
 */
export const ASKED_STEPS: Partial<Record<Intent, string[]>> = {
  'password-expired': [
    'To change it before then, sign in at https://myaccount.microsoft.com and choose Password (on a company PC that signs in with the office account, Ctrl+Alt+Del > Change a password).',
    'After a change, sign in again with the new password in Outlook, Teams and your phone.',
  ],
  'account-locked': [
    'If a sign-in page says the account is locked, wait a few minutes without trying, then sign in once, carefully.',
    'Forgotten the password? Reset it at https://aka.ms/sspr instead of guessing.',
  ],
  // Asked whether the account is compromised, with no risk on it: what would say otherwise.
  'risky-user-blocked': [
    'If you get sign-in requests you did not start, or see sign-ins you do not recognise at https://mysignins.microsoft.com, change your password at https://aka.ms/sspr and tell the helpdesk.',
  ],
};
