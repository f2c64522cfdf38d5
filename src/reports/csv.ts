import { stringify } from 'csv-stringify/sync';

/**
 * A report's CSV (RFC 4180 via csv-stringify, CRLF line ends, a header row). Directory values
 * can say anything, so a cell a spreadsheet would run as a formula gets a leading quote.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function reportCsv(
  columns: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const safe = rows.map((row) => row.map((cell) => (FORMULA_START.test(cell) ? `'${cell}` : cell)));
  return stringify([columns as string[], ...safe], { record_delimiter: 'windows' });
}
