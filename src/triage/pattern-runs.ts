/**
 * Word-list patterns tried by their alternatives that may match (PatternRuns), and case-blind word
 * lists tried that way on whole pastes (caseBlindTestOf): the runs each alternative needs
 * (literal-prefilter.ts) say which alternatives a text can hold, and only those are tried. The
 * same answer as the pattern itself, on every text.
 */
import { gramsOf, mayHoldRun, requiredLiterals, runBits, type GramSet } from './literal-prefilter';

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
      if (!mayHoldRun(grams, bits[2 * i] ?? 0, bits[2 * i + 1] ?? 0)) continue;
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
      if (!mayHoldRun(grams, bits[2 * i] ?? 0, bits[2 * i + 1] ?? 0)) continue;
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
