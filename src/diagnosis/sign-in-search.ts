import type { Triage } from '../triage/types';
import { countryWords, formatInstant, joinType, type InstantWords } from './format';
import type { SignInQuery, SignInRecord } from './ports';
import type { Evidence, SignInEvidence } from './types';

/** Sign-in logs keep 30 days with Entra ID P1/P2 (7 days on Free). */
export const SIGN_IN_RETENTION_MS = 30 * 24 * 3_600_000;
/**
 * Events can take several minutes to reach the log. Until a paste is this old, "not there" means
 * "not there yet" and the card offers to check again.
 */
export const SIGN_IN_ARRIVAL_MS = 20 * 60_000;
/** How far back "the user's latest failures" looks when the paste carries no id. */
export const RECENT_FAILURE_WINDOW_MS = 24 * 3_600_000;

const HOUR = 3_600_000;

export interface SignInSearch {
  query: SignInQuery;
  matchedBy: SignInEvidence['matchedBy'];
}

/** Best-effort parse of a pasted timestamp; most error pages print ISO UTC. */
export function pastedInstant(triage: Triage): Date | undefined {
  const raw = triage.fields.timestamp;
  if (raw === undefined) return undefined;
  const ms = Date.parse(raw.replace(/ UTC$| GMT$/, 'Z').replace(/ (?=\d{2}:)/, 'T'));
  return Number.isFinite(ms) ? new Date(ms) : undefined;
}

/**
 * One query per diagnosis: the pasted request id (exact), else the pasted correlation id, else the
 * user's sign-ins of the last day. Always scoped to the subject. With `narrowToCode` the pasted
 * code is passed as a hint (only the failing row matters); without it every row counts (e.g. to
 * count failed attempts before a lockout).
 */
export function signInSearch(
  triage: Triage,
  userId: string,
  now: Date,
  options: { narrowToCode: boolean } = { narrowToCode: true },
): SignInSearch {
  const hint =
    options.narrowToCode && triage.code !== undefined ? { expectedErrorCode: triage.code } : {};
  const pasted = pastedInstant(triage);
  const idSince =
    pasted !== undefined
      ? new Date(pasted.getTime() - 24 * HOUR)
      : new Date(now.getTime() - SIGN_IN_RETENTION_MS);
  if (triage.fields.requestId !== undefined) {
    return {
      matchedBy: 'request-id',
      query: { userId, requestId: triage.fields.requestId, since: idSince, top: 5, ...hint },
    };
  }
  if (triage.fields.correlationId !== undefined) {
    return {
      matchedBy: 'correlation-id',
      query: {
        userId,
        correlationId: triage.fields.correlationId,
        since: idSince,
        top: 20,
        ...hint,
      },
    };
  }
  return {
    matchedBy: 'recent-failures',
    query: {
      userId,
      since: new Date(now.getTime() - RECENT_FAILURE_WINDOW_MS),
      top: 50,
      ...hint,
    },
  };
}

/** The failing row: the pasted code first, else any failure, newest first. */
export function pickFailure(
  rows: readonly SignInRecord[],
  code?: number,
): SignInRecord | undefined {
  return (
    (code === undefined ? undefined : rows.find((r) => r.status.errorCode === code)) ??
    rows.find((r) => r.status.errorCode !== 0)
  );
}

export type SignInOutcome =
  | { kind: 'failed'; row: SignInRecord; evidence: SignInEvidence }
  /** Only successful rows: the person got in after all (e.g. on a second try). */
  | { kind: 'succeeded'; row: SignInRecord; evidence: SignInEvidence }
  | { kind: 'pending'; reason: string }
  | { kind: 'none'; reason: string };

/** "request ID" or "correlation ID": the id a search by id looked for. */
export function idWords(matchedBy: SignInEvidence['matchedBy']): string {
  return matchedBy === 'request-id' ? 'request ID' : 'correlation ID';
}

