import { loadCatalog, type Catalog } from './catalog';
import { hasEntraWording } from './signals';

type KnownCodes = Pick<Catalog, 'byCode'>;

interface Found {
  index: number;
  code: number;
}

// The AADSTS prefix, also when the first letters were lost in a partial copy ("DSTS53003").
// The full prefix may touch anything (URL-encoded text puts "%20" right before it); a cut-down
// prefix must start a word so that ordinary words ending in "dsts" do not count.
const PREFIXED = /(?:aadsts|(?<![a-z0-9])a?dsts)[ \t:#_-]{0,3}(\d{4,7})(?!\d)/gi;
// "STS50076" and "TS50076": only upper case, glued to the digits and starting a word, because
// these short prefixes also occur in ordinary text.
const SHORT_PREFIXED = /(?<![A-Za-z0-9])S?TS(\d{5,7})(?!\d)/g;
// JSON or query-string lists: "error_codes": [50126, 70002].
const CODE_LIST = /error_?codes["']?[ \t]*[:=][ \t]*\[([^\]\n]{0,300})\]/gi;
const LIST_ITEM = /(?<!\d)\d{4,7}(?!\d)/g;
// "Error Code: 53003", "error code 53003", "errorCode": 50126, "Sign-in error code 50126".
// The value may sit on a following line, as in the sign-in log's details pane.
// A few words may come between ("error code is 53003", "error code missing: 500172").
const LABELLED =
  /error[ _-]?code(?:[ \t]+(?:is|was|of|missing|shown|listed|returned|reported))?["']?[ \t]*[:=#]?[ \t]*(?:\n[ \t]*){0,2}["']?(\d{4,7})(?![\d.:/-]\d|\d)/gi;
// A number standing alone: not part of a version, address, time, path, GUID, HRESULT or port.
const STANDALONE = /(?<![\w.\\/@$%+-]|\d:)\d{5,7}(?![\w@]|[.:/,]\d|-\w)/g;
// Words that make a nearby known number read as an error code.
const CODE_WORDS = /\b(?:errors?|err|codes?|aadsts|fehler|erreur|errore|codigo|código|fout|fel)\b/i;
const CODE_WORD_WINDOW = 40;
// "... a lot of 51005 errors": the word may also follow the number closely.
const CODE_WORD_AFTER = /^[ \t]{0,3}(?:errors?|error code|code)\b/i;
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
  /\b(?:port|ticket|case|incident|inc|order|room|ext|extension|phone|tel|pin|version|build|line|row|no|number|id|pid|invoice|po)[ \t]*[#:.]?[ \t]*$/i;
const UNIT_AFTER =
  /^[ \t]?(?:ms|milliseconds?|seconds?|secs?|minutes?|mins?|hours?|days?|bytes?|kb|mb|gb|users?|people|persons?|times|rows?|records?|items?|requests?|accounts?|devices?|licen[cs]es?|employees?|seats?|mailboxes|messages|emails|dollars?|usd|eur|gbp|%)\b/i;

function collect(pattern: RegExp, text: string, found: Found[], accept: (code: number) => boolean) {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const code = Number(m[1]);
    if (accept(code)) found.push({ index: m.index, code });
  }
}

function collectLists(text: string, found: Found[]): void {
  CODE_LIST.lastIndex = 0;
  for (let m = CODE_LIST.exec(text); m !== null; m = CODE_LIST.exec(text)) {
    const start = m.index + m[0].indexOf('[');
    LIST_ITEM.lastIndex = 0;
    const items = m[1] ?? '';
    for (let item = LIST_ITEM.exec(items); item !== null; item = LIST_ITEM.exec(items)) {
      found.push({ index: start + item.index, code: Number(item[0]) });
    }
  }
}

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
function collectStandalone(text: string, found: Found[], catalog: KnownCodes): void {
  const short = text.length <= SHORT_PASTE;
  const bare = BARE.test(text);
  const cited: Found[] = [];
  const passing: Found[] = [];
  STANDALONE.lastIndex = 0;
  for (let m = STANDALONE.exec(text); m !== null; m = STANDALONE.exec(text)) {
    const code = Number(m[0]);
    if (catalog.byCode(code) === undefined) continue;
    const before = lineBefore(text, m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 16);
    if (OTHER_NUMBER_BEFORE.test(before) || UNIT_AFTER.test(after)) continue;
    if (
      bare ||
      (short && !isRound(code)) ||
      CODE_WORDS.test(before) ||
      CODE_WORD_AFTER.test(after)
    ) {
      cited.push({ index: m.index, code });
    } else if (!isRound(code)) {
      passing.push({ index: m.index, code });
    }
  }
  const aboutCodes = found.length > 0 || cited.length > 0 || SIGN_IN_TALK.test(text);
  found.push(...cited, ...(aboutCodes ? passing : []));
}

/**
 * Every AADSTS code in a normalised paste, in order of first appearance, without duplicates.
 * Prefixed codes and JSON `error_codes` always count. A labelled number ("Error Code: 53003")
 * counts when the catalog knows it or the paste otherwise looks like an Entra error. A number on
 * its own counts only when the catalog knows it and the paste is short, calls it an error or
 * code, or talks about signing in; never inside a date, port, address, path, version or GUID.
 */
export function extractCodes(text: string, catalog: KnownCodes = loadCatalog()): number[] {
  const found: Found[] = [];
  const always = (): boolean => true;
  collect(PREFIXED, text, found, always);
  collect(SHORT_PREFIXED, text, found, always);
  collectLists(text, found);
  const entra = hasEntraWording(text);
  collect(LABELLED, text, found, (code) => entra || catalog.byCode(code) !== undefined);
  collectStandalone(text, found, catalog);
  found.sort((a, b) => a.index - b.index);
  const codes: number[] = [];
  const seen = new Set<number>();
  for (const { code } of found) {
    if (!seen.has(code)) {
      seen.add(code);
      codes.push(code);
    }
  }
  return codes;
}
