import type { Catalog } from './catalog';

/**
 * Codes named by their documented error name instead of their number ("DeviceNotDomainJoined -
 * ...", "BlockedByConditionalAccess"). A name counts only as a whole word, in any case, and
 * only names of at least MIN_NAME_CHARS letters are looked up, so ordinary words never match.
 */
const MIN_NAME_CHARS = 8;
const IDENTIFIER = /(?<![A-Za-z0-9_])[A-Za-z][A-Za-z0-9]{7,80}(?![A-Za-z0-9_])/g;

const byName = new WeakMap<Pick<Catalog, 'entries'>, Map<string, number>>();

function namesOf(catalog: Pick<Catalog, 'entries'>): Map<string, number> {
  let names = byName.get(catalog);
  if (names === undefined) {
    names = new Map();
    for (const entry of catalog.entries) {
      // Names must be compound identifiers: two capitals at least, like the documented ones.
      if (entry.name.length >= MIN_NAME_CHARS && /[A-Z].*[A-Z]/.test(entry.name)) {
        names.set(entry.name.toLowerCase(), entry.code);
      }
    }
    byName.set(catalog, names);
  }
  return names;
}

/** Codes whose documented name occurs in the text, in order of appearance, without repeats. */
export function findNamedCodes(text: string, catalog: Pick<Catalog, 'entries'>): number[] {
  const names = namesOf(catalog);
  const found: number[] = [];
  // The identifiers as one array of strings, without a match object for each.
  for (const name of text.match(IDENTIFIER) ?? []) {
    const code = names.get(name.toLowerCase());
    if (code !== undefined && !found.includes(code)) found.push(code);
  }
  return found;
}
