import type { Catalog } from './catalog';
import { tokens } from './tokens';
import type { CatalogEntry, MessageEntry } from './types';

/**
 * The documents the similarity matcher (similar.ts) scores a paste against, built once per
 * catalog: every known form of an error with its words and their weights, and for each word the
 * documents that hold it. Words are numbered, and what the matcher reads for every document it
 * touches (short or not, weight, the cover worth mentioning) is kept in arrays by document.
 */

/** How a document was written, which decides how much of it a paste must cover. */
export type FormKind = 'phrase' | 'documented' | 'localised' | 'description';

export interface Doc {
  message: MessageEntry;
  short: boolean;
  kind: FormKind;
  /** The cover at which this form decides. */
  sureAt: number;
  form: string;
  terms: readonly string[];
  weight: number;
}

/**
 * Lists of numbers, one per key, in one array (so that reading them touches few places in
 * memory): key k's list is items[at[k]] to items[at[k + 1] - 1].
 */
export interface Lists {
  at: Int32Array;
  items: Int32Array;
}

function listsOf(lists: readonly (readonly number[])[]): Lists {
  const at = new Int32Array(lists.length + 1);
  lists.forEach((list, k) => (at[k + 1] = (at[k] ?? 0) + list.length));
  return { at, items: Int32Array.from(lists.flat()) };
}

export interface SimilarIndex {
  docs: Doc[];
  /** Each word of any document and its number. */
  termIds: Map<string, number>;
  /** By word number: its weight (inverse document frequency). */
  idf: Float64Array;
  /** By document: its weight and the share it must be covered to mention. */
  weight: Float64Array;
  worthAsking: Float64Array;
  /** The window in which a word was last counted, by word number (similar.ts). */
  seenIn: Int32Array;
  /** By word number: where in the current window the word stands (valid where `seenIn` says). */
  placeIn: Int32Array;
  /** The current window's words by place (similar.ts); as long as the number of words. */
  termsAt: Int32Array;
  /** By document: its words' numbers. */
  docTerms: Lists;
  /**
   * By word number: the long (`signatureLong`) and short documents for which the word is one of
   * their telling words: those without which the rest of the document's words weigh too little
   * to reach what a match needs (`signatures`). A window that holds none of a document's telling
   * words cannot match it, so only documents reached through these lists are scored.
   */
  signatureLong: Lists;
  signatureShort: Lists;
  /** Each word of a text read before and its word number, or -1 (tokens.ts `tokenIds`). */
  wordIds: Map<string, number>;
  /** Marks a document already taken as a candidate in the current window (similar.ts). */
  candidate: Uint8Array;
}

/** A window must carry at least this much weight of a form (similar.ts). */
export const MIN_MATCHED_WEIGHT = 5;
// Kept below what a match needs by this much, so that sums added in another order never matter.
const SIGNATURE_MARGIN = 1e-6;

// The share of a form a window must cover to decide (`sure`) and to be worth mentioning.
// Phrases and documented forms are short and were written to be matched; explanations are long
// and written for people, so they need more cover.
const SURE: Readonly<Record<FormKind, number>> = {
  phrase: 0.8,
  documented: 0.8,
  localised: 0.8,
  description: 0.9,
};
const WORTH_ASKING: Readonly<Record<FormKind, number>> = {
  phrase: 0.6,
  documented: 0.6,
  localised: 0.6,
  description: 0.7,
};
// A localised sentence this short ("su organización necesita más información") decides only when
// every word is there: with words cut to their stems, three of its four also make "necesito más
// información sobre el menú".
const FEW_LOCALISED_TERMS = 4;
const MIN_FORM_TERMS = 3;
// A form of this few words is made of common words ("can't use that password"): its words must
// stand in one sentence, or words picked from neighbouring sentences would add up to it.
const SHORT_FORM_TERMS = 3;

const SENTENCE_END = /[.!?;\n。！？]+|\s-\s|\s\|\s/;

/** A message built from a code's catalog entry, so that a description match explains like one. */
function fromEntry(entry: CatalogEntry): MessageEntry | undefined {
  if (entry.intent === 'other-known') return undefined;
  return {
    id: `code-${entry.code}`,
    intent: entry.intent,
    phrases: [entry.name.toLowerCase()],
    userText: entry.userText,
    helpdeskText: entry.helpdeskText,
    nextSteps: entry.nextSteps,
    diagnosis: entry.diagnosis,
    relatedCode: entry.code,
  };
}

/** "BlockedByConditionalAccess" -> "blocked by conditional access". */
export function nameWords(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase();
}

export function sentences(text: string): string[] {
  return text.split(SENTENCE_END).filter((s) => s.trim().length > 0);
}

function uniqueTokens(text: string): string[] {
  return [...new Set(tokens(text.toLowerCase()))];
}

