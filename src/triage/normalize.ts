/**
 * How much of a paste triage reads. Pastes past this are cut (and reported as truncated): an
 * error page, a stack trace or a few log lines fit easily, and the cap bounds the work per message.
 */
export const MAX_PASTE_CHARS = 64 * 1024;

export interface NormalizedPaste {
  /** Cleaned text that keeps its lines: blanks inside a line collapsed, lines trimmed. */
  text: string;
  /** Lower-case text with every whitespace run (newlines too) collapsed to one space. */
  flat: string;
  /** The input was longer than `MAX_PASTE_CHARS` and only its start was read. */
  truncated: boolean;
}

// Escapes left behind when a JSON body or a quoted string is pasted as text. `\r\n` becomes one
// newline; any other `\uXXXX` becomes its character so the mapping below can clean it further.
const ESCAPE = /\\(?:r\\n|u([0-9a-fA-F]{4})|([rnt"'/\\]))/g;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  r: '\n',
  n: '\n',
  t: '\t',
  '"': '"',
  "'": "'",
  '/': '/',
  '\\': '\\',
};

// Error JSON is often nested in another JSON string (a log message inside an exception inside a
// response), one level of escaping per layer.
const MAX_UNESCAPE_PASSES = 4;

// Redirect URLs carry the error URL-encoded ("error_description=AADSTS50011%3a+The+redirect").
// Only whitespace-free tokens that hold a percent escape are decoded, and there `+` is a space.
const TOKEN = /[^\s"'<>]+/g;
const PERCENT_RUN = /(?:%[0-9a-fA-F]{2})+/g;

function decodePercentRun(run: string): string {
  try {
    return decodeURIComponent(run);
  } catch {
    return run;
  }
}

function decodeUrlToken(token: string): string {
  if (!/%[0-9a-fA-F]{2}/.test(token)) return token;
  return token.replace(/\+/g, ' ').replace(PERCENT_RUN, decodePercentRun);
}

const HTML_ENTITY = /&(?:quot|apos|amp|lt|gt|nbsp|#39|#x27|#34|#x22);/gi;
const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&quot;': '"',
  '&apos;': "'",
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&nbsp;': ' ',
  '&#39;': "'",
  '&#x27;': "'",
  '&#34;': '"',
  '&#x22;': '"',
};

// One pass maps every character that would stop a phrase or label from matching: invisible
// characters vanish, odd spaces become spaces, typographic quotes and dashes become ASCII ones,
// control characters become spaces and Unicode line separators become newlines.
const SPECIAL =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u0085\u00a0\u00ad\u180e\u1680\u2000-\u200f\u2010-\u2015\u2018-\u201f\u2028-\u202f\u2032\u2033\u205f\u2060-\u2064\u2066-\u2069\u2212\u3000\ufeff]/g;

function mapSpecial(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c === 0x85 || c === 0x2028 || c === 0x2029) return '\n';
  if (c === 0xad || c === 0x180e || (c >= 0x200b && c <= 0x200f) || c === 0xfeff) return '';
  if ((c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x2069)) return '';
  if (c >= 0x202a && c <= 0x202e) return '';
  if ((c >= 0x2010 && c <= 0x2015) || c === 0x2212) return '-';
  if (c === 0x2018 || c === 0x2019 || c === 0x201a || c === 0x201b || c === 0x2032) return "'";
  if (c >= 0x201c && c <= 0x201f) return '"';
  if (c === 0x2033) return '"';
  return ' ';
}

function unescapeOnce(text: string): string {
  return text.replace(ESCAPE, (_match, hex: string | undefined, simple: string | undefined) => {
    if (hex !== undefined) return String.fromCharCode(parseInt(hex, 16));
    if (simple !== undefined) return SIMPLE_ESCAPES[simple] ?? simple;
    return '\n';
  });
}

// A blank run the rewrite below would change: a tab, form feed or vertical tab, or two spaces.
const BLANKS_TO_FOLD = /[\t\f\v]| {2}/;

/** Cuts at `max` without leaving half of a surrogate pair behind. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/**
 * Cleans a pasted error so the matchers see one spelling of it: escapes from JSON bodies undone
 * (repeatedly, for JSON nested in JSON strings), URL-encoded tokens and HTML entities decoded, NFKC applied, invisible
 * characters removed, Unicode spaces, quotes and dashes made ASCII, line endings made `\n`.
 * Pure; linear in the input, which is first cut to `maxChars`.
 */
export function normalize(input: string, maxChars: number = MAX_PASTE_CHARS): NormalizedPaste {
  const truncated = input.length > maxChars;
  let text = cut(input, maxChars);
  for (let pass = 0; pass < MAX_UNESCAPE_PASSES && text.includes('\\'); pass += 1) {
    const next = unescapeOnce(text);
    if (next === text) break;
    text = next;
  }
  if (text.includes('%')) text = text.replace(TOKEN, decodeUrlToken);
  if (text.includes('&'))
    text = text.replace(HTML_ENTITY, (e) => HTML_ENTITIES[e.toLowerCase()] ?? e);
  text = text.replace(SPECIAL, mapSpecial);
  // NFKC folds full-width digits and letters, ligatures and compatibility spaces; ASCII is
  // already in normal form, so the common case skips it.
  if (/[^\u0000-\u007f]/.test(text)) text = text.normalize('NFKC').replace(SPECIAL, mapSpecial);
  // Each rewrite is skipped where it would change nothing (no carriage return; no blank run but
  // single spaces; no space beside a newline), which is what most pastes hold.
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  if (BLANKS_TO_FOLD.test(text)) text = text.replace(/[ \t\f\v]+/g, ' ');
  if (text.includes(' \n') || text.includes('\n ')) text = text.replace(/ ?\n ?/g, '\n');
  text = text.trim();
  // Every whitespace run becomes one space; a run that is one space already is left alone.
  const flat = text.replace(/\s{2,}|[^\S ]/g, ' ').toLowerCase();
  return { text, flat, truncated };
}
