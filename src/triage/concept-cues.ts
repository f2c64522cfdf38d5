import type { ErrorIntent } from './types';
import { MAIL_CLIENT, MAIL_FAILURE } from './mail-words';
import {
  A_PASS,
  NOT_MFA,
  PASSKEY,
  PASSWORD_FORGOTTEN,
  PHONE_CHANGED,
  PHONE_CHANGED_CUE,
  PROMPTS_MISSING,
  PROMPTS_MISSING_CUE,
  SET_UP_ASKED,
  SET_UP_ASKED_CUE,
  WANTS,
  WORK_SIGN_IN,
} from './own-words';
import {
  COMPLIANT,
  DEVICE,
  DEVICE_OFF,
  DEVICE_PASSWORD_RULES,
  DOMAIN_JOINED,
  ORGANISATION,
  UNREGISTERED,
} from './device-words';
import {
  NOT_STARTED,
  PROMPT_WORDS,
  PROMPTS_NOT_STARTED_CUE,
  SOMEONE_ELSE_SIGNING_IN,
} from './not-started-words';

export { PROMPTS_NOT_STARTED_CUE } from './not-started-words';
export { PHONE_CHANGED_CUE, PROMPTS_MISSING_CUE, SET_UP_ASKED_CUE } from './own-words';
/** "I need a temporary access pass": a pass asked for, not one refused. */
export const TAP_WANTED_CUE = 'tap-wanted';

/**
 * The words of the concept cues (concepts.ts reads them): for each known error, the groups of
 * words people use for it, in the languages its pages use, and the cues that combine them.
 */

export interface ConceptCue {
  /** A short name for the cue, reported with the match. */
  id: string;
  intent: ErrorIntent;
  /** Every group must match inside one window. */
  groups: readonly RegExp[];
  /** A window that matches this is not about the intent (e.g. a lock screen, BitLocker). */
  not?: RegExp;
  /**
   * Groups that name what the paste is about (a mail client, a protocol) and may stand anywhere
   * in the text read, once at the top of a transcript or a post, rather than in the window.
   */
  context?: readonly RegExp[];
  /**
   * Every product has this state (a temporary password to replace): the cue reads only a paste
   * that shows some sign of Microsoft's sign-in (signals.ts), and gives no lead otherwise.
   */
  microsoftOnly?: boolean;
  /**
   * Every product's account store words it this way (its own password rules, its own block on
   * suspicious activity): the cue names a lead, not a decision, unless the paste shows a sign of
   * Microsoft's sign-in (signals.ts), as a lock-out does.
   */
  anyProduct?: boolean;
}

const PASSWORD =
  /\bpass ?words?\b|\bpwd\b|\bkennwort|\bpasswort|mot de passe|contraseña|senha|wachtwoord|パスワード|password|parola d'ordine|暗証|lösenord|palavra-passe|palavra passe|密码|密碼|heslo|hesla|hasł[oa]|jelsz[óa]|\bparol[aăeiy]\b|kata sandi|mật khẩu|adgangskode|passord|salasana|пароль|암호|비밀번호|şifre/;
const NEW_PASSWORD =
  /\b(?:new|chang\w*|reset\w*|set(?:ting)?|updat\w*|choos\w*|creat\w*|pick\w*) (?:(?:a|my|the|his|her|their|your) )?(?:new )?pass ?words?\b|\bpassword (?:change|reset|update)s?\b|neues (?:kennwort|passwort)|nouveau mot de passe|(?:changer|modifier) (?:mon |le )?mot de passe|nueva contraseña|cambiar (?:mi |la )?contraseña|nova senha|(?:alterar|mudar) (?:minha |a )?senha|nieuw wachtwoord|nuova password|nieuw wachtwoord|neues kennwort|新しいパスワード|cambiar la contraseña|alterar a senha|modificare la password|wachtwoord wijzigen|kennwort ändern|passwort ändern/;
