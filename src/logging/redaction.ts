/**
 * What the logger never writes. Pino redacts by path (fast and exact), so every property name
 * that can hold a secret is listed at the depths our log calls use; `scrubText` catches secrets
 * inside free text (error messages from SDKs that echo URLs or connection strings).
 */

/** Property names that hold secrets anywhere in this app or the SDKs it logs errors from. */
export const SECRET_KEYS = [
  'password',
  'botPassword',
  'clientSecret',
  'client_secret',
  'secret',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'idToken',
  'authorization',
  'Authorization',
  'cookie',
  'temporaryAccessPass',
  'connectionString',
  'accountKey',
  'AccountKey',
  'sas',
  'certificatePassword',
  'appInsightsConnectionString',
  'assertion',
] as const;

/** Redaction paths: each key at the top and up to three levels down (pino needs explicit depth). */
export const REDACT_PATHS: readonly string[] = SECRET_KEYS.flatMap((key) => [
  key,
  `*.${key}`,
  `*.*.${key}`,
  `*.*.*.${key}`,
]);

export const REDACTED = '[redacted]';

const TEXT_PATTERNS: readonly [RegExp, string][] = [
  [/(Bearer\s+)[A-Za-z0-9\-_.~+/]+=*/gi, `$1${REDACTED}`],
  [
    /((?:AccountKey|SharedAccessSignature|InstrumentationKey|Password|ClientSecret)=)[^;&\s"']+/gi,
    `$1${REDACTED}`,
  ],
  [/([?&](?:sig|se|sp|sv|skoid|sktid|code)=)[^&\s"']+/gi, `$1${REDACTED}`],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, REDACTED],
  [/("(?:temporaryAccessPass|password|secret|token)"\s*:\s*")[^"]*/gi, `$1${REDACTED}`],
];

/** Masks secrets that free text may carry: bearer tokens, JWTs, account keys, SAS signatures. */
export function scrubText(text: string): string {
  return TEXT_PATTERNS.reduce(
    (out, [pattern, replacement]) => out.replace(pattern, replacement),
    text,
  );
}
