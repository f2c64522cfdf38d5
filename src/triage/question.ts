import { findConcept } from './concepts';
import {
  asksInOtherLanguage,
  LOCALISED_ERROR_WORD,
  LOCALISED_FAILURE,
  LOCALISED_NOT_WORKING,
  LOCALISED_SIGN_IN_TOPIC,
  looksLikeAnsweredHeading,
  looksLikePage,
  QUESTION_HEADING,
} from './question-forms';
import { questionTopic } from './question-topics';
import { isOtherVendorText } from './signals-once';
import type { QuestionTopic, TriageFields } from './types';
import { caseBlindTestOf } from './pattern-runs';

export { questionTopic } from './question-topics';

/**
 * Tells a how-to question ("How do I exclude a user from a conditional access policy?", "how do
 * I find out why a user is locked out?") from a report of an error the writer is stuck on. The
 * text is read sentence by sentence. A sentence that opens like a question may name a failure as
 * its topic ("why a user is locked out"): only the writer's own failure counts there ("why am I
 * locked out?"), or one of a user they name ("why is this user blocked?"). Any other sentence is
 * a statement, where a failure told of anyone makes the text a report, unless it is a condition
 * about users in general ("if a user is locked out, ..."). An error page, ids, a stack trace or a
 * request to fix something make a report too. Anything in doubt is not a question: an error read
 * as a question would go unanswered, while a question read as an error still gets a card.
 */

// How questions open, in English and the other languages triage reads. Matched at the start of
// a sentence, after a greeting.
const QUESTION_OPENING = new RegExp(
  // A list's bullet may come first ("- What would need to be in place to ..."). After a comma a
  // conjunction may come first too ("..., but how does one reset that risk level ...", round 16).
  '(?:^[-*•]?\\s*|[(,;:]\\s*(?:(?:but|and|so|or)\\s+)?)(?:(?:hi|hello|hey|hallo|bonjour|hola|ciao|olá)\\b[^.!?\\n]{0,30}[,.!]\\s*)?' +
    "(?:how (?:do|can|should|would|could|to|does|is|are|long|many|often|much)\\b|how's\\b|shouldn't\\b|" +
    // The subject before the verb, as people who learned English another way ask: "How the
    // guest can change his MFA settings?", "how users should register?".
    'how (?:the |a |an |our |my )?(?:guests?|users?|admins?|administrators?|members?|employees?|staff|people|students?) (?:can|could|should|will|would|do|does|may|must)\\b|' +
    "what (?:is|are|does|do|happens?|settings?|license|licence|permissions?|role)\\b|what's\\b|" +
    'what (?:would|will|must|should) (?:\\w+ )?(?:need|be|happen)\\b|' +
    // "what should we do about push bombing": advice on a topic (FIX_REQUEST keeps "what should I
    // do about this error" and "about my account" the writer's own block).
    'what (?:should|can|could|do|would|must) (?:we|i|you|one|admins|the helpdesk) do about\\b|' +
    'what \\w+ (?:is|are|does|do|can|should|will)\\b|' +
    'is (?:it|there) (?:a|any|possible|supported|required|recommended|necessary|normal)\\b|are there\\b|' +
    'would it be possible\\b|why (?:do|does|is|are|would|should|did|can|am|was|were|won)\\b|' +
    "(?:why|how come) (?:don't|doesn't|isn't|aren't|didn't|can't|won't|wouldn't|shouldn't)\\b|" +
    'when (?:do|does|will|should|is|are)\\b|who (?:can|should|is allowed)\\b|' +
    '(?:are (?:we|users|guests|admins)|am i) able\\b|' +
    '(?:do|does) (?:users?|guests?|admins?|i|we|it|this|that|the) \\w+\\b|' +
    "(?:what's|what is) the difference\\b|difference between\\b|does \\w+ mean\\b|" +
    '(?:can|could|should|may) (?:i|we|you|an? \\w+|admins|users?|the|this|that|it)\\b|' +
    'where (?:do|can|is|are)\\b|which (?:license|licence|role|method|setting|policy)\\b|' +
    'does (?:anyone|anybody|microsoft|entra|azure)\\b|do (?:i|we|you) need\\b|' +
    '(?:does )?any(?:one|body) (?:know|have an idea) (?:how|if|whether|what|why)\\b|' +
    "(?:what's|what is) the (?:best|recommended|right) way\\b|best (?:way|practice) (?:to|for)\\b|" +
    'looking for (?:a|the) way\\b|is (?:this|that) possible\\b|what if\\b|' +
    'will (?:it|this|that|there|sms|users?|guests?|the|number|mfa|passwordless)\\b|' +
    // "Don't you have to also add ...?": a question asked as a doubt.
    "(?:don't|doesn't|isn't|aren't|shouldn't) (?:you|we|i|it|this|that|there)\\b|" +
    // "Are you aware of this scenario?": asking what the reader knows.
    '(?:are|is) (?:you|anyone|anybody|microsoft) aware\\b)',
  'i',
);
// An English question put by its verb first ("Is MFA required for guests?", "Does a Temporary
// Access Pass expire?"), when the sentence ends in a question mark.
const VERB_FIRST =
  /^\W*(?:is|are|was|were|do|does|did|can|could|should|would|will|has|have|must|may|shall)\s+[^?？]*[?？][)"'\]]*\s*$/i;
