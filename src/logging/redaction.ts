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
