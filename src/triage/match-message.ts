import { normalize } from './normalize';
import type { MessageEntry } from './types';

// Phrases are normalised like pastes, once per entry, so data written with typographic quotes or
// odd spacing still matches.
const normalisedPhrases = new WeakMap<MessageEntry, readonly string[]>();

function phrasesOf(message: MessageEntry): readonly string[] {
  let phrases = normalisedPhrases.get(message);
  if (phrases === undefined) {
    phrases = message.phrases.map((phrase) => normalize(phrase).flat).filter((p) => p.length > 0);
    normalisedPhrases.set(message, phrases);
  }
  return phrases;
}

/**
 * The first message (in catalog order, which is its precedence) with a phrase that occurs in the
 * flat, lower-case text of a normalised paste. Specific messages are listed before general ones.
 */
export function matchMessage(
  flat: string,
  messages: readonly MessageEntry[],
): MessageEntry | undefined {
  return messages.find((message) => phrasesOf(message).some((phrase) => flat.includes(phrase)));
}

/** Every message with a phrase in the paste, in catalog order (the first is `matchMessage`'s). */
export function matchMessages(flat: string, messages: readonly MessageEntry[]): MessageEntry[] {
  return messages.filter((message) => phrasesOf(message).some((phrase) => flat.includes(phrase)));
}

/** The longest phrase of a message that occurs in the flat paste, or undefined. */
export function matchedPhrase(flat: string, message: MessageEntry): string | undefined {
  let longest: string | undefined;
  for (const phrase of phrasesOf(message)) {
    if (flat.includes(phrase) && (longest === undefined || phrase.length > longest.length)) {
      longest = phrase;
    }
  }
  return longest;
}
