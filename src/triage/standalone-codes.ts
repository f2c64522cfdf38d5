/**
 * When a number without an AADSTS prefix or label is an error code. The rules are heuristics about
 * how people write, kept apart from the plain pattern matching in extract-codes.ts.
 */
import type { Catalog } from './catalog';

/** A code and where it starts in the paste. */
export interface Found {
  index: number;
  code: number;
}

// A number standing alone: not part of a version, address, time, path, GUID, HRESULT or port.
const STANDALONE = /(?<![\w.\\/@$%+-]|\d:)\d{5,7}(?![\w@]|[.:/,]\d|-\w)/g;
// Words that make a nearby known number read as an error code.
const CODE_WORDS = /\b(?:errors?|err|codes?|aadsts|fehler|erreur|errore|codigo|código|fout|fel)\b/i;
const CODE_WORD_WINDOW = 40;
// "... a lot of 51005 errors": the word may also follow the number closely.
const CODE_WORD_AFTER = /^[ \t]{0,3}(?:errors?|error code|code)\b/i;
// The helpdesk's own form, "53000 for user@contoso.com": a number asked about for a person.
const FOR_PERSON_AFTER = /^[ \t]+(?:for|of)[ \t]+[^\s@]+@[^\s@]+/i;
// A paste that is only a number ("53003", "#50000.") or little more than a number and a few words
// ("53003 again?") is asking about it; in the latter a round number is more likely a count.
const BARE = /^[^\w]{0,3}\d{5,7}[^\w]{0,3}$/;
const SHORT_PASTE = 120;
// In a paste about signing in, a known code may be cited in passing ("the user gets 53001 in
// Chrome"). Round numbers are left out there: they are far more often counts than codes.
const SIGN_IN_TALK =
  /sign[ -]?in|log[ -]?in|logon|password|conditional access|\bca (?:policy|policies)\b|\bmfa\b|multi-?factor|azure ad\b|\baad\b|entra|failure reason/i;
const isRound = (code: number): boolean => code % 1000 === 0;
// Numbers that name something else: "ticket 53003", "port 50001", "case #50126", "50126 users".
const OTHER_NUMBER_BEFORE =
  /\b(?:port|ticket|case|incident|inc|order|ref|reference|room|ext|extension|phone|tel|pin|version|build|line|row|no|number|id|pid|invoice|po|serial|zip|exit code|exit status)[ \t]*[#:.]?[ \t]*$/i;
const UNIT_AFTER =
  /^[ \t]?(?:ms|milliseconds?|seconds?|secs?|minutes?|mins?|hours?|days?|bytes?|kb|mb|gb|users?|people|persons?|times|rows?|records?|items?|requests?|accounts?|devices?|licen[cs]es?|employees?|seats?|mailboxes|messages|emails|dollars?|usd|eur|gbp|%)\b/i;

function lineBefore(text: string, index: number): string {
  const from = Math.max(0, index - CODE_WORD_WINDOW);
  const before = text.slice(from, index);
  const newline = before.lastIndexOf('\n');
  return newline === -1 ? before : before.slice(newline + 1);
}

/**
 * Known codes standing alone: in a short paste or next to a word like "error" or "code" they
 * count; elsewhere (unless round) they count when the paste talks about signing in or already
 * cites a code ("add error code 50056 ... between 50056 and 50126"), since then it is about codes.
 */
export function collectStandalone(
  text: string,
  found: Found[],
  catalog: Pick<Catalog, 'byCode'>,
): void {
  const short = text.length <= SHORT_PASTE;
  // A known number the paste opens with ("700016 is not documented. Message ...") is what the
  // paste is about, as the subject of its first sentence.
  const opening = /^[^\w]{0,3}(?=\d)/.exec(text)?.[0].length;
  const bare = BARE.test(text);
  const cited: Found[] = [];
  const passing: Found[] = [];
  STANDALONE.lastIndex = 0;
  for (let m = STANDALONE.exec(text); m !== null; m = STANDALONE.exec(text)) {
    const code = Number(m[0]);
    if (catalog.byCode(code) === undefined) continue;
    const before = lineBefore(text, m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 80);
    if (OTHER_NUMBER_BEFORE.test(before) || UNIT_AFTER.test(after)) continue;
    if (
      bare ||
      m.index === opening ||
      (short && !isRound(code)) ||
      CODE_WORDS.test(before) ||
      CODE_WORD_AFTER.test(after) ||
      FOR_PERSON_AFTER.test(after)
    ) {
      cited.push({ index: m.index, code });
    } else if (!isRound(code)) {
      passing.push({ index: m.index, code });
    }
  }
  const aboutCodes = found.length > 0 || cited.length > 0 || SIGN_IN_TALK.test(text);
  found.push(...cited, ...(aboutCodes ? passing : []));
}
