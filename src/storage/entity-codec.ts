/**
 * Lays a record value out as a table entity: its JSON text in string columns `Json`, `Json1`,
 * `Json2`, ... of at most 32 000 UTF-16 units each (a string property holds 64 KiB). One JSON
 * document rather than a column per field, because table columns cannot hold null, nested values
 * or arbitrary names and turn large integers into Int64 wrappers; JSON round-trips all of them.
 *
 * Characters outside ASCII are written as JSON \u escapes, so the stored text is ASCII. Azurite's
 * table service decodes each network chunk of a request body as UTF-8 on its own, which corrupts
 * a character split between chunks of a body over about 64 KiB; ASCII cannot be split. JSON.parse
 * restores the characters exactly, and production runs the same code.
 *
 * The whole entity must stay under the service's 1 MiB. Its size is counted the way the service
 * documents it (4 bytes, keys at 2 bytes a character, per property 8 bytes + name + value) and
 * checked here, so an oversized record fails with `input-too-large` before any request.
 */
import { AppError } from '../errors';
import { FILTERABLE_FIELDS, type RecordKey, type RecordValue } from '../ports';
import { invalidValue, toJsonValue } from './json-value';

export const JSON_COLUMN = 'Json';
/** Prefix of the columns that copy a filterable field (see FILTERABLE_FIELDS in ports.ts). */
export const FILTER_COLUMN_PREFIX = 'Ix';
export const CHUNK_LENGTH = 32_000;
/** 1 MiB less a margin for system properties whose accounting the service does not publish. */
export const MAX_ENTITY_BYTES = 1024 * 1024 - 1024;

export interface EncodedRecord {
  /** The value a later read returns (see json-value.ts). */
  value: RecordValue;
  /** Columns to write besides PartitionKey and RowKey. */
  columns: Record<string, string>;
}

export function encodeRecord(key: RecordKey, value: RecordValue): EncodedRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidValue('a record value must be a plain object');
  }
  const normalized = toJsonValue(value) as RecordValue;
  const columns = chunkColumns(asciiJson(normalized));
  for (const field of FILTERABLE_FIELDS) {
    const text = normalized[field];
    if (typeof text === 'string' && text.length <= 256) {
      columns[filterColumn(field)] = text;
    }
  }
  const bytes = entityBytes(key, columns);
  if (bytes > MAX_ENTITY_BYTES) {
    throw new AppError(
      'input-too-large',
      `record ${key.partition}/${key.row} needs ${bytes} bytes; a table entity holds at most ${MAX_ENTITY_BYTES}`,
      { userMessage: 'This is too large to save. Please shorten it and try again.' },
    );
  }
  return { value: normalized, columns };
}

export function decodeRecord(entity: Record<string, unknown>): RecordValue {
  const first = entity[JSON_COLUMN];
  if (typeof first !== 'string') {
    throw new Error(`entity has no "${JSON_COLUMN}" column; it was not written by this store`);
  }
  let json = first;
  for (let i = 1; typeof entity[`${JSON_COLUMN}${i}`] === 'string'; i += 1) {
    json += entity[`${JSON_COLUMN}${i}`] as string;
  }
  return JSON.parse(json) as RecordValue;
}

/** The column that copies `field`, so a query can filter on it. */
export function filterColumn(field: string): string {
  return `${FILTER_COLUMN_PREFIX}${field[0].toUpperCase()}${field.slice(1)}`;
}

function asciiJson(value: RecordValue): string {
  return JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function chunkColumns(json: string): Record<string, string> {
  const columns: Record<string, string> = {};
  for (let i = 0; i === 0 || i * CHUNK_LENGTH < json.length; i += 1) {
    columns[i === 0 ? JSON_COLUMN : `${JSON_COLUMN}${i}`] = json.slice(
      i * CHUNK_LENGTH,
      (i + 1) * CHUNK_LENGTH,
    );
  }
  return columns;
}

function entityBytes(key: RecordKey, columns: Record<string, string>): number {
  let bytes = 4 + (key.partition.length + key.row.length) * 2;
  for (const [name, text] of Object.entries(columns))
    bytes += 8 + name.length * 2 + 4 + text.length * 2;
  return bytes;
}
