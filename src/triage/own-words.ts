/**
 * Words people use in a few words of their own (round 15's "Requests in a few words", round 17):
 * asking for a pass, a phone changed, lost or dead, a password forgotten, a passkey with the work
 * account named; the second step done before something else failed. concept-cues.ts combines them
 * into cues.
 */

// Asking for a pass rather than reporting one that failed ("need a TAP", "can you send me a
// temporary access pass"): the pass is what the person is after, so its answer (their passes, the
// policy, the button that asks the helpdesk for one) is the one to give.
export const A_PASS =
  /\btemporary access pass|\b(?:a|an|new|another|my|one) (?:tap|temp(?:orary)? pass(?:code)?)\b/;
export const WANTS =
  /\b(?:need\w*|want\w*|get|getting|request\w*|give me|send me|issue|generate|create|can i (?:get|have)|could i (?:get|have)|please)\b/;
/** The cue of a phone changed, lost or wiped (the second-step answer's steps for a new phone). */
export const PHONE_CHANGED_CUE = 'phone-changed';

// A phone changed, lost, wiped or dead: the second step on it (Authenticator, the number) goes with it.
export const PHONE_CHANGED =
  /\b(?:lost|stolen|broken|broke|dropped|dead|new|replaced|changed|switched|reset|wiped|upgraded|factory reset) (?:my |a |the |our )?(?:work |old |new )?(?:phone|mobile|cell ?phone|iphone|android|smartphone|handy|telefoon|téléphone|teléfono|telefone|telefono)\b|\b(?:phone|mobile|iphone|smartphone) (?:was |got |is |has been )?(?:lost|stolen|broken|wiped|reset|replaced|dead|died)\b|neues handy|handy verloren|nouveau téléphone|téléphone perdu|nuevo (?:teléfono|móvil|celular)|perdí (?:mi )?(?:teléfono|móvil|celular)|novo (?:telefone|celular)|perdi (?:meu |o )?(?:telefone|celular)|nuovo telefono|telefono perso|nieuwe telefoon|telefoon kwijt|機種変更|スマホを紛失/;
/** The cue of second-step requests that never reach the phone (the answer's steps for that). */
export const PROMPTS_MISSING_CUE = 'prompts-missing';

// Requests, notifications or prompts that do not arrive or show ("authenticator shows no requests",
// "I don't get the push notification", "keine Benachrichtigung"): read with the second step's own
// words (MFA in concept-cues.ts), so the steps are about getting the request, not typing a number.
const ASKING =
  '(?:notifications?|requests?|prompts?|push(?:es)?(?: notifications?)?|approvals?|alerts?)';
export const PROMPTS_MISSING = new RegExp(
  [
    `\\b(?:no|never (?:get|got|receive|received|see|saw)|not (?:getting|receiving|seeing)|(?:don'?t|doesn'?t|didn'?t|do not|does not|did not|can'?t|cannot|won'?t|no longer) (?:get|receive|see|show|send|pop up with|display|ring with)|stopped (?:getting|receiving|showing|sending)|shows? no|without (?:a|any)|never (?:shows?|sends?|displays?)) (?:me )?(?:any |a |the |an |my |new )?(?:sign[ -]?in |login |log-?in |mfa |authenticator |approval |verification |push )?${ASKING}\\b`,
    `\\b${ASKING} (?:(?:is|are|was|were) )?(?:never|not|no longer) (?:arriv\\w*|com(?:e|es|ing)|show(?:s|ing|n)?(?: up)?|appear\\w*|pop(?:s|ping)? up|received|delivered)\\b`,
    `\\b${ASKING} (?:(?:do|does|did) not|don'?t|doesn'?t|didn'?t|never|won'?t|aren'?t|isn'?t|wasn'?t|weren'?t) (?:arriv\\w*|come|coming|show(?:ing)?(?: up)?|appear\\w*|pop(?:ping)? up|get through)\\b`,
    'keine? (?:push-?)?(?:benachrichtigung|anfrage|anmeldeanfrage)\\w*',
    '(?:aucune|pas de|plus de) (?:notification|demande)s?',
    'no (?:me )?(?:llega|llegan|aparece|aparecen) (?:la |las |ninguna )?(?:notificaci|solicitud)',
    'não (?:recebo|chega|chegam|aparece|aparecem) (?:a |as |nenhuma )?(?:notifica|solicita)',
    'non (?:ricevo|arriva|arrivano|compare|compaiono) (?:la |le |nessuna )?(?:notific|richiest)',
    'geen (?:melding|meldingen|pushmelding|verzoek)',
    '通知が(?:来な|届かな|表示されな)',
  ].join('|'),
);

