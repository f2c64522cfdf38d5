/**
 * Words of a text as the similarity matcher compares them: lower case, function words dropped,
 * English endings folded ("locked", "locks" and "locking" are one word), a few spellings of the
 * same thing made one ("log in", "login", "sign-in"), and runs of Japanese or Chinese script cut
 * into overlapping character pairs, since those languages do not separate words with spaces.
 */

// Words that say nothing about which error it is, in the languages the matcher reads.
const STOPWORDS = new Set(
  (
    'a an the this that these those it its is are was were be been being am to of in on at by for ' +
    'from with as or and but if then than so do does did done has have had having can could will ' +
    'would should may might must shall i me my we our you your he she they them their his her us ' +
    'there here what which who whom when where why how all any some such very just also please ' +
    'again now get got into about out up over only own same too s t ' +
    'der die das den dem des ein eine einer eines und oder ist sind wurde wurden zu von mit auf für im ' +
    'nicht sie ihr ihre es le la les un une des du de et ou est sont été pour par avec sur dans au aux ' +
    'ce cette vous votre el los las y o es son fue para por con en del al su sus o os as um uma e ' +
    'foi é não do da dos das no na il lo gli di che è per con non het een en is van voor met op te ' +
    'dat niet uw je u wordt'
  ).split(' '),
);

// One spelling for words that are written several ways. A map, not an object's properties: a
// pasted word such as "constructor" must find nothing here, not Object's constructor.
const SAME_WORD: ReadonlyMap<string, string> = new Map(
  Object.entries({
    login: 'signin',
    logon: 'signin',
    signin: 'signin',
    logins: 'signin',
    signon: 'signin',
    organisation: 'organization',
    organisations: 'organization',
    authorisation: 'authorization',
    mfa: 'multifactor',
    '2fa': 'multifactor',
    '2sv': 'multifactor',
    pwd: 'password',
    pw: 'password',
    passwd: 'password',
    lockout: 'lock',
    lockouts: 'lock',
    aad: 'entra',
    azuread: 'entra',
    cannot: 'not',
  }),
);

// Pairs of words written as one ("sign in", "log on") and joined before the lookup above.
const JOINED = /\b(sign|log)[ -]?(in|on)\b/g;

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;
const WORD = /[\p{L}\p{N}]+/gu;
const NO_WORDS: readonly string[] = [];

// Words are compared by their first letters only, once accents are folded: inflections and
// compounds of one stem in the languages triage reads share their start ("gesperrt"/"gesperrte",
// "información"/"informações"/"informazioni"), and so do the same word's spellings across
// languages ("organization"/"organización"/"organisation"). A word keeps at least PREFIX_LETTERS
// letters and loses at most ENDING_LETTERS; a word of WHOLE_FROM_LETTERS letters or more is kept whole,
// so a run-together identifier ("accountenabled") stays apart from the word it starts with.
export const PREFIX_LETTERS = 7;
const ENDING_LETTERS = 5;
const WHOLE_FROM_LETTERS = 14;
const MARKS = /[\u0300-\u036f]/g;

/** A word without its accents and without up to ENDING_LETTERS of its ending. */
export function prefixStem(word: string): string {
  const folded = /^[a-z0-9]+$/.test(word) ? word : word.normalize('NFD').replace(MARKS, '');
  const keep = Math.max(PREFIX_LETTERS, folded.length - ENDING_LETTERS);
  return folded.length > keep ? folded.slice(0, keep) : folded;
}

/** Folds common English endings; short words and non-ASCII words are left as they are. */
export function stem(word: string): string {
  if (word.length >= WHOLE_FROM_LETTERS) return word;
  if (word.length <= 4 || !/^[a-z]+$/.test(word)) return prefixStem(word);
  if (word.endsWith('ies') && word.length > 5) return `${word.slice(0, -3)}y`;
  for (const suffix of ['ing', 'ed', 'es', 's', 'e', 'ly']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4) {
      const base = word.slice(0, -suffix.length);
      // "blocked" -> "block", "blocking" -> "block"; "ss" endings keep their letters ("access").
      if (suffix === 's' && base.endsWith('s')) return prefixStem(word);
      return prefixStem(base);
    }
  }
  return prefixStem(word);
}

