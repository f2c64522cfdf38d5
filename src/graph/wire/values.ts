/**
 * Graph JSON → DirectoryReader records. Graph omits properties it has no value for and sometimes
 * sends null where the docs say string, so every field is read defensively: a missing string is
 * null (or '' where the record says string), a missing list is empty. Nothing here throws on an
 * unexpected shape; a record with holes is better evidence than no record.
 */

export type Json = Record<string, unknown>;

/**
 * A Graph resource as received: the property names are Graph's own (from
 * @microsoft/microsoft-graph-types, so a misspelt name fails the type check), and every value is
 * unknown until read, because Graph may leave it out or send null.
 */
export type Wire<T> = { [K in keyof T]?: unknown };

/** Key of a resource as Graph names it; `Json` keeps untyped bodies open. */
export type Key<T> = keyof T & string;

export function obj<T = Json>(value: unknown): Wire<T> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Wire<T>)
    : {};
}

export function str<T>(o: Wire<T>, key: Key<T>): string | null {
  const v = o[key];
  return typeof v === 'string' ? v : null;
}

export function text<T>(o: Wire<T>, key: Key<T>): string {
  return str(o, key) ?? '';
}

export function bool<T>(o: Wire<T>, key: Key<T>): boolean | null {
  const v = o[key];
  return typeof v === 'boolean' ? v : null;
}

export function num<T>(o: Wire<T>, key: Key<T>, fallback: number): number {
  const v = o[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function strings(value: unknown): string[] {
  return list(value).filter((v): v is string => typeof v === 'string');
}

export function values(body: unknown): unknown[] {
  return list(obj(body).value);
}

export function nextLink(body: unknown): string | undefined {
  return str(obj(body), '@odata.nextLink') ?? undefined;
}

export function stringList(body: unknown): string[] {
  return strings(obj(body).value);
}
