/**
 * CSV export (RFC 4180): fields with a comma, quote, CR or LF are quoted and quotes doubled;
 * lines end with CRLF. A field that a spreadsheet would run as a formula (starting with = + - @,
 * tab or CR) is prefixed with a single quote, because display names come from the directory and
 * can say anything.
 */

export type CsvCell = string | number | boolean | undefined | null;

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvCell): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
