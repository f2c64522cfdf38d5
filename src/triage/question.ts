import type { QuestionTopic, TriageFields } from './types';

/**
 * Tells a how-to question ("How do I exclude a user from a conditional access policy?", "what is
 * number matching") from a report of an error the writer is stuck on. A question is asked; it
 * does not carry an error page, ids or a stack trace, and its writer does not say that something
 * failed for them. Anything in doubt is not a question: an error read as a question would go
 * unanswered, while a question read as an error still gets a card that says what it found.
 */

// How questions open, in English and the other languages triage reads. Matched at the start of
// the text or of a sentence, after a greeting.
const QUESTION_OPENING = new RegExp(
  '(?:^|[.!?,;:(\\n]\\s*)(?:(?:hi|hello|hey|hallo|bonjour|hola|ciao|olá)\\b[^.!?\\n]{0,30}[,.!\\n]\\s*)?' +
    "(?:how (?:do|can|should|would|could|to|does|is|are)\\b|how's\\b|shouldn't\\b|" +
    "what (?:is|are|does|do|happens?|settings?|license|licence|permissions?|role)\\b|what's\\b|" +
    'what \\w+ (?:is|are|does|do|can|should|will)\\b|' +
    'is (?:it|there) (?:a|any|possible|supported|required|recommended|necessary)\\b|are there\\b|' +
    'would it be possible\\b|why (?:do|does|is|are|would|should|did|can)\\b|' +
    'when (?:do|does|will|should|is|are)\\b|who (?:can|should|is allowed)\\b|' +
    '(?:are (?:we|users|guests|admins)|am i) able\\b|' +
    '(?:do|does) (?:users?|guests?|admins?|i|we|it|this|that) (?:have to|need|get|require|support|work)\\b|' +
    "(?:what's|what is) the difference\\b|difference between\\b|" +
    'does \\w+ mean\\b|' +
    '(?:can|could|should|may) (?:i|we|you|an admin|admins|users?)\\b|' +
    'where (?:do|can|is|are)\\b|which (?:license|licence|role|method|setting|policy)\\b|' +
    'does (?:anyone|anybody|microsoft|entra|azure)\\b|do (?:i|we|you) need\\b|' +
    '(?:does )?any(?:one|body) (?:know|have an idea) (?:how|if|whether|what|why)\\b|' +
    "(?:what's|what is) the (?:best|recommended|right) way\\b|best (?:way|practice) (?:to|for)\\b|" +
    'looking for (?:a|the) way\\b|is (?:this|that) possible\\b|can (?:this|that|it) be\\b|what if\\b|' +
    'will (?:it|this|that|there|sms|users?|guests?|the|number|mfa|passwordless)\\b|' +
    'wie (?:kann|können|richte|aktiviere|funktioniert)\\b|was ist\\b|' +
    "comment (?:puis|peut|faire|configurer|activer)\\b|qu'est-ce que\\b|" +
    'c[oó]mo (?:puedo|se|configuro|activo|habilito|posso|faço)\\b|qu[eé] es\\b|o que é\\b|' +
    'come (?:posso|si)\\b|hoe (?:kan|stel|schakel)\\b|wat is\\b)',
  'i',
);
// Japanese questions end in a polite question form ("...可能でしょうか？", "...ますか？").
const JAPANESE_QUESTION = /(?:でしょうか|ますか|ですか)[?？]?\s*$/m;
const LEADING_REQUEST =
  /^\s*(?:question|q)\s*[:-]|\b(?:i (?:want|need|would like) to know|i'm trying to (?:figure out|understand)|(?:it's|it is) not clear (?:if|whether|how|what|why|when)|please clarify|wondering (?:if|whether|how|what)|there (?:is|was) (?:some )?confusion|it would be (?:helpful|good|nice|great) to (?:see|know|have|understand|clarify)|(?:can|could) (?:someone|anyone|you) (?:please )?(?:explain|clarify|confirm|tell me)|(?:i'm|i am|we're|we are) (?:not sure|unsure|curious) (?:if|whether|how|what|why|about)|any (?:idea|advice|suggestions?|recommendations?|guidance|pointers) (?:on|about|for|how|whether|if))\b/i;
// "How do I fix this error" is the asker's own blocked sign-in, not a how-to question.
const FIX_REQUEST =
  /\bwhat (?:do|should|can) (?:i|we) do\b|\b(?:fix|resolve|solve|troubleshoot|get (?:past|around|rid of)|bypass|stop (?:getting|seeing)|make (?:it|this) work)\b|\bwork ?around (?:for )?(?:this|it|that|the (?:error|issue|problem))\b/i;
// The writer says something failed for them, or for a user they help, just now.
const OWN_FAILURE =
  /\b(?:i|we|i'm|we're|i've|we've|my|our)\b[^.?!\n]{0,40}\b(?:get|getting|got|receiv\w*|hit|hitting|encounter\w*|facing|run(?:ning)? into|ran into|stuck|keeps?|kept|fail\w*|can'?t|cannot|unable|not able|blocked|locked|disabled|expired|not working)\b|\b(?:i|we)(?:'m| am| are)? (?:see|seeing|saw)\b[^.?!\n]{0,30}\b(?:errors?|messages?|prompts?|screen|warning|this|following|\d{5,7})\b/i;