function buildIndex(catalog: Catalog): SimilarIndex {
  const forms: Array<{ message: MessageEntry; kind: FormKind; form: string; terms: string[] }> = [];
  for (const message of catalog.messages) {
    // A message named by its number is matched as written only: numbers are no words here.
    if (message.exactOnly === true) continue;
    for (const phrase of message.phrases) {
      forms.push({ message, kind: 'phrase', form: phrase, terms: uniqueTokens(phrase) });
    }
    // The same page in other languages, as written there: each sentence on its own, since a
    // paste often quotes only the page's title or its first line.
    for (const form of (message.forms ?? []).flatMap(sentences)) {
      forms.push({ message, kind: 'localised', form, terms: uniqueTokens(form) });
    }
  }
  for (const entry of catalog.entries) {
    const message = fromEntry(entry);
    if (message === undefined) continue;
    // The documented name in words ("blocked by conditional access"), and its meaning.
    for (const form of [nameWords(entry.name), ...(entry.forms ?? [])]) {
      forms.push({ message, kind: 'documented', form, terms: uniqueTokens(form) });
    }
    for (const sentence of [...sentences(entry.userText), ...sentences(entry.helpdeskText)]) {
      forms.push({ message, kind: 'description', form: sentence, terms: uniqueTokens(sentence) });
    }
  }
  // Two words ("account blocked", "not hear") occur in too many unrelated texts; forms that
  // short are left to the exact phrase match.
  const usable = forms.filter((form) => form.terms.length >= MIN_FORM_TERMS);
  const df = new Map<string, number>();
  for (const form of usable) for (const term of form.terms) df.set(term, (df.get(term) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [term, count] of df) idf.set(term, Math.log(1 + usable.length / count));
  const docs: Doc[] = usable.map((form) => ({
    ...form,
    short: form.terms.length <= SHORT_FORM_TERMS,
    sureAt:
      form.kind === 'localised' && form.terms.length <= FEW_LOCALISED_TERMS ? 1 : SURE[form.kind],
    weight: form.terms.reduce((sum, term) => sum + (idf.get(term) ?? 0), 0),
  }));
  const termIds = new Map<string, number>();
  for (const term of idf.keys()) termIds.set(term, termIds.size);
  const idfs = Float64Array.from(idf.values());
  const docTerms = docs.map((doc) => doc.terms.map((t) => termIds.get(t) ?? 0));
  const { long, short } = signatures(docs, docTerms, idfs, termIds.size);
  return {
    docs,
    termIds,
    idf: idfs,
    weight: Float64Array.from(docs, (doc) => doc.weight),
    worthAsking: Float64Array.from(docs, (doc) => WORTH_ASKING[doc.kind]),
    seenIn: new Int32Array(termIds.size),
    placeIn: new Int32Array(termIds.size),
    termsAt: new Int32Array(termIds.size),
    docTerms: listsOf(docTerms),
    signatureLong: listsOf(long),
    signatureShort: listsOf(short),
    wordIds: new Map(),
    candidate: new Uint8Array(docs.length),
  };
}

/**
 * Each document's telling words, listed by word: a document's words are taken from the lightest
 * while their weights add up to less than the least a match needs (at least MIN_MATCHED_WEIGHT,
 * and the share worth mentioning of the document's weight), less a margin; the heavier rest are
 * its telling words. Any window that covers enough of the document holds one of them.
 */
function signatures(
  docs: readonly Doc[],
  docTerms: readonly (readonly number[])[],
  idf: Float64Array,
  terms: number,
): { long: number[][]; short: number[][] } {
  const long: number[][] = Array.from({ length: terms }, () => []);
  const short: number[][] = Array.from({ length: terms }, () => []);
  docs.forEach((doc, i) => {
    const need = Math.max(MIN_MATCHED_WEIGHT, WORTH_ASKING[doc.kind] * doc.weight);
    const lightest = [...(docTerms[i] ?? [])].sort((a, b) => (idf[a] ?? 0) - (idf[b] ?? 0));
    let rest = 0;
    let k = 0;
    for (; k < lightest.length; k += 1) {
      const w = idf[lightest[k] ?? 0] ?? 0;
      if (rest + w >= need - SIGNATURE_MARGIN) break;
      rest += w;
    }
    const lists = doc.short ? short : long;
    for (; k < lightest.length; k += 1) lists[lightest[k] ?? 0]?.push(i);
  });
  return { long, short };
}

const indexes = new WeakMap<Catalog, SimilarIndex>();

/** The index over a catalog, built on first use. */
export function indexFor(catalog: Catalog): SimilarIndex {
  let index = indexes.get(catalog);
  if (index === undefined) {
    index = buildIndex(catalog);
    indexes.set(catalog, index);
  }
  return index;
}
