/**
 * The features the learned fallback (model.ts) reads from a paste: hashed character n-grams of
 * three to five characters and hashed word unigrams and bigrams of the normalised text, weighted
 * by log(1 + count) and scaled to unit length. Shared by the training script and the scorer, so
 * both see one and the same representation. Pure and deterministic.
 */

import { normalize } from './normalize';

/** How much of the flattened paste is read: the start of it, where the message nearly always is. */
export const MODEL_WINDOW_CHARS = 3000;
// Only this much of the raw paste is normalised: enough for the window after escapes are undone.
const RAW_CHARS = 4 * MODEL_WINDOW_CHARS;

/** A text's features: distinct bucket numbers and their weights, in first-seen order. */
export interface ModelFeatures {
  buckets: number[];
  values: number[];
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
// Each kind of feature hashes from its own seed, so a word and a character run never share a
// bucket by construction (they may still collide by chance, like any two features).
const SEED_CHARS = 0x9e3779b9;
const SEED_WORD = 0x85ebca6b;
const SEED_BIGRAM = 0xc2b2ae35;
const MIN_GRAM = 3;
const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu;
const NO_WORDS: readonly string[] = [];

function mix(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME) >>> 0;
}

/**
 * The text the features are taken from: the start of the paste, normalised and flattened
 * (normalize.ts), cut to the window, with every digit read as 0 so that ids, times and numbers
 * count as their shape rather than their value. Bounded work whatever the paste's length.
 */
export function modelText(paste: string): string {
  return modelTextOfFlat(normalize(paste, RAW_CHARS).flat);
}

/**
 * `modelText` from a paste already normalised (its `flat`). The same text when the paste is at
 * most RAW_CHARS long (normalising reads it whole either way); otherwise use `modelText`.
 */
export function modelTextOfFlat(flat: string): string {
  return flat.slice(0, MODEL_WINDOW_CHARS).replace(/[0-9]/g, '0');
}

/** Whether `modelTextOfFlat(normalize(paste).flat)` is `modelText(paste)`. */
export const flatServesModel = (paste: string): boolean => paste.length <= RAW_CHARS;

/**
 * Where features are counted, kept per size and reused: a count per bucket in one byte (left
 * zeroed again), with the counts past 254 in `over`, the buckets in first-seen order and their
 * weights. A byte a bucket keeps the table a quarter of the size of 32-bit counts: a paste
 * touches a thousand buckets scattered over it, and inside a busy process those reads come from
 * a cold cache. A window of n characters gives at most 3n character runs and n + 1 words and
 * bigrams, so `capacity` always suffices.
 */
interface Scratch {
  counts: Uint8Array;
  over: Map<number, number>;
  buckets: Int32Array;
  values: Float64Array;
}
const SCRATCH = new Map<number, Scratch>();
const MAX_FEATURES = 4 * (MODEL_WINDOW_CHARS + 2) + 1;
/** A byte count at this value means "this or more": the exact count is in `over`. */
const SATURATED = 255;

function scratchFor(bits: number): Scratch {
  let scratch = SCRATCH.get(bits);
  if (scratch === undefined) {
    const capacity = Math.min(1 << bits, MAX_FEATURES);
    scratch = {
      counts: new Uint8Array(1 << bits),
      over: new Map(),
      buckets: new Int32Array(capacity),
      values: new Float64Array(capacity),
    };
    SCRATCH.set(bits, scratch);
  }
  return scratch;
}

/** Counts one more of `bucket`; `count` buckets were seen before; returns how many are now. */
function counted(scratch: Scratch, bucket: number, count: number): number {
  const n = scratch.counts[bucket] ?? 0;
  if (n === SATURATED) scratch.over.set(bucket, (scratch.over.get(bucket) ?? SATURATED) + 1);
  else scratch.counts[bucket] = n + 1;
  if (n !== 0) return count;
  scratch.buckets[count] = bucket;
  return count + 1;
}

