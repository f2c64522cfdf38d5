/**
 * What a Retry-After header asks for, in whole milliseconds: delay-seconds (fractions accepted)
 * or an HTTP date, counted from `now`; undefined when there is none or it reads as neither.
 * Graph, the Teams connector and the proactive sends all read it through this one function.
 */
export function retryAfterMs(
  value: string | null | undefined,
  now = Date.now(),
): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}
