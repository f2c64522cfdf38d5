import type { TriageFields } from './types';
import { caseBlindTestOf } from './pattern-runs';

// Words and hosts that only Entra sign-in errors carry, including the sign-in log's own labels and
// its lock-out page's "contact your support person".
const ENTRA_WORDING =
  /aadsts|login\.microsoftonline|login\.windows\.net|sts\.windows\.net|troubleshooting details|correlation[ _-]?id|trace[ _-]?id|microsoft entra|azure ad\b|azure active directory|sign-in error code|sign-in status|\bsignupsignin\b|\bb2c_1a?_|\bazure ad b2c\b|sign-in logs?\b|failure reason|サインイン エラー コード|エラーの理由|your support person|サポート担当者|支援人員|支持人员/i;
const ERROR_CODE_LABEL = /error[ _-]?code/i;

/** The paste uses wording or hosts of Entra sign-in errors. */
export function hasEntraWording(text: string): boolean {
  return entraWording(text);
}

/**
 * A sign-in error page or log line whose code is not an AADSTS code (e.g. a Windows error number
 * shown as "Error Code" next to a correlation id): it is a sign-in failure, though not one the
 * catalog can explain.
 */
export function isUnexplainedSignInError(text: string, fields: TriageFields): boolean {
  const hasIds = [fields.correlationId, fields.requestId, fields.traceId].some((id) => id);
  return (hasIds && ERROR_CODE_LABEL.test(text)) || namedTokenError(text);
}

// The token endpoint's own error name with its description after it ("invalid_grant: UserPrincipal
// doesn't have the key ID configured.", round 16): a refused sign-in, code or not.
const TOKEN_ERROR_NAME =
  /\b(?:invalid_grant|interaction_required|invalid_client|unauthorized_client|invalid_request|login_required|consent_required)\s*:\s*[A-Za-z]/;

/**
 * The paste names an OAuth error of the token endpoint with its description, in a paste of
 * Microsoft's sign-in and not another vendor's: a sign-in failure the catalog cannot explain.
 */
function namedTokenError(text: string): boolean {
  return TOKEN_ERROR_NAME.test(text) && strongMicrosoft(text) && !isOtherVendorText(text);
}

// Words that place a paste in Microsoft's world: its products, a work account, an organisation.
const MICROSOFT_CONTEXT =
  /microsoft|entra|azure|\baad\b|office|\bm365\b|\bo365\b|outlook|teams|onedrive|sharepoint|exchange|intune|authenticator|windows|work (?:or school )?account|school account|organi[sz]ation|company|tenant|administrator|\badmin\b|helpdesk|help desk|\bit (?:department|team|support)\b|conditional access|\bmfa\b|multi-?factor|sso\b|single sign-on/i;
// Marks of another company's own account page: its support desk, its address, other sign-ins.
const OTHER_SERVICE =
  /contact (?:our )?(?:support|us)\b|support team|\b(?:google|github|gitlab|bitbucket|aws|amazon|apple id|icloud|facebook|instagram|steam|discord|slack|zoom|paypal|docker|npm|jira|atlassian|salesforce|dropbox)\b|https?:\/\/(?![^\s/]*(?:microsoft|microsoftonline|live|office|windows|azure|aka)\.)/i;

/**
 * The paste reads as another company's account message (its support desk, its sign-in options)
 * and nothing in it points to a Microsoft work account. Words alone never place such a paste on a
 * sign-in problem of this tenant.
 */
export function isOtherServiceMessage(text: string): boolean {
  return (!microsoftContext(text) && otherService(text)) || isConsumerAccountText(text);
}

