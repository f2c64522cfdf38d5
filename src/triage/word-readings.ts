import type { Catalog } from './catalog';
import { findConcept } from './concepts';
import { hasMicrosoftEvidence } from './signals';
import {
  isAnyProductsAccountState,
  isOtherServiceMessage,
  isOtherVendorText,
} from './signals-once';
import { findSimilar, type SimilarMatch } from './similar';
import type { MessageEntry } from './types';
import { PROMPTS_NOT_STARTED_CUE } from './not-started-words';
import { PHONE_CHANGED_CUE, PROMPTS_MISSING_CUE, SET_UP_ASKED_CUE } from './own-words';

/**
 * Readings of a code-less paste from its words rather than from a code or an exact phrase: the
 * similarity matcher (similar.ts) and the concept cues (concepts.ts), each with the checks that
 * keep another product's message a lead rather than a decision.
 */

/** Cues whose stated cause of a lock-out is the second step (concepts.ts). */
export const MFA_LOCKOUT_CUES: readonly string[] = ['mfa-locked-out', 'mfa-caused-lockout'];

/** The person's own words that change the second step's steps, beside its own message. */
export const SECOND_STEP_CUES: readonly string[] = [
  PROMPTS_NOT_STARTED_CUE,
  PHONE_CHANGED_CUE,
  PROMPTS_MISSING_CUE,
  SET_UP_ASKED_CUE,
];

/**
 * The similarity matcher runs only when the paste gives nothing firmer (no code that names a
 * cause, no exact phrase): it is the slower path and the less certain one.
 */
export function similarFor(text: string, catalog: Catalog): SimilarMatch | undefined {
  const similar = findSimilar(text, catalog);
  if (similar === undefined || !similar.sure) return similar;
  if (!isOtherServiceMessage(text) && !isOtherVendorText(text)) return similar;
  // Another company's "your account was locked": worth a question, never a decision.
  return { ...similar, sure: false };
}

/**
 * The known error a paste's own words point to (concepts.ts; `only` those cues), as a catalog
 * message of that intent. Another product's text, or any product's lock-out, is a lead only; a
 * state every product has (a temporary password) is no reading at all without a sign of
 * Microsoft's sign-in.
 */
export function conceptFor(
  text: string,
  catalog: Catalog,
  only?: readonly string[],
): { message: MessageEntry; sure: boolean; cue: string } | undefined {
  const match = findConcept(text);
  if (match === undefined || (only !== undefined && !only.includes(match.cue.id))) return undefined;
  if (match.cue.microsoftOnly === true && !hasMicrosoftEvidence(text)) return undefined;
  const message = catalog.messages.find((m) => m.intent === match.cue.intent);
  if (message === undefined) return undefined;
  const foreign = isOtherVendorText(text) || isOtherServiceMessage(text);
  const anyProduct =
    isAnyProductsAccountState(message.intent, text) ||
    (match.cue.anyProduct === true && !hasMicrosoftEvidence(text));
  return { message, sure: !foreign && !anyProduct, cue: match.cue.id };
}