// "Is it possible ...?" put in a statement's order and closed by a question mark ("it is possible
// to retrieve ... via PowerShell ?", round 17).
const STATEMENT_ORDER_QUESTION =
  /^\W*(?:it|this|that)(?: is|'s) (?:possible|supported|allowed|required|recommended|necessary)\b[^?？]*[?？][)"'\]]*\s*$/i;
// A statement put up for confirmation ("... for managed domains, correct?", "..., right?").
const TAG_QUESTION =
  /,\s*(?:correct|right|is that (?:correct|right)|isn'?t it|or not)\s*[?？][)"'\]]*\s*$/i;
// Requests to know, and feedback on a page that asks by pointing at what it says or leaves out
// ("You state that ... But you don't say how much", "This page mentions ..."). Not a statement
// that denies knowing ("you don't know why") or names an option ("without having the option for a
// password").
const LEADING_REQUEST =
  /\b(?:i(?:'d| would)? (?:want(?:ed)?|need(?:ed)?|like|liked) to know|(?<!\b(?:don'?t|do not|doesn'?t|does not|didn'?t|did not|never) )(?:know|wonder|wondered|wondering|learn|curious) (?:if|whether|how|what|why|when|which|where)|(?:i )?(?:just )?want(?:ed)? to (?:confirm|check|ask|understand|clarify)|i'd like to (?:know|understand|ask)|help (?:me )?understand|trying to understand|looking for (?:guidance|advice|documentation|information|a way|the way|best practices?)|(?:i'm|i am|we're|we are) (?:looking|searching) for\b|need (?:help|guidance|advice) (?:with|on|understanding)|\b(?:we|i)(?:'d| would)? (?:want|need|like|plan|are planning|am planning|are looking|am looking|are trying|am trying) to (?:set up|setup|configure|enable|disable|allow|block|exclude|require|roll out|deploy|create|add|remove|reset|know|understand|find out|use|migrate|turn|enforce|restrict|limit|give|grant|assign|move|implement|automate)\b|tell me (?:about|how)|\bexplain\b|help with (?:setting|configuring|understanding)|(?<!\b(?:the|an?|having|no|without)\s)options? for|best practices?|possible to|recommendations? (?:for|on)|clarif\w*|confus\w*|unclear|not clear|question (?:about|regarding|on|re)|request for (?:information|clarification|guidance)|need (?:info|information|details)|please (?:explain|advise|document|confirm)|(?:doc(?:ument(?:ation)?)?s?|article|page) (?:is |are )?(?:unclear|missing|doesn'?t (?:mention|say|explain)|does not (?:mention|say|explain))|there(?:'s| is) no (?:mention|explanation|information) (?:of|that|about|on|in|regarding)|(?:can'?t|cannot|couldn'?t|could not|unable to) find (?:any |much )?(?:info\w*|documentation|docs|details|guidance|anything)|\byou (?:don'?t|do not|didn'?t|did not) (?:say|mention|explain|specify|state|document)\b|(?:this|the) (?:page|article|doc(?:ument(?:ation)?)?|section) (?:mentions|says|states|recommends|suggests)\b|(?:don'?t|do not|didn'?t|did not) see anything (?:that|which) (?:tells|explains|says|shows|describes)|(?:doc(?:ument(?:ation)?)?s?|article|page)s? (?:(?:don'?t|doesn'?t|do not|does not) (?:seem to )?|fails? to )(?:cover|explain|mention|describe|say)\b|(?:isn'?t|is not|aren'?t|are not) (?:mentioned|documented|explained) (?:in|on) (?:the|this) (?:doc\w*|article|page)|^\s*how to\b|\bmissing\b[^.!?\n]{0,30}\bis how (?:to|do|can)\b|i'm trying to (?:figure out|understand)|(?:it's|it is) not clear (?:if|whether|how|what|why|when)|please clarify|wondering (?:if|whether|how|what)|there (?:is|was) (?:some )?confusion|it would be (?:helpful|good|nice|great) to (?:see|know|have|understand|clarify)|(?:can|could) (?:someone|anyone|you) (?:please )?(?:explain|clarify|confirm|tell me)|(?:i'm|i am|we're|we are) (?:not sure|unsure|curious) (?:if|whether|how|what|why|about)|any (?:idea|advice|suggestions?|recommendations?|guidance|pointers) (?:on|about|for|how|whether|if))\b/i;