const BANNED_WORDS =
  /複雑|使えない文字|使用できない文字|禁止文字|禁則文字|不能使用的字符|(?:unsupported|invalid|disallowed|forbidden|illegal) characters?|characters? (?:that )?(?:is|are) not (?:allowed|supported|permitted)|nicht (?:erlaubte|zulässige) zeichen|caractères? non autorisés?|caracteres? no permitidos?|caracteres? não permitidos?|caratteri non consentiti|niet toegestane tekens|ポリシーが合わない|minimum (?:password )?length|too short|shorter than|complex\w* polic\w*|adivinh\w*|容易猜|\bbann(?:ed|ing)\b|\bguessable\b|easy to guess|easily guess\w*|harder (?:for (?:people|others|someone) )?to guess|too (?:common|simple|weak|easy|obvious)|\bweak (?:pass ?words?|passphrases?)\b|commonly used|common (?:word|password|pattern)s?|(?:word|phrase),? (?:phrase )?or pattern|password protection|custom banned|banned list|block ?list|deny ?list|black ?list|not (?:strong|secure|complex) enough|complexity|history requirements|length,? complexity|company name|(?:can'?t|cannot|not allowed to|unable to) (?:re-?use|repeat)|re-?us(?:e|ed|ing) (?:a |an |my |the )?(?:recent|previous|old|last)|password history|same as (?:the |your |my )?(?:current|previous|old|last)|with (?:the |a |our )?(?:month|season|year|company name|team name|city|name)s? in it|(?:forbidden|prohibited|blocked|banned|disallowed) (?:word|term|phrase)s?|(?:word|term)s? (?:that (?:is|are) )?(?:not allowed|forbidden|blocked)|zu (?:leicht|einfach) zu erraten|erratbar|wort, (?:einen )?ausdruck oder (?:ein )?muster|leicht zu erraten|einfach zu erraten|facile à deviner|mot interdit|fácil de adivinar|palabra prohibida|fácil de adivinhar|palavra proibida|推測|facile da indovinare|makkelijk te raden|gemakkelijk te raden|推測されやすい|verboden|vietat|proibid|prohibid|interdit|nicht erlaubt|no permitid|não permitid|non consentit|niet toegestaan|許可されていません|data breach|breach(?:ed|es)?\b|pwned/;
// What Microsoft's password protection says of a refused password (a word, phrase or pattern that
// makes it easy to guess; banned words), in the languages its pages use. Other products' password
// rules (length, complexity, characters, strength, history) are in BANNED_WORDS alone.
const GUESSABLE =
  /\bguess\w*|\bbann(?:ed|ing)\b|(?:word|phrase),? (?:phrase )?or pattern|password protection|(?:forbidden|prohibited|blocked|banned|disallowed) (?:word|term|phrase)s?|adivinh\w*|adivinar|容易猜|erraten|erratbar|wort, (?:einen )?ausdruck oder (?:ein )?muster|deviner|mot interdit|palabra prohibida|palavra proibida|indovinare|te raden|推測/;
const REFUSED =
  /\b(?:not allowed|isn'?t allowed|disallowed|prohibited|forbidden|rejected|refused|denied|not accepted|won'?t accept|doesn'?t accept|does not accept|not (?:be )?accepted|can'?t be used|cannot be used|doesn'?t meet|does not meet|didn'?t meet|did not meet|not meet|fails? (?:to meet|the (?:policy|requirements))|too weak|weak|reject\w*|refus\w*|keeps? (?:rejecting|refusing|saying no)|won'?t (?:let me|take it))\b|abgelehnt|refusé|rechaz\w*|recusad\w*|rifiutat\w*|geweigerd|impossible de changer|nicht akzeptiert|pas accepté|no se acepta|não (?:é )?aceit|non (?:è )?accettat|niet geaccepteerd|使用できません/;

// An address ("xxxx@yyy.com hasn't been added to your organisation's directory") names the
// account as well as the word does (round 15).
const ACCOUNT =
  /[\w.+-]@[\w-]+\.\w|\baccount|\busers?\b|\bsign[ -]?in|\blog[ -]?(?:in|on)\b|\blogin|\bkonto|\bcompte|\bcuenta|\bconta\b|アカウント|サインイン|cuenta|conta\b|compte|konto|account|anmeld|connexion|iniciar sesión|inicio de sesión|entrar|accesso|aanmeld|サインイン|ログイン|benutzer|utilisateur|usuario|usuário|utente|gebruiker|ユーザー|inloggning|logga in|帳戶|帐户|账户|賬戶|帳號|账号|登入|登录|účet|účtu|hesab|fiók|\bakun\b|tài khoản|\bcont(?:ul)?\b|учетн|учётн|аккаунт|\btili|계정|অ্যাকাউন্ট/;
const LOCKED =
  /鎖定|锁定|已鎖|已锁|被锁|被鎖|锁住|鎖住|\block(?:ed)? ?out\b|\blockout\b|\b(?:is|was|been|got|get|gets|getting|keeps? (?:getting|being)|account|user) (?:temporarily |still |being )?locked\b|\blocked (?:account|user)\b|too many (?:failed |unsuccessful |incorrect |wrong |bad )?(?:sign[ -]?in |log[ -]?in |login |password )?attempts|too many times|malicious (?:ip|activity)|gesperrt|verrouillé|verrouill(?:e|ent|age)\b|bloquead[ao]|bloccat[ao]|ロック|vergrendeld|geblokkeerd|bloqueada|bloqueado|bloccato|bloccata|verrouillé|verrouillée|gesperrt|ロックされ|ロックアウト|demasiados intentos|trop (?:de|nombreuses) tentatives|zu viele (?:anmelde)?versuche|troppi tentativi|muitas tentativas|te veel pogingen|試行回数|är låst|har låsts|spärrat|för många försök|(?:jest|są) zablokowan|odblokowa|uzamčen|zablokován|kilitlen|zárolva|zárolt|terkunci|bị khóa|\bblocat|er låst|lukittu|заблокирован|잠겨|잠김|লক করা/;
// Too many attempts: the wording of a lock-out even when no account is named.
const TOO_MANY_ATTEMPTS =
  /too many (?:failed |unsuccessful |incorrect |wrong |bad )?(?:sign[ -]?in |log[ -]?in |login |password )?(?:attempts|tries)|too many incorrect passwords|demasiados intentos|trop (?:de|nombreuses) tentatives|zu viele (?:\w+)?versuche|troppi tentativi|te veel (?:\w+)?pogingen|muitas tentativas|試行回数|回数が多すぎ|尝试次数过多|嘗試次數過多/;
// What the authenticator app or a second step is, when "locked out" is only the effect of it.
const MFA_CAUSE =
  /authenticator|push notification|verification code|approve (?:the )?sign[ -]?in|number match\w*|\bmfa\b|multi-?factor|codice di verifica|código de verifica\w*|code de vérification|bestätigungscode|verificatiecode|確認コード|認証コード/;
// "I'm locked out": the person is the account.
const PERSON_LOCKED_OUT =
  /\block(?:ed)? out of (?:my |your |the |our )?(?:office ?365|o365|m365|microsoft|outlook|teams|onedrive|sharepoint|azure|entra)\b|\b(?:i'?m|i am|am i|i was|was i|i got|i've been|i have been|we'?re|we are|we got|we've been)(?: (?:still|now|again|completely|totally))? locked out\b/;
const NOT_LOCK =
  /\block ?screen|bitlocker|caps ?lock|num ?lock|\bsmart lockout (?:threshold|settings?|polic)/;

const TAP =
  /temporary access pass|\btap\b(?! (?:the|on|to|a|an|your|it|here|next|yes|approve|deny|or|and)\b)|temp(?:orary)? (?:access )?(?:code|passcode|pass)\b|\baccess pass\b|one-?time pass\b|(?:helpdesk|help desk|service desk|\bit\b|admin\w*) (?:gave|sent|issued|provided) (?:me )?(?:a |an |the )?(?:one-?time|temporary|temp) (?:pass(?:code)?|code)\b|methodusabilityreason|befristete[nrs]? zugriffspass|passe d'accès temporaire|pase de acceso temporal|一時アクセス パス|一時アクセスパス|tijdelijke toegangspas|pass di accesso temporaneo|passe de acesso temporário|pase de acceso temporal|一時アクセス|temporaryaccesspass/;
// Words that say something does not work, in the other languages triage reads.
const NOT_WORKING =
  /\b(?:nicht|kein\w*|pas|jamais|não|niet|geen)\b|\bno (?:me |se |funciona|llega|es)|no puedo|no puede|no se puede|não (?:consigo|posso|pode|é possível)|ne (?:peux|peut) pas|kann (?:nicht|keinen)|non (?:posso|può|puoi|riesco)|kan (?:niet|geen)|\bnon (?:è|funziona|arriva)|abgelehnt|refusé|rechaz|recusad|rifiutat|geweigerd|ongeldig|無効|できません|ません|ない|無法|无法|不能|不顯示|不显示|\b(?:inte|ingen|inget|inga)\b|kan inte|\b(?:tidak|menolak|nem|nincs|değil|yok|nie|nelze|nefunguje|není|không|ikke|ei)\b|elutasít|gelmiyor|olmuyor|nu (?:pot|merge|funcționează|primesc)/;
const TAP_TROUBLE =
  /\b(?:block\w*|disabl\w*|not (?:enabled|allowed|available|valid|work\w*|accept\w*)|doesn'?t work|didn'?t work|won'?t work|invalid|expired|can'?t|cannot|unable|fail\w*|error|reject\w*|denied|greyed out|grayed out|not (?:an? )?option|guests?|policy|no longer|run out|ran out|only (?:asks|shows|offers)|doesn'?t (?:ask|show|offer)|never (?:asks|shows)|no (?:option|field|place)|not valid|went wrong|refus\w*|already has (?:one|a pass)|(?:keeps? )?ask(?:s|ing)? (?:me )?for (?:a |my |the )?password|asked (?:for )?(?:a |my |the )?password|wants (?:a |my |the )?password|(?:isn'?t|wasn'?t|not being|never) accepted|onetimeused|disabledbypolicy|notyetvalid|one ?time ?used|not ?yet ?valid|used (?:once|already)|(?:only )?worked once)\b|not supported|unsupported|not allowed|isn'?t allowed|abgelaufen|ungültig|expiré|non valide|expirad[oa]|caducad[oa]|no (?:es )?válid[oa]|expirou|inválid[oa]|scadut[oa]|non valid[oa]|verlopen|ongeldig|有効期限|期限切れ|無効/;

// Admin approval of an app, also with the app named first ("have the application approved by your
// account administrator") and in Japanese in either order ("管理者がアプリの利用を承認していない"):
// halves B of rounds 5a and 6.
const CONSENT =
  /\b(?:keeps? |kept )?ask(?:s|ed|ing)? (?:me )?for (?:an? |the |my |admin\w* )?(?:approval|\w+'s permission)|\badmin\w*[^.!?\n]{0,50}\b(?:allow|approve|permit)s? (?:this|the|our|my) app|(?:won'?t|will not|refuse to|don'?t) (?:give|grant) (?:me )?(?:access|permission|consent)|\b(?:admin(?:istrator)? (?:approval|consent)|approval (?:is )?required|requires? (?:admin(?:istrator)? )?approval|need(?:s)? (?:admin(?:istrator)? )?approval|request (?:admin(?:istrator)? )?approval|consent (?:is )?required|requires? (?:admin(?:istrator)? )?consent|need(?:s)? (?:admin(?:istrator)? )?consent|grant (?:admin )?consent|permissions? requested|only an admin(?:istrator)? can (?:grant|give|provide|approve)|(?:organi[sz]ation|company|admin\w*|it department) (?:has|have|needs?|must) to approve|(?:pending )?admin consent requests?|need(?:s)? (?:an? |the |your )?admin(?:istrator)? to (?:approve|grant|consent)|admin(?:istrator)? (?:can|must|has to) (?:give|provide) consent|admin(?:istrator)? reviews? (?:your )?request|request (?:has been |was )?sent to (?:your )?admin\w*|admin(?:istrator)?s? (?:has|have|has to|have to|must|should|need to|needs to) (?:approve|grant|consent))\b|administratorgenehmigung|genehmigung (?:durch|des|vom) (?:den |einen )?admin\w*|genehmigung erforderlich|approbation (?:de l'administrateur|requise)|aprobación del administrador|aprovação do administrador|管理者の承認|approbation de l'administrateur|aprobación (?:del|de un) administrador|aprovação do administrador|approvazione dell'amministratore|goedkeuring (?:van|door) (?:de )?beheerder|beheerder(?:s)?goedkeuring|genehmigung durch (?:den )?administrator|管理者の承認|autorisation de l'administrateur|permiso del administrador|permissão do administrador|autorisation de l'administrateur|autorizzazione dell'amministratore|toestemming van (?:de )?beheerder|zustimmung (?:des|eines) administrators|管理者の同意|同意が必要|administratörens godkännande|godkännande av (?:en )?administratör|\buser consent\b|\bmust consent to\b|(?:has|have)(?: not|n'?t) consented|consent (?:is |has been |was )?(?:disabled|blocked|turned off)|disabled (?:user )?consent|\b(?:app|apps|application|add-?in|integration)\b[^.!?\n]{0,60}\b(?:approved|allowed|permitted) by (?:your |the |an? )?(?:\w+ )?admin\w*|管理者[がはの]?[^。.\n]{0,20}(?:アプリ|アプリケーション)[^。.\n]{0,15}(?:承認|許可)|(?:アプリ|アプリケーション)[^。.\n]{0,20}管理者[^。.\n]{0,10}(?:承認|許可)/;
const APP =
  /\bapp\b|\bapps\b|application|add-?in|add-?ons?\b|extension|integration|plugin|plug-in|connector|client|outlook|teams|\bpermissions?\b|access (?:to )?(?:your|company|organi[sz]ation)|anwendung|\bappen\b|\bappar|\bappli|aplicación|aplicativo|アプリ|aplicación|aplicativo|applicazione|applicatie|toepassing|anwendung|アプリ/;

// A security key (FIDO2, WebAuthn) is a way to do the second step too: when it will not work or
// finish a sign-in, the second step is what fails (round 17).
const MFA =
  /\bfido ?2\b|\bsecurity keys?\b|\bwebauthn\b|\bauthentication\b[^.!?\n]{0,40}\b(?:phone|app(?:lication)?)\b|phone call|verification call|\b(?:no|never|any) (?:code|call|text)s?\b|code (?:or (?:a )?\w+ (?:call )?)?(?:is |was )?(?:sent|send)|認証コード|authenticator|authentifikator|benachrichtigung|bestätigungsanfrage|anmeldeanforderung|sechsstellig|code de vérification|código de verificación|código de verificação|codice di verifica|\bmfa\b|strong auth\w*|(?:login|log-in|sign[ -]?in) approvals?|approval (?:requests?|prompts?|notifications?)|(?:additional |more )?authentication methods?|multi-?factor|two-?factor|\b2[- ]?factor\b|2fa|two-?step|2-step|second (?:factor|step)|verification code|verify (?:your )?identity|security (?:code|info)|one-?time (?:code|passcode)|\botp\b|push notification|(?:sent|send|sending) (?:a )?notification|(?:sent|send|sending) (?:a |the )?(?:text |sms )?(?:message|text|sms) to (?:my|your|the|their) (?:mobile |cell )?(?:phone|mobile|cell)|notification\b[^.!?\n]{0,25}\b(?:to|on) (?:your|my) (?:mobile )?(?:device|phone)|approve (?:it |this |that )?(?:on|in) (?:my|the|your) (?:phone|app)|number (?:prompt|match\w*|shown|displayed|on (?:the|my) (?:screen|laptop|computer))|approve (?:the )?(?:sign[ -]?in|request|notification|prompt)|sign[ -]?in request|report (?:it as )?fraud|more information (?:is )?(?:required|needed)|(?:text|sms) (?:message|code)|texted (?:your|my) phone|enter (?:the )?code|(?:two|2|three|3)[- ]digit number|number (?:on|in) (?:the|my) (?:laptop|browser|screen|computer|pc)|verify (?:with|in|using) (?:the )?(?:authenticator |phone )?app|approve (?:it|the (?:sign[ -]?in|request|prompt)) (?:on|in|with)|\bsms\b|verification (?:call|text|prompt)|zwei-faktor|mehrstufige|authentification multifacteur|double authentification|autenticación multifactor|verificação em duas etapas|多要素|二段階|authentificator|authenticator|verificación|vérification|verificação|verifica|verificatie|überprüfung|bestätigung|genehmigen|approuver|aprobar|aprovar|approva\b|goedkeuren|承認|確認コード|番号|más información|mais informações|altre informazioni|meer informatie|weitere informationen|plus d'informations|詳細情報|verifiering|godkänn|autentiseringsapp|tweestapsverificatie|twee-?staps|tweeledige|meervoudige verificatie|deuxième méthode|seconde méthode|second(?:e)? facteur|méthodes? d'authentification|segundo (?:factor|método)|método de autenticación|autenticação (?:em dois|multifator)|segundo fator|seconda verifica|secondo fattore|autenticazione (?:a due|a più)|metodo di autenticazione|authentifizierungsmethode|anmeldemethode|zusätzliche(?:n)? (?:methode|überprüfung|sicherheit)|zweite(?:n)? faktor|wieloskładnik|dwuetap|dwuskładnik|weryfikacj|uwierzytelniani|drugiego (?:kanału|składnika|etapu)|자세한 정보|추가 정보|2단계|다단계|인증 방법|인증 앱|보안 정보|詳細情報が必要|追加のセキュリティ|セキュリティ情報|認証方法|二要素|双重验证|多重身份验证|两步验证|雙重驗證|多重要素驗證|iki aşamalı|çok faktörlü|kétlépcsős|kétlépéses|kétfaktoros|többfaktoros|verifikasi dua langkah|autentikasi (?:dua faktor|multifaktor)|kode verifikasi|doğrulama kodu|iki faktörlü|çift faktörlü|dvoufázov|vícefaktorov|ověřovací kód|dvojfaktorov|xác minh hai bước|mã xác minh|xác thực đa yếu tố|autentificare (?:multifactor|în doi pași)|cod de verificare|totrinsbekræftelse|bekræftelseskode|totrinnskontroll|bekreftelseskode|kaksivaiheinen|vahvistuskoodi|двухэтапн|многофакторн|код подтверждения|tvåstegsverifiering|tvåfaktor/;
const MFA_TROUBLE =
  /\b(?:problemas? con|problemas? com|problèmes? avec|problemi con|no está configurad\w*|não está configurad\w*|n'est pas configuré\w*|non è configurat\w*|non riesc\w*|no tien\w*|no tengo|pidi\w*|never|refus\w*|silent|not|no longer|doesn'?t|don'?t|didn'?t|won'?t|can'?t|cannot|unable|fail\w*|stuck|keeps?|kept|lost|broken|new phone|changed (?:my )?phone|replac\w* (?:my )?phone|old phone|wrong number|nothing|over and over|reject\w*|wrong|invalid|incorrect|needed|wants me to|denied|fraud|error|timed? ?out|expired|loop\w*|repeated\w*|again and again|respond to continue|n'\S+ plus|ne \S+ plus|(?:plus|aucune) de notification|aucune notification|no (?:me )?(?:env[ií]a|manda)|não (?:me )?envia|non (?:mi )?invia|stuurt geen|schickt keine|again|every time|times a day|not arriv\w*|arriv\w*|receiv\w*|stops? (?:showing|working|sending)|show(?:s|ing)? up|pop(?:s|ping)? up|required|requires|asking|asks|prompt\w*|nicht|keine?|nichts|blockiert|pas|aucun|jamais|n'arrive|no (?:me )?llega|no (?:me )?(?:recibo|llegan)|não (?:chega|recebo)|non (?:arriva|ricevo))\b|pide|pede|pedindo|chiede|vraagt|fragt|demande|求め|届かな|届きません|来ない|收不到|沒收到|没收到|不顯示|不显示|無法|无法|沒有|没有|(?:para|parou) de (?:mostrar|funcionar|enviar)|verweiger\w*|refuse\w*|rechaza\w*|recusa\w*|rifiuta\w*|weiger\w*|拒否|拒绝|拒絕|(?:handy|telefon|smartphone|téléphone|teléfono|telefone|telefono|telefoon|スマホ|携帯|手机|手機)[^.!?\n]{0,30}(?:weg|verloren|kaputt|gelöscht|perdu|cassé|perdido|roto|robado|quebrado|perso|rotto|kwijt|kapot|紛失|壊れ|丢失|丟失|坏了|壞了)|handywechsel|neues? (?:handy|telefon|smartphone)|nouveau téléphone|nuevo (?:teléfono|celular|móvil)|novo (?:telefone|celular)|nuovo (?:telefono|cellulare)|nieuwe telefoon|機種変更|新しいスマホ|换手机|換手機|新手机|新手機|deja de (?:mostrar|funcionar)|dejó de (?:mostrar|funcionar)|smette di|arrête de|hört auf|stopt met|gevraagd|verplicht|vereist|invité|invitée|requis|requise|obligatoire|exigé|aufgefordert|erforderlich|verpflichtend|müssen|muss|obligatorio|obligatoria|se (?:le )?(?:pedirá|solicitará)|solicita|exige|obrigatóri|será (?:solicitad|pedid)|richiest|obbligatori|wymusi|wymaga|wymagan|nie działa|nie (?:otrzym|dostaj)|요구|필요|要求され|求められ|必要です|必須|続く|繰り返|ループ|需要|必须|須/;
// A typed one-time code that the sign-in rejects: every product's authenticator-app second step
// says this (TOTP codes are not Microsoft's), unlike an approval that never arrives or a number
// to match.
// The same in the languages whose help pages say it ("認証コードが合わない", "código de verificación
// incorrecto", "Bestätigungscode ist ungültig").
const TYPED_CODE =
  /\b(?:2fa|two[- ]?factor|two[- ]?step|verification|security|authenticat\w*|one[- ]?time|otp|totp|mfa|6[- ]digit|six[- ]digit|auth) codes?\b|認証コード|確認コード|セキュリティ ?コード|ワンタイムパスワード|(?:bestätigungs|sicherheits|verifizierungs|authentifizierungs)code|code (?:de vérification|de sécurité|à usage unique)|código (?:de verificaci[oó]n|de verificação|de seguridad|de segurança)|codice (?:di verifica|di sicurezza)|verificatiecode|beveiligingscode/;
const CODE_REJECTED =
  /拒否|拒绝|拒絕|\b(?:invalid|incorrect|wrong|not valid|isn'?t valid|no longer valid|not correct|rejected|not accepted|doesn'?t (?:work|match)|not working|mismatch\w*)\b|合わない|一致しない|無効|正しくありません|正しくない|間違(?:って|い)|ungültig|falsch|invalide|incorrecte?|n'est pas valide|inv[aá]lido|incorrecto|incorreto|errado|non (?:è )?valido|errato|ongeldig|onjuist/;

const EXPIRED =
  /\b(?:expired|has expired|expires|expiring|expiry|out of date|ran out|run out|lapsed|(?:must|need to|needs to|has to|have to) (?:be )?chang\w*|change (?:it|your password|my password) (?:before|at next)|must change (?:your |my |their )?password|password change required|change password at next|abgelaufen|caduc\w*|expir[oó]|expirad[ao]|expirou|scadut[ao]|verlopen|vervallen)\b|a expiré|ha expirado|有効期限|a expiré|ha expirado|ha caducado|expirou|expirada|venci(?:da|do|ó)|è scaduta|scaduta|verlopen|abgelaufen|有効期限|期限切れ|har upphört att gälla|har gått ut|utgånget|(?:must|need to|needs to|have to|has to) update (?:your|my|their|the) password|update your password|\bexpire\b/;
// A temporary password handed out by the organisation: it must be replaced at the first sign-in.
const TEMPORARY_PASSWORD =
  /temporary password|temp password|dočasné heslo|dočasného hesla|hasło tymczasowe|hasła tymczasowego|tymczasowe hasło|parolă temporară|ideiglenes jelszó|geçici (?:parola|şifre)|kata sandi sementara|mật khẩu tạm thời|tijdelijk wachtwoord|(?:temporäres|vorläufiges) (?:kennwort|passwort)|mot de passe temporaire|contraseña temporal|senha temporária|password temporanea|一時パスワード|临时密码|臨時密碼|임시 (?:암호|비밀번호)|временный пароль|tillfälligt lösenord/;
// Words that give the second step as the reason for a lock-out ("MFA may be the reason").
const CAUSED_BY = /\b(?:reason|because|due to|caused by|as a result)\b/;
// The sign-in name changed (an address, a user name, an alias) and the old one no longer signs in:
// the name the person types is not the account's any more.
const NAME_CHANGED =
  /\b(?:chang|updat|renam)\w* (?:my|their|his|her|the|our|your|a) (?:\w+ )?(?:e-?mail(?: address)?|user ?name|upn|sign-?in name|log ?in name|alias)\b[^.!?\n]{0,60}\b(?:can'?t|cannot|can no longer|no longer|unable to|couldn'?t)(?: \w+)? (?:log|sign) ?in\b/;
const USER_MISSING =
  /\b(?:does(?: not|n'?t) exist|not exist|not found|couldn'?t find|could not find|can'?t find|cannot find|unable to find|no (?:such )?(?:(?:microsoft|work|school) )?(?:account|user)|isn'?t recogni[sz]ed|not recogni[sz]ed|unknown user|doesn'?t have an account|no longer exists|deleted|(?:isn'?t|is not|wasn'?t|not) (?:in|part of|found in) (?:the|their|our|your|this) (?:directory|tenant|organi[sz]ation)|(?:has|have|had)(?:n'?t| not) been added to)\b|existiert nicht|nicht gefunden|n'existe pas|introuvable|no existe|não existe|non esiste|bestaat niet|niet gevonden|存在しません|見つかりません|existiert (?:[^.!?\n]{0,40} )?nicht|kein\w* (?:benutzer\w*|konto)\b[^.!?\n]{0,50}gefunden|finns inte|hittades inte/;
const DIRECTORY =
  /\bdirectory|\btenant|organi[sz]ation|\bcompany|microsoft|entra|azure|office|\bm365\b|\bteams\b|outlook|onedrive|sharepoint|\bwork (?:or school )?account|school account|identity provider|verzeichnis|répertoire|directorio|diretório|ディレクトリ|mandant|locataire|inquilino|organisation|organización|organização|organizzazione|organisatie|組織|katalog/;

const DISABLED =
  /\b(?:account|user|sign[ -]?in)\b[^.!?\n]{0,40}\b(?:disabled|deactivated|suspended|block(?:ed)? by (?:an? |your |the )?admin\w*|sign[ -]?in (?:is |was )?blocked)\b|\b(?:disabled|deactivated|suspended) (?:account|user)\b|\bsign[ -]?in (?:is |was |has been )?blocked (?:for (?:my|your|this|the) account|by (?:an? |your |the )?admin\w*)|\bblock sign[ -]?in\b[^.!?\n]{0,30}\b(?:yes|on|enabled|set)\b|deaktiviert|désactivé|deshabilitad[ao]|desativad[ao]|disattivat[ao]|無効になって|無効化され|har inaktiverats|är inaktiverat|inaktiverat konto|已禁用|被禁用|已停用|被停用|(?:posta|casella|account|utenza|mailbox|postfach|konto|compte|boîte|cuenta|buzón|conta|caixa|postvak)[^.!?\n]{0,40}(?:si disattiva|(?:verrà|sarà|viene) disattivat|wird deaktiviert|sera désactivé|se desactivar[áa]|será desativad|wordt gedeactiveerd)|\b(?:deactivat\w*|disabled|suspended)\b[^.!?\n]{0,20}\b(?:for|due to|after) (?:\w+ )?inactivity\b|(?:disattiv\w*|deaktiviert|désactivé\w*|desactivad\w*|desativad\w*|gedeactiveerd)[^.!?\n]{0,20}(?:per inutilizzo|per inattività|wegen inaktivität|pour inactivité|por inactividad|por inatividade|wegens inactiviteit)/;

const WRONG_PASSWORD =
  /\b(?:not|doesn'?t|does not|don'?t|didn'?t) match\b|不正确|不正確|错误|錯誤|無効|\b(?:incorrect|wrong|invalid|bad|doesn'?t work|does not work|not working|isn'?t working|not correct|mismatch\w*|isn'?t right|not right|don'?t recogni[sz]e|klopt niet|ongeldig|falsch|incorrecto|incorreto|errat[ao]|onjuist|正しくありません)\b|ungültig|non valide|incorrect|no válid|no es correct|inválid|não está correta|non valid|non è corrett|onjuist|ongeldig|正しくありません|間違|non (?:è|sono) corrett|no (?:es|son|está|están) correct|não (?:é|está|são) corret|felaktigt|är fel|fel lösenord/;

const RISK =
  /\b(?:suspicious|unusual|risky|at risk|high risk|risk (?:level|detected|polic\w*)|compromised|leaked credentials|identity protection|unfamiliar (?:sign-?in|location))\b|verdächtig|suspecte?|sospechos|suspeit|sospett|verdacht|ungewöhnlich|inhabituel|inusual|incomum|insolit|ongebruikelijk|不審|リスク|risque|riesgo|risco|rischio|risico|risiko/;
// Risk as Identity Protection names it (a sign-in or user risk, its level, leaked credentials).
// "Suspicious" or "unusual activity" alone is every product's block (RISK).
const RISK_LEVEL =
  /\brisk|\bidentity protection\b|\bleaked credentials\b|\bunfamiliar (?:sign-?in|location)|リスク|risque|riesgo|risco|rischio|risico|risiko/;
const BLOCKED =
  /\b(?:block\w*|locked|stopped|prevented|denied|disabled|can'?t|cannot|unable|not (?:allowed|able))\b|blockiert|gesperrt|bloqué|bloquead|bloccat|geblokkeerd|ブロック|bloque[óo]|bloqueou|bloccato|geblokkeerd/;

const CA =
  /conditional access|\bdevice code\b[^.!?\n]{0,40}\b(?:not allowed|blocked|disabled|prohibited)\b|after (?:a |the )?successful (?:sign[ -]?in|log[ -]?in|login|logon|authentication)|can'?t get there from here|access polic(?:y|ies)|blocked by (?:a |your |the )?(?:company |organi[sz]ation'?s? |security )?polic(?:y|ies)|(?:organi[sz]ation|company|admin(?:istrator)?|it)(?: department)?'?s? (?:security )?polic(?:y|ies)|security polic(?:y|ies) (?:of|set|from)|security polic(?:y|ies) (?:is |are )?(?:preventing|blocking|prevents|blocks) (?:(?:you|me|us|them|your|my) )?(?:from )?(?:access|sign|log)|you don'?t have access to this|don'?t have permission to access this (?:app|resource)|条件付きアクセス|bedingten zugriff|accès conditionnel|acceso condicional|acesso condicional|accesso condizionale|voorwaardelijke toegang|hier nicht zugreifen|pas accéder à cette ressource d'ici|no puede acceder desde aquí|não pode acessar daqui|non è possibile accedere da qui|(?:zugreifen|zugriff)[^.\n]{0,30}von hier|von hier aus[^.\n]{0,30}(?:zugreifen|zugriff)|accéder[^.\n]{0,30}d'ici|(?:acceder|llegar)[^.\n]{0,30}desde aquí|(?:acessar|chegar)[^.\n]{0,20}daqui|accedere[^.\n]{0,20}da qui|(?:komen|toegang)[^.\n]{0,20}vanaf hier|vanaf hier[^.\n]{0,30}(?:komen|toegang)|hier niet komen|ここから(?:は)?アクセスできません|villkorsstyrd åtkomst/;
const CA_BLOCK =
  /\b(?:block\w*|denied|prevent\w*|doesn'?t allow|does not allow|not allow\w*|restrict\w*|can'?t|cannot|unable|refus\w*|won'?t let)\b|from here|blockiert|bloqué|bloquead|bloccat|geblokkeerd|ブロック|できません|nicht|pas|no puede|não pode|non (?:è|può)|niet/;

// Requests or codes the person did not start (not-started-words.ts).
const PROMPT_ARRIVES = new RegExp(`${MFA.source}|${PROMPT_WORDS.source}`);

// Ordered: a cue listed earlier wins when two hold in the same window.
export const CUES: readonly ConceptCue[] = [
  { id: 'device-password-rules', intent: 'device-noncompliant', groups: [DEVICE_PASSWORD_RULES] },
  { id: 'tap-trouble', intent: 'tap-blocked', groups: [TAP, TAP_TROUBLE] },
  { id: 'tap-refused', intent: 'tap-blocked', groups: [TAP, NOT_WORKING] },
  { id: TAP_WANTED_CUE, intent: 'tap-blocked', groups: [A_PASS, WANTS] },
  // Requests the person did not start: before consent ("keeps asking for approval") and the
  // second step's own troubles, whose answers would have them approve or get a new pass.
  {
    id: PROMPTS_NOT_STARTED_CUE,
    intent: 'mfa-required-or-failed',
    groups: [PROMPT_ARRIVES, NOT_STARTED],
    not: NOT_MFA,
  },
  { id: 'password-guessable', intent: 'password-banned', groups: [PASSWORD, GUESSABLE] },
  {
    id: 'password-banned-words',
    intent: 'password-banned',
    groups: [PASSWORD, BANNED_WORDS],
    anyProduct: true,
  },
  {
    id: 'new-password-refused',
    intent: 'password-banned',
    groups: [NEW_PASSWORD, REFUSED],
    anyProduct: true,
  },
  {
    id: 'mail-client-login-failed',
    intent: 'legacy-auth-blocked',
    groups: [MAIL_FAILURE],
    context: [MAIL_CLIENT],
    // Outlook asking again because the password ran out is an expired password.
    not: EXPIRED,
  },
  { id: 'consent-needed', intent: 'consent-required', groups: [CONSENT, APP] },
  { id: 'risk-blocked', intent: 'risky-user-blocked', groups: [RISK_LEVEL, BLOCKED, ACCOUNT] },
  {
    id: 'suspicious-blocked',
    intent: 'risky-user-blocked',
    groups: [RISK, BLOCKED, ACCOUNT],
    anyProduct: true,
  },
  // Locked out because the second step never came: the second step is the problem.
  {
    id: 'mfa-locked-out',
    intent: 'mfa-required-or-failed',
    groups: [MFA_CAUSE, LOCKED, MFA_TROUBLE],
  },
  {
    id: 'mfa-caused-lockout',
    intent: 'mfa-required-or-failed',
    groups: [MFA_CAUSE, LOCKED, CAUSED_BY],
  },
  { id: 'locked-out', intent: 'account-locked', groups: [ACCOUNT, LOCKED], not: NOT_LOCK },
  { id: 'person-locked-out', intent: 'account-locked', groups: [PERSON_LOCKED_OUT], not: NOT_LOCK },
  // Someone else signing in, or the attack named: after the lock-outs and risk blocks it may cause.
  {
    id: PROMPTS_NOT_STARTED_CUE,
    intent: 'mfa-required-or-failed',
    groups: [SOMEONE_ELSE_SIGNING_IN],
    not: NOT_MFA,
  },
  { id: 'password-expired', intent: 'password-expired', groups: [PASSWORD, EXPIRED] },
  {
    id: 'temporary-password',
    intent: 'password-expired',
    groups: [TEMPORARY_PASSWORD],
    microsoftOnly: true,
  },
  {
    id: 'mfa-code-rejected',
    intent: 'mfa-required-or-failed',
    groups: [TYPED_CODE, CODE_REJECTED],
    not: NOT_MFA,
    anyProduct: true,
  },
  // A phone lost or replaced, then requests that never arrive: ahead of the second step's other
  // troubles, since each has its own steps ("I lost my phone and can't do MFA").
  {
    id: PHONE_CHANGED_CUE,
    intent: 'mfa-required-or-failed',
    groups: [PHONE_CHANGED],
    not: NOT_MFA,
  },
  {
    id: PROMPTS_MISSING_CUE,
    intent: 'mfa-required-or-failed',
    groups: [MFA, PROMPTS_MISSING],
    not: NOT_MFA,
  },
  {
    id: SET_UP_ASKED_CUE,
    intent: 'mfa-required-or-failed',
    groups: [SET_UP_ASKED],
    not: NOT_MFA,
  },
  { id: 'mfa-trouble', intent: 'mfa-required-or-failed', groups: [MFA, MFA_TROUBLE], not: NOT_MFA },
  {
    id: 'passkey-trouble',
    intent: 'mfa-required-or-failed',
    groups: [PASSKEY, MFA_TROUBLE],
    context: [WORK_SIGN_IN],
    not: NOT_MFA,
  },
  { id: 'mfa-refused', intent: 'mfa-required-or-failed', groups: [MFA, NOT_WORKING], not: NOT_MFA },
  { id: 'too-many-attempts', intent: 'account-locked', groups: [TOO_MANY_ATTEMPTS], not: NOT_LOCK },
  { id: 'domain-join', intent: 'device-not-domain-joined', groups: [DOMAIN_JOINED] },
  { id: 'not-registered', intent: 'device-not-domain-joined', groups: [UNREGISTERED] },
  { id: 'device-compliance', intent: 'device-noncompliant', groups: [DEVICE, COMPLIANT] },
  { id: 'access-policy', intent: 'ca-blocked', groups: [CA, CA_BLOCK] },
  { id: 'device-switched-off', intent: 'device-noncompliant', groups: [DEVICE_OFF, ORGANISATION] },
  { id: 'account-disabled', intent: 'account-disabled', groups: [DISABLED], not: DEVICE_OFF },
  {
    id: 'sign-in-name-changed',
    intent: 'user-not-found',
    groups: [NAME_CHANGED],
    anyProduct: true,
  },
  { id: 'user-missing', intent: 'user-not-found', groups: [ACCOUNT, USER_MISSING, DIRECTORY] },
  { id: 'wrong-password', intent: 'invalid-password', groups: [PASSWORD, WRONG_PASSWORD] },
  {
    id: 'password-forgotten',
    intent: 'invalid-password',
    groups: [PASSWORD_FORGOTTEN],
    not: /\b(?:successfully|thanks|thank you|worked|fixed|resolved|sorted)\b/,
  },
];
