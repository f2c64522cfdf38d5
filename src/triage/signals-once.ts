import { isEverydayChatter as everydayChatter } from './chatter';
import {
  isAnyProductsAccountState as anyProductsAccountState,
  isOtherServiceMessage as otherServiceMessage,
  isOtherVendorText as otherVendorText,
} from './signals';

/**
 * The word-list signals triage asks of one paste several times (while reading its words, its
 * similar forms and concepts, a question, and again before the learned fallback), each keeping
 * its last answer: asked again of the same text, it answers without reading the text again.
 * Each is the function of the same name in signals.ts or chatter.ts; all are pure.
 */
function keepingLast(test: (text: string) => boolean): (text: string) => boolean {
  let lastText: string | undefined;
  let last = false;
  return (text) => {
    if (text !== lastText) {
      last = test(text);
      lastText = text;
    }
    return last;
  };
}

export const isOtherServiceMessage = keepingLast(otherServiceMessage);
export const isOtherVendorText = keepingLast(otherVendorText);
export const isEverydayChatter = keepingLast(everydayChatter);

let lastState: { intent: string; text: string; answer: boolean } | undefined;

/** isAnyProductsAccountState of signals.ts, keeping its last answer. */
export function isAnyProductsAccountState(intent: string, text: string): boolean {
  if (lastState?.intent !== intent || lastState.text !== text) {
    lastState = { intent, text, answer: anyProductsAccountState(intent, text) };
  }
  return lastState.answer;
}
