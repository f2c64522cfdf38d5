import type { ZodError } from 'zod';
import { catalogEntrySchema, messageEntrySchema } from './catalog-schema';
import codesBelow70000 from './catalog/codes-below-70000.json';
import codesFrom70000 from './catalog/codes-from-70000.json';
import messagesJson from './catalog/messages.json';
import { INTENTS, type CatalogEntry, type Intent, type MessageEntry } from './types';

/** Every known AADSTS code and code-less message, validated once. */
export interface Catalog {
  readonly entries: readonly CatalogEntry[];
  readonly messages: readonly MessageEntry[];
  byCode(code: number): CatalogEntry | undefined;
}

/** Bad catalog data. The message always names the entry ("catalog entry 53003: ..."). */
export class CatalogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogError';
  }
}

function describeIssues(error: ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ` : '') + issue.message)
    .join('; ');
}

/** Names an entry by its code (or id) when it has a usable one, else by its position. */
function entryLabel(kind: 'catalog' | 'message', raw: unknown, index: number): string {
  const key = kind === 'catalog' ? 'code' : 'id';
  if (typeof raw === 'object' && raw !== null && key in raw) {
    const value: unknown = (raw as Record<string, unknown>)[key];
    if (typeof value === 'number' || typeof value === 'string') return `${kind} entry ${value}`;
  }
  return `${kind} entry at position ${index}`;
}

// The schemas check intents against INTENTS as plain strings; these guards carry that fact over
// to the narrower TypeScript types without a cast.
function isIntent(value: string): value is Intent {
  return (INTENTS as readonly string[]).includes(value);
}

function parseCodeEntry(raw: unknown, index: number): CatalogEntry {
  const result = catalogEntrySchema.safeParse(raw);
  if (!result.success) {
    throw new CatalogError(`${entryLabel('catalog', raw, index)}: ${describeIssues(result.error)}`);
  }
  const { intent, ...rest } = result.data;
  if (!isIntent(intent) || intent === 'unrelated' || intent === 'question') {
    throw new CatalogError(`catalog entry ${rest.code}: intent: unexpected '${intent}'`);
  }
  return { ...rest, intent };
}

function parseMessageEntry(raw: unknown, index: number): MessageEntry {
  const result = messageEntrySchema.safeParse(raw);
  if (!result.success) {
    throw new CatalogError(`${entryLabel('message', raw, index)}: ${describeIssues(result.error)}`);
  }
  const { intent, ...rest } = result.data;
  if (
    !isIntent(intent) ||
    intent === 'unrelated' ||
    intent === 'other-known' ||
    intent === 'question'
  ) {
    throw new CatalogError(`message entry ${rest.id}: intent: unexpected '${intent}'`);
  }
  return { ...rest, intent };
}

function asList(raw: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(raw)) throw new CatalogError(`${what}: expected an array of entries`);
  return raw;
}

/**
 * Validates raw catalog data and indexes it. Throws CatalogError naming the first bad entry, a
 * repeated code or a repeated message id. Input order is kept: it is the order of `entries` and
 * `messages`, and message order is the precedence when several messages match.
 */
export function buildCatalog(codes: unknown, messages: unknown): Catalog {
  const entries = asList(codes, 'codes').map(parseCodeEntry);
  const byCode = new Map<number, CatalogEntry>();
  for (const entry of entries) {
    if (byCode.has(entry.code))
      throw new CatalogError(`catalog entry ${entry.code}: duplicate code`);
    byCode.set(entry.code, entry);
  }
  const messageEntries = asList(messages, 'messages').map(parseMessageEntry);
  const ids = new Set<string>();
  for (const message of messageEntries) {
    if (ids.has(message.id)) throw new CatalogError(`message entry ${message.id}: duplicate id`);
    ids.add(message.id);
  }
  return {
    entries: Object.freeze(entries),
    messages: Object.freeze(messageEntries),
    byCode: (code) => byCode.get(code),
  };
}

let loaded: Catalog | undefined;

/** The shipped catalog, validated on first use and shared afterwards. */
export function loadCatalog(): Catalog {
  loaded ??= buildCatalog(
    [
      ...asList(codesBelow70000, 'codes-below-70000.json'),
      ...asList(codesFrom70000, 'codes-from-70000.json'),
    ],
    messagesJson,
  );
  return loaded;
}