/** The cue of the sign-in asking the person to set up a second step (the registration screens). */
export const SET_UP_ASKED_CUE = 'set-up-asked';

// The sign-in stops to have the person set up a second step ("More information required: your
// organization needs more information to keep your account secure", "Let's keep your account
// secure", "it says I need to set up Authenticator"): the steps are about finishing that set-up.
export const SET_UP_ASKED =
  /\bmore information (?:is )?required\b|\bneeds? more information to keep your account secure\b|\blet'?s keep your account secure\b|\b(?:need|needs|asked|asks|asking|have|has|wants? me|want me|tells? me|says? i (?:need|have)) to (?:set ?up|register|add|configure) (?:my |your |the |an? )?(?:account with |work account in )?(?:microsoft )?(?:authenticator|mfa|2fa|security info\w*|sign-?in methods?|verification methods?|second (?:step|factor)|multi-?factor\w*)|\bweitere informationen erforderlich\b|\bplus d'informations requises\b|\bse requiere más información\b|\bmais informações necessárias\b|\bsono necessarie altre informazioni\b|\bmeer informatie vereist\b|詳細情報が必要/;

// The password forgotten, or a reset asked for: the answer for a password that does not work
// (self-service reset, the helpdesk) is the one that helps.
export const PASSWORD_FORGOTTEN =
  /\b(?:forgot|forgotten|forget|don'?t remember|do not remember|can'?t remember|cannot remember|lost) (?:my |the |our )?pass ?words?\b|\breset (?:my |the )?pass ?words?\b|\bpass ?word reset\b|passwort vergessen|kennwort vergessen|mot de passe oublié|oublié (?:mon|le) mot de passe|olvidé (?:mi |la )?contraseña|esqueci (?:minha |a )?senha|dimenticato (?:la )?password|wachtwoord vergeten|パスワードを忘れ/;

// A passkey: every product and personal Microsoft accounts have them ("Microsoft accounts have the
// option to sign in with a Passkey", round 13), so one is the work account's second step only in a
// paste that names a work or school account, Entra, Azure or Microsoft 365 (round 17).
export const PASSKEY =
  /\bpasskeys?\b|\bclés? d'accès\b|\bclaves? de paso\b|\bchaves? de acesso\b|パスキー/;
export const WORK_SIGN_IN =
  /work (?:or school )?account|school account|\bentra(?:id)?\b|\bazure\b|\bm365\b|microsoft 365|office 365|\bo365\b|\btenant\b|organi[sz]ation|cuenta (?:profesional|de trabajo|educativa)|perfil de trabajo|compte professionnel|conta (?:corporativa|de trabalho)|geschäftskonto|arbeitskonto/;

// Another product's second step (Okta Verify, Duo), or the second step done and something after it
// failing (a VPN's own 403, round 18): not Microsoft's second step failing.
export const NOT_MFA =
  /\b(?:okta verify|duo (?:push|mobile|security)|google authenticator code for (?:github|aws))\b|\b(?:complet\w*|pass(?:ed|ing)|approv(?:ed|ing)) (?:the )?(?:mfa|2fa|two-?factor|second step)\b(?![^.!?\n]*\b(?:again|loop\w*|keeps?|another)\b)|\b(?:mfa|2fa) (?:is |was |has been )?(?:complete|completed|successful|succeeded|passed|approved|done)\b(?![^.!?\n]*\b(?:again|loop\w*|keeps?|another)\b)/;