// Marks of a personal Microsoft account (Outlook.com, Hotmail, Xbox, Skype, the consumer sign-in
// helper and services agreement): its lock-outs and checks are Microsoft's consumer service, not
// a work or school sign-in this bot can look up.
// Microsoft Authenticator's cloud backup and restore keeps accounts in a personal Microsoft
// account, whatever accounts the app holds. An address or account "banned" is a consumer service's
// sanction (its services agreement); an organisation blocks or disables its accounts.
const CONSUMER_ACCOUNT =
  /\b(?:e-?mail|account|mailbox|address)\b[^.!?\n]{0,12}\b(?:is|was|got|has been|been) banned\b|authenticator[^.!?\n]{0,60}\b(?:cloud )?back ?ups?\b|\b(?:cloud )?back ?ups?\b[^.!?\n]{0,40}\bauthenticator|(?<![\w.-])outlook\.com|(?<![\w.-])account\.microsoft\.com|hotmail|\bmsa\b|\bms account\b|\blive\.com|account\.live|\bmsn\b|\bxbox\b|\bskype\b(?! for business)|minecraft|microsoft rewards|sign-?in helper|services agreement|terms of (?:use|service) violation|サービス規約|利用規約に違反|xbox live|コンソール|consola|konsole/i;
// Marks of a work or school account, which the consumer words above never outweigh.
const WORK_ACCOUNT =
  /work (?:or school )?account|school account|organi[sz]ation|\btenant|aadsts|entra|\bazure\b|microsoft 365|office 365|\bm365\b|\bo365\b|sharepoint|\badmin\w*|管理|intune|conditional access|\bsso\b|職場|学校|組織|管理者|会社|大学|organisation|organización|organização|organizzazione|organisatie|unternehmen|entreprise|empresa|azienda|schul|universit/i;

// Mail clients and protocols: their stored-password failures are the same for a personal and a
// work mailbox (basic authentication refused), so they are never set aside as consumer text.
const MAIL_PROTOCOL =
  /\b(?:imap|pop3?|smtp|basic auth\w*|app passwords?|thunderbird|mail client|email client)\b|5\.7\.\d+|基本認証/i;

// What only a Microsoft work or school sign-in names: its products, hosts and sign-in wording.
// "Admin", "company" or "organisation" are not here: every product's lock-out names them.
// Microsoft's own name for a work or school account in the languages its sign-in pages use.
const MICROSOFT_EVIDENCE =
  /\bwork (?:or school )?account|\bin your tenant\b|\bschool account|\borgani[sz]ation(?:al)? account|職場|学校アカウント|組織アカウント|geschäfts-, schul- oder unikonto|arbeits- oder schulkonto|compte professionnel ou scolaire|cuenta profesional o educativa|conta corporativa ou de estudante|conta escolar ou profissional|account aziendale o dell'istituto|werk- of schoolaccount|arbets- eller skolkonto|arbejds- eller skolekonto|jobb- eller skolekonto|konto służbowe|pracovní nebo školní účet|munkahelyi vagy iskolai fiók|iş veya okul hesab|tài khoản cơ quan hoặc trường học|akun kerja atau sekolah|contul de la locul de muncă|työpaikan tai oppilaitoksen tili|рабочая или учебная учетная запись|회사 또는 학교 계정|직장 또는 학교 계정|工作或学校帐户|公司或學校帳戶/i;
// Microsoft and its suite named the way people write them: the company in other scripts, "Office"
// with its capital (the word "office" alone is a room), "MS Teams".
const MICROSOFT_NAMED =
  /微软|微軟|マイクロソフト|마이크로소프트|\bOffice\b|\bMS (?:Teams?|Office|365)\b/;
// The writer's own account ("my account is locked", "am I locked out"): in a chat with a work
// tenant's helpdesk that is their work account, where a pasted product message names nobody's.
const OWN_ACCOUNT =
  /\bmy (?:\w+ )?(?:account|user|login|password)\b|^\s*(?:i\s+)?(?:can'?t|cannot|couldn'?t|could not|am unable to) (?:sign|log) ?in\b|\b(?:i'?m|i am|am i|i was|i got|i've been) (?:\w+ )?locked out\b|\blocked me out\b|\bmi cuenta\b|\bminha conta\b|\bmon compte\b|\bmein(?:em)? konto\b|\bmio account\b|\bmijn account\b|\bmitt konto\b|我的(?:帐|账|帳)|내 계정/i;
