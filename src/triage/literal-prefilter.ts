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

/**
 * The top-level alternatives of a pattern's source (`a|b(?:c|d)|e` gives `a`, `b(?:c|d)`, `e`),
 * or undefined when the source is not followed: groups that capture (their numbers would change),
 * back-references, or brackets that do not pair up.
 */
export function topAlternatives(pattern: RegExp): string[] | undefined {
  const source = pattern.source;
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let at = 0; at < source.length; at += 1) {
    const c = source[at];
    if (c === '\\') {
      // A back-reference (or a named one) names a group by its number in the whole pattern.
      if (/[1-9k]/.test(source[at + 1] ?? '')) return undefined;
      at += 1;
    } else if (c === '[') {
      for (at += 1; at < source.length && source[at] !== ']'; at += 1)
        if (source[at] === '\\') at += 1;
      if (at >= source.length) return undefined;
    } else if (c === '(') {
      const kind = source.slice(at + 1, at + 4);
      const silent =
        kind.startsWith('?:') ||
        kind.startsWith('?=') ||
        kind.startsWith('?!') ||
        kind === '?<=' ||
        kind === '?<!';
      if (!silent) return undefined;
      depth += 1;
    } else if (c === ')') {
      depth -= 1;
      if (depth < 0) return undefined;
    } else if (c === '|' && depth === 0) {
      parts.push(source.slice(start, at));
      start = at + 1;
    }
  }
  if (depth !== 0) return undefined;
  parts.push(source.slice(start));
  return parts;
}

/** Runs, each with its bits (runBits), in one array each: entry i's bits are 2i and 2i + 1. */
interface RunTable {
  runs: string[];
  bits: number[];
}

const addRun = (table: RunTable, run: string): void => {
  table.runs.push(run);
  table.bits.push(...runBits(run));
};

/**
 * A list of patterns, tried on many texts, with their runs read once into flat tables: for each
 * pattern, its quick test (prefilterOf's runs: false only when it cannot match), and its test by
 * alternatives. A text holds a pattern when it holds one of its top-level alternatives, and an
 * alternative only where one of its required runs occurs (requiredLiterals); so where a run of an
 * alternative occurs, the alternatives that require it are tried together as one pattern, and
 * the alternatives without runs together last. A word list of a hundred alternatives, a few of
 * them common words ("code", "app"), is then scanned for those few rather than for all. The same
 * answer as `pattern.test(text)` for a pattern without the g or y flag (which make `test` depend
 * on `lastIndex`); for those, and for a source not followed (topAlternatives), the pattern itself
 * is tried. Flat tables rather than a closure a pattern: a text is checked against a thousand
 * runs, and inside a busy process they are read from cold caches.
 */
export class PatternRuns {
  private readonly patterns: readonly RegExp[];
  /** Pattern p's own runs are entries wholeAt[p] to wholeAt[p + 1] of `whole`. */
  private readonly wholeAt: Int32Array;
  private readonly whole: RunTable = { runs: [], bits: [] };
  private readonly wholeBits: Int32Array;
  /** 1: pattern p has runs of its own (a quick test); 0: it may always match. */
  private readonly filtered: Uint8Array;
  /** Pattern p's alternatives' runs are entries byRunAt[p] to byRunAt[p + 1] of `byRun`. */
  private readonly byRunAt: Int32Array;
  private readonly byRun: RunTable = { runs: [], bits: [] };
  private readonly byRunBits: Int32Array;
  /** For each entry of `byRun`, the pattern's alternatives that require that run. */
  private readonly byRunTests: RegExp[] = [];
  /** Pattern p's alternatives without runs, together; undefined when there are none. */
  private readonly rest: Array<RegExp | undefined> = [];
  /** 1: pattern p is tried by its alternatives; 0: as a whole. */
  private readonly split: Uint8Array;

  /**
   * `caseBlind`: the patterns are tried on a text whose runs are looked for in its lower-case
   * form (requiredLiterals' case-blind runs); a pattern without the i flag is tried whole.
   */
  constructor(patterns: readonly RegExp[], caseBlind = false) {
    this.patterns = patterns;
    const count = patterns.length;
    this.wholeAt = new Int32Array(count + 1);
    this.filtered = new Uint8Array(count);
    this.byRunAt = new Int32Array(count + 1);
    this.split = new Uint8Array(count);
    patterns.forEach((pattern, p) => {
      const literals = requiredLiterals(pattern, caseBlind);
      this.filtered[p] = literals === undefined ? 0 : 1;
      for (const run of literals ?? []) addRun(this.whole, run);
      this.wholeAt[p + 1] = this.whole.runs.length;
      const byAlternatives = alternativesOf(pattern, caseBlind);
      this.rest.push(byAlternatives?.rest);
      if (byAlternatives !== undefined) {
        this.split[p] = 1;
        for (const [run, test] of byAlternatives.byRun) {
          addRun(this.byRun, run);
          this.byRunTests.push(test);
        }
      }
      this.byRunAt[p + 1] = this.byRun.runs.length;
    });
    this.wholeBits = Int32Array.from(this.whole.bits);
    this.byRunBits = Int32Array.from(this.byRun.bits);
  }

