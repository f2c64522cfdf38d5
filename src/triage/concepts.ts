import { gramsOf } from './literal-prefilter';
import { PatternRuns } from './pattern-runs';
import { CUES, type ConceptCue } from './concept-cues';

/**
 * Concept cues: the last reading of a code-less paste, after exact phrases and similarity found
 * nothing. People describe the same sign-in problem in many words, but the words fall into a few
 * groups: a password problem is {password} together with {banned, guessable, too common, ...};
 * a lock-out is {account, sign-in} together with {locked, too many attempts}. A cue names the
 * groups of one intent; it holds when one word of every group occurs in the same short stretch
 * of text (one sentence and the next), so that words scattered across a long post do not add up.
 * Cues are ordered: the more specific intent first (a refused new password before an expired
 * one, a mail client's failed login before a wrong password). Pure, linear in the text read.
 */

export { CUES, type ConceptCue } from './concept-cues';

export interface ConceptMatch {
  cue: ConceptCue;
  /** The window of text that held every group. */
  window: string;
}

// Where a sentence ends. A window is one sentence and the next, so a person's own lead-in ("I
// tried to change it this morning.") and the message it introduces are read together.
const SENTENCE_END = /(?<=[.!?。！？])\s+|\n+/;
// Cues read the start of a paste only: a code-less message sits near the top of what people
// paste, and reading a megabyte of log for words adds time, not answers.
const MAX_CONCEPT_CHARS = 8 * 1024;
const MAX_WINDOW_CHARS = 600;

// Each distinct pattern of the cues once, and each cue as the numbers of its patterns: a pattern
// several cues share (ACCOUNT, PASSWORD, MFA_TROUBLE) is tried once on a text, not once a cue.
const PATTERNS: readonly RegExp[] = [
  ...new Set(
    CUES.flatMap((cue) => [...cue.groups, ...(cue.context ?? []), ...(cue.not ? [cue.not] : [])]),
  ),
];
const numberOf = (pattern: RegExp): number => PATTERNS.indexOf(pattern);
// A cue holds only if all its patterns do, so they are tried shortest first: a long pattern (many
// alternatives) costs the most to try, and is not tried once a shorter one has failed.
const shortestFirst = (patterns: readonly RegExp[]): number[] =>
  [...patterns].sort((a, b) => a.source.length - b.source.length).map(numberOf);
const CUE_GROUPS = CUES.map((cue) => shortestFirst(cue.groups));
const CUE_ANYWHERE = CUES.map((cue) => shortestFirst([...cue.groups, ...(cue.context ?? [])]));
const CUE_NOT = CUES.map((cue) => (cue.not === undefined ? -1 : numberOf(cue.not)));
const UNTRIED = 2;
// Over the whole text, a pattern none of whose required runs occurs is not tried at all, and
// where it may, only its alternatives that may match are tried (a long word list passes the
// quick test on one common run, such as "code", and need then be scanned for little else).
const RUNS = new PatternRuns(PATTERNS);
const GRAMS = gramsOf('');

/**
 * Whether each pattern occurs in `text`, tried when first asked (0 no, 1 yes, UNTRIED); with
 * `filtered`, a pattern that cannot match (literal-prefilter.ts) is not tried. `may` is that
 * quick answer alone (false: the pattern cannot match), also kept once asked.
 */
function patternTests(
  text: string,
  filtered = false,
): { holds: (pattern: number) => boolean; may: (pattern: number) => boolean } {
  const known = new Uint8Array(PATTERNS.length).fill(UNTRIED);
  const grams = filtered ? gramsOf(text, GRAMS) : undefined;
  // 0: cannot match; 1: may; UNTRIED.
  const quick = new Uint8Array(PATTERNS.length).fill(UNTRIED);
  const may = (pattern: number): boolean => {
    if (quick[pattern] === UNTRIED)
      quick[pattern] = grams === undefined || RUNS.mayMatch(pattern, grams, text) ? 1 : 0;
    return quick[pattern] === 1;
  };
  const holds = (pattern: number): boolean => {
    let result = known[pattern];
    if (result === UNTRIED) {
      const tried =
        grams === undefined
          ? PATTERNS[pattern]?.test(text)
          : may(pattern) && RUNS.test(pattern, grams, text);
      result = tried === true ? 1 : 0;
      known[pattern] = result;
    }
    return result === 1;
  };
  return { holds, may };
}

/**
 * The first cue (in CUES order) that holds inside one window of the paste, or undefined. The
 * text is read lower-cased; pass the paste's text with its lines kept.
 */
export function findConcept(text: string): ConceptMatch | undefined {
  const lower = text
    .slice(0, MAX_CONCEPT_CHARS)
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    // Identifiers (ERROR_PASSWORD_MUST_CHANGE, TemporaryAccessPass_Disabled) read as words.
    .replace(/_/g, ' ');
  // A cue whose groups do not all occur somewhere in the text cannot hold in any window; most
  // pastes rule out every cue here, with one scan per pattern instead of one per window.
  // A cue one of whose patterns the quick test rules out is not live, whatever the order of its
  // patterns: none of the others is tried for it.
  const anywhere = patternTests(lower, true);
  const live = CUE_ANYWHERE.map(
    (patterns) => patterns.every(anywhere.may) && patterns.every(anywhere.holds),
  );
  if (!live.includes(true)) return undefined;
  const parts = lower.split(SENTENCE_END).filter((s) => s.trim().length > 0);
  const windows: string[] = [];
  for (let i = 0; i < parts.length; i += 1) {
    const next = parts[i + 1];
    const window = next === undefined ? (parts[i] ?? '') : `${parts[i] ?? ''} ${next}`;
    windows.push(window.slice(0, MAX_WINDOW_CHARS));
  }
  let best: { cue: number; window: string } | undefined;
  for (const window of windows) {
    const { holds } = patternTests(window);
    for (let c = 0; c < CUES.length && (best === undefined || c < best.cue); c += 1) {
      if (live[c] !== true) continue;
      const not = CUE_NOT[c] ?? -1;
      if (not !== -1 && holds(not)) continue;
      if ((CUE_GROUPS[c] ?? []).every(holds)) best = { cue: c, window };
    }
    if (best?.cue === 0) break;
  }
  const cue = best === undefined ? undefined : CUES[best.cue];
  return cue === undefined || best === undefined ? undefined : { cue, window: best.window };
}
