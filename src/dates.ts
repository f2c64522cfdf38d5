const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** The English name of a month numbered 1 to 12; undefined outside that range. */
export function monthName(month: number): string | undefined {
  return Number.isInteger(month) ? MONTH_NAMES[month - 1] : undefined;
}

/**
 * Where the reader is, as Teams tells it: `activity.locale` and the clientInfo entity's
 * `timezone` (an IANA name). Both come from the client and are checked before use.
 */
export interface ReaderPlace {
  locale?: string;
  timeZone?: string;
}

/** Turns an ISO instant into the one date-and-time form a card shows. */
export type InstantWords = (iso: string | null | undefined) => string;

const FALLBACK_LOCALE = 'en-GB';

/**
 * Building an Intl.DateTimeFormat costs far more than using one, and every card asks for one, so
 * formatters are kept per locale and zone. Bounded, because both come from the activity.
 */
const FORMATTERS = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATTERS = 256;

function formatterFor(place: ReaderPlace): Intl.DateTimeFormat {
  const key = `${place.locale ?? ''}|${place.timeZone ?? ''}`;
  let formatter = FORMATTERS.get(key);
  if (formatter === undefined) {
    formatter = buildFormatter(place);
    if (FORMATTERS.size >= MAX_FORMATTERS) FORMATTERS.clear();
    FORMATTERS.set(key, formatter);
  }
  return formatter;
}

function buildFormatter(place: ReaderPlace): Intl.DateTimeFormat {
  const options: Intl.DateTimeFormatOptions = {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  };
  const attempts: Array<[string, string]> = [
    [place.locale ?? FALLBACK_LOCALE, place.timeZone ?? 'UTC'],
    [place.locale ?? FALLBACK_LOCALE, 'UTC'],
    [FALLBACK_LOCALE, place.timeZone ?? 'UTC'],
    [FALLBACK_LOCALE, 'UTC'],
  ];
  for (const [locale, timeZone] of attempts) {
    try {
      return new Intl.DateTimeFormat(locale, { ...options, timeZone });
    } catch {
      // A locale or zone this runtime does not know: try the next, ending at UTC, which all know.
    }
  }
  return new Intl.DateTimeFormat(FALLBACK_LOCALE, { ...options, timeZone: 'UTC' });
}

/**
 * Dates and times in the reader's locale and time zone, with the zone always named ("15 Jan
 * 2026, 12:20 CET", "Jan 15, 2026, 03:20 AM PST"); UTC when the channel does not say where the
 * reader is. An unknown locale or zone falls back rather than failing the answer.
 */
export function instantWords(place: ReaderPlace = {}): InstantWords {
  const formatter = formatterFor(place);
  return (iso) => {
    if (iso === null || iso === undefined || iso === '') return 'unknown';
    const ms = Date.parse(iso);
    if (!Number.isFinite(ms)) return iso;
    return formatter.format(new Date(ms)).replace(/\u202f/g, ' ');
  };
}

/** An instant as a text wrote it for one reader, with the ISO instant it stands for. */
export interface WrittenInstant {
  shown: string;
  at: string;
}

/**
 * The same words, noting every instant they write: text made for one reader can then be copied
 * for another (the helpdesk channel) with its instants in that reader's form (`rewriteInstants`).
 */
export function notingInstants(words: InstantWords): {
  words: InstantWords;
  noted: () => WrittenInstant[];
} {
  const seen = new Map<string, string>();
  return {
    words: (iso) => {
      const shown = words(iso);
      if (iso !== null && iso !== undefined && shown !== iso && Number.isFinite(Date.parse(iso))) {
        seen.set(shown, iso);
      }
      return shown;
    },
    noted: () => [...seen].map(([shown, at]) => ({ shown, at })),
  };
}

/** `text` with each noted instant written again by `words` (longest first, so none is cut). */
export function rewriteInstants(
  text: string,
  noted: readonly WrittenInstant[] | undefined,
  words: InstantWords,
): string {
  if (noted === undefined || noted.length === 0) return text;
  const longestFirst = [...noted].sort((a, b) => b.shown.length - a.shown.length);
  return longestFirst.reduce((out, { shown, at }) => out.split(shown).join(words(at)), text);
}

const UTC_WORDS = instantWords();

/** "15 Jan 2026, 09:12 UTC": the form for readers whose place is unknown. */
export function formatInstant(iso: string | null | undefined): string {
  return UTC_WORDS(iso);
}