  /**
   * prefilterOf(pattern p) on the text: false only when the pattern cannot match it. `text` and
   * `grams` are the lower-case text's for case-blind patterns.
   */
  mayMatch(p: number, grams: GramSet, text: string): boolean {
    if (this.filtered[p] !== 1) return true;
    const bits = this.wholeBits;
    const runs = this.whole.runs;
    for (let i = this.wholeAt[p] ?? 0, end = this.wholeAt[p + 1] ?? 0; i < end; i += 1) {
      if (!has(grams, bits[2 * i] ?? 0) || !has(grams, bits[2 * i + 1] ?? 0)) continue;
      if (text.includes(runs[i] ?? '')) return true;
    }
    return false;
  }

  /**
   * `patterns[p].test(text)`, given the grams of `runsText` (the text, or for case-blind
   * patterns its lower-case form): only its alternatives that may match are tried.
   */
  test(p: number, grams: GramSet, text: string, runsText = text): boolean {
    if (this.split[p] !== 1) return this.patterns[p]?.test(text) === true;
    const bits = this.byRunBits;
    const runs = this.byRun.runs;
    for (let i = this.byRunAt[p] ?? 0, end = this.byRunAt[p + 1] ?? 0; i < end; i += 1) {
      if (!has(grams, bits[2 * i] ?? 0) || !has(grams, bits[2 * i + 1] ?? 0)) continue;
      if (runsText.includes(runs[i] ?? '') && this.byRunTests[i]?.test(text) === true) return true;
    }
    return this.rest[p]?.test(text) === true;
  }
}

/**
 * A pattern's alternatives grouped by the runs they require (each alternative under each of its
 * runs) and those without runs joined, each group as one pattern of the same flags; undefined when
 * the pattern is better tried whole (g or y flag, a source not followed, no alternatives).
 */
function alternativesOf(
  pattern: RegExp,
  caseBlind: boolean,
): { byRun: Array<[string, RegExp]>; rest: RegExp | undefined } | undefined {
  if (/[gy]/.test(pattern.flags)) return undefined;
  const sources = topAlternatives(pattern);
  if (sources === undefined || sources.length < 2) return undefined;
  const join = (list: readonly string[]): RegExp =>
    new RegExp(list.map((source) => `(?:${source})`).join('|'), pattern.flags);
  try {
    const byRun = new Map<string, string[]>();
    const unfiltered: string[] = [];
    for (const source of sources) {
      const literals = requiredLiterals(new RegExp(source, pattern.flags), caseBlind);
      if (literals === undefined) unfiltered.push(source);
      else for (const run of literals) byRun.set(run, [...(byRun.get(run) ?? []), source]);
    }
    return {
      byRun: [...byRun].map(([run, list]): [string, RegExp] => [run, join(list)]),
      rest: unfiltered.length > 0 ? join(unfiltered) : undefined,
    };
  } catch {
    // An alternative that is no pattern on its own: the source was not read right.
    return undefined;
  }
}

// The lower-case form of the text last asked about, and its grams, for the case-blind tests below:
// triage asks several word lists of one paste, each of which would otherwise lower-case it again.
let viewText: string | undefined;
let viewLower = '';
const VIEW_GRAMS = gramsOf('');
const MAX_VIEW_CHARS = 8 * 1024;

/**
 * `pattern.test(text)` for a case-blind word list tried on whole pastes: the text is lower-cased
 * and its grams read once (kept for the next list asked of the same text), and the pattern is
 * tried by its alternatives whose runs occur (PatternRuns); a text over 8 KB is tried whole. A
 * pattern with the g or y flag is tried itself (its `test` moves `lastIndex`); so, in effect, is
 * one without the i flag, or with u or v (none of its alternatives has case-blind runs).
 */
export function caseBlindTestOf(pattern: RegExp): (text: string) => boolean {
  if (/[gy]/.test(pattern.flags)) return (text) => pattern.test(text);
  const runs = new PatternRuns([pattern], true);
  return (text) => {
    // Over a long log, lower-casing and reading the grams cost more than the scans they save.
    if (text.length > MAX_VIEW_CHARS) return pattern.test(text);
    if (text !== viewText) {
      viewLower = text.toLowerCase();
      gramsOf(viewLower, VIEW_GRAMS);
      viewText = text;
    }
    return runs.mayMatch(0, VIEW_GRAMS, viewLower) && runs.test(0, VIEW_GRAMS, text, viewLower);
  };
}