// log(1 + count) for the small counts nearly every feature has, computed once by the same function.
const LOG1P = Float64Array.from({ length: 64 }, (_, count) => Math.log1p(count));

/**
 * The features of a model text (`modelText`, at most MODEL_WINDOW_CHARS long) over 2^bits
 * buckets, written into the reused scratch of that size: `buckets` and `values` hold `count`
 * entries, valid until the next call.
 */
export function featuresOf(
  modelTextValue: string,
  bits: number,
): { count: number; buckets: Int32Array; values: Float64Array } {
  if (modelTextValue.length > MODEL_WINDOW_CHARS)
    throw new RangeError('featuresOf reads a model text (modelText), which is window-sized');
  const mask = (1 << bits) - 1;
  const text = ` ${modelTextValue} `;
  const scratch = scratchFor(bits);
  const { counts, over, buckets, values } = scratch;
  // Counts in a reused array indexed by bucket, and the buckets in first-seen order: the same
  // result as a map, without a map's cost for each of the thousands of n-grams.
  let count = 0;
  const length = text.length;
  // The runs of three, four and five characters from each start, in that order, each hashed
  // from the same seed over its characters and then its length. The first two characters of a
  // start are the last two read for the one before it.
  const seed = (FNV_OFFSET ^ SEED_CHARS) >>> 0;
  let first = text.charCodeAt(0);
  let second = text.charCodeAt(1);
  for (let start = 0; start + MIN_GRAM <= length; start += 1) {
    const third = text.charCodeAt(start + 2);
    let hash = mix(mix(mix(seed, first), second), third);
    first = second;
    second = third;
    count = counted(scratch, mix(hash, 3) & mask, count);
    if (start + 4 > length) continue;
    hash = mix(hash, text.charCodeAt(start + 3));
    count = counted(scratch, mix(hash, 4) & mask, count);
    if (start + 5 > length) continue;
    hash = mix(hash, text.charCodeAt(start + 4));
    count = counted(scratch, mix(hash, 5) & mask, count);
  }
  // Each word, and each pair of neighbouring words hashed as "previous word", space, "word": the
  // pair's hash over the previous word is kept from that word's turn, not worked out again.
  // The words as one array of strings: a match object for each word would cost more.
  let pairOfPrevious = -1;
  for (const current of text.match(WORD) ?? NO_WORDS) {
    let word = (FNV_OFFSET ^ SEED_WORD) >>> 0;
    let pairStart = (FNV_OFFSET ^ SEED_BIGRAM) >>> 0;
    let pair = pairOfPrevious < 0 ? 0 : mix(pairOfPrevious, 0x20);
    for (let i = 0; i < current.length; i += 1) {
      const code = current.charCodeAt(i);
      word = mix(word, code);
      pairStart = mix(pairStart, code);
      pair = mix(pair, code);
    }
    count = counted(scratch, word & mask, count);
    if (pairOfPrevious >= 0) count = counted(scratch, pair & mask, count);
    pairOfPrevious = pairStart;
  }
  let norm = 0;
  for (let i = 0; i < count; i += 1) {
    const bucket = buckets[i] ?? 0;
    const byte = counts[bucket] ?? 0;
    const n = byte === SATURATED ? (over.get(bucket) ?? SATURATED) : byte;
    const value = n < LOG1P.length ? (LOG1P[n] ?? 0) : Math.log1p(n);
    counts[bucket] = 0;
    values[i] = value;
    norm += value * value;
  }
  over.clear();
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < count; i += 1) values[i] = (values[i] ?? 0) * scale;
  return { count, buckets, values };
}

/** The features of a raw paste over 2^bits buckets. */
export function modelFeatures(paste: string, bits: number): ModelFeatures {
  const { count, buckets, values } = featuresOf(modelText(paste), bits);
  return {
    buckets: Array.from(buckets.subarray(0, count)),
    values: Array.from(values.subarray(0, count)),
  };
}
