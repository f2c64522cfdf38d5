import { isIP } from 'node:net';
import { FIELD_LABELS, type LabelRule, type ValueKind } from './field-labels';
import type { TriageFields } from './types';

const escapeLabel = (label: string): string =>
  label
    .split(/[ _-]/)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[ _-]?');

const ALL_LABELS = FIELD_LABELS.flatMap((rule) => rule.labels).sort((a, b) => b.length - a.length);
const BY_LABEL = new Map<string, LabelRule>(
  FIELD_LABELS.flatMap((rule) =>
    rule.labels.map((label): [string, LabelRule] => [squash(label), rule]),
  ),
);

function squash(label: string): string {
  return label.toLowerCase().replace(/[ _-]/g, '');
}

// A label is a word of its own, optionally quoted (JSON keys), and followed by its value.
const LABEL = new RegExp(
  `(?<![a-z0-9])(${ALL_LABELS.map(escapeLabel).join('|')})(?![a-z0-9])`,
  'gi',
);
// Between a label and its value: a colon, equals sign or bar, a line break, quotes, or in prose a
// verb before a quoted value ('Device State is "Unregistered"').
const SEPARATOR =
  /["']?[ \t]*(?:[:=|][ \t]*|(?:is|was|shows|says)[ \t]+(?=["']))?(?:\n[ \t]*)?["'{]?[ \t]*/y;
const HAS_SEPARATOR = /[:=|\n"']/;
// Without a separator, a free-text value must look like one ("Device state Compliant"), not like
// the rest of a sentence ("device state is unknown").
const STARTS_LIKE_VALUE = /^[A-Z0-9]/;
// A GUID with dashes (optionally in braces) or as 32 hex digits; returned as written.
const GUID =
  /\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})\}?(?![0-9a-z-])/iy;
