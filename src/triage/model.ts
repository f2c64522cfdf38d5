import { featuresOf, flatServesModel, modelText, modelTextOfFlat } from './model-features';
import { INTENTS, type Intent } from './types';
import shipped from './triage-model.json';

/**
 * A small learned classifier over a paste's words and character runs (model-features.ts): a
 * linear softmax model trained on the development sets by scripts/train-triage-model.ts, used by
 * triage only for code-less pastes its word lists leave unsure or read from words alone
 * (fallback.ts; see docs/triage-model.md for how it was measured). Weights are stored as 8-bit integers with one
 * scale per intent, so the file stays small.
 */
export interface ModelFile {
  version: 1;
  bits: number;
  intents: string[];
  bias: number[];
  scales: number[];
  /** Base64 of one signed byte per (intent, bucket), intent by intent. */
  weights: string;
  /** The probability below which the model's answer is not used (chosen by the training script). */
  threshold: number;
  /** The lower probability that suffices when the model names the lead triage found too weak. */
  agreeThreshold?: number;
  /** The probability at which the model's `question` overrules a word-list guess of an error. */
  questionThreshold?: number;
}

export interface LoadedModel {
  bits: number;
  threshold: number;
  agreeThreshold: number;
  questionThreshold: number;
  intents: Intent[];
  bias: Float64Array;
  /**
   * The 8-bit weights as stored, bucket by bucket: quantised[bucket * intents + intent]. A paste
   * touches a few hundred scattered buckets; stored this way, and a byte each, a bucket's weights
   * for all intents sit in one cache line.
   */
  quantised: Int8Array;
  /**
   * The weight each stored byte stands for, per intent: values[intent * 256 + byte + 128], as a
   * 32-bit float (the precision the weights were always scored at).
   */
  values: Float32Array;
}

/** The model's pick for a text and how sure it is (its softmax probability). */
export interface ModelGuess {
  intent: Intent;
  probability: number;
}

const KNOWN = new Set<string>(INTENTS);
/** A threshold no probability reaches: that use of the model is off. */
const NEVER = 1.01;

/** Decodes a model file; throws when it does not fit together. */
export function loadModel(file: ModelFile): LoadedModel {
  if (file.version !== 1) throw new Error(`unknown triage model version ${String(file.version)}`);
  const classes = file.intents.length;
  const buckets = 1 << file.bits;
  for (const intent of file.intents) {
    if (!KNOWN.has(intent)) throw new Error(`triage model names an unknown intent: ${intent}`);
  }
  if (file.bias.length !== classes || file.scales.length !== classes) {
    throw new Error('triage model: bias and scales must have one value per intent');
  }
  const bytes = Buffer.from(file.weights, 'base64');
  if (bytes.length !== classes * buckets)
    throw new Error('triage model: weights have the wrong size');
  const quantised = new Int8Array(classes * buckets);
  // The file is intent by intent; memory is bucket by bucket (see LoadedModel.quantised).
  for (let c = 0; c < classes; c += 1) {
    for (let b = 0; b < buckets; b += 1) {
      quantised[b * classes + c] = bytes.readInt8(c * buckets + b);
    }
  }
  const values = new Float32Array(classes * 256);
  for (let c = 0; c < classes; c += 1) {
    const scale = file.scales[c] ?? 0;
    for (let q = -128; q < 128; q += 1) values[c * 256 + q + 128] = (q * scale) / 127;
  }
  return {
    bits: file.bits,
    threshold: file.threshold,
    agreeThreshold: file.agreeThreshold ?? NEVER,
    questionThreshold: file.questionThreshold ?? NEVER,
    intents: file.intents as Intent[],
    bias: Float64Array.from(file.bias),
    quantised,
    values,
  };
}

let cached: LoadedModel | undefined;

/** The model shipped with triage (src/triage/triage-model.json), decoded once. */
export function shippedModel(): LoadedModel {
  cached ??= loadModel(shipped as ModelFile);
  return cached;
}

/** Probabilities per intent for a raw paste, in the model's order. */
export function modelProbabilities(paste: string, model: LoadedModel): number[] {
  return probabilitiesOfText(modelText(paste), model);
}

// Where the first pass below leaves what it read, so that the reads are not dropped as unused.
const ROWS_READ = { value: 0 };
// Each feature's row in `quantised`, reused from call to call (grown when a model needs more).
let rowsScratch = new Int32Array(0);
/** Intents scored together in one pass over the features, each sum held in a local. */
const INTENTS_A_PASS = 6;

