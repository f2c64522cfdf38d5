/**
 * The `announce` chat command, parsed without any channel types:
 *
 *   announce                                   usage
 *   announce number-matching 2026-12-01 group:<group id> [note]
 *   announce number-matching 2026-12-01 installed [note]
 *   announce number-matching 2026-12-01 team:<team id> [channel:<channel id>] [note]
 *   announce status <announcement id>
 *   announce cancel <announcement id>
 *   announce failures <announcement id>        failures as CSV
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

export function parseAnnounceCommand(text: string): AnnounceCommand {
  const words = text.trim().split(/\s+/);
  if (!/^announce$/i.test(words[0] ?? ''))
    return { kind: 'usage', problem: 'not an announce command' };
  const [verb, ...rest] = words.slice(1);
  if (verb === undefined || /^help$/i.test(verb)) return { kind: 'usage' };
  const lower = verb.toLowerCase();
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
  const [date, audienceWord, ...more] = rest;
  if (!date || !isCalendarDate(date)) {
    return { kind: 'usage', problem: 'the activation date must be a real date written YYYY-MM-DD' };
  }
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
  const expected = 'the audience must be group:<group id>, installed, or team:<team id>';
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
