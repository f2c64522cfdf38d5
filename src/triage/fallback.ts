import type { Catalog } from './catalog';
import { isChoosable, readFromWordsAlone } from './correction';
import { scoreAll, shippedModel, type LoadedModel, type ModelGuess } from './model';
import { MODEL_WINDOW_CHARS } from './model-features';
import { isEverydayChatter, isOtherServiceMessage, isOtherVendorText } from './signals-once';
import { normalize } from './normalize';
import { questionTopic } from './question-topics';
import type { ErrorIntent, Intent, RunnerUp, Triage } from './types';

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
  // Counted with test(), which moves lastIndex on without making a match object (the pattern
  // never matches empty text, so it finds the words matchAll would).
  let words = 0;
  WORDS.lastIndex = 0;
  while (words < FALLBACK_MIN_WORDS && WORDS.test(start)) words += 1;
  WORDS.lastIndex = 0;
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

/** The model's probabilities at which each of its uses below speaks (stored in the model file). */
export interface LearnedThresholds {
  threshold: number;
  agreeThreshold: number;
  questionThreshold: number;
}

const lowConfidenceWords = (result: Triage): boolean =>
  result.codes.length === 0 &&
  result.intent !== 'unrelated' &&
  result.intent !== 'question' &&
  result.intent !== 'other-known' &&
  (result.matchedBy === 'concept' || result.matchedBy === 'similar');
// Nothing decided, but the paste's words gave a lead (a state any product has, signals.ts): as
// much a reading of words alone as a concept cue, so a how-to question may still be told.
const wordLeadOnly = (result: Triage): boolean =>
  result.intent === 'unrelated' && result.codes.length === 0 && result.unsure !== undefined;

/**
 * Whether use 3 below may act on triage's answer: an error read from words alone, or nothing
 * with only such a reading as its lead. Training measures the question threshold where it holds.
 */
export const questionUseMayAct = (result: Triage): boolean =>
  lowConfidenceWords(result) || wordLeadOnly(result);

/**
 * What the model changes in triage's answer, if anything (undefined: the answer stands):
 * 1. triage found nothing and the fallback may answer (above): a sign-in error the model names at
 *    or above `threshold`;
 * 2. triage found nothing, or an unexplained sign-in error page, and kept a lead too weak to act
 *    on (`unsure`): that lead, when the model independently names it at `agreeThreshold` or more
 *    (two weak signals that agree are worth one firm one);
 * 3. triage's answer is an error read from the paste's words alone (a concept cue or a similar
 *    message, no code, no exact phrase), or nothing with only such a reading as its lead:
 *    `question` when the model is at least
 *    `questionThreshold` sure the text is a how-to question, so a question gets no diagnosis.
 */
export function learnedDecision(
  result: Triage,
  text: string,
  guess: ModelGuess,
  thresholds: LearnedThresholds,
  guards: FallbackGuards = GUARDS,
): Intent | undefined {
  const may = result.intent === 'unrelated' && fallbackMayAnswer(result, text, guards);
  return decided(result, may, guess, thresholds);
}

/** learnedDecision, given whether the fallback may answer (`may`, worked out once). */
function decided(
  result: Triage,
  may: boolean,
  guess: ModelGuess,
  thresholds: LearnedThresholds,
): Intent | undefined {
  if (may) {
    const intent = learnedAnswer(guess, thresholds.threshold);
    if (intent !== undefined) return intent;
  }
  const lead = result.unsure?.intent;
  const unexplained = result.intent === 'other-known' && result.codes.length === 0;
  if (
    (may || unexplained) &&
    lead !== undefined &&
    guess.intent === lead &&
    guess.probability >= thresholds.agreeThreshold
  )
    return lead;
  if (
    questionUseMayAct(result) &&
    guess.intent === 'question' &&
    guess.probability >= thresholds.questionThreshold
  )
    return 'question';
  return undefined;
}

/**
 * Whether the model could change `result` at all (a use whose threshold no probability reaches
 * is off; `may` is fallbackMayAnswer's answer): otherwise scoring it is skipped.
 */
