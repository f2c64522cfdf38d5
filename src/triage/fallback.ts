import type { Catalog } from './catalog';
import { isEverydayChatter } from './chatter';
import { classify, shippedModel, type LoadedModel, type ModelGuess } from './model';
import { MODEL_WINDOW_CHARS } from './model-features';
import { isOtherServiceMessage, isOtherVendorText } from './signals';
import type { ErrorIntent, Triage } from './types';

/** The word-list checks the fallback respects (injectable so an older triage can be measured). */
export interface FallbackGuards {
  isOtherVendorText(text: string): boolean;
  isOtherServiceMessage(text: string): boolean;
  isEverydayChatter(text: string): boolean;
}
const GUARDS: FallbackGuards = { isOtherVendorText, isOtherServiceMessage, isEverydayChatter };
/** Fewer words than this are too little for a learned guess ("login failed" could be anything). */
export const FALLBACK_MIN_WORDS = 6;
// A Chinese or Japanese character counts as a word: those languages do not space their words.
const WORDS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|\p{L}+/gu;

/**
 * Whether the fallback may answer at all: triage found nothing (`unrelated`, hence no code), and
 * the paste has a few words to go on, and it is neither another company's or vendor's text nor
 * everyday chat, which triage keeps unrelated on purpose and which a model of words alone reads
 * as sign-in errors.
 */
export function fallbackMayAnswer(
  result: Triage,
  text: string,
  guards: FallbackGuards = GUARDS,
): boolean {
  if (result.intent !== 'unrelated' || result.codes.length > 0) return false;
  // The checks read the start of the paste, as the model does, so a huge paste costs no more.
  const start = text.slice(0, 4 * MODEL_WINDOW_CHARS);
  let words = 0;
  for (const _ of start.matchAll(WORDS)) if ((words += 1) >= FALLBACK_MIN_WORDS) break;
  return (
    words >= FALLBACK_MIN_WORDS &&
    !guards.isOtherVendorText(start) &&
    !guards.isOtherServiceMessage(start) &&
    !guards.isEverydayChatter(start)
  );
}

/**
 * The sign-in error the model names, if it is sure enough: never `unrelated` (that is triage's
 * answer already) nor `question` (how-to questions are question.ts's to tell, and a test script
 * or a tool's report reads like one to the model).
 */
export function learnedAnswer(guess: ModelGuess, threshold: number): ErrorIntent | undefined {
  if (guess.intent === 'unrelated' || guess.intent === 'question') return undefined;
  return guess.probability >= threshold ? guess.intent : undefined;
}

/** Below the concept cues (0.65): a learned guess is the weakest decision triage makes. */
const LEARNED_CONFIDENCE = 0.55;

/**
 * The learned fallback (model.ts) for a paste the word lists found nothing in: when the fallback
 * may answer (above) and the model names a sign-in error with a probability at or above its
 * threshold, that answer is taken, at low confidence and marked as found in the paste's
 * own words (`concept`). Anything else is returned unchanged: an
 * unsure model says nothing. See docs/triage-model.md for how it was measured.
 */
export function withLearnedFallback(
  result: Triage,
  text: string,
  catalog: Catalog,
  model: LoadedModel = shippedModel(),
): Triage {
  if (!fallbackMayAnswer(result, text)) return result;
  const intent = learnedAnswer(classify(text, model), model.threshold);
  if (intent === undefined) return result;
  const { codes, fields, truncated } = result;
  const message = catalog.messages.find((m) => m.intent === intent);
  return {
    intent,
    codes,
    fields,
    truncated,
    confidence: LEARNED_CONFIDENCE,
    matchedBy: 'concept',
    ...(message === undefined ? {} : { message }),
  };
}
