import type { Catalog } from './catalog';
import { tokens } from './tokens';
import type { CatalogEntry, MessageEntry } from './types';

/**
 * Finds the known error that a code-less paste describes in other words. Every known form of an
 * error is a "document": each phrase of each catalog message (in every language it lists), each
 * localised wording of its page (`forms`), each
 * statement of a code's documented meaning (`forms`) and each sentence of each code's explanation
 * in the catalog (documented error names are matched
 * as words in error-names.ts). A paste is cut into
 * windows of one to three sentences; a document scores by how much of its weight (inverse
 * document frequency of its words) one window covers. A person's own words around the message do
 * not dilute the score, and words scattered across a long post do not add up.
 */

/** How a document was written, which decides how much of it a paste must cover. */
export type FormKind = 'phrase' | 'documented' | 'localised' | 'description';

export interface SimilarMatch {
  /** The catalog message, or for a code's name or explanation a message made from that code. */
  message: MessageEntry;
  /** 0..1: the share of the document's weight the best window covers. */
  score: number;
  kind: FormKind;
  /** The known form that matched, as the catalog writes it. */
  form: string;
  /** The score clears the bar for this kind of form: the matcher may decide on it. */
  sure: boolean;
}

interface Doc {
  message: MessageEntry;
  short: boolean;
  kind: FormKind;
  /** The cover at which this form decides. */
  sureAt: number;
  form: string;
  terms: readonly string[];
  weight: number;
}

interface Index {
  docs: Doc[];
  postings: Map<string, number[]>;
  idf: Map<string, number>;
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
// A window must carry at least this much weight of a form: two or three telling words, so
// "account" or "sign in" alone never decides.
const MIN_MATCHED_WEIGHT = 5;
const MIN_FORM_TERMS = 3;
const MAX_WINDOW_SENTENCES = 3;
// A form of this few words is made of common words ("can't use that password"): its words must
// stand in one sentence, or words picked from neighbouring sentences would add up to it.
const SHORT_FORM_TERMS = 3;
// ...and stand close together: within this many words of each other.
const SHORT_FORM_SPAN = 8;

/** Every term occurs in the sentence within a stretch of SHORT_FORM_SPAN words. */
function closeTogether(terms: readonly string[], sentence: readonly string[]): boolean {
  const last = new Map<string, number>();
  for (let i = 0; i < sentence.length; i += 1) {
    const word = sentence[i];
    if (word === undefined || !terms.includes(word)) continue;
    last.set(word, i);
    if (last.size === terms.length && i - Math.min(...last.values()) < SHORT_FORM_SPAN) return true;
  }
  return false;
}
// A code-less message sits near the start of what people paste (a page, a dialog, a few log
// lines); past this many characters a paste is a log, and reading on adds time, not forms.
const MAX_SIMILAR_CHARS = 16 * 1024;

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

function sentences(text: string): string[] {
  return text.split(SENTENCE_END).filter((s) => s.trim().length > 0);
}

function uniqueTokens(text: string): string[] {
  return [...new Set(tokens(text.toLowerCase()))];
}

function buildIndex(catalog: Catalog): Index {
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
  const postings = new Map<string, number[]>();
  docs.forEach((doc, i) => {
    for (const term of doc.terms) {
      const list = postings.get(term);
      if (list === undefined) postings.set(term, [i]);
      else list.push(i);
    }
  });
  return { docs, postings, idf };
}

const indexes = new WeakMap<Catalog, Index>();

function indexFor(catalog: Catalog): Index {
  let index = indexes.get(catalog);
  if (index === undefined) {
    index = buildIndex(catalog);
    indexes.set(catalog, index);
  }
  return index;
}

interface Best {
  doc: Doc;
  score: number;
  matched: number;
}

// Sums of the same weights in another order may differ in the last bits.
const EPSILON = 1e-9;

function isSure(best: Best): boolean {
  return best.score >= best.doc.sureAt - EPSILON;
}

function better(a: Best | undefined, b: Best): boolean {
  if (a === undefined) return true;
  const aSure = isSure(a);
  const bSure = isSure(b);
  if (aSure !== bSure) return bSure;
  if (b.score !== a.score) return b.score > a.score;
  return b.matched > a.matched;
}

/**
 * The best-covered known form in a paste (lower-case or not; the text keeps its lines so that
 * sentences can be told apart), or undefined when no form is covered enough to mention. Pure;
 * the index over the catalog is built once per catalog.
 */
export function findSimilar(text: string, catalog: Catalog): SimilarMatch | undefined {
  const index = indexFor(catalog);
  const segments = sentences(text.slice(0, MAX_SIMILAR_CHARS).toLowerCase()).map((s) => tokens(s));
  // Weight each document has matched in the current window (all of it, and the first sentence's
  // part), with the documents touched in the order first touched, which is the order they are
  // considered in (it settles ties). Arrays indexed by document, cleared after each window.
  const matched = new Float64Array(index.docs.length);
  const narrow = new Float64Array(index.docs.length);
  const touched: number[] = [];
  const touchedNarrow: number[] = [];
  // Logs repeat the same lines; a window whose known words were already scored adds nothing.
  const scored = new Set<string>();
  let best: Best | undefined;
  const consider = (
    weights: Float64Array,
    docs: readonly number[],
    short: readonly string[] | undefined,
  ): void => {
    for (const i of docs) {
      const weight = weights[i] ?? 0;
      weights[i] = 0;
      const doc = index.docs[i];
      if (doc === undefined || doc.short !== (short !== undefined) || weight < MIN_MATCHED_WEIGHT)
        continue;
      const candidate = { doc, score: weight / doc.weight, matched: weight };
      if (short !== undefined && candidate.score >= 1 && !closeTogether(doc.terms, short)) continue;
      if (candidate.score >= WORTH_ASKING[doc.kind] && better(best, candidate)) best = candidate;
    }
  };
  for (let start = 0; start < segments.length; start += 1) {
    const known = new Set<string>();
    let first = 0;
    for (let size = 0; size < MAX_WINDOW_SENTENCES && start + size < segments.length; size += 1) {
      for (const term of segments[start + size] ?? []) {
        if (index.postings.has(term)) known.add(term);
      }
      if (size === 0) first = known.size;
    }
    const key = [...known].sort().join(' ');
    if (known.size < 2 || scored.has(key)) continue;
    scored.add(key);
    touched.length = 0;
    touchedNarrow.length = 0;
    // The first sentence's words come first in the set; only they may cover a short form.
    let n = 0;
    for (const term of known) {
      const weight = index.idf.get(term) ?? 0;
      const inFirst = n < first;
      n += 1;
      for (const i of index.postings.get(term) ?? []) {
        if (matched[i] === 0) touched.push(i);
        matched[i] = (matched[i] ?? 0) + weight;
        if (inFirst) {
          if (narrow[i] === 0) touchedNarrow.push(i);
          narrow[i] = (narrow[i] ?? 0) + weight;
        }
      }
    }
    // A wider window never covers less, so the widest one from each start is the one to score;
    // a short form is scored on the first sentence alone.
    consider(matched, touched, undefined);
    consider(narrow, touchedNarrow, segments[start] ?? []);
  }
  if (best === undefined) return undefined;
  return {
    message: best.doc.message,
    score: Math.min(1, best.score),
    kind: best.doc.kind,
    form: best.doc.form,
    sure: isSure(best),
  };
}
