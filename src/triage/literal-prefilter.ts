/**
 * A quick "cannot match" for long word-list patterns: most alternatives of a word list hold a
 * run of plain characters that any match contains ("verification code" in
 * `verification code|\botp\b|...`). When none of a pattern's runs occurs in a text, the pattern
 * cannot match it and need not be tried. Whether a run occurs is read from the text's character
 * runs of one to three, hashed into a bit set once per text, so a pattern of a hundred
 * alternatives costs a few hundred bit reads instead of a scan of the text per alternative.
 *
 * The runs are read from the pattern's source by a small parser that knows only what it must:
 * anything it does not follow (flags, back-references, odd syntax) gives no filter, and the
 * pattern is always tried. A run is required only where the pattern cannot skip it: characters
 * under `?`, `*` or `{0,n}` end a run, lookarounds and classes add nothing, and an alternation
 * requires one run of each alternative. Pure; a wrong "may match" only costs the pattern's try.
 */

const BITS = 1 << 14;
const MASK = BITS - 1;
const GRAM = 3;

/** One bit per hashed run of 1 to GRAM characters of a text. */
export type GramSet = Int32Array;

const BASIS = 0x811c9dc5;
const PRIME = 0x01000193;
const step = (hash: number, code: number): number => Math.imul(hash ^ code, PRIME);
const bitOf = (hash: number, length: number): number => Math.imul(hash ^ length, PRIME) & MASK;

function gramHash(text: string, at: number, length: number): number {
  let hash = BASIS;
  for (let i = at; i < at + length; i += 1) hash = step(hash, text.charCodeAt(i));
  return bitOf(hash, length);
}

/**
 * The runs of one to GRAM characters of a text, as bits. One pass: at each character, the runs
 * of one, two and three that end there (a run's bit depends on its characters only, so the order
 * the runs are read in does not matter). Signed words, so no read of the set leaves 31 bits.
 */
export function gramsOf(text: string, into: GramSet = new Int32Array(BITS / 32)): GramSet {
  into.fill(0);
  const n = text.length;
  // The two characters before this one, while there are any.
  let before1 = 0;
  let before2 = 0;
  for (let at = 0; at < n; at += 1) {
    const code = text.charCodeAt(at);
    let bit = bitOf(step(BASIS, code), 1);
    into[bit >>> 5] = (into[bit >>> 5] ?? 0) | (1 << (bit & 31));
    if (at >= 1) {
      bit = bitOf(step(step(BASIS, before1), code), 2);
      into[bit >>> 5] = (into[bit >>> 5] ?? 0) | (1 << (bit & 31));
      if (at >= 2) {
        bit = bitOf(step(step(step(BASIS, before2), before1), code), 3);
        into[bit >>> 5] = (into[bit >>> 5] ?? 0) | (1 << (bit & 31));
      }
    }
    before2 = before1;
    before1 = code;
  }
  return into;
}

const has = (grams: GramSet, bit: number): boolean =>
  ((grams[bit >>> 5] ?? 0) & (1 << (bit & 31))) !== 0;

/** The bits of a run's first and last GRAM characters (or all of it, if shorter). */
export function runBits(run: string): [number, number] {
  const length = Math.min(GRAM, run.length);
  return [gramHash(run, 0, length), gramHash(run, run.length - length, length)];
}

/** Whether a text whose grams these are may hold a run of these bits (`runBits`). */
export const mayHoldRun = (grams: GramSet, first: number, last: number): boolean =>
  has(grams, first) && has(grams, last);

/**
 * A test of whether `pattern` may match `text`, given the text's grams (`gramsOf(text)`): false
 * only when it cannot. Undefined when the pattern has no runs it always needs. Each required run
 * is first looked for by the bits of its first and last GRAM characters (or all of it, if
 * shorter), and where both are there, in the text itself: a pattern of common short runs ("code",
 * "app") passes the bits of most texts, but seldom finds a whole run in one.
 */
export function prefilterOf(
  pattern: RegExp,
): ((grams: GramSet, text: string) => boolean) | undefined {
  const literals = requiredLiterals(pattern);
  if (literals === undefined) return undefined;
  const bits = Int32Array.from(literals.flatMap(runBits));
  return (grams, text) => {
    for (let i = 0; i < bits.length; i += 2) {
      if (!has(grams, bits[i] ?? 0) || !has(grams, bits[i + 1] ?? 0)) continue;
      if (text.includes(literals[i >> 1] ?? '')) return true;
    }
    return false;
  };
}

type Requirement = string[] | null;

class GiveUp extends Error {}