/**
 * Reads what a search found. No row is "pending" while the sign-in is young enough for its event
 * to be still on its way (by the pasted time when the paste has one, else by when it was first
 * asked about), and "none" after that or past the log's retention.
 */
export function signInOutcome(
  search: SignInSearch,
  rows: readonly SignInRecord[],
  code: number | undefined,
  context: { now: Date; firstAskedAt: Date; pastedAt?: Date; when?: InstantWords },
): SignInOutcome {
  const when = context.when ?? formatInstant;
  const failed = pickFailure(rows, code);
  if (failed) return { kind: 'failed', row: failed, evidence: evidenceOf(failed, search, when) };
  if (rows.length > 0 && search.matchedBy !== 'recent-failures') {
    return { kind: 'succeeded', row: rows[0], evidence: evidenceOf(rows[0], search, when) };
  }
  const { now, firstAskedAt, pastedAt } = context;
  if (pastedAt !== undefined && now.getTime() - pastedAt.getTime() > SIGN_IN_RETENTION_MS) {
    return {
      kind: 'none',
      reason:
        'That sign-in is older than the 30 days the sign-in log keeps, so it can no longer be looked up.',
    };
  }
  const what =
    search.matchedBy === 'recent-failures'
      ? 'No failed sign-in for this account is in the sign-in log for the last 24 hours'
      : `No sign-in with that ${idWords(search.matchedBy)} is in the sign-in log for this account`;
  const since = pastedAt !== undefined && pastedAt < firstAskedAt ? pastedAt : firstAskedAt;
  if (now.getTime() - since.getTime() < SIGN_IN_ARRIVAL_MS) {
    return {
      kind: 'pending',
      reason: `${what} yet. Sign-in events usually take a few minutes to arrive, so check again shortly.`,
    };
  }
  return {
    kind: 'none',
    reason: `${what}, even after waiting. The sign-in may have been made with another account or in another organisation.`,
  };
}

function deviceState(row: SignInRecord): string {
  const d = row.deviceDetail;
  if (d.deviceId === '' || d.deviceId === undefined) return 'No device identity was sent';
  const parts = [joinType(d.trustType)];
  if (d.isCompliant !== null) parts.push(d.isCompliant ? 'compliant' : 'not compliant');
  if (d.isManaged !== null) parts.push(d.isManaged ? 'managed' : 'not managed');
  return parts.join(', ');
}

/** The sign-in as a helpdesk engineer reads it in the portal. */
export function signInFacts(row: SignInRecord, when: InstantWords = formatInstant): Evidence[] {
  const device = [row.deviceDetail.operatingSystem, row.deviceDetail.browser]
    .filter((p): p is string => p !== null && p !== '')
    .join(', ');
  const facts: Evidence[] = [
    { label: 'Time', value: when(row.createdDateTime) },
    { label: 'App', value: row.appDisplayName },
  ];
  if (row.resourceDisplayName !== null && row.resourceDisplayName !== row.appDisplayName) {
    facts.push({ label: 'Resource', value: row.resourceDisplayName });
  }
  facts.push(
    { label: 'Client app', value: row.clientAppUsed },
    { label: 'Device', value: device === '' ? 'unknown' : device },
    { label: 'Device state', value: deviceState(row) },
    { label: 'Location', value: `${countryWords(row.location)} (${row.ipAddress})` },
    {
      label: 'Result',
      value:
        row.status.errorCode === 0
          ? 'Succeeded'
          : `AADSTS${row.status.errorCode}${row.status.failureReason ? `: ${row.status.failureReason}` : ''}`,
    },
    { label: 'Request ID', value: row.id },
    { label: 'Correlation ID', value: row.correlationId },
  );
  return facts;
}

function evidenceOf(row: SignInRecord, search: SignInSearch, when: InstantWords): SignInEvidence {
  return { record: row, matchedBy: search.matchedBy, facts: signInFacts(row, when) };
}