/** Probabilities per intent for a model text (model-features.ts), in the model's order. */
function probabilitiesOfText(text: string, model: LoadedModel): number[] {
  const { count, buckets, values } = featuresOf(text, model.bits);
  const classes = model.intents.length;
  const scores = Float64Array.from(model.bias);
  const { quantised, values: weightOf } = model;
  if (rowsScratch.length < count) rowsScratch = new Int32Array(count);
  const rows = rowsScratch;
  // The rows a paste touches are scattered over the table and, inside a busy process, seldom in
  // the cache: reading one byte of each first lets the memory fetch many at once, where the
  // scoring loop below would wait on them one by one.
  let touched = 0;
  for (let i = 0; i < count; i += 1) {
    const row = (buckets[i] ?? 0) * classes;
    rows[i] = row;
    touched |= (quantised[row] ?? 0) | (quantised[row + classes - 1] ?? 0);
  }
  ROWS_READ.value = touched;
  // Each intent's score is its bias plus value × weight of each feature, added in the features'
  // order: the same sum, to the last bit, however the intents are grouped. Six intents a pass
  // keep their sums in locals rather than in memory (twice as fast); the rest one at a time.
  let c = 0;
  for (; c + INTENTS_A_PASS <= classes; c += INTENTS_A_PASS) {
    let s0 = scores[c] ?? 0;
    let s1 = scores[c + 1] ?? 0;
    let s2 = scores[c + 2] ?? 0;
    let s3 = scores[c + 3] ?? 0;
    let s4 = scores[c + 4] ?? 0;
    let s5 = scores[c + 5] ?? 0;
    // values[intent * 256 + byte + 128] for this pass's first intent; the next are 256 on each.
    const w = c * 256 + 128;
    for (let i = 0; i < count; i += 1) {
      const value = values[i] ?? 0;
      const row = (rows[i] ?? 0) + c;
      s0 += value * (weightOf[w + (quantised[row] ?? 0)] ?? 0);
      s1 += value * (weightOf[w + 256 + (quantised[row + 1] ?? 0)] ?? 0);
      s2 += value * (weightOf[w + 512 + (quantised[row + 2] ?? 0)] ?? 0);
      s3 += value * (weightOf[w + 768 + (quantised[row + 3] ?? 0)] ?? 0);
      s4 += value * (weightOf[w + 1024 + (quantised[row + 4] ?? 0)] ?? 0);
      s5 += value * (weightOf[w + 1280 + (quantised[row + 5] ?? 0)] ?? 0);
    }
    scores[c] = s0;
    scores[c + 1] = s1;
    scores[c + 2] = s2;
    scores[c + 3] = s3;
    scores[c + 4] = s4;
    scores[c + 5] = s5;
  }
  for (; c < classes; c += 1) {
    let sum = scores[c] ?? 0;
    const w = c * 256 + 128;
    for (let i = 0; i < count; i += 1) {
      sum += (values[i] ?? 0) * (weightOf[w + (quantised[(rows[i] ?? 0) + c] ?? 0)] ?? 0);
    }
    scores[c] = sum;
  }
  let top = -Infinity;
  for (let c = 0; c < classes; c += 1) top = Math.max(top, scores[c] ?? 0);
  const exps: number[] = [];
  let total = 0;
  for (let c = 0; c < classes; c += 1) {
    const e = Math.exp((scores[c] ?? 0) - top);
    exps.push(e);
    total += e;
  }
  for (let c = 0; c < classes; c += 1) exps[c] = (exps[c] ?? 0) / total;
  return exps;
}

/**
 * The model's most likely intent for a raw paste and its probability. Pure and deterministic.
 * `flat` may give the paste's flat text (normalize.ts) when the caller has it, which saves
 * normalising again; it is used only where it gives the same model text (`flatServesModel`).
 */
export function classify(
  paste: string,
  model: LoadedModel = shippedModel(),
  flat?: string,
): ModelGuess {
  return scoreAll(paste, model, flat).guess;
}

/** The model's pick (as `classify`) with every intent's probability, in the model's order. */
export function scoreAll(
  paste: string,
  model: LoadedModel = shippedModel(),
  flat?: string,
): { guess: ModelGuess; probabilities: readonly number[] } {
  const text =
    flat !== undefined && flatServesModel(paste) ? modelTextOfFlat(flat) : modelText(paste);
  const probabilities = probabilitiesOfText(text, model);
  let best = 0;
  for (let c = 1; c < probabilities.length; c += 1) {
    if ((probabilities[c] ?? 0) > (probabilities[best] ?? 0)) best = c;
  }
  const guess = {
    intent: model.intents[best] ?? 'unrelated',
    probability: probabilities[best] ?? 0,
  };
  return { guess, probabilities };
}
