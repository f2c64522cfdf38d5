import type { Catalog } from './catalog';
import { indexFor, MIN_MATCHED_WEIGHT, sentences, type Doc } from './similar-index';
import type { FormKind, Lists, SimilarIndex } from './similar-index';
import { tokenIds, tokens } from './tokens';
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

/**
 * Adds each document of key `k`'s list not yet taken to `into` after its first `count`, marking
 * it taken; returns the new count (a document is taken once a window, so `into` needs room for
 * every document).
 */
function collect(
  lists: Lists,
  k: number,
  into: Int32Array,
  count: number,
  taken: Uint8Array,
): number {
  const { at, items } = lists;
  let n = count;
  for (let p = at[k] ?? 0, end = at[k + 1] ?? 0; p < end; p += 1) {
    const i = items[p] ?? 0;
    if (taken[i] === 1) continue;
    taken[i] = 1;
    into[n] = i;
    n += 1;
  }
  return n;
}

interface Passing {
  i: number;
  first: number;
  doc: Doc;
  score: number;
  weight: number;
}
// The documents a window reaches, long and short forms, reused (sized to the largest index).
let longScratch = new Int32Array(0);
let narrowScratch = new Int32Array(0);

// No document passed (most windows): nothing allocated.
const NONE: Passing[] = [];

// Places of one document's words in the window, reused (a typed array with its own count: an
// array emptied by `length = 0` gives up its storage and grows it again on the next push).
let places = new Int32Array(64);

// The place in the window of the document's first word that windowWeight last found.
let firstPlace = 0;

/**
 * The weight of the document's words among the window's first `upTo` words (those marked with
 * `stamp` in `seenIn`), added in their order in the window, as a walk of the window's words adds
 * them; the place of the first of them is left in `firstPlace`.
 */
function windowWeight(index: SimilarIndex, doc: number, stamp: number, upTo: number): number {
  const { seenIn, placeIn, idf, termsAt } = index;
  const { at, items } = index.docTerms;
  let count = 0;
  for (let p = at[doc] ?? 0, end = at[doc + 1] ?? 0; p < end; p += 1) {
    const id = items[p] ?? 0;
    if (seenIn[id] !== stamp) continue;
    const at = placeIn[id] ?? 0;
    if (at >= upTo) continue;
    if (count === places.length) {
      const wider = new Int32Array(2 * places.length);
      wider.set(places);
      places = wider;
    }
    places[count] = at;
    count += 1;
  }
  // Ascending, by insertion: a few places, all different.
  for (let p = 1; p < count; p += 1) {
    const place = places[p] ?? 0;
    let q = p - 1;
    for (; q >= 0 && (places[q] ?? 0) > place; q -= 1) places[q + 1] = places[q] ?? 0;
    places[q + 1] = place;
  }
  let weight = 0;
  for (let p = 0; p < count; p += 1) weight += idf[termsAt[places[p] ?? 0] ?? 0] ?? 0;
  firstPlace = count > 0 ? (places[0] ?? 0) : 0;
  return weight;
}

/**
 * Whether a window with the same words as this one (`terms`, each marked with `stamp` in `seenIn`)
 * was scored before; if not, it is noted in `scored`, by a sum of its words' hashes (the same in
 * any order), each noted window then compared word by word.
 */