/** Plain-character runs, one of which every match of `pattern` contains; undefined if unknown. */
export function requiredLiterals(pattern: RegExp, caseBlind = false): string[] | undefined {
  // Case-blind: a pattern with the i flag (and not u or v, whose case folding maps some other
  // characters onto ASCII letters, as the long s onto "s"), its runs in lower case, read from
  // ASCII characters only. Without u, a case-blind ASCII letter matches only that letter in
  // either case, and lower-casing a text turns those into the run's own letters; any other
  // character ends a run, as lower-casing may not give back the pattern's form of it.
  const { flags } = pattern;
  if (caseBlind ? !flags.includes('i') || /[^ims]/.test(flags) : /[^ms]/.test(flags))
    return undefined;
  const source = pattern.source;
  let at = 0;
  const peek = (): string | undefined => source[at];

  const escape = (): { char?: string; zeroWidth?: boolean } => {
    const c = source[at + 1];
    at += 2;
    if (c === undefined) throw new GiveUp();
    if (c === 'b' || c === 'B') return { zeroWidth: true };
    if ('dDwWsS'.includes(c)) return {};
    if (c === 'p' || c === 'P') {
      if (source[at] === '{') at = source.indexOf('}', at) + 1;
      if (at === 0) throw new GiveUp();
      return {};
    }
    if (c === 'n') return { char: '\n' };
    if (c === 't') return { char: '\t' };
    if (c === 'r') return { char: '\r' };
    if (c === 'f') return { char: '\f' };
    if (c === 'v') return { char: '\v' };
    if (c === 'u' || c === 'x') {
      const digits = c === 'u' ? 4 : 2;
      const hex = source.slice(at, at + digits);
      if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) throw new GiveUp();
      at += digits;
      return { char: String.fromCharCode(parseInt(hex, 16)) };
    }
    if (/[0-9a-zA-Z]/.test(c)) throw new GiveUp();
    return { char: c };
  };

  // The quantifier after an atom: whether the atom must occur, and whether it may repeat.
  const quantifier = (): { required: boolean; repeats: boolean } => {
    const c = peek();
    let result = { required: true, repeats: false };
    if (c === '?') result = { required: false, repeats: false };
    else if (c === '*') result = { required: false, repeats: true };
    else if (c === '+') result = { required: true, repeats: true };
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at));
      if (m === null) return result;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      at += m[0].length;
      if (source[at] === '?') at += 1;
      return { required: min >= 1, repeats: max > 1 };
    } else return result;
    at += 1;
    if (source[at] === '?') at += 1;
    return result;
  };

  const sequence = (): Requirement => {
    let best: string[] | null = null;
    let run = '';
    const consider = (candidate: string[]): void => {
      const worst = (set: string[]): number => Math.min(...set.map((s) => s.length));
      if (best === null || worst(candidate) > worst(best)) best = candidate;
    };
    const flush = (): void => {
      if (run.length > 0) consider([run]);
      run = '';
    };
    for (let c = peek(); c !== undefined && c !== '|' && c !== ')'; c = peek()) {
      if (c === '(') {
        at += 1;
        let zeroWidth = false;
        if (source[at] === '?') {
          const kind = source.slice(at, at + 3);
          if (kind.startsWith('?:')) at += 2;
          else if (kind.startsWith('?=') || kind.startsWith('?!')) [at, zeroWidth] = [at + 2, true];
          else if (kind === '?<=' || kind === '?<!') [at, zeroWidth] = [at + 3, true];
          else throw new GiveUp();
        }
        const inner = alternation();
        if (source[at] !== ')') throw new GiveUp();
        at += 1;
        const { required } = zeroWidth ? { required: false } : quantifier();
        flush();
        if (required && inner !== null) consider(inner);
        continue;
      }
      let char: string | undefined;
      if (c === '[') {
        at += 1;
        if (source[at] === '^') at += 1;
        while (source[at] !== ']') {
          if (at >= source.length) throw new GiveUp();
          at += source[at] === '\\' ? 2 : 1;
        }
        at += 1;
      } else if (c === '\\') {
        const e = escape();
        if (e.zeroWidth === true) {
          flush();
          continue;
        }
        char = e.char;
      } else if (c === '^' || c === '$') {
        at += 1;
        flush();
        continue;
      } else if (c === '.') at += 1;
      else if ('*+?{}]'.includes(c)) throw new GiveUp();
      else {
        char = c;
        at += 1;
      }
      const { required, repeats } = quantifier();
      if (caseBlind && char !== undefined) char = char <= '\u007f' ? char.toLowerCase() : undefined;
      if (char === undefined || !required) {
        flush();
        continue;
      }
      run += char;
      if (repeats) flush();
    }
    flush();
    return best;
  };

  const alternation = (): Requirement => {
    const all: string[] = [];
    let missing = false;
    for (;;) {
      const one = sequence();
      if (one === null) missing = true;
      else all.push(...one);
      if (peek() !== '|') break;
      at += 1;
    }
    return missing ? null : all;
  };

  try {
    const required = alternation();
    if (at !== source.length || required === null) return undefined;
    return [...new Set(required)];
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
}