// Windows' own error names (ERROR_ACCOUNT_LOCKED_OUT): written in capitals, as Windows writes them.
const WINDOWS_ERROR_NAME = /\bERROR_[A-Z]+(?:_[A-Z]+)+\b/;

/**
 * The paste names Microsoft's sign-in in some way (a product, a host, the sign-in page's wording,
 * a work or school account) or the writer's own account. Without it, words about a locked or
 * disabled account could be any product's.
 */
export function hasMicrosoftEvidence(text: string): boolean {
  return (
    strongMicrosoft(text) ||
    entraWording(text) ||
    microsoftEvidence(text) ||
    MICROSOFT_NAMED.test(text) ||
    ownAccount(text) ||
    WINDOWS_ERROR_NAME.test(text)
  );
}

// States every product's own account store has: a lock-out and a disabled account.
const ANY_PRODUCT_STATES = new Set(['account-locked', 'account-disabled', 'invalid-password']);

// The second step named as every product's help pages and people name it ("2FA", "two-factor",
// "OTP", passkeys, backup codes, "2段階認証"), not as Microsoft's sign-in does (MFA,
// multifactor, verification code, Authenticator, "多要素認証"): a second step read in such a
// paste is any product's (halves B of rounds 4, 8, 10 and 13, halves A of rounds 4, 10 and 13).
const ANY_PRODUCTS_SECOND_STEP =
  /\b2fa\b|\btwo[- ]?factor\b|\b(?:t?otp|2-step)\b|\bpasskeys?\b|\b(?:backup|recovery) codes?\b|deux facteurs|zwei-?faktor|dos factores|dois fatores|due fattori|twee(?:staps|factor)|二要素|2段階認証|二段階認証/i;

// Microsoft's own name for the step, which a paste that also says "OTP" may use for it.
const MICROSOFTS_SECOND_STEP = /\bmfa\b|multi-?factor|多要素/i;

/**
 * An account state every product has (locked, disabled, a wrong password; a second step named in
 * every product's words), in a paste with no sign of Microsoft's
 * sign-in: any product's message reads the same, so words alone name it as a lead, never a
 * decision (the learned model may confirm the lead, fallback.ts).
 */
export function isAnyProductsAccountState(intent: string, text: string): boolean {
  const anyProducts =
    ANY_PRODUCT_STATES.has(intent) ||
    (intent === 'mfa-required-or-failed' &&
      ANY_PRODUCTS_SECOND_STEP.test(text) &&
      !MICROSOFTS_SECOND_STEP.test(text));
  return anyProducts && !hasMicrosoftEvidence(text);
}

/** The paste is about a personal Microsoft account, with nothing of a work or school account. */
export function isConsumerAccountText(text: string): boolean {
  return consumerAccount(text) && !workAccount(text) && !mailProtocol(text);
}

/**
 * The "Troubleshooting details" block of the page Entra shows when access is refused after the
 * password was accepted: request or correlation id and the device's platform or state, in any
 * language, without an error code. Pages for other failures carry an error code line.
 */
export function isAccessBlockPage(text: string, fields: TriageFields): boolean {
  const ids = fields.requestId !== undefined || fields.correlationId !== undefined;
  const device = fields.deviceState !== undefined || fields.devicePlatform !== undefined;
  return ids && device && !ERROR_CODE_LABEL.test(text);
}

// A mail client or protocol that signs in with a stored password (basic authentication).
const MAIL_CLIENT =
  /\b(?:imap|pop3?|smtp|activesync|mail app|mail client|thunderbird|apple mail|ios mail|iphone mail|android mail|outlook 20(?:07|10|13)|cannot get mail)\b|password for "?exchange"?|\bapp passwords?\b/i;

/**
 * The paste speaks of a mail client or protocol that signs in with a stored password: a
 * password that "is incorrect" there is most often basic authentication being refused.
 */
export function isMailClientSignIn(text: string): boolean {
  return mailClient(text);
}