// "How do I fix this error" is the asker's own blocked sign-in, not a how-to question; so is "what
// should I do", unless it asks about a topic ("what should we do about push bombing"), not about
// this, the writer's own account or a code.
// A how-to about troubleshooting in general ("how do I troubleshoot sign-in problems?") is not.
// "How do I log in to my page now?" asks how to get past what stops the writer now (not "now
// that passwords are off", a how-to).
const FIX_REQUEST =
  /\bwhat (?:do|should|can) (?:i|we) do\b(?!\s+about\s+(?!(?:this|it|that|these|those|them|my|our|the (?:error|issue|problem|message|prompt)s?)\b)(?![^.?!\n]{0,80}\b(?:aadsts)?\d{5,7}\b))|\bhow (?:do|can|should|will|could) (?:i|we) (?:log ?in|login|sign ?in|get (?:in|back in)|access)\b[^.?!\n]{0,40}\bnow\s*[?？!]|\b(?:fix|resolve|solve|get (?:past|around|rid of)|bypass|work ?around)(?: for)? (?:this|it|that|these|them|the (?:error|issue|problem)|my|our)\b|\b(?:fix|resolve|solve|fixed|resolved|solved)\s*[?!.]*\s*$|\b(?:any|known) (?:known )?work ?arounds?\b|\bstop (?:getting|seeing)\b|\bmake (?:it|this) work\b|\bhelp me (?:fix|with this)\b/im;
// A plea closing the text ("Please help", "can anyone help?"): a request to be got past an error,
// unless a sentence before it asks how to do something ("How do we get ...? Please help", round 15).
const CLOSING_PLEA =
  /\b(?:(?:can|could) (?:you|anyone|someone|somebody) help(?: me| us)?|please help|any help)\s*[?!.]*\s*$/i;
