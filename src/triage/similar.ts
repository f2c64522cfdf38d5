import type { Catalog } from './catalog';
import { indexFor, sentences, type Doc, type FormKind } from './similar-index';
import { tokens } from './tokens';
import type { MessageEntry } from './types';

export type { FormKind } from './similar-index';

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

// A window must carry at least this much weight of a form: two or three telling words, so
// "account" or "sign in" alone never decides.
const MIN_MATCHED_WEIGHT = 5;
const MAX_WINDOW_SENTENCES = 3;
// A short form's words (similar-index.ts) must stand close together: within this many words of
// each other.
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
const EMPTY = new Int32Array(0);

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
 * the index over the catalog is built once per catalog (similar-index.ts).
 */
export function findSimilar(text: string, catalog: Catalog): SimilarMatch | undefined {
  const index = indexFor(catalog);
  const { docs, termIds, idf, postings, short, weight: docWeight, worthAsking, seenIn } = index;
  const segments = sentences(text.slice(0, MAX_SIMILAR_CHARS).toLowerCase()).map((s) => tokens(s));
  // Each sentence's words that some form holds, by number, in order.
  const known = segments.map((words) => {
    const ids: number[] = [];
    for (const word of words) {
      const id = termIds.get(word);
      if (id !== undefined) ids.push(id);
    }
    return ids;
  });
  // Weight each document has matched in the current window (all of it, and the first sentence's
  // part), with the documents touched in the order first touched, which is the order they are
  // considered in (it settles ties). Arrays indexed by document, zeroed after each window; the
  // touched documents and the window's words go in the index's own room (counted here), so a
  // window allocates nothing but its key.
  const { matched, narrow, touched, touchedNarrow, windowTerms: terms, sortedTerms } = index;
  let touchedCount = 0;
  let narrowCount = 0;
  let termCount = 0;
  // Logs repeat the same lines; a window whose known words were already scored adds nothing.
  const scored = new Set<string>();
  let best: Best | undefined;
  const consider = (
    weights: Float64Array,
    touchedDocs: Int32Array,
    count: number,
    sentence: readonly string[] | undefined,
  ): void => {
    const shortOnly = sentence === undefined ? 0 : 1;
    for (let t = 0; t < count; t += 1) {
      const i = touchedDocs[t] ?? 0;
      const weight = weights[i] ?? 0;
      weights[i] = 0;
      if (short[i] !== shortOnly || weight < MIN_MATCHED_WEIGHT) continue;
      const score = weight / (docWeight[i] ?? 0);
      if (score < (worthAsking[i] ?? 0)) continue;
      const doc = docs[i];
      if (doc === undefined) continue;
      if (sentence !== undefined && score >= 1 && !closeTogether(doc.terms, sentence)) continue;
      const candidate = { doc, score, matched: weight };
      if (better(best, candidate)) best = candidate;
    }
  };
  for (let start = 0; start < segments.length; start += 1) {
    // The window's known words, each once, in order of first appearance (`seenIn` marks a word
    // counted in this window); the first sentence's come first.
    termCount = 0;
    let first = 0;
    for (let size = 0; size < MAX_WINDOW_SENTENCES && start + size < segments.length; size += 1) {
      for (const id of known[start + size] ?? []) {
        if (seenIn[id] === start + 1) continue;
        seenIn[id] = start + 1;
        terms[termCount] = id;
        termCount += 1;
      }
      if (size === 0) first = termCount;
    }
    if (termCount < 2) continue;
    // The window's words as one string, in number order: one character a word while they fit.
    for (let n = 0; n < termCount; n += 1) sortedTerms[n] = terms[n] ?? 0;
    const sorted = sortedTerms.subarray(0, termCount).sort();
    let key = '';
    if (termIds.size <= 0xffff) {
      for (let n = 0; n < termCount; n += 1) key += String.fromCharCode(sorted[n] ?? 0);
    } else key = sorted.join(' ');
    if (scored.has(key)) continue;
    scored.add(key);
    touchedCount = 0;
    narrowCount = 0;
    for (let n = 0; n < termCount; n += 1) {
      const id = terms[n] ?? 0;
      const weight = idf[id] ?? 0;
      const holding = postings[id] ?? EMPTY;
      const inFirst = n < first;
      for (let p = 0; p < holding.length; p += 1) {
        const i = holding[p] ?? 0;
        if (matched[i] === 0) {
          touched[touchedCount] = i;
          touchedCount += 1;
        }
        matched[i] = (matched[i] ?? 0) + weight;
        if (inFirst) {
          if (narrow[i] === 0) {
            touchedNarrow[narrowCount] = i;
            narrowCount += 1;
          }
          narrow[i] = (narrow[i] ?? 0) + weight;
        }
      }
    }
    // A wider window never covers less, so the widest one from each start is the one to score;
    // a short form is scored on the first sentence alone.
    consider(matched, touched, touchedCount, undefined);
    consider(narrow, touchedNarrow, narrowCount, segments[start] ?? []);
  }
  seenIn.fill(0);
  if (best === undefined) return undefined;
  return {
    message: best.doc.message,
    score: Math.min(1, best.score),
    kind: best.doc.kind,
    form: best.doc.form,
    sure: isSure(best),
  };
}
