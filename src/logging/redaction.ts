/**
 * What the logger never writes. Every property name that can hold a secret is listed and hidden
 * at the depths our log calls use (`redactSecrets`); `scrubText` catches secrets
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

export const REDACTED = '[redacted]';

const SECRET_KEY_SET: ReadonlySet<string> = new Set(SECRET_KEYS);
/** How far below the top a secret key is looked for: the top and up to three levels down. */
const REDACT_DEPTH = 3;

function isWalkable(value: unknown): value is Record<string, unknown> {
  // A value with its own JSON form (a Date, say) is written as that form, not walked.
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  );
}

/**
 * `value` with every SECRET_KEYS property at the top and up to three levels down set to
 * REDACTED, in one walk over the object (pino's own `redact` walks it once per path, and with
 * wildcard paths for four depths of every key that was most of a log line's cost).
 * Nothing is copied when there is nothing to hide; otherwise only the objects on the way to a
 * secret are copied (their own enumerable properties, as JSON writes them), and the caller's
 * objects are never changed. `leave` says which top-level fields to leave as they are (an error
 * that a serializer turns into fields holding no secret key).
 */
export function redactSecrets<T>(
  value: T,
  leave: (key: string, item: unknown) => boolean = () => false,
): T {
  const walk = (node: Record<string, unknown>, depth: number): Record<string, unknown> => {
    let copy: Record<string, unknown> | undefined;
    const set = (key: string, item: unknown): void => {
      copy ??= Array.isArray(node)
        ? ([...(node as unknown[])] as unknown as Record<string, unknown>)
        : { ...node };
      copy[key] = item;
    };
    for (const key of Object.keys(node)) {
      const item = node[key];
      if (depth === 0 && leave(key, item)) continue;
      if (SECRET_KEY_SET.has(key)) {
        if (item !== undefined) set(key, REDACTED);
      } else if (depth < REDACT_DEPTH && isWalkable(item)) {
        const walked = walk(item, depth + 1);
        if (walked !== item) set(key, walked);
      }
    }
    return copy ?? node;
  };
  return isWalkable(value) ? (walk(value, 0) as T) : value;
}

/**
 * Words after which people write a Temporary Access Pass (or a password) they were given, in the
 * languages the triage knows them in: "my TAP is …", "Temporary Access Pass: …", "code …".
 */
const PASS_WORDS = [
  'temporary access pass',
  'access pass',
  'one-?time pass(?:code)?',
  'pass(?:code|word)?',
  'tap',
  'code',
  '(?:client )?secret',
  'token',
  'befristete[nrs]? zugriffspass',
  'zugriffspass',
  'passwort',
  'kennwort',
  "passe d['’]accès temporaire",
  'mot de passe',
  'pase de acceso temporal',
  'contraseña',
  'passe de acesso temporário',
  'senha',
  'pass di accesso temporaneo',
  'tijdelijke toegangspas',
  'wachtwoord',
  'c[oó]digo',
  'codice',
].join('|');
const PASS_WORDS_JA = '一時アクセス ?パス|パスワード|コード';
/**
 * Between the word and the pass: "is", "was", a colon or an equals sign, and "I got" or the like;
 * or a few words and then a colon ("pass from this morning: ...").
 */
const PASS_LINK =
  '(?:(?:\\s+(?:i|you|we|they|he|she)\\s+(?:got|get|received|have|had|used|use|typed|entered|tried))?' +
  '\\s*(?:[:=：]|(?:is|was|ist|lautet|est|es|é|è)(?![\\p{L}\\p{N}]))?\\s*[:=]?' +
  "|(?:\\s+[\\p{L}\\p{N}'’]+){1,4}\\s*[:=：](?!//))\\s*[\"'“‘]?";
/** One piece of text after the word, with a digit or symbol in it, trailing punctuation left out. */
const PASS_CANDIDATE = new RegExp(
  `((?:(?<![\\p{L}\\p{N}_])(?:${PASS_WORDS})(?![\\p{L}\\p{N}_])|${PASS_WORDS_JA})${PASS_LINK})` +
    `(?=[^\\s"'“”‘’<>,;]*[0-9!#$%&*+?@^~=/\\\\|{}\\[\\]])([^\\s"'“”‘’<>,;]*[^\\s"'“”‘’<>,;.:)])`,
  'giu',
);

/** Things written after "code" and the like that are not secrets. */
const NOT_PASSES: readonly RegExp[] = [
  /^AADSTS\d+$/i, // an Entra error code
  /^[A-Z]{2,6}[0-9A-F]{3,8}$/, // a product's error code, decimal or hex (CAA20002, CAA2000B, MSIS7012)
  /^0x[0-9a-f]+$/i, // a Windows error code
  /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i, // an id
  /^[0-9a-f]{32}$/i,
  /^\d{4}-\d{2}-\d{2}/, // a date or timestamp
  /^\d{1,2}:\d{2}/,
  /^https?:/i, // a link
  /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i, // an address
];

/** What a pass or password looks like: 8 to 64 characters with a letter, and none of the above. */
function looksLikePass(value: string): boolean {
  if (value.length < 8 || value.length > 64 || !/\p{L}/u.test(value)) return false;
  return !NOT_PASSES.some((shape) => shape.test(value));
}

/** Each pattern, and whether its first group (the name before the secret) is kept. */
const TEXT_PATTERNS: readonly [RegExp, boolean][] = [
  [/(Bearer\s+)[A-Za-z0-9\-_.~+/]+=*/gi, true],
  [
    /((?:AccountKey|SharedAccessSignature|InstrumentationKey|Password|ClientSecret|client_secret)=)[^;&\s"']+/gi,
    true,
  ],
  [/([?&](?:sig|se|sp|sv|skoid|sktid|code)=)[^&\s"']+/gi, true],
  // A JWT, whole or cut short (its header alone starts "eyJ").
  [/\beyJ[A-Za-z0-9_-]{10,}(?:\.[A-Za-z0-9_-]*){0,2}/g, false],
  [/("(?:temporaryAccessPass|password|secret|token)"\s*:\s*")[^"]*/gi, true],
  // An Entra client secret: about 40 characters of letters, digits and "_.-~", with a "~".
  [
    /(?<![A-Za-z0-9_.~-])(?=[A-Za-z0-9_.-]*~)(?=[A-Za-z0-9_.~-]*\d)(?=[A-Za-z0-9_.~-]*[A-Za-z])[A-Za-z0-9_.~-]{32,48}(?![A-Za-z0-9_.~-])/g,
    false,
  ],
];

/**
 * Masks secrets that free text may carry: bearer tokens, JWTs, account keys, SAS signatures,
 * client secrets, and a pass or password written after the word for it.
 */
export function scrubText(text: string, marker: string = REDACTED): string {
  return TEXT_PATTERNS.reduce(
    (out, [pattern, keepName]) => out.replace(pattern, keepName ? `$1${marker}` : marker),
    text,
  ).replace(PASS_CANDIDATE, (whole, lead: string, value: string) =>
    looksLikePass(value) ? `${lead}${marker}` : whole,
  );
}

/** What people read in place of a secret (a card's text keeps no brackets). */
export const HIDDEN = '(hidden)';

/**
 * Text a person typed for others to read (a chat card, a stored record), with anything that
 * looks like a secret masked, and whether anything was: the writer is told.
 */
export function hideSecrets(text: string): { text: string; hidden: boolean } {
  const scrubbed = scrubText(text, HIDDEN);
  return { text: scrubbed, hidden: scrubbed !== text };
}
