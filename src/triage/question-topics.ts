import type { QuestionTopic } from './types';

/**
 * What a how-to question is about, from the words it uses, in English and the other languages
 * triage reads. The first topic whose pattern occurs wins, so narrower topics come first.
 */
const TOPICS: ReadonlyArray<[QuestionTopic, RegExp]> = [
  [
    'number-matching',
    /number matching|number match|numbers? (?:shown|displayed|on the screen)|type (?:in )?(?:a|the) number|approve\/deny|zahlenabgleich|correspondance des nombres|coincidencia de números/i,
  ],
  [
    'temporary-access-pass',
    /temporary access pass|\btap\b|befristete[nrs]? zugriffspass|passe d'accès temporaire|pase de acceso temporal|passe de acesso temporário|一時アクセス/i,
  ],
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
    /\bmfa\b|\b(?:push|prompt|approval)s? (?:bomb\w*|spam\w*|fatigue|flood\w*)|multi-?factor|two-?factor|2fa|second factor|verification method|authentication methods?|security info|\bnps\b|report fraud|método de verificación|méthode de vérification|verifizierungsmethode|mehrstufig|multifacteur|multifactor|多要素|多因素|多重要素|2차 ?인증|다단계 인증|tvåfaktor|tofaktor|dwuskładnikow|çok faktörlü|многофактор/i,
  ],
  [
    'conditional-access',
    /条件付きアクセス|conditional access|\bca polic|named locations?|sign-in frequency|report-only/i,
  ],
  [
    'identity-protection',
    /risky|risk(?:-based)? polic|identity protection|user risk|sign-in risk/i,
  ],
  ['device-compliance', /complian|intune|company portal|managed device/i],
  [
    'device-join',
    /hybrid join|hybrid joined|entra join|azure ad join|domain[ -]join|device registration/i,
  ],
  ['guest-access', /\bguests?\b|b2b|external (?:users?|identities|tenant)|cross-tenant/i],
  [
    'account-lockout',
    /lock(?:ed)? ?out|unlock|locked account|verrouill|gesperrt|entsperr|bloquead|desbloque|bloccat|sbloccar|ロック/i,
  ],
  [
    'password',
    /password|self-service password reset|\bsspr\b|banned (?:words?|list)|password protection|kennwort|passwort|mot de passe|contraseña|senha|wachtwoord|パスワード/i,
  ],
  ['legacy-auth', /legacy auth|basic auth|\bimap\b|\bpop3?\b|\bsmtp\b|activesync/i],
  [
    'app-access',
    /app registration|enterprise app|consent|redirect uri|service principal|permissions?/i,
  ],
  ['sign-in-logs', /ログ|sign-?in logs?|audit logs?|log analytics|kql|sentinel|who disabled/i],
];

/** The topic a question is about; 'general' when none of the known topics is named. */
export function questionTopic(text: string): QuestionTopic {
  for (const [topic, pattern] of TOPICS) if (pattern.test(text)) return topic;
  return 'general';
}