const OTHERS_FAILURE =
  /\b(?:users?|he|she|they|someone|it|apps?|sign-?ins?|logins?)\b[^.?!\n]{0,30}\b(?:(?:is|are|was|were) being (?:blocked|locked|denied|refused|rejected)|cannot be able|getting|got|receiv\w*|seeing|saw|hitting|encounter\w*|facing|running into|ran into|stuck|keeps? (?:getting|failing|asking|prompting)|failed|failing|fails|(?:is|are|was|were|got|get) (?:blocked|locked)|locked out|(?:is|are) not working|does not work|doesn't work)\b/i;
// A failure told without a subject the patterns above know ("Outlook keeps asking for my
// password", "won't let me sign in").
const ANY_FAILURE =
  /\b(?:(?:is|are|was|were|keeps?) (?:prompting|showing|displaying|throwing|returning|saying) (?:me )?["“'«]|keeps? (?:asking|prompting|failing|saying|showing|telling|popping|logging|signing|kicking)|stopped working|no longer works?|won'?t let (?:me|us|him|her|them)|doesn'?t let|not letting|locked out|(?:can'?t|cannot|unable to) (?:sign|log|access|get in|login))\b/i;
// The headings of a ticket or bug-report form ("What's the problem?", "Steps to reproduce").
const REPORT_FORM =
  /^\W*(?:what'?s|what is) the (?:problem|issue)\b|^\W*(?:steps to reproduce|expected behaviou?r|actual behaviou?r|describe the bug)\b/im;
// Without one of the openings above, a question mark and a task an admin does still make a
// how-to question ("Exclude break-glass accounts from the MFA policy?").
const ADMIN_TASK =
  /\b(?:configur\w*|set(?:ting)? ?up|enabl\w*|disabl\w*|turn(?:ing)? (?:on|off)|exclu\w*|assign\w*|regist\w*|enrol\w*|deploy\w*|roll(?:ing)? ?out|enforc\w*|allow\w*|creat\w*|migrat\w*|manag\w*|monitor\w*|audit\w*|licen[cs]\w*|recommend\w*|impact|differen\w*|supported|requir\w*)\b/i;
const ERROR_SHAPE =
  /aadsts\d|troubleshooting details|correlation[ _-]?id|trace[ _-]?id|request[ _-]?id|stack ?trace|exception|\berror code\b|^\s*at \w|error_description|sign-in error code/im;
const SIGN_IN_TOPIC =
  /sign[ -]?in|log[ -]?in|logon|account|access|polic|token|tenant|entra|azure|microsoft|office|aadsts|\b\d{5,7}\b|サインイン|アカウント|アクセス|anmeld|connexion|inicio de sesi|accesso|aanmeld/i;
// Long texts are posts, logs or threads; a question worth this outcome is short.
const MAX_QUESTION_CHARS = 2000;

const TOPICS: ReadonlyArray<[QuestionTopic, RegExp]> = [
  ['number-matching', /number matching|number match|numbers? (?:shown|displayed|on the screen)/i],
  ['temporary-access-pass', /temporary access pass|\btap\b/i],
  [
    'sms-sign-in',
    /\bsms\b|text message|phone sign[ -]?in|sign[ -]?in with (?:a |their |my )?phone/i,
  ],
  [
    'passwordless',
    /passwordless|passkeys?|fido2?|security keys?|windows hello|phone sign-in|certificate-based/i,
  ],
  ['authenticator', /authenticator/i],
  [
    'mfa',
    /\bmfa\b|multi-?factor|two-?factor|2fa|second factor|verification method|authentication methods?|security info/i,
  ],
  [
    'conditional-access',
    /条件付きアクセス|conditional access|\bca polic|named locations?|sign-in frequency/i,
  ],
  [
    'identity-protection',
    /risky|risk(?:-based)? polic|identity protection|user risk|sign-in risk/i,
  ],
  ['device-compliance', /complian|intune|company portal|managed device/i],
  ['device-join', /hybrid join|entra join|azure ad join|domain[ -]join|device registration/i],
  ['guest-access', /\bguests?\b|b2b|external (?:users?|identities|tenant)|cross-tenant/i],
  [
    'password',
    /password|self-service password reset|\bsspr\b|smart lockout|banned password|password protection/i,
  ],
  ['account-lockout', /lock(?:ed)? ?out|unlock/i],
  ['legacy-auth', /legacy auth|basic auth|\bimap\b|\bpop3?\b|\bsmtp\b|activesync/i],
  [
    'app-access',
    /app registration|enterprise app|consent|redirect uri|service principal|permissions?/i,
  ],
  ['sign-in-logs', /ログ|sign-?in logs?|audit logs?|log analytics|kql|sentinel/i],
];

export interface QuestionReading {
  topic: QuestionTopic;
}

/** The topic a question is about; 'general' when none of the known topics is named. */
export function questionTopic(text: string): QuestionTopic {
  for (const [topic, pattern] of TOPICS) if (pattern.test(text)) return topic;
  return 'general';
}

/**
 * A how-to question, or undefined when the text reads as an error report (or may be one).
 * Codes do not rule a question out ("what does 50076 mean for our users?"), but an error page,
 * ids, a stack trace, a request to fix something, or the writer's own failure do.
 */
export function readQuestion(text: string, fields: TriageFields): QuestionReading | undefined {
  if (text.length > MAX_QUESTION_CHARS) return undefined;
  if (fields.correlationId || fields.requestId || fields.traceId) return undefined;
  if (ERROR_SHAPE.test(text)) return undefined;
  const asks =
    QUESTION_OPENING.test(text) ||
    LEADING_REQUEST.test(text) ||
    JAPANESE_QUESTION.test(text) ||
    (/[?？]/.test(text) && ADMIN_TASK.test(text));
  if (!asks) return undefined;
  const failure =
    REPORT_FORM.test(text) ||
    FIX_REQUEST.test(text) ||
    OWN_FAILURE.test(text) ||
    OTHERS_FAILURE.test(text) ||
    ANY_FAILURE.test(text);
  if (failure) return undefined;
  const topic = questionTopic(text);
  // A question about printers or holidays is not one this bot should claim.
  if (topic === 'general' && !SIGN_IN_TOPIC.test(text)) return undefined;
  return { topic };
}
