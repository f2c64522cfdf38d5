import type { SignInQuery, SignInRecord } from './ports';

/**
 * The meaning of a SignInQuery, as one predicate. The Graph adapter uses it to hand out rows of a
 * query it merged from several, and the in-memory fake uses it to answer, so both keep the same
 * contract. GUIDs compare case-insensitively, as Graph compares them.
 */
export function matchesSignInQuery(row: SignInRecord, query: SignInQuery): boolean {
  if (!sameId(row.userId, query.userId)) return false;
  if (query.requestId !== undefined && !sameId(row.id, query.requestId)) return false;
  if (query.correlationId !== undefined && !sameId(row.correlationId, query.correlationId)) {
    return false;
  }
  if (query.errorCode !== undefined && row.status.errorCode !== query.errorCode) return false;
  return Date.parse(row.createdDateTime) >= query.since.getTime();
}

/** Rows that answer `query` in full (the hint ignored): matching, newest first, at most `top`. */
export function selectSignIns(rows: readonly SignInRecord[], query: SignInQuery): SignInRecord[] {
  return rows
    .filter((row) => matchesSignInQuery(row, query))
    .sort((a, b) => Date.parse(b.createdDateTime) - Date.parse(a.createdDateTime))
    .slice(0, query.top);
}

/**
 * The narrowest answer the contract allows: with `expectedErrorCode`, only the rows carrying that
 * code when there is at least one; otherwise the full answer.
 */
export function selectNarrowed(rows: readonly SignInRecord[], query: SignInQuery): SignInRecord[] {
  const code = query.expectedErrorCode;
  if (code === undefined) return selectSignIns(rows, query);
  const narrowed = selectSignIns(rows, { ...query, errorCode: query.errorCode ?? code });
  return narrowed.length > 0 ? narrowed : selectSignIns(rows, query);
}

function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
