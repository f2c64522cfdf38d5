/**
 * Azure Table storage rules that callers can break, checked before any request so the error names
 * the broken rule (the service answers a bare 400). Shared by TableRecordStore and the in-memory
 * fake, so a domain test fails the same way production would.
 */
import {
  FILTERABLE_FIELDS,
  type FilterableField,
  type ListOptions,
  type RecordKey,
} from '../ports';
import { invalidValue, toJsonValue } from './json-value';

const TABLE_NAME = /^[A-Za-z][A-Za-z0-9]{2,62}$/;
/** Keys may be 1 KiB; the service stores UTF-16, so 512 code units. */
export const MAX_KEY_LENGTH = 512;
const KEY_FORBIDDEN = /[/\\#?\u0000-\u001F\u007F-\u009F]/;

/** The name stored in Azure: prefix + table, letters and digits only, 3 to 63 characters. */
export function tableName(prefix: string, table: string): string {
  const name = `${prefix}${table}`;
  if (!TABLE_NAME.test(name) || name.toLowerCase() === 'tables') {
    throw invalidValue(
      `table name "${name}" is not allowed: expected 3-63 letters and digits starting with a letter` +
        ' (and not "tables")',
    );
  }
  return name;
}

export function checkKey(key: RecordKey): void {
  checkKeyPart('partition', key.partition);
  checkKeyPart('row', key.row);
}

export function checkKeyPart(part: 'partition' | 'row', text: unknown): void {
  if (typeof text !== 'string' || text.length === 0) {
    throw invalidValue(`${part} key must be a non-empty string`);
  }
  toJsonValue(text, `${part} key`);
  if (text.length > MAX_KEY_LENGTH) {
    throw invalidValue(`${part} key is ${text.length} characters; at most ${MAX_KEY_LENGTH} fit`);
  }
  const bad = KEY_FORBIDDEN.exec(text);
  if (bad) {
    const code = bad[0].charCodeAt(0).toString(16).padStart(4, '0');
    throw invalidValue(
      `${part} key contains U+${code}; keys cannot hold / \\ # ? or control characters`,
    );
  }
}

export interface RowRange {
  /** Inclusive lower bound, if any. */
  from?: string;
  /** Exclusive upper bound, if any. */
  below?: string;
}

/**
 * The row-key interval a list covers. A prefix becomes [prefix, successor(prefix)), so the
 * service filters with two comparisons instead of a scan.
 */
export function rowRange(options: ListOptions = {}): RowRange {
  const { rowPrefix, rowFrom } = options;
  toJsonValue(rowPrefix ?? '', 'rowPrefix');
  toJsonValue(rowFrom ?? '', 'rowFrom');
  const range: RowRange = {};
  if (rowPrefix) {
    range.from = rowPrefix;
    range.below = successor(rowPrefix);
  }
  if (rowFrom !== undefined && (range.from === undefined || rowFrom > range.from))
    range.from = rowFrom;
  return range;
}

/** Smallest string greater than every string that starts with `prefix`; undefined if none. */
function successor(prefix: string): string | undefined {
  for (let end = prefix.length - 1; end >= 0; end -= 1) {
    const code = prefix.charCodeAt(end);
    if (code < 0xffff) return prefix.slice(0, end) + String.fromCharCode(code + 1);
  }
  return undefined;
}

export function inRange(row: string, range: RowRange): boolean {
  return (
    (range.from === undefined || row >= range.from) &&
    (range.below === undefined || row < range.below)
  );
}

/** Validated limit: a non-negative integer, or undefined for "all". */
export function checkLimit(limit: number | undefined): number | undefined {
  if (limit === undefined) return undefined;
  if (!Number.isInteger(limit) || limit < 0) {
    throw invalidValue(`list limit must be a non-negative integer, got ${limit}`);
  }
  return limit;
}

/** A table transaction holds 1 to 100 operations. */
export function checkBatch(size: number): void {
  if (!Number.isInteger(size) || size < 1 || size > 100) {
    throw invalidValue(`a batch holds 1 to 100 rows, got ${size}`);
  }
}

/** Validated `where`: a filterable field and string values the filter can carry. */
export function checkWhere(where: NonNullable<ListOptions['where']>): {
  field: FilterableField;
  anyOf: readonly string[];
} {
  if (!(FILTERABLE_FIELDS as readonly string[]).includes(where.field)) {
    throw invalidValue(`lists cannot filter on "${String(where.field)}"`);
  }
  for (const value of where.anyOf) {
    if (typeof value !== 'string' || value.length === 0 || value.length > 256) {
      throw invalidValue(`a list filter value must be a string of 1 to 256 characters`);
    }
  }
  return where;
}
