/**
 * A value from outside (a verb, a tenant id, an error message) made safe for a one-line log:
 * JSON string escaping turns newlines, carriage returns and other control characters into
 * visible escapes, so a crafted value can never start a forged log line; long values are cut.
 */
export function safeLogValue(value: unknown, max = 200): string {
  const text = typeof value === 'string' ? value : String(value);
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(cut)
    .slice(1, -1)
    .replace(
      /[\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16)}`,
    );
}
