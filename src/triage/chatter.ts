import { caseBlindTestOf } from './pattern-runs';
/**
 * Everyday chat that uses the words of a sign-in problem without being one: a meeting's
 * password, the wifi password, a password-protected file, an account manager or a client's
 * account, a locked door, a holiday to approve. Such a line must not be read as a how-to
 * question or as a blocked sign-in from its words alone: it takes real evidence of a failed
 * sign-in (an error, a code, "can't sign in", a Microsoft sign-in product) to read it as one.
 * Pure; reads the start of the text only.
 */

// Things that have a password, an account, a code, a lock or an approval, but are not the
// person's work sign-in.
const EVERYDAY = new RegExp(
  [
    // passwords and codes of other things
    '(?:meeting|webinar|call|bridge|zoom|conference|wi-?fi|wireless|guest network|network|router|hotspot|door|alarm|safe|locker|gate|voicemail|bank|pin) (?:password|passcode|code|pin)\\b',
    '\\b(?:password|passcode|code) (?:for|of|to) (?:the )?(?:meeting|webinar|call|bridge|wi-?fi|wireless|guest network|door|alarm|safe|locker|gate|voicemail|zip|pdf|file|excel|spreadsheet|document|archive|shared (?:excel|file|drive|document|spreadsheet))\\b',
    '\\b(?:zip|pdf|file|files|excel|spreadsheet|workbook|document|archive|attachment|folder)\\b[^.!?\\n]{0,40}\\bpassword[ -]?protected\\b',
    '\\bpassword[ -]?protected\\b[^.!?\\n]{0,40}\\b(?:zip|pdf|file|excel|spreadsheet|workbook|document|archive|attachment)\\b',
    '\\bpassword manager\\b',
    '\\b(?:room|lobby|reception|kiosk) (?:display|screen|tv|panel|tablet)s?\\b',
    '\\b(?:netflix|spotify|disney\\+?|prime|hulu|tv|streaming|printer|alarm) (?:password|login|account)\\b|\\bpassword for the [^.!?\\n]{0,20}\\btv\\b',
    // accounts that are not sign-in accounts
    '\\baccount (?:manager|number|executive|director|owner|team|review|structure|plan|planning|statement|balance|code|details)s?\\b',
    '\\b(?:bank|client|customer|supplier|vendor|expense|savings|cost|ledger|billing|trading|social media) accounts?\\b',
    '\\bnew account (?:opened|for the client|for (?:a|the|our) (?:client|customer))\\b',
    // locks, approvals and expiry of other things
    '\\b(?:door|room|office|cabinet|drawer|bike|car|locker|meeting room|building)\\b[^.!?\\n]{0,25}\\block(?:ed)?\\b',
    '\\block (?:the|a) (?:door|room|office|meeting room|cabinet|drawer|locker)\\b',
    '\\b(?:approve|approval|approved|consent)\\b[^.!?\\n]{0,30}\\b(?:holiday|leave|vacation|timesheet|expense|invoice|purchase order|budget|report|form|photo|trip|travel|overtime|pto)s?\\b(?! (?:app|application|tool|portal|add-?in)\\b)',
    '\\b(?:holiday|leave|vacation|timesheet|expense|invoice|purchase order|budget|photo) (?:request|report|form)s?\\b|\\bconsent forms?\\b',
    '\\b(?:contract|deadline|trial|licen[cs]e|permit|licen[cs]e plate|passport|visa|warranty|subscription|membership|lease|coupon|voucher|offer|milk)\\b[^.!?\\n]{0,30}\\b(?:expir\\w*|ran out|lapsed)\\b',
    '\\bsign[ -]?in (?:sheet|book|desk|form)\\b',
    // joining a channel, asking for a site: a request, not a failure
    '\\b(?:join|add me to) (?:the |a |our )?(?:\\w+ )?(?:channel|team|group|chat|distribution list)\\b',
    '\\b(?:need|request(?:ing)?|give me|grant me) access to (?:the )?(?:\\w+ )?(?:site|folder|drive|channel|team|mailbox|library|file|group|calendar)\\b',
    '\\b(?:owner|admin(?:istrator)?) (?:of|for) (?:the |our )?(?:\\w+ )?(?:teams )?(?:channel|team|group|chat|site)\\b',
    '\\b(?:bill|billing|invoice|costs?|spend|pricing)\\b[^.!?\\n]{0,20}\\b(?:went up|increase\\w*|higher|grew|this month)\\b',
    '\\bcode review\\b|\\bpull request\\b',
    '\\b(?:badge|key ?card|access card|fob)\\b',
  ].join('|'),
  'i',
);