// Other vendors' sign-in products and other things people sign in to (VPN, printers): their
// messages read like Entra's ("your password has expired", "account locked"). An LDAP bind or an
// SMB session (LdapErr, NT_STATUS_...) is an on-premises directory's own sign-in, not Entra's.
const OTHER_VENDOR =
  /\b(?:okta|duo|onelogin|ping ?(?:identity|federate|one)|auth0|keycloak|jumpcloud|google|gmail|workspace admin|aws|amazon|cognito|\biam user|vpn|globalprotect|anyconnect|cisco|fortinet|forticlient|pulse secure|sophos|printer|print server|drucker|imprimante|impresora|impressora|stampante|printers?|github|gitlab|bitbucket|slack|zoom|salesforce|zoho|oneauth|lastpass|1password|bitwarden|authy|securid|citrix|vmware|jamf|cloudflare|mailcow|zimbra|cpanel|battle\.net|blizzard|epic games|nintendo|netflix|spotify|twitter|tiktok|whatsapp|telegram|wechat|shopify|wordpress|hubspot|zendesk|firebase|supabase|authentik|apple id|icloud|facebook|instagram|paypal|steam|playstation|linkedin|yahoo|dropbox|sap|oracle|workday|servicenow|sql (?:login|password|server login|user)|sqlcmd|sqlops|ssms|mysql|postgres\w*|mongodb|database (?:login|user|password)|ldaps?|ldaperr|nt_status_\w+|smbclient|samba)\b/i;
// Words that only a Microsoft sign-in carries; "Windows" or "admin" are not enough here.
const STRONG_MICROSOFT =
  /microsoft|entra|azure|\baad\b|office ?365|\bm365\b|\bo365\b|outlook|\bteams\b|onedrive|sharepoint|exchange|intune|microsoft authenticator|ms authenticator|\bnps\b|aadsts|conditional access/i;

// A product that names itself in the line pointing to its administrator ("Please see your Autotask
// Administrator for details", round 17): Microsoft's pages say "your administrator", "your admin"
// or "your IT admin". Read with its capital, as the product writes its name.
const PRODUCTS_ADMINISTRATOR =
  /\b(?:see|contact|ask|call|email|e-mail|reach out to|talk to) your (?!(?:IT|ONLY|Microsoft|Office|M365|O365|Azure|Entra|Exchange|Teams|SharePoint|Intune|Global|Tenant|System|Systems|Network|Company|Organization|Organisation|School|Domain|Local|Help|Helpdesk|Service|Security|Account|Email|Mail|Site|Group|Team|Department|Support|Administrator|Admin)\b)[A-Z][\w.&-]* (?:[Aa]dministrator|[Aa]dmin)\b/;

/**
 * The paste names another vendor's product, or a VPN or a printer, and no Microsoft sign-in: a
 * reading from its words alone is a lead, never a decision.
 */
export function isOtherVendorText(text: string): boolean {
  return (otherVendor(text) || PRODUCTS_ADMINISTRATOR.test(text)) && !strongMicrosoft(text);
}

// The word lists above that are asked of whole pastes, each tried by its alternatives whose runs
// occur in the lower-case paste (literal-prefilter.ts caseBlindTestOf): the same answers.
const entraWording = caseBlindTestOf(ENTRA_WORDING);
const microsoftContext = caseBlindTestOf(MICROSOFT_CONTEXT);
const otherService = caseBlindTestOf(OTHER_SERVICE);
const consumerAccount = caseBlindTestOf(CONSUMER_ACCOUNT);
const workAccount = caseBlindTestOf(WORK_ACCOUNT);
const mailProtocol = caseBlindTestOf(MAIL_PROTOCOL);
const microsoftEvidence = caseBlindTestOf(MICROSOFT_EVIDENCE);
const ownAccount = caseBlindTestOf(OWN_ACCOUNT);
const otherVendor = caseBlindTestOf(OTHER_VENDOR);
const strongMicrosoft = caseBlindTestOf(STRONG_MICROSOFT);
const mailClient = caseBlindTestOf(MAIL_CLIENT);