function scoredBefore(
  scored: Map<number, Int32Array[]>,
  terms: Int32Array,
  count: number,
  seenIn: Int32Array,
  stamp: number,
): boolean {
  let hash = count;
  for (let n = 0; n < count; n += 1)
    hash = (hash + Math.imul(((terms[n] ?? 0) ^ 0x5bd1e995) >>> 0, 0x9e3779b1)) | 0;
  const same = scored.get(hash);
  if (same !== undefined) {
    for (const window of same) {
      if (window.length === count && window.every((id) => seenIn[id] === stamp)) return true;
    }
    same.push(terms.slice(0, count));
  } else scored.set(hash, [terms.slice(0, count)]);
  return false;
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
 * the index over the catalog is built once per catalog (similar-index.ts).
 */
export function findSimilar(text: string, catalog: Catalog): SimilarMatch | undefined {
  const index = indexFor(catalog);
  const { docs, termIds, weight: docWeight, worthAsking, seenIn, placeIn, candidate } = index;
  const { signatureLong, signatureShort, termsAt } = index;
  const segments = sentences(text.slice(0, MAX_SIMILAR_CHARS).toLowerCase());
  // Each sentence's words that some form holds, by number, in order.
  const known = segments.map((segment) => tokenIds(segment, termIds, index.wordIds));
  // Only documents one of whose telling words the window holds can match (similar-index.ts);
  // each one's matched weight is added in the order of the window's words, as a walk of the
  // window's words adding to every document it reaches would add it, and the documents are
  // considered in the order that walk would first reach them (it settles ties).
  // The documents reached through the window's telling words, reused from window to window.
  if (longScratch.length < docs.length) {
    longScratch = new Int32Array(docs.length);
    narrowScratch = new Int32Array(docs.length);
  }
  const long = longScratch;
  const narrow = narrowScratch;
  // Logs repeat the same lines; a window whose known words were already scored adds nothing.
  const scored = new Map<number, Int32Array[]>();
  let best: Best | undefined;
  const consider = (
    candidates: Int32Array,
    count: number,
    stamp: number,
    upTo: number,
    sentence: string | undefined,
  ): void => {
    let passing: Passing[] = NONE;
    for (let c = 0; c < count; c += 1) {
      const i = candidates[c] ?? 0;
      candidate[i] = 0;
      const weight = windowWeight(index, i, stamp, upTo);
      if (weight < MIN_MATCHED_WEIGHT) continue;
      const score = weight / (docWeight[i] ?? 0);
      if (score < (worthAsking[i] ?? 0)) continue;
      const doc = docs[i];
      if (doc === undefined) continue;
      if (sentence !== undefined && score >= 1 && !closeTogether(doc.terms, tokens(sentence)))
        continue;
      if (passing === NONE) passing = [];
      passing.push({ i, first: firstPlace, doc, score, weight });
    }
    // The walk reaches documents by the window's words in order, each word's in number order.
    if (passing.length > 1) passing.sort((x, y) => x.first - y.first || x.i - y.i);
    for (const { doc, score, weight } of passing) {
      const next = { doc, score, matched: weight };
      if (better(best, next)) best = next;
    }
  };
  for (let start = 0; start < segments.length; start += 1) {
    // The window's known words, each once, in order of first appearance (`seenIn` marks a word
    // counted in this window, `placeIn` its place); the first sentence's come first.
    // (`termsAt` holds them in that order, `count` of them.)
    let count = 0;
    let first = 0;
    for (let size = 0; size < MAX_WINDOW_SENTENCES && start + size < segments.length; size += 1) {
      for (const id of known[start + size] ?? []) {
        if (seenIn[id] === start + 1) continue;
        seenIn[id] = start + 1;
        placeIn[id] = count;
        termsAt[count] = id;
        count += 1;
      }
      if (size === 0) first = count;
    }
    if (count < 2) continue;
    if (scoredBefore(scored, termsAt, count, seenIn, start + 1)) continue;
    let longCount = 0;
    let narrowCount = 0;
    for (let n = 0; n < count; n += 1) {
      const id = termsAt[n] ?? 0;
      longCount = collect(signatureLong, id, long, longCount, candidate);
      if (n < first) narrowCount = collect(signatureShort, id, narrow, narrowCount, candidate);
    }
    // A wider window never covers less, so the widest one from each start is the one to score;
    // a short form is scored on the first sentence alone.
    consider(long, longCount, start + 1, count, undefined);
    consider(narrow, narrowCount, start + 1, first, segments[start] ?? '');
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
