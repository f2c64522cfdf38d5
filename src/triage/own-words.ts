/**
 * Words people use in a few words of their own (round 15's "Requests in a few words", round 17):
 * asking for a pass, a phone changed, lost or dead, a password forgotten, a passkey with the work
 * account named; a device that could not be registered; the second step done before something
 * else failed. concept-cues.ts combines them into cues.
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

// The second step done, and something after it failing (a VPN's own 403, round 18): not the step.
export const NOT_MFA =
  /\b(?:okta verify|duo (?:push|mobile|security)|google authenticator code for (?:github|aws))\b|\b(?:complet\w*|pass(?:ed|ing)|approv(?:ed|ing)) (?:the )?(?:mfa|2fa|two-?factor|second step)\b(?![^.!?\n]*\b(?:again|loop\w*|keeps?|another)\b)|\b(?:mfa|2fa) (?:is |was |has been )?(?:complete|completed|successful|succeeded|passed|approved|done)\b(?![^.!?\n]*\b(?:again|loop\w*|keeps?|another)\b)/;

// Windows, or a phone, that could not be registered with the organisation ("it could not register
// my device with the organization", round 18): the device's registration in Entra ID is the fix.
export const UNREGISTERED =
  /\b(?:could ?n[o']t|can'?t|cannot|unable to|failed to|fails to|won'?t) (?:register|join) (?:my |this |the |our |a |your )?(?:device|pc|computer|laptop|machine|phone)\b[^.!?\n]{0,40}\b(?:organi[sz]ation|azure ad|azure active directory|entra|work|school|company|tenant)|\b(?:device|pc|computer|laptop|machine) (?:could ?n[o']t|can'?t|cannot|failed to) be (?:registered|joined)\b|gerät konnte nicht registriert werden|(?:konnte|kann) (?:das |dieses |mein )?gerät nicht registrier|impossible d'(?:inscrire|enregistrer) (?:cet |l'|votre |mon )appareil|no se (?:pudo|puede) registrar (?:el|este|tu|mi) dispositivo|não (?:foi possível|é possível) registrar (?:o|este|seu|meu) dispositivo|impossibile registrare (?:il|questo) dispositivo|デバイスを登録できません/;
