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

// A paste is cut into its words once, and a phrase with an inner word that is not among them is
// skipped without a scan: an inner word of a phrase is bounded by separators on both sides, so
// wherever the phrase occurs that word is a whole word of the paste. Most of the catalog's
// phrases have one, so a paste of a few hundred characters is scanned for a few phrases, not all.
const WORD_SEPARATORS = /[^\p{L}\p{N}]+/u;
const phraseKeys = new WeakMap<MessageEntry, ReadonlyArray<string | undefined>>();

function keysOf(message: MessageEntry): ReadonlyArray<string | undefined> {
  let keys = phraseKeys.get(message);
  if (keys === undefined) {
    keys = phrasesOf(message).map((phrase) => {
      const inner = phrase.split(WORD_SEPARATORS).slice(1, -1);
      let longest: string | undefined;
      for (const word of inner) if (word.length > (longest?.length ?? 2)) longest = word;
      return longest;
    });
    phraseKeys.set(message, keys);
  }
  return keys;
}

/** A test for "this phrase of this message occurs in the flat paste", prepared once per paste. */
function occursIn(flat: string): (message: MessageEntry) => boolean {
  const words = new Set(flat.split(WORD_SEPARATORS));
  return (message) => {
    const phrases = phrasesOf(message);
    const keys = keysOf(message);
    return phrases.some((phrase, i) => {
      const key = keys[i];
      if (key !== undefined && !words.has(key)) return false;
      return flat.includes(phrase);
    });
  };
}

/**
 * The first message (in catalog order, which is its precedence) with a phrase that occurs in the
 * flat, lower-case text of a normalised paste. Specific messages are listed before general ones.
 */
export function matchMessage(
  flat: string,
  messages: readonly MessageEntry[],
): MessageEntry | undefined {
  return messages.find(occursIn(flat));
}

/** Every message with a phrase in the paste, in catalog order (the first is `matchMessage`'s). */
export function matchMessages(flat: string, messages: readonly MessageEntry[]): MessageEntry[] {
  return messages.filter(occursIn(flat));
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
