import { gramsOf, mayHoldRun, runBits } from './literal-prefilter';
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
// The shortest inner word worth a key: shorter ones ("is", "to") are in most pastes.
const MIN_KEY_CHARS = 3;
const phraseKeys = new WeakMap<MessageEntry, ReadonlyArray<string | undefined>>();

function keysOf(message: MessageEntry): ReadonlyArray<string | undefined> {
  let keys = phraseKeys.get(message);
  if (keys === undefined) {
    keys = phrasesOf(message).map((phrase) => {
      const inner = phrase.split(WORD_SEPARATORS).slice(1, -1);
      let longest: string | undefined;
      for (const word of inner)
        if (word.length > (longest?.length ?? MIN_KEY_CHARS - 1)) longest = word;
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

/**
 * The phrases of a list of messages by their inner word (keysOf), each with its message's place
 * in the list, and those without one: a paste's words then lead to the few phrases worth a scan.
 * `byWord` gives the number of a word's group of phrases in `groups`.
 */
interface PhraseIndex {
  messages: readonly MessageEntry[];
  byWord: Map<string, number>;
  groups: Array<Array<[number, string]>>;
  unkeyed: Array<[number, string]>;
  /** Each unkeyed phrase's run bits (literal-prefilter.ts), two a phrase. */
  unkeyedBits: Int32Array;
  /** Marks a group scanned in the current paste, left zeroed between uses. */
  scanned: Uint8Array;
}
const phraseIndexes = new WeakMap<readonly MessageEntry[], PhraseIndex>();
const GRAMS = gramsOf('');
const MAX_GRAM_CHARS = 8 * 1024;

function phraseIndex(messages: readonly MessageEntry[]): PhraseIndex {
  const kept = phraseIndexes.get(messages);
  // Kept per list, and built again if the list was changed since.
  if (kept?.messages.length === messages.length && kept.messages.every((m, i) => m === messages[i]))
    return kept;
  const index: PhraseIndex = {
    messages: [...messages],
    byWord: new Map(),
    groups: [],
    unkeyed: [],
    unkeyedBits: new Int32Array(0),
    scanned: new Uint8Array(0),
  };
  messages.forEach((message, at) => {
    const keys = keysOf(message);
    phrasesOf(message).forEach((phrase, i) => {
      const key = keys[i];
      if (key === undefined) {
        index.unkeyed.push([at, phrase]);
        return;
      }
      let group = index.byWord.get(key);
      if (group === undefined) {
        group = index.groups.length;
        index.byWord.set(key, group);
        index.groups.push([]);
      }
      index.groups[group]?.push([at, phrase]);
    });
  });
  index.unkeyedBits = Int32Array.from(index.unkeyed.flatMap(([, phrase]) => runBits(phrase)));
  index.scanned = new Uint8Array(index.groups.length);
  phraseIndexes.set(messages, index);
  return index;
}

// Double quotation marks a person puts around part of a message ("a \"Administratorgenehmigung\"
// erforderlich") are not part of it; apostrophes are, inside words.
const DOUBLE_QUOTES = /["\u201c\u201d\u201e\u00ab\u00bb]/g;
const unquoted = (flat: string): string =>
  /["\u201c\u201d\u201e\u00ab\u00bb]/.test(flat) ? flat.replace(DOUBLE_QUOTES, '') : flat;

/** Every message with a phrase in the paste, in catalog order (the first is `matchMessage`'s). */
export function matchMessages(pasted: string, messages: readonly MessageEntry[]): MessageEntry[] {
  const flat = unquoted(pasted);
  const { byWord, groups, unkeyed, unkeyedBits, scanned } = phraseIndex(messages);
  const found = new Uint8Array(messages.length);
  const scan = (phrases: ReadonlyArray<[number, string]>): void => {
    for (const [at, phrase] of phrases) if (found[at] === 0 && flat.includes(phrase)) found[at] = 1;
  };
  // A phrase without a key is looked for only where the paste's grams may hold it (read for a
  // paste of usual size: over a long log, reading the grams costs more than the scans it saves).
  const grams = flat.length <= MAX_GRAM_CHARS ? gramsOf(flat, GRAMS) : undefined;
  for (let i = 0; i < unkeyed.length; i += 1) {
    const [at, phrase] = unkeyed[i] ?? [0, ''];
    if (found[at] === 1) continue;
    const first = unkeyedBits[2 * i] ?? 0;
    if (grams !== undefined && !mayHoldRun(grams, first, unkeyedBits[2 * i + 1] ?? 0)) continue;
    if (flat.includes(phrase)) found[at] = 1;
  }
  // Each group once, however often its word occurs. A key is longer than two characters
  // (keysOf), so shorter words are not looked up.
  const touched: number[] = [];
  for (const word of flat.split(WORD_SEPARATORS)) {
    if (word.length < MIN_KEY_CHARS) continue;
    const group = byWord.get(word);
    if (group === undefined || scanned[group] === 1) continue;
    scanned[group] = 1;
    touched.push(group);
    scan(groups[group] ?? []);
  }
  for (const group of touched) scanned[group] = 0;
  let any = false;
  for (let at = 0; at < found.length && !any; at += 1) any = found[at] === 1;
  return any ? messages.filter((_, at) => found[at] === 1) : [];
}

/** The longest phrase of a message that occurs in the flat paste, or undefined. */
export function matchedPhrase(pasted: string, message: MessageEntry): string | undefined {
  const flat = unquoted(pasted);
  let longest: string | undefined;
  for (const phrase of phrasesOf(message)) {
    if (flat.includes(phrase) && (longest === undefined || phrase.length > longest.length)) {
      longest = phrase;
    }
  }
  return longest;
}