const TIMESTAMP =
  /(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?: ?(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?|\d{1,2}[/.]\d{1,2}[/.]\d{4},? \d{1,2}:\d{2}(?::\d{2})?(?: ?[AP]M)?(?: ?(?:Z|UTC|GMT))?)/iy;
const IP = /([0-9a-f:.]{2,45})/iy;
const UPN = /([^\s"'<>(),;:[\]{}]{1,64}@[^\s"'<>(),;:[\]{}]{1,255})/y;
// A free-text value ends at the line's end or a double quote (values quoted in prose or JSON).
const LINE_REST = /([^\n"]{1,200})/y;
const EMPTY_VALUES = new Set([
  '',
  '-',
  'n/a',
  'na',
  'none',
  'null',
  'unknown',
  'not available',
  'no disponible',
  'non disponible',
  'nicht verfügbar',
  'não disponível',
]);

// Bold text in Markdown ("**IP Address:** 1.2.3.4", "__Timestamp__: ..."), as a ticket or a chat
// renders a form: the marks are dropped so the label and its value read as plain text.
const MARKDOWN_STRONG = /(\*\*|__)(?=\S)([^\n]*?\S)\1/g;
// A page copied without its line breaks runs the next label into a GUID or a timestamp ("Correlation
// ID: ...b063bd74ee76Timestamp: 2017-11-14 13:49:46ZAADSTS50020"): a space is put back before a
// letter that follows the GUID's last group or a timestamp's zone, so the label reads (round 15).
const RUN_ON_LABEL =
  /(\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\d{2}:\d{2}:\d{2}Z)(?=[A-Z][a-z]|AADSTS)/g;

// Phrases inside AADSTS messages that carry the app or the user.
const APP_IN_MESSAGE =
  /application (?:with (?:identifier|id|app id) )?['"]?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})['"]?(?:\(([^)\n]{1,100})\))?/i;
const APP_NAMED = / named ['"]([^'"\n]{1,100})['"]/i;
// The user named in a message ("The signed in user 'x@y'", "User account 'x@y' from identity
// provider", "53003 for x@y") or in a bracketed log field ("[x@y]").
const USER_IN_MESSAGE =
  /(?:\b(?:user|account|for)[ \t]+|\[)['"]?([^\s"'<>(),;:[\]{}]{1,64}@[^\s"'<>(),;:[\]{}]{1,255})/i;

function readAt(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[1];
}

function cleanUpn(value: string): string | undefined {
  const upn = value.replace(/[.]+$/, '');
  const at = upn.indexOf('@');
  return at > 0 && upn.indexOf('.', at) > at + 1 ? upn : undefined;
}

/** The rest of the line, cut where the next label starts ("... Device state: x" on one line). */
function readText(text: string, at: number): string | undefined {
  const rest = readAt(LINE_REST, text, at);
  if (rest === undefined) return undefined;
  LABEL.lastIndex = 0;
  const next = LABEL.exec(rest);
  const value = (next === null ? rest : rest.slice(0, next.index))
    .replace(/["',;{}]+\s*$/, '')
    .trim();
  return EMPTY_VALUES.has(value.toLowerCase()) ? undefined : value;
}

function readValue(kind: ValueKind, text: string, at: number): string | undefined {
  switch (kind) {
    case 'guid':
      return readAt(GUID, text, at);
    case 'timestamp': {
      const stamp = readAt(TIMESTAMP, text, at);
      if (stamp !== undefined) return stamp;
      const loose = readText(text, at);
      return loose !== undefined && /\d/.test(loose) && loose.length <= 40 ? loose : undefined;
    }
    case 'ip': {
      const ip = readAt(IP, text, at)?.replace(/[.:]+$/, '');
      return ip !== undefined && isIP(ip) !== 0 ? ip : undefined;
    }
    case 'upn': {
      const upn = readAt(UPN, text, at);
      return upn === undefined ? undefined : cleanUpn(upn);
    }
    case 'text':
      return readText(text, at);
  }
}

function looksLikeValue(rule: LabelRule, value: string, separator: string): boolean {
  return rule.kind !== 'text' || HAS_SEPARATOR.test(separator) || STARTS_LIKE_VALUE.test(value);
}

function fromMessages(text: string, fields: TriageFields): void {
  const app = APP_IN_MESSAGE.exec(text);
  if (app !== null) {
    fields.appId ??= app[1];
    if (app[2] !== undefined) fields.appName ??= app[2].trim();
  }
  const named = APP_NAMED.exec(text);
  if (named?.[1] !== undefined) fields.appName ??= named[1].trim();
  const user = USER_IN_MESSAGE.exec(text);
  if (user?.[1] !== undefined) {
    const upn = cleanUpn(user[1]);
    if (upn !== undefined) fields.upn ??= upn;
  }
}

/**
 * Details a paste carries: request, correlation and trace ids, timestamp, app, user, IP and
 * device, from labelled lines ("Correlation Id: ...", value on the same or the next line), JSON
 * keys, Markdown bold labels ("**IP Address:** ...") and the wording of AADSTS messages. The
 * first valid value of each field wins; ids must be GUIDs (returned as written) and IPs valid
 * addresses, so placeholders are skipped.
 * Expects normalised text (see `normalize`).
 */
export function extractFields(pasted: string): TriageFields {
  const text = pasted.replace(MARKDOWN_STRONG, '$2').replace(RUN_ON_LABEL, '$1 ');
  const fields: TriageFields = {};
  LABEL.lastIndex = 0;
  for (let m = LABEL.exec(text); m !== null; m = LABEL.exec(text)) {
    const rule = BY_LABEL.get(squash(m[1] ?? ''));
    if (rule === undefined || fields[rule.field] !== undefined) continue;
    const afterLabel = LABEL.lastIndex;
    SEPARATOR.lastIndex = afterLabel;
    const separator = SEPARATOR.exec(text)?.[0] ?? '';
    const valueAt = afterLabel + separator.length;
    const value = readValue(rule.kind, text, valueAt);
    LABEL.lastIndex = afterLabel;
    if (value !== undefined && looksLikeValue(rule, value, separator)) fields[rule.field] = value;
  }
  fromMessages(text, fields);
  return fields;
}
