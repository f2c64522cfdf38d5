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

export interface SimilarIndex {
  docs: Doc[];
  /** Each word of any document and its number. */
  termIds: Map<string, number>;
  /** By word number: its weight (inverse document frequency) and the documents holding it. */
  idf: Float64Array;
  postings: Int32Array[];
  /** By document: short (1) or not, its weight and the share it must be covered to mention. */
  short: Uint8Array;
  weight: Float64Array;
  worthAsking: Float64Array;
  /** Weight matched per document in a window, kept zeroed between uses (similar.ts). */
  matched: Float64Array;
  narrow: Float64Array;
  /** The window in which a word was last counted, by word number (similar.ts). */
  seenIn: Int32Array;
  /**
   * Room for a window's touched documents and its words (similar.ts): each is there at most
   * once a window, so these sizes always suffice, and a paste allocates none of them.
   */
  touched: Int32Array;
  touchedNarrow: Int32Array;
  windowTerms: Int32Array;
  sortedTerms: Int32Array;
}

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
  const lists: number[][] = Array.from(termIds, () => []);
  docs.forEach((doc, i) => {
    for (const term of doc.terms) lists[termIds.get(term) ?? 0]?.push(i);
  });
  return {
    docs,
    termIds,
    idf: Float64Array.from(idf.values()),
    postings: lists.map((list) => Int32Array.from(list)),
    short: Uint8Array.from(docs, (doc) => (doc.short ? 1 : 0)),
    weight: Float64Array.from(docs, (doc) => doc.weight),
    worthAsking: Float64Array.from(docs, (doc) => WORTH_ASKING[doc.kind]),
    matched: new Float64Array(docs.length),
    narrow: new Float64Array(docs.length),
    seenIn: new Int32Array(termIds.size),
    touched: new Int32Array(docs.length),
    touchedNarrow: new Int32Array(docs.length),
    windowTerms: new Int32Array(termIds.size),
    sortedTerms: new Int32Array(termIds.size),
  };
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