// Evidence of a failed sign-in: an error, a code, words only a sign-in failure carries, or the
// products whose sign-in this bot supports.
const SIGN_IN_EVIDENCE =
  /aadsts|\b\d{5,7}\b|error|\b(?:can'?t|cannot|unable to|won'?t let|blocked|denied|refused|rejected) |\b(?:it|the page|the screen|outlook|teams) (?:says|said|shows)\b|\b(?:can'?t|cannot|unable to|couldn'?t|won'?t let me) (?:sign|log)|sign[ -]?in (?:fail\w*|error|problem|issue|blocked)|locked out|entra|authenticator|\bmfa\b|multi-?factor|conditional access|\btenant\b|admin(?:istrator)? consent|my (?:work |school |microsoft )?account (?:is|was|has|got|keeps)/i;

const MAX_CHATTER_CHARS = 600;

/**
 * The text is everyday chat about passwords, accounts, locks or approvals of other things, with
 * no evidence of a failed sign-in. Long texts are never chatter: they are pastes.
 */
export function isEverydayChatter(text: string): boolean {
  if (text.length > MAX_CHATTER_CHARS) return false;
  // The shorter pattern first: most texts that reach here show evidence, and then the long list
  // of everyday things need not be read.
  return !signInEvidence(text) && everyday(text);
}

// Thanks, greetings and acknowledgements, alone in a message ("thanks!", "ok great", "bye",
// "thanks, that worked").
const SMALL_TALK =
  /^\s*(?:(?:ok(?:ay)?|thanks?|thank you|thx|ty|cheers|great|cool|nice|perfect|got it|sure|yes|no|bye|good ?bye|see you|good (?:morning|afternoon|evening|night)|hi|hello|hey|all good|np|no problem|lol|(?:that|it|this) (?:worked|works(?: now)?|did it|did the trick|helped|fixed it)|(?:it'?s |all )?(?:sorted|solved|fixed|resolved)(?: now)?|works now|i'?m in(?: now)?|sorry|never ?mind|nvm|my bad|wrong (?:chat|window|person)|ignore (?:that|this|me))(?: (?:so much|a lot|there|again|all|everyone|team))?[\s!.,:)]*)+$/i;

const THANKS =
  /\b(?:thanks?|thank you|thx|ty|cheers|worked|works|did it|did the trick|helped|fixed|sorted|solved|resolved|i'?m in)\b/i;
const FAREWELL = /\b(?:bye|good ?bye|see you|good night)\b/i;

/**
 * What a short social message says, for a reply in kind: thanks (or "it worked"), a farewell,
 * or anything else social. Undefined for a message that is not small talk.
 */
export function smallTalkKind(text: string): 'thanks' | 'farewell' | 'other' | undefined {
  if (!isSmallTalk(text)) return undefined;
  if (THANKS.test(text)) return 'thanks';
  return FAREWELL.test(text) ? 'farewell' : 'other';
}

/**
 * A short social message: thanks, a greeting or an acknowledgement. The card for a message that
 * is not a sign-in error offers no correction for it: there is nothing to have misread.
 */
export function isSmallTalk(text: string): boolean {
  return text.length <= 80 && SMALL_TALK.test(text);
}

// The word lists above that are asked of whole pastes, each tried by its alternatives whose runs
// occur in the lower-case paste (literal-prefilter.ts caseBlindTestOf): the same answers.
const signInEvidence = caseBlindTestOf(SIGN_IN_EVIDENCE);
const everyday = caseBlindTestOf(EVERYDAY);
