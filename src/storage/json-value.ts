/**
 * What storage keeps is JSON. `toJsonValue` returns the exact value a later read will give back,
 * and refuses, naming the path, anything JSON would change without a word: NaN and infinities,
 * bigint, functions, symbols, undefined inside arrays, class instances (Map, Set, ...), invalid
 * dates, cycles and lone UTF-16 surrogates. Dates become ISO strings, -0 becomes 0 and
 * properties whose value is undefined are left out, exactly as JSON.stringify does. The in-memory
 * fakes use the same function, so fakes and adapters agree on what round-trips.
 */
import { AppError } from '../errors';

export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function invalidValue(message: string): AppError {
  return new AppError('input-invalid', message, {
    userMessage: 'This could not be saved because part of it is in a form the bot cannot keep.',
  });
}

export function toJsonValue(value: unknown, path = 'value'): JsonValue {
  return normalize(value, path, new Set());
}

function normalize(value: unknown, path: string, ancestors: Set<object>): JsonValue {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'string') return checkString(value, path);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalidValue(`${path} is ${value}, which JSON cannot hold`);
    return value === 0 ? 0 : value;
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw invalidValue(`${path} is an invalid Date`);
    return value.toISOString();
  }
  if (typeof value !== 'object') throw invalidValue(`${path} is a ${typeof value}, not JSON`);
  if (ancestors.has(value)) throw invalidValue(`${path} refers back to itself (a cycle)`);
  ancestors.add(value);
  try {
    return Array.isArray(value)
      ? normalizeArray(value, path, ancestors)
      : normalizeObject(value, path, ancestors);
  } finally {
    ancestors.delete(value);
  }
}

function normalizeArray(items: unknown[], path: string, ancestors: Set<object>): JsonValue[] {
  const out: JsonValue[] = [];
  for (let i = 0; i < items.length; i += 1) {
    const item: unknown = items[i];
    if (item === undefined)
      throw invalidValue(`${path}[${i}] is undefined (JSON would store null)`);
    out.push(normalize(item, `${path}[${i}]`, ancestors));
  }
  return out;
}

function normalizeObject(
  source: object,
  path: string,
  ancestors: Set<object>,
): { [key: string]: JsonValue } {
  const proto: unknown = Object.getPrototypeOf(source);
  if (proto !== Object.prototype && proto !== null) {
    const kind = (source as { constructor?: { name?: string } }).constructor?.name ?? 'object';
    throw invalidValue(`${path} is a ${kind}, not a plain object`);
  }
  if (Object.getOwnPropertySymbols(source).length > 0) {
    throw invalidValue(`${path} has symbol keys, which JSON cannot hold`);
  }
  const out: { [key: string]: JsonValue } = {};
  for (const [key, item] of Object.entries(source)) {
    if (item === undefined) continue;
    checkString(key, `${path} key`);
    // defineProperty, so a key named "__proto__" stays data, as JSON.parse keeps it.
    Object.defineProperty(out, key, {
      value: normalize(item, `${path}.${key}`, ancestors),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function checkString(value: string, path: string): string {
  if (LONE_SURROGATE.test(value)) throw invalidValue(`${path} contains a lone UTF-16 surrogate`);
  return value;
}