// The writer says something failed for them, or for a user they help, just now (statements).
const OWN_FAILURE =
  /\b(?:i|we|i'm|we're|i've|we've|my|our)\b[^.?!\n]{0,60}\b(?:(?:greeted|presented|met) with|error (?:message|code|page)|aadsts\d+|code \d{4,7})\b|\b(?:i|we|i'm|we're|i've|we've|my|our)\b[^.?!\n]{0,40}\b(?:(?:get|getting|got|keeps?|kept|receiv\w*) (?:(?:an?|the|this|that|following|same|these) )?(?:errors?|messages?|prompt\w*|blocked|locked|denied|stuck|asked|kicked|signed out|logged out|"|aadsts|\d{5,7}|(?:asking|prompting|failing|getting|saying|telling|popping|showing|kicking|logging|signing|locking|blocking))|hit|hitting|encounter\w*|facing|run(?:ning)? into|ran into|stuck|(?<!\b(?:the|all|only|any|those|these|of|for) )fail\w*|(?:can'?t|cannot|unable|not able)(?![^.?!\n]{0,25}\b(?:find|figure out)\b)|blocked|locked|disabled|expired|not working)\b|\b(?:i|we)(?:'m| am| are)? (?:see|seeing|saw)\b[^.?!\n]{0,30}\b(?:errors?|messages?|prompts?|screen|warning|this|following|\d{5,7})\b/gi;
const OTHERS_FAILURE =
  /\b(?:users?|he|she|they|someone|it|apps?|sign-?ins?|logins?)\b[^.?!\n]{0,30}\b(?:(?:is|are|was|were) being (?:blocked|locked|denied|refused|rejected)|cannot be able|getting|got|receiv\w*|seeing|saw|hitting|encounter\w*|facing|running into|ran into|stuck|keeps? (?:getting|failing|asking|prompting)|failed|failing|fails|(?:is|are|was|were|got|get) (?:blocked|locked)|locked out|(?:is|are) not working|does not work|doesn't work)\b/gi;
// A failure told without a subject the patterns above know ("Outlook keeps asking for my
// password", "won't let me sign in").
const ANY_FAILURE =
  /\b(?:(?:is|are|was|were|keeps?) (?:prompting|showing|displaying|throwing|returning|saying) (?:me )?["“'«]|keeps? (?:asking|prompting|failing|saying|showing|telling|popping|logging|signing|kicking)|stopped working|no longer works?|(?:never|doesn't|does not|didn't|did not) (?:arrives?|comes? through|shows? up)|over and over|(?:in|into) an? (?:endless |infinite )?loop|loops? (?:back|forever)|^\s*(?:getting|got|seeing|receiving|hitting|facing)\b|won'?t let (?:me|us|him|her|them)|doesn'?t let|not letting|locked out|(?:can'?t|cannot|unable to|not able to) (?:sign|log|access|get in|login))\b/gi;
// Inside a question, only the writer's own failure or that of a user they point at counts.
const ASKED_FAILURE =
  /\b(?:i|we)\s+(?:(?:still|keep|always|now|also)\s+)?(?:get|got|see|saw|receive|received|hit)\b[^.?!\n]{0,40}(?:\baadsts\d+|\b\d{5,7}\b|\berrors?\b|["“«])|\b(?:any(?:one|body)|someone|somebody) else\b[^.?!\n]{0,15}\b(?:getting|seeing|having|hitting|experiencing|facing|receiving)\b|\b(?:is|are|was|were|keeps?) (?:prompting|showing|displaying|throwing|returning|saying) (?:me )?["“'«]|\b(?:i|we)(?:'m| am| are|'ve| have| keep| still)?\s+(?:(?:just|now|suddenly|also|always)\s+)?(?:getting|got|receiving|hitting|facing|stuck|failing|blocked|locked)\b|\bwhy (?:can'?t|cannot|won'?t|couldn'?t)\s+(?:i|we)\b|\b(?:why|how come)\b[^.?!\n]{0,10}\b(?:am|is|are|was|does|do|did|has|have)\s+(?:i|we|my|our|this|that|one of our)\b[^.?!\n]{0,30}\b(?:locked|blocked|disabled|expired|fail\w*|denied|rejected|getting|receiving)\b|\b(?:my|our|this|that) (?:account|password|user|colleague|login|sign-?in|authenticator|phone)\b[^.?!\n]{0,20}\b(?:is|was|got|has been|keeps?)\b[^.?!\n]{0,15}\b(?:locked|blocked|disabled|expired|fail\w*|rejected|denied|not working)\b/i;
// Feedback on a page that says it is wrong or unclear ("The following description differs from the
// actual behavior and should be clarified"): a "why was my sign-in blocked ...?" after it asks why
// the product behaved unlike the page, not for help past the writer's own block.
const PAGE_DISAGREES =
  /\b(?:the following|this) (?:description|statement|sentence|paragraph|section)\b[^.!?\n]{0,80}\b(?:differs? from|contradicts|should be (?:clarified|corrected))\b/i;
// A condition about users in general ("if a user is locked out ...") reports nothing.
const CONDITION = /\b(?:if|whether|in case|suppose|supposing|once|when(?:ever)?)\b[^,;:]*$/i;
const GENERIC_SUBJECT =
  /\b(?:a|an|any|some|each|every)\s+(?:\w+\s+)?(?:users?|accounts?|guests?|members?|employees?|persons?|people)\b|\b(?:someone|anyone|somebody|anybody|users|people|you)\b/i;
// The headings of a ticket or bug-report form ("What's the problem?", "Steps to reproduce").
const REPORT_FORM =
  /^\W*(?:what'?s|what is) the (?:problem|issue)\b|^\W*(?:steps to reproduce|expected behaviou?r|actual behaviou?r|describe the bug)\b/im;
// A pasted error: a code with its message, a page's details block, a stack. A question may name a
// code or a field ("what does AADSTS50076 mean?", "what is the correlation id for?"). An
// exception's name is "exception" after a word character (one suffices: \w+ finds no more).
// A mail server's refusal with its status ("535 5.7.3 Authentication unsuccessful", "5.7.139
// Authentication unsuccessful" quoted from a search, round 16) is a pasted error as well.
const ERROR_SHAPE =
  /aadsts\d+\s*[:-]|\b535[ -]5\.7\.\d{1,3}\b|\b5\.7\.\d{1,3}\s+authentication unsuccessful|troubleshooting details|(?:correlation|trace|request)[ _-]?id\s*[:=]|stack ?trace|\wexception\b|exception:|\berror code\s*[:=]|^\s*at (?:async )?[\w$<>]+(?:\.[\w$<>]+)+|error_description|sign-in error code\s*:?\s*\d/im;
const SIGN_IN_TOPIC =
  /named locations?|\bdevices?\b|\b(?:managed|federated) domains?\b|trusted (?:ips?|locations?|networks?)|(?:include|exclude|any) locations?|\bip (?:address|adress|range)s?|security defaults|sign[ -]?in|log[ -]?in|logon|account|access|polic|token|tenant|entra|azure|microsoft|office|aadsts|\b\d{5,7}\b|authenticat|verif|approv|consent|banned|\busers?\b|\badmin|identity|\bsso\b|saml|oauth|openid|\bpim\b|privileged|\broles?\b|licen[cs]e|portal|intune|hello|fido|passkey|security key|b2[bc]|external id|self-service|regist|enrol|benutzer|utilisateur|usuario|usuário|utente|gebruiker|ユーザー|管理者|認証|error (?:page|message|code)|correlation id|request id|lock(?:ed)? ?out|unlock|\bprompts?\b|guest|password|kennwort|passwort|mot de passe|contraseña|senha|サインイン|アカウント|アクセス|デバイス|端末|条件付き|多要素|条件访问|條件式存取|多因素|多重要素|登录|登入|账户|帳戶|用户|使用者|管理员|系統管理員|密码|密碼|anmeld|connexion|inicio de sesi|accesso|aanmeld|compte|cuenta|conta\b|konto/i;
// Text in quotes: what a page or a dialog said, as the asker copied it.
const QUOTED = /["“”„«「]([^"“”„«»「」\n]{1,200})["“”»」]/g;
const MIN_QUOTED_CHARS = 8;
// What makes a quote an error the asker met rather than a name they point at (a setting such as
// "Require device to be marked as compliant", a prompt's title such as "More information
// required"): it says something failed, was refused or is wrong.
const QUOTED_FAILURE =
  /\b(?:block\w*|lock\w*|den(?:y|ied)|fail\w*|error|invalid|incorrect|wrong|expired|disabled|suspended|can'?t|cannot|unable|not|\w+n't|refus\w*|reject\w*|too many|problem|issue|doesn'?t|didn'?t)\b|[^\x00-\x7f]/i;
// CJK text runs its sentences together: a full stop ends one with or without a space after it.
const SENTENCE =
  /(?<=[.!?？。！])\s+|(?<=[。！？])|(?<=[.!?])(?=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])|\n+/u;
// Long texts are posts, logs or threads; a question worth this outcome is short.
const MAX_QUESTION_CHARS = 2000;
// An admin's task put as an order, alone in a short message ("enable temporary access pass for
// new hires", "add words to the banned password list", "turn on number matching"): the how-to
// of a tenant setting. Not a screen's own order to the person ("Set up your account", "Add
// another sign-in method"), which names no tenant setting, nor one about the writer's own, nor an
// error that starts with its verb ("Add authentication method failed: ...").
const ADMIN_TASK =
  /^\s*(?:please\s+)?(?:enable|disable|turn (?:on|off)|switch (?:on|off)|configure|set ?up|roll ?out|deploy|create|add|block|allow|require|enforce|exclude)\s+(?!.*\b(?:my|your|me|failed|fails|error|denied|refused|blocked|cannot|can'?t|unable)\b)[^\n.!?:]{0,80}?\b(?:temporary access pass(?:es)?|taps?\b|banned passwords?|password protection|number matching|sms (?:sign|log) ?-?in|passwordless|passkeys?|fido2|security keys?|conditional access|ca polic(?:y|ies)|security defaults|legacy auth(?:entication)?|self-?service password reset|sspr|password writeback|access reviews?|authentication methods?|mfa (?:for|registration|on)|multi-?factor (?:authentication )?for|named locations?|break-? ?glass|emergency access|risk polic(?:y|ies)|sign-?in risk|user risk|password hash sync|windows hello|compliance polic(?:y|ies))\b[^\n.!?:]{0,60}[.!]?\s*$/i;
const MAX_TASK_CHARS = 140;

export interface QuestionReading {
  topic: QuestionTopic;
}

// An error counted in an analytics tool (a SIEM, a workspace query) is what the admin asks
// about, not their own failure; errors "in the sign-in logs" are still read as the asker's.
const ANALYTICS_SOURCE =
  /\b(?:in|from|within) (?:sentinel|log analytics|splunk|kql|(?:the |a |our )?(?:siem|workbook|kusto query|log analytics workspace))\b/i;

/** A failure the pattern finds in a statement, leaving out conditions about users in general. */
function reportsFailure(sentence: string, pattern: RegExp): boolean {
  if (ANALYTICS_SOURCE.test(sentence)) return false;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(sentence); m !== null; m = pattern.exec(sentence)) {
    const before = sentence.slice(0, m.index);
    const condition = CONDITION.exec(before);
    const generic = condition !== null && GENERIC_SUBJECT.test(condition[0] + m[0]);
    // "I wanted to confirm if a user is locked": the condition sits inside the match.
    const inner = /\b(?:if|whether)\b/i.test(m[0]) && GENERIC_SUBJECT.test(m[0]);
    // "When another user signs in we get "Need admin approval"": what the writer quotes is what
    // they saw, whatever the condition.
    const quoted = /["“«„]/.test(m[0]);
    if ((!generic && !inner) || quoted) return true;
  }
  return false;
}

/** `ascii`: the sentence is known to be all ASCII (asksInOtherLanguage). */
function opensQuestion(sentence: string, ascii: boolean): boolean {
  // Both forms end in a question mark: a sentence without one is not tried on them.
  const marked = sentence.includes('?') || sentence.includes('？');
  return (
    QUESTION_OPENING.test(sentence) ||
    (marked && VERB_FIRST.test(sentence)) ||
    (marked && TAG_QUESTION.test(sentence)) ||
    (marked && STATEMENT_ORDER_QUESTION.test(sentence)) ||
    asksInOtherLanguage(sentence, ascii)
  );
}

/**
 * A how-to question, or undefined when the text reads as an error report (or may be one).
 * Codes do not rule a question out ("what does 50076 mean for our users?"), but an error page,
 * ids, a stack trace, a request to fix something, or a failure of the writer's do.
 */
export function readQuestion(text: string, fields: TriageFields): QuestionReading | undefined {
  if (text.length > MAX_QUESTION_CHARS) return undefined;
  if (fields.correlationId || fields.requestId || fields.traceId) return undefined;
  if (errorShapeTest(text) || LOCALISED_ERROR_WORD.test(text) || looksLikePage(text))
    return undefined;
  if (looksLikeAnsweredHeading(text)) return undefined;
  const plain = text.replace(/[¿¡]/g, '');
  const sentences = plain.split(SENTENCE).filter((s) => s.trim().length > 0);
  const ascii = !/[^\u0000-\u007f]/.test(plain);
  const opening = sentences.map((sentence) => opensQuestion(sentence, ascii));
  const asks =
    opening.includes(true) ||
    (plain.length <= MAX_TASK_CHARS && ADMIN_TASK.test(plain)) ||
    questionHeadingTest(plain) ||
    // A request quoted is what a page or a button says ("I want to set up a different method").
    leadingRequestTest(plain.replace(QUOTED, '""')) ||
    /[?？][!！]*[)"'\]]*\s*$/m.test(plain);
  if (!asks || reportFormTest(plain) || fixRequestTest(plain)) return undefined;
  // The plea's own sentence ("Can you help?") is not the question asked before it.
  const asksBeforePlea = opening.some((o, i) => o && !CLOSING_PLEA.test(sentences[i] ?? ''));
  if (!asksBeforePlea && CLOSING_PLEA.test(plain)) return undefined;
  // "I see 'Account locked – too many incorrect passwords', what now?": the quote is an error.
  for (const [, quote = ''] of plain.matchAll(QUOTED)) {
    if (quote.length >= MIN_QUOTED_CHARS && QUOTED_FAILURE.test(quote) && findConcept(quote))
      return undefined;
  }
  const pageDisagrees = pageDisagreesTest(plain);
  const failure = sentences.some(
    (sentence, i) =>
      LOCALISED_FAILURE.test(sentence) ||
      (opening[i] === true
        ? !pageDisagrees && ASKED_FAILURE.test(sentence)
        : [OWN_FAILURE, OTHERS_FAILURE, ANY_FAILURE].some((p) => reportsFailure(sentence, p)) ||
          LOCALISED_NOT_WORKING.test(sentence)),
  );
  if (failure) return undefined;
  // A question about another vendor's sign-in (AWS, Okta, a VPN) is not one this bot answers.
  if (isOtherVendorText(plain)) return undefined;
  const topic = questionTopic(plain);
  // A question about printers or holidays is not one this bot should claim.
  if (topic === 'general' && !signInTopicTest(plain) && !LOCALISED_SIGN_IN_TOPIC.test(plain))
    return undefined;
  return { topic };
}

// The word lists above that are asked of whole pastes, each tried by its alternatives whose runs
// occur in the lower-case paste (literal-prefilter.ts caseBlindTestOf): the same answers.
const errorShapeTest = caseBlindTestOf(ERROR_SHAPE);
const questionHeadingTest = caseBlindTestOf(QUESTION_HEADING);
const leadingRequestTest = caseBlindTestOf(LEADING_REQUEST);
const reportFormTest = caseBlindTestOf(REPORT_FORM);
const fixRequestTest = caseBlindTestOf(FIX_REQUEST);
const pageDisagreesTest = caseBlindTestOf(PAGE_DISAGREES);
const signInTopicTest = caseBlindTestOf(SIGN_IN_TOPIC);