function cjkPairs(run: string, into: string[]): void {
  if (run.length === 1) {
    into.push(run);
    return;
  }
  for (let i = 0; i + 1 < run.length; i += 1) into.push(run.slice(i, i + 2));
}

// What a word of a text (a WORD match without Japanese or Chinese script) becomes: its stem, or
// null when it is left out. A pure function of the word, so each word is worked out once and kept;
// the memory is bounded by starting afresh when full.
const WORD_STEMS = new Map<string, string | null>();
const MAX_KEPT_WORDS = 20_000;

// A longer run of letters is no word (an id, a token) and is left out.
const MAX_WORD_LETTERS = 40;

function wordStem(raw: string): string | null {
  if (raw.length > MAX_WORD_LETTERS) return null;
  let kept = WORD_STEMS.get(raw);
  if (kept === undefined) {
    const word = SAME_WORD.get(raw) ?? raw;
    kept = /^\d+$/.test(raw) || STOPWORDS.has(word) ? null : stem(word);
    if (WORD_STEMS.size >= MAX_KEPT_WORDS) WORD_STEMS.clear();
    WORD_STEMS.set(raw, kept);
  }
  return kept;
}

// The rewrites of a lower-case text before its words are read. Each rewrite needs a word it
// rewrites; most texts have neither.
function rewritten(lower: string): string {
  let text = lower;
  if (text.includes("n't")) text = text.replace(/\bcan't\b/g, 'can not').replace(/n't\b/g, ' not');
  if (text.includes('sign') || text.includes('log')) text = text.replace(JOINED, '$1$2');
  return text;
}

/** The tokens of a word with Japanese or Chinese script in it. */
function cjkTokens(raw: string, out: string[]): void {
  // Kana and Han run together with Latin letters in some pastes; split them apart first.
  for (const part of raw.split(/([\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+)/)) {
    if (part === '') continue;
    if (CJK.test(part)) cjkPairs(part, out);
    else if (!STOPWORDS.has(part)) out.push(stem(SAME_WORD.get(part) ?? part));
  }
}

/**
 * The comparable words of a lower-case text, in order. Pure and linear in the text's length.
 */
export function tokens(lower: string): string[] {
  const out: string[] = [];
  // The words as one array of strings: a match object for each word would cost more.
  for (const raw of rewritten(lower).match(WORD) ?? NO_WORDS) {
    // A word already seen is one without Japanese or Chinese script (only those are kept).
    const seen = WORD_STEMS.get(raw);
    if (seen !== undefined) {
      if (seen !== null) out.push(seen);
      continue;
    }
    if (CJK.test(raw)) {
      cjkTokens(raw, out);
      continue;
    }
    const word = wordStem(raw);
    if (word !== null) out.push(word);
  }
  return out;
}

/**
 * `tokens(lower)` as numbers: each token's number in `ids`, the tokens without one left out.
 * `kept` keeps each word's number once worked out (-1: none), one lookup a word where tokens
 * and `ids` take two; it is bounded as the stems kept above are.
 */
export function tokenIds(
  lower: string,
  ids: ReadonlyMap<string, number>,
  kept: Map<string, number>,
): number[] {
  const out: number[] = [];
  for (const raw of rewritten(lower).match(WORD) ?? NO_WORDS) {
    const seen = kept.get(raw);
    if (seen !== undefined) {
      if (seen >= 0) out.push(seen);
      continue;
    }
    if (CJK.test(raw)) {
      const parts: string[] = [];
      cjkTokens(raw, parts);
      for (const part of parts) {
        const id = ids.get(part);
        if (id !== undefined) out.push(id);
      }
      continue;
    }
    const word = wordStem(raw);
    const id = word === null ? -1 : (ids.get(word) ?? -1);
    if (raw.length <= MAX_WORD_LETTERS) {
      if (kept.size >= MAX_KEPT_WORDS) kept.clear();
      kept.set(raw, id);
    }
    if (id >= 0) out.push(id);
  }
  return out;
}
