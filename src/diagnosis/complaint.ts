import { isConsumerAccountText, isOtherVendorText } from '../triage/signals';
import type { Triage } from '../triage/types';
import { accountCheckTriage } from './account-check';

/** The person's own words: speaking of themselves, or of an app that keeps failing them. */
const OWN_WORDS =
  /\b(?:i|i'm|im|i've|my|me)\b|\bkeeps? (?:looping|asking|prompting|failing|kicking)\b|\bstuck (?:on|at|in)\b/i;
/** Longer than this and a message is an account of something, not "I can't sign in". */
const MOST_WORDS = 30;
/** The same in characters, checked first so a long paste is never split into words. */
const MOST_CHARS = 300;

// Saying that signing in fails, in a person's own few words. Each alternative names the failing
// act (signing in, logging in, getting in) and that it fails; a word alone ("login") is not one.
const CANNOT =
  "(?:can'?t|cannot|can not|cant|unable to|not able to|couldn'?t|could not|won'?t let me|(?:does|do)(?:n'?t| not) let me|keeps? failing to|fail(?:s|ed|ing)? to)";
const SIGN_IN =
  '(?:log ?(?:in|on)|login|logon|sign ?(?:in|on)|sign-in|signin|get (?:in|into|signed in|logged in)|access (?:my |the |our )?(?:account|e-?mail|mail|mailbox|teams|outlook|office|onedrive|sharepoint|laptop|pc|computer))';
// What the person is shut out of, in their words ("blocked from email", "locked out of Teams").
const THEIR_THINGS =
  '(?:my |the |our )?(?:work |company |office )?(?:account|e-?mails?|mail|mailbox|teams|outlook|office(?: 365)?|m365|microsoft 365|onedrive|sharepoint|laptop|pc|computer|everything|all my apps)';
const ENGLISH = new RegExp(
  [
    `\\b${CANNOT}\\s+(?:\\w+\\s+){0,2}?${SIGN_IN}\\b`,
    "\\b(?:i am|i'm|im|i got|i've been|got|been|am|is|are|was|were|keep getting) locked out\\b",
    '^\\s*(?:locked out|lockout|account lockout)\\b',
    '\\blocked out of (?:my|the) (?:account|laptop|pc|computer|email|mail|teams|outlook|office)\\b',
    '^\\s*(?:my |your |the )?(?:work |school |microsoft |office |m365 )?account (?:is|has been|was|got|seems) (?:now )?(?:locked|blocked|disabled|suspended)\\b',
    '\\b(?:sign ?in|log ?in|login|logon|mfa|authentication) loop\\b',
    // "Teams keeps looping on sign in", "stuck on the login screen".
    '\\b(?:looping|loops|stuck) (?:on|at|in) (?:the )?(?:sign ?in|log ?in|login|logon)\\b',
    '\\bkeeps? (?:asking|prompting) (?:me )?(?:for|to) (?:my |the )?(?:password|sign ?in|log ?in|credentials|re-?enter)',
    `\\b${SIGN_IN} (?:is |keeps )?(?:not working|doesn'?t work|does not work|fails|failed|failing|broken|stopped working)\\b`,
    // "Teams won't let me in", "it doesn't let me in anymore".
    "\\b(?:won'?t|wont|will not|doesn'?t|does not|didn'?t|did not) let me (?:back )?in\\b",
    // "I'm blocked from email", "I've been locked out of Teams", "got kicked out of my account".
    `\\b(?:i am|i'm|im|i've been|i have been|i got|i was|got|been) (?:blocked|locked out|kicked out|shut out|cut off) (?:from|of) ${THEIR_THINGS}\\b`,
    // "I keep getting logged out of everything", "Teams keeps signing me out".
    '\\bkeeps? (?:getting |being )?(?:logged|signed|kicked) out\\b|\\bkeeps? (?:logging|signing|kicking) me out\\b',
  ].join('|'),
  'i',
);
// The same in the languages the sign-in pages come in.
const OTHER_LANGUAGES =
  /\bkann mich nicht (?:mehr )?(?:an|ein)melden\b|\banmeldung (?:funktioniert nicht|fehlgeschlagen|klappt nicht)\b|\bn'arrive (?:pas|plus) à me connecter\b|\bimpossible de me connecter\b|\bno puedo (?:iniciar sesión|entrar|acceder|conectarme)\b|\bnão consigo (?:entrar|fazer login|acessar|me conectar)\b|\bnon riesco (?:ad? )?(?:accedere|entrare|fare (?:il )?login)\b|\bkan (?:niet|nergens) (?:inloggen|aanmelden)\b|サインインできません|ログインできません|サインインできない|ログインできない/i;

/**
 * "I can't log in", "locked out", "Outlook keeps asking for my password": a person says in a few
 * words that signing in fails, with no error to paste. Triage finds no sign-in error in it (there
 * is none to find), but the sign-in log holds the failure itself, so the bot answers from the
 * person's latest failed sign-in, as for "diagnose …", rather than saying the message is not a
 * sign-in error. Taken only when triage found no error (no code, no id, at most a weak lead), for a
 * short message that names no other product and no personal Microsoft account.
 */
export function isPlainSignInComplaint(text: string, result: Triage): boolean {
  if (result.intent !== 'unrelated') return false;
  // A weak lead ("reads a little like an access rule") stops it only for words that are not the
  // person's own: "I can't sign in to the Azure portal, it says access blocked" is best answered
  // from their own sign-in log, "Your account has been blocked as …" is a page pasted, whose lead
  // asks for the error.
  if (result.unsure !== undefined && !OWN_WORDS.test(text)) return false;
  if (result.codes.length > 0 || result.fields.requestId || result.fields.correlationId) {
    return false;
  }
  if (text.length > MOST_CHARS) return false;
  const words = text.trim().split(/\s+/u).length;
  if (words > MOST_WORDS) return false;
  const plain = text.replace(/[’‘`´]/g, "'");
  if (!ENGLISH.test(plain) && !OTHER_LANGUAGES.test(plain)) return false;
  return !isOtherVendorText(plain) && !isConsumerAccountText(plain);
}

// Other people as the ones who cannot sign in ("AVD users can't sign in", "staff are unable to
// log in"): an admin describing a problem of others, not their own account.
const OTHERS = new RegExp(
  `\\b(?:users|people|staff|employees|everyone|everybody|colleagues|guests|members|students|customers)\\b(?:\\s+\\w+){0,3}?\\s+${CANNOT}`,
  'i',
);

/**
 * Whether a few words saying signing in fails speak of other people rather than the writer: the
 * writer's own latest failed sign-in says nothing about them, so the playbook's answer on the
 * topic named (Azure Virtual Desktop...) is the better reply where it has one.
 */
export function isAboutOthers(text: string): boolean {
  return OTHERS.test(text.replace(/[’‘`´]/g, "'"));
}

/** The account check of the person's own account, keeping what triage pulled from the message. */
export function plainComplaintTriage(result: Triage): Triage {
  return { ...accountCheckTriage(), fields: result.fields, truncated: result.truncated };
}
