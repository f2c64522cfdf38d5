/**
 * The `announce` chat command, parsed without any channel types:
 *
 *   announce                                   usage
 *   announce number-matching <when> group:<group id> [note]
 *   announce number-matching <when> installed [note]
 *   announce number-matching <when> team:<team id> [channel:<channel id>] [note]
 *   announce status <announcement id>
 *   announce cancel <announcement id>
 *   announce failures <announcement id>        failures as CSV
 *
 * <when> is a calendar date (YYYY-MM-DD) or a day counted from today, so that an example never
 * expires: `today`, `tomorrow`, `in 7 days`, `in 2 weeks`, `7d`, `2w`, `+10d`.
 */
import { TEMPLATE_IDS, type Audience, type TemplateId } from './types';

export type AnnounceCommand =
  | { kind: 'usage'; problem?: string }
  | {
      kind: 'draft';
      template: TemplateId;
      activationDate: string;
      audience: Audience;
      note?: string;
    }
  | { kind: 'status' | 'cancel' | 'failures'; announcementId: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TEAMS_ID = /^19:[^\s/\\#?]+$/;
const ANNOUNCEMENT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
export const MAX_NOTE_LENGTH = 500;

/** A calendar date YYYY-MM-DD that exists (no 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Reads the activation day at the start of `words`: a calendar date, or a day relative to
 * `today` (UTC, as the service compares). Returns the date and how many words it used.
 */
export function parseActivationDay(
  words: readonly string[],
  today: Date,
): { date: string; consumed: number } | undefined {
  const first = (words[0] ?? '').toLowerCase();
  if (isCalendarDate(first)) return { date: first, consumed: 1 };
  const offset = (days: number, consumed: number) => ({
    date: new Date(Math.floor(today.getTime() / DAY_MS) * DAY_MS + days * DAY_MS)
      .toISOString()
      .slice(0, 10),
    consumed,
  });
  if (first === 'today') return offset(0, 1);
  if (first === 'tomorrow') return offset(1, 1);
  const unitDays = (unit: string): number | undefined =>
    /^(d|days?)$/.test(unit) ? 1 : /^(w|weeks?)$/.test(unit) ? 7 : undefined;
  const compact = /^\+?(\d{1,3})(d|w)$/.exec(first);
  if (compact) return offset(Number(compact[1]) * (unitDays(compact[2]) ?? 1), 1);
  if (first === 'in') {
    const count = /^\d{1,3}$/.exec(words[1] ?? '');
    const unit = unitDays((words[2] ?? '').toLowerCase());
    if (count && unit !== undefined) return offset(Number(count[0]) * unit, 3);
  }
  return undefined;
}

/**
 * A template named in the words people type for it: "number matching", "Number_Matching",
 * "numbermatching" are number-matching. Returns the template and how many words it took.
 */
function templateSpelledOut(
  words: readonly string[],
): { template: TemplateId; consumed: number } | undefined {
  const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
  for (const template of TEMPLATE_IDS) {
    const parts = template.split('-').length;
    for (const consumed of [1, parts]) {
      if (words.length < consumed) continue;
      if (squash(words.slice(0, consumed).join('')) === squash(template))
        return { template, consumed };
    }
  }
  return undefined;
}

/** `today` is the current instant from the caller's clock; relative days count from it. */
export function parseAnnounceCommand(text: string, today: Date): AnnounceCommand {
  const words = text.trim().split(/\s+/);
  if (!/^announce$/i.test(words[0] ?? ''))
    return { kind: 'usage', problem: 'not an announce command' };
  const [verb, ...afterVerb] = words.slice(1);
  if (verb === undefined || /^help$/i.test(verb)) return { kind: 'usage' };
  const spelled = templateSpelledOut(words.slice(1));
  const lower = spelled?.template ?? verb.toLowerCase();
  const rest = spelled ? words.slice(1 + spelled.consumed) : afterVerb;
  if (lower === 'status' || lower === 'cancel' || lower === 'failures') {
    const id = rest[0];
    if (!id || !ANNOUNCEMENT_ID.test(id)) {
      return { kind: 'usage', problem: `"${lower}" needs an announcement id` };
    }
    return { kind: lower, announcementId: id };
  }
  if (!(TEMPLATE_IDS as readonly string[]).includes(lower)) {
    return {
      kind: 'usage',
      problem: `unknown announcement "${verb}"; known: ${TEMPLATE_IDS.join(', ')}`,
    };
  }
  const day = parseActivationDay(rest, today);
  if (!day) {
    return {
      kind: 'usage',
      problem:
        'the activation day must be a real date written YYYY-MM-DD, or a day from today such as "in 7 days" or "2w"',
    };
  }
  const date = day.date;
  const [audienceWord, ...more] = rest.slice(day.consumed);
  const audience = parseAudience(audienceWord, more);
  if ('problem' in audience) return { kind: 'usage', problem: audience.problem };
  const note = more.slice(audience.consumed).join(' ').trim();
  if (note.length > MAX_NOTE_LENGTH) {
    return { kind: 'usage', problem: `the note is longer than ${MAX_NOTE_LENGTH} characters` };
  }
  return {
    kind: 'draft',
    template: lower as TemplateId,
    activationDate: date,
    audience: audience.audience,
    note: note === '' ? undefined : note,
  };
}

function parseAudience(
  word: string | undefined,
  more: string[],
): { audience: Audience; consumed: number } | { problem: string } {
  const expected = 'the audience must be group:GROUP-ID, installed, or team:TEAM-ID';
  if (!word) return { problem: expected };
  if (/^installed$/i.test(word)) return { audience: { kind: 'installed' }, consumed: 0 };
  const group = /^group:(.+)$/i.exec(word);
  if (group) {
    if (!GUID.test(group[1])) return { problem: 'group: needs the group object id (a GUID)' };
    return { audience: { kind: 'group', groupId: group[1].toLowerCase() }, consumed: 0 };
  }
  const team = /^team:(.+)$/i.exec(word);
  if (team) {
    if (!TEAMS_ID.test(team[1])) return { problem: 'team: needs the team id (19:...)' };
    const channel = /^channel:(.+)$/i.exec(more[0] ?? '');
    if (channel && !TEAMS_ID.test(channel[1])) {
      return { problem: 'channel: needs the channel id (19:...)' };
    }
    return {
      audience: { kind: 'channel', teamId: team[1], channelId: channel ? channel[1] : team[1] },
      consumed: channel ? 1 : 0,
    };
  }
  return { problem: expected };
}