function modelMaySpeak(result: Triage, may: boolean, model: LoadedModel): boolean {
  if (result.codes.length > 0) return false;
  if (result.intent === 'unrelated')
    return may || (wordLeadOnly(result) && model.questionThreshold <= 1);
  if (result.intent === 'other-known')
    return result.unsure !== undefined && model.agreeThreshold <= 1;
  return lowConfidenceWords(result) && model.questionThreshold <= 1;
}

/** Most runners-up a reading keeps. */
export const MAX_RUNNERS_UP = 3;
/**
 * A runner-up the model gives less than this is noise: of eighteen intents, most get a sliver.
 * On the development pastes the best runner-up of nine readings in ten is below it, and of the
 * 18 wrong readings whose right problem a person could choose, 13 have it above it (11 at 0.02).
 */
export const RUNNER_UP_FLOOR = 0.002;

/**
 * The problems the model also saw in a paste read from its words alone, best first: every intent a
 * person may choose instead (correction.ts), not the reading itself, at or above RUNNER_UP_FLOOR,
 * at most MAX_RUNNERS_UP. From the probabilities the model worked out anyway.
 */
export function runnersUpOf(
  probabilities: readonly number[],
  intents: readonly Intent[],
  reading: Intent,
): RunnerUp[] {
  const found: RunnerUp[] = [];
  for (let c = 0; c < intents.length; c += 1) {
    const intent = intents[c];
    const probability = probabilities[c] ?? 0;
    if (intent === undefined || intent === reading || probability < RUNNER_UP_FLOOR) continue;
    if (isChoosable(intent)) found.push({ intent, score: round(probability) });
  }
  // Ties keep the model's order (a stable sort), so the answer is the same on every run.
  return found.sort((a, b) => b.score - a.score).slice(0, MAX_RUNNERS_UP);
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

/** The reading with its runners-up, when it is one a person may correct and there are any. */
function withRunnersUp(
  result: Triage,
  probabilities: readonly number[],
  model: LoadedModel,
): Triage {
  if (!readFromWordsAlone(result)) return result;
  const runnersUp = runnersUpOf(probabilities, model.intents, result.intent);
  return runnersUp.length === 0 ? result : { ...result, runnersUp };
}

/**
 * Triage's answer with the learned model's say (model.ts, learnedDecision above). A changed answer
 * has low confidence and is marked as found in the paste's own words (`concept`), or is a
 * question on the topic question.ts reads; anything else is returned unchanged: an unsure model
 * says nothing. See docs/triage-model.md for how it was measured. `flat` is the paste's flat
 * text when the caller normalised it already (model.ts `classify`). A reading from the paste's
 * words alone keeps the other problems the model scored (`runnersUp`), which never change it.
 */
export function withLearnedFallback(
  result: Triage,
  text: string,
  catalog: Catalog,
  model: LoadedModel = shippedModel(),
  flat?: string,
): Triage {
  const may = result.intent === 'unrelated' && fallbackMayAnswer(result, text);
  if (!modelMaySpeak(result, may, model)) return result;
  const { guess, probabilities } = scoreAll(text, model, flat);
  const intent = decided(result, may, guess, model);
  if (intent === undefined) return withRunnersUp(result, probabilities, model);
  // What the rules read from the paste stays; only the intent and how sure it is change.
  const { codes, fields, truncated, client, windowsCodes } = result;
  const kept = {
    codes,
    fields,
    truncated,
    ...(client === undefined ? {} : { client }),
    ...(windowsCodes === undefined ? {} : { windowsCodes }),
    confidence: LEARNED_CONFIDENCE,
  };
  if (intent === 'question') {
    const topic = questionTopic(normalize(text.slice(0, 4 * MODEL_WINDOW_CHARS)).text);
    return { intent, ...kept, question: { topic } };
  }
  const message = catalog.messages.find((m) => m.intent === intent);
  const learned: Triage = {
    intent,
    ...kept,
    matchedBy: 'concept',
    ...(message === undefined ? {} : { message }),
  };
  return withRunnersUp(learned, probabilities, model);
}
