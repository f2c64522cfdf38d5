import { parse } from 'csv-parse/sync';
import { normalizePhoneNumber } from '../phone-number';
import type { PhoneRow } from '../types';

/**
 * The bulk phone list of an SMS sign-in change: CSV text (a file or pasted lines), one person a
 * line, `user,phone` where the user is a sign-in name (UPN) or an object id. A header line is
 * recognised and skipped. Each line is checked on its own, so one bad line costs that line only.
 */

export interface RowProblem {
  /** 1-based line of the CSV text. */
  line: number;
  problem: string;
}

export type PhoneRowsResult =
  { ok: true; rows: PhoneRow[]; problems: RowProblem[] } | { ok: false; problem: string };

export const MAX_PHONE_ROWS = 200;
const MAX_CSV_CHARS = 40_000;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UPN = /^[^\s@,;"']{1,113}@[A-Za-z0-9.-]{1,140}\.[A-Za-z]{2,63}$/;
const HEADER = /^(user|upn|user ?principal ?name|sign-?in name|email|mail|name|id)$/i;

function isHeader(cells: readonly string[]): boolean {
  return cells.length >= 2 && HEADER.test(cells[0]) && /phone|mobile|number/i.test(cells[1]);
}

function records(text: string): { ok: true; lines: string[][] } | { ok: false; problem: string } {
  try {
    const lines = parse(text, {
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
      delimiter: [',', ';', '\t'],
    }) as string[][];
    return { ok: true, lines };
  } catch (error) {
    const where = error instanceof Error ? error.message.replace(/^Invalid [^:]*: /, '') : '';
    return { ok: false, problem: `The CSV could not be read${where ? ` (${where})` : ''}.` };
  }
}

export function parsePhoneRows(text: string): PhoneRowsResult {
  if (text.trim() === '') return { ok: true, rows: [], problems: [] };
  if (text.length > MAX_CSV_CHARS) {
    return {
      ok: false,
      problem: `The list is too long: at most ${MAX_PHONE_ROWS} people at a time.`,
    };
  }
  const read = records(text.replace(/^\uFEFF/, ''));
  if (!read.ok) return read;
  const rows: PhoneRow[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  read.lines.forEach((cells, index) => {
    const line = index + 1;
    const filled = cells.filter((c) => c !== '');
    if (filled.length === 0) return;
    if (index === 0 && isHeader(cells)) return;
    const [user = '', phone = ''] = cells;
    if (filled.length > 2 && cells.slice(2).some((c) => c !== '')) {
      problems.push({ line, problem: 'expected two columns: the person and the phone number' });
      return;
    }
    if (!UPN.test(user) && !GUID.test(user)) {
      problems.push({ line, problem: 'the first column must be a sign-in name or an object id' });
      return;
    }
    if (phone === '') {
      problems.push({ line, problem: 'no phone number' });
      return;
    }
    const number = normalizePhoneNumber(phone);
    if (!number.ok) {
      problems.push({ line, problem: number.problem });
      return;
    }
    const key = user.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push({ line, problem: `the same person is on line ${earlier}` });
      return;
    }
    seen.set(key, line);
    rows.push({ line, user, phoneNumber: number.phoneNumber });
  });
  if (rows.length > MAX_PHONE_ROWS) {
    return {
      ok: false,
      problem: `The list is too long: at most ${MAX_PHONE_ROWS} people at a time.`,
    };
  }
  return { ok: true, rows, problems };
}
