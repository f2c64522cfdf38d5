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
const MAX_GRAM = 5;
const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu;

function mix(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME) >>> 0;
}

function hashString(seed: number, text: string): number {
  let hash = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = 0; i < text.length; i += 1) hash = mix(hash, text.charCodeAt(i));
  return hash;
}

/**
 * The text the features are taken from: the start of the paste, normalised and flattened
 * (normalize.ts), cut to the window, with every digit read as 0 so that ids, times and numbers
 * count as their shape rather than their value. Bounded work whatever the paste's length.
 */
export function modelText(paste: string): string {
  const flat = normalize(paste, RAW_CHARS).flat;
  return flat.slice(0, MODEL_WINDOW_CHARS).replace(/[0-9]/g, '0');
}

/** One zeroed count per bucket, kept per size; every caller leaves it zeroed again. */
const COUNTS = new Map<number, Uint32Array>();

function countsFor(bits: number): Uint32Array {
  let counts = COUNTS.get(bits);
  if (counts === undefined) {
    counts = new Uint32Array(1 << bits);
    COUNTS.set(bits, counts);
  }
  return counts;
}

/** The features of a raw paste over 2^bits buckets. */
export function modelFeatures(paste: string, bits: number): ModelFeatures {
  const mask = (1 << bits) - 1;
  const text = ` ${modelText(paste)} `;
  // Counts in a reused array indexed by bucket, and the buckets in first-seen order: the same
  // result as a map, without a map's cost for each of the thousands of n-grams.
  const counts = countsFor(bits);
  const seen: number[] = [];
  const add = (hash: number): void => {
    const bucket = hash & mask;
    if (counts[bucket] === 0) seen.push(bucket);
    counts[bucket] = (counts[bucket] ?? 0) + 1;
  };
  for (let start = 0; start + MIN_GRAM <= text.length; start += 1) {
    let hash = (FNV_OFFSET ^ SEED_CHARS) >>> 0;
    for (let n = 1; n <= MAX_GRAM && start + n <= text.length; n += 1) {
      hash = mix(hash, text.charCodeAt(start + n - 1));
      if (n >= MIN_GRAM) add(mix(hash, n));
    }
  }
  let previous: string | undefined;
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    add(hashString(SEED_WORD, word));
    if (previous !== undefined) add(hashString(SEED_BIGRAM, `${previous} ${word}`));
    previous = word;
  }
  const buckets: number[] = [];
  const values: number[] = [];
  let norm = 0;
  for (const bucket of seen) {
    const value = Math.log1p(counts[bucket] ?? 0);
    counts[bucket] = 0;
    buckets.push(bucket);
    values.push(value);
    norm += value * value;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < values.length; i += 1) values[i] = (values[i] ?? 0) * scale;
  return { buckets, values };
}
