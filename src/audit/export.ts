import { shortReference } from '../request-reference';
import type { AuditEntry } from './audit-log';

/**
 * Audit entries as CSV (RFC 4180: comma separated, CRLF, fields quoted when needed) and as a
 * plain-text table for terminals. Text a person typed can reach a summary (a rejection reason), so
 * a cell that a spreadsheet would run as a formula is prefixed with an apostrophe.
 */

export const AUDIT_COLUMNS = [
  'at',
  'event',
  'actorId',
  'actorName',
  'kind',
  'subjectId',
  'subjectName',
  'requestId',
  /** The request's short reference ("RQ-3F9A1C"), as the people involved were shown it. */
  'reference',
  'graphRequestIds',
  'errorCode',
  'summary',
] as const;

type Column = (typeof AUDIT_COLUMNS)[number];

function cellOf(entry: AuditEntry, column: Column): string {
  if (column === 'graphRequestIds') return (entry.graphRequestIds ?? []).join(' ');
  if (column === 'reference') return entry.requestId ? shortReference(entry.requestId) : '';
  return entry[column] ?? '';
}

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function auditToCsv(entries: readonly AuditEntry[]): string {
  const lines = [AUDIT_COLUMNS.join(',')];
  for (const entry of entries) {
    lines.push(AUDIT_COLUMNS.map((column) => csvCell(cellOf(entry, column))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** One line per entry: time, event, who, then what happened and the request's reference. */
export function auditToText(entries: readonly AuditEntry[]): string {
  if (entries.length === 0) return 'No audit entries in this period.\n';
  const rows = entries.map((entry) => [
    `${entry.at.slice(0, 10)} ${entry.at.slice(11, 19)}Z`,
    entry.event,
    entry.actorName ?? entry.actorId,
    [entry.summary, entry.requestId ? `[${shortReference(entry.requestId)}]` : '']
      .filter((part) => part !== '')
      .join(' ')
      .replace(/\s+/g, ' '),
  ]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i].length)));
  return (
    rows
      .map((row) => row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]) : cell)).join('  '))
      .join('\n') + '\n'
  );
}

/**
 * The start of a period: "30m", "12h", "7d", "2w" back from `now`, or an ISO date or date-time.
 * Undefined when the text is neither.
 */
export function parseSince(text: string, now: Date): Date | undefined {
  const relative = /^(\d{1,5})([mhdw])$/i.exec(text.trim());
  if (relative) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[
      relative[2].toLowerCase() as 'm' | 'h' | 'd' | 'w'
    ];
    return new Date(now.getTime() - Number(relative[1]) * unit);
  }
  if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(text.trim())) {
    const date = new Date(text.trim());
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
}
