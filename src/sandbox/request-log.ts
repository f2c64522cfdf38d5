/** One request the sandbox answered, as tests and the control surface see it. */
export interface RecordedRequest {
  method: string;
  /** Decoded path including the version, e.g. `/v1.0/users/user@sandbox.example`. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body with secrets replaced by "[redacted]"; undefined when there was none. */
  body: unknown;
  status: number;
  /** ISO time on the sandbox clock. */
  at: string;
  requestId: string;
  /** The caller's `client-request-id` (the bot sends its correlation id), else the request id. */
  clientRequestId?: string;
  /** Set for a request that arrived inside a `$batch`: the item's id. */
  batchItemId?: string;
}

export const REDACTED = '[redacted]';

/** Keys whose values are secrets wherever they appear in a body. */
const SECRET_KEY =
  /^(password|newPassword|currentPassword|temporaryAccessPass|clientSecret|secretText|.*token|authorization)$/i;

/** Deep copy of a JSON value with secret values replaced; the log never holds a secret. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        SECRET_KEY.test(key) && item !== null ? REDACTED : redactSecrets(item),
      ]),
    );
  }
  return value;
}
