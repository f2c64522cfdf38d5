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
  return normalize(value, { root: path, keys: [], objects: [] });
}

/**
 * Where the walk is: the keys from the root and the objects on the way (for cycles). The path
 * is spelt out only for an error message, so a value that is fine costs no path strings.
 */
interface Walk {
  root: string;
  keys: (string | number)[];
  objects: object[];
}

function pathOf(walk: Walk, more = ''): string {
  let path = walk.root;
  for (const key of walk.keys) path += typeof key === 'number' ? `[${key}]` : `.${key}`;
  return path + more;
}

function normalize(value: unknown, walk: Walk): JsonValue {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'string') return checkString(value, walk);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw invalidValue(`${pathOf(walk)} is ${value}, which JSON cannot hold`);
    }
    return value === 0 ? 0 : value;
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw invalidValue(`${pathOf(walk)} is an invalid Date`);
    return value.toISOString();
  }
  if (typeof value !== 'object') {
    throw invalidValue(`${pathOf(walk)} is a ${typeof value}, not JSON`);
  }
  if (walk.objects.includes(value)) {
    throw invalidValue(`${pathOf(walk)} refers back to itself (a cycle)`);
  }
  walk.objects.push(value);
  try {
    return Array.isArray(value) ? normalizeArray(value, walk) : normalizeObject(value, walk);
  } finally {
    walk.objects.pop();
  }
}

function normalizeArray(items: unknown[], walk: Walk): JsonValue[] {
  const out: JsonValue[] = [];
  for (let i = 0; i < items.length; i += 1) {
    const item: unknown = items[i];
    if (item === undefined) {
      throw invalidValue(`${pathOf(walk, `[${i}]`)} is undefined (JSON would store null)`);
    }
    walk.keys.push(i);
    out.push(normalize(item, walk));
    walk.keys.pop();
  }
  return out;
}

function normalizeObject(source: object, walk: Walk): { [key: string]: JsonValue } {
  const proto: unknown = Object.getPrototypeOf(source);
  if (proto !== Object.prototype && proto !== null) {
    const kind = (source as { constructor?: { name?: string } }).constructor?.name ?? 'object';
    throw invalidValue(`${pathOf(walk)} is a ${kind}, not a plain object`);
  }
  if (Object.getOwnPropertySymbols(source).length > 0) {
    throw invalidValue(`${pathOf(walk)} has symbol keys, which JSON cannot hold`);
  }
  const out: { [key: string]: JsonValue } = {};
  for (const [key, item] of Object.entries(source)) {
    if (item === undefined) continue;
    checkString(key, walk, ' key');
    walk.keys.push(key);
    const value = normalize(item, walk);
    walk.keys.pop();
    if (key === '__proto__') {
      // defineProperty, so a key named "__proto__" stays data, as JSON.parse keeps it.
      Object.defineProperty(out, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      out[key] = value;
    }
  }
  return out;
}

function checkString(value: string, walk: Walk, what = ''): string {
  if (LONE_SURROGATE.test(value)) {
    throw invalidValue(`${pathOf(walk, what)} contains a lone UTF-16 surrogate`);
  }
  return value;
}
