import type { ReportKind } from './types';

/**
 * `report stale-apps [days]`, `report guests [days]`, `report risky-users`, `report exclusions`.
 * Days default to 90 and must be 1 to 365 (what sign-in activity can tell apart).
 */
export type ReportCommand =
  { ok: true; kind: ReportKind; days: number } | { ok: false; message: string };

export const DEFAULT_DAYS = 90;

export const REPORT_USAGE = [
  '**Reports** (helpdesk and admin members): a summary card and a CSV.',
  '',
  '- `report stale-apps [days]`: non-Microsoft enterprise apps with no assigned users and no sign-in in that many days (default 90)',
  '- `report guests [days]`: guests with no sign-in in that many days (default 90)',
  '- `report risky-users`: people Identity Protection holds at risk',
  '- `report exclusions`: who is excluded from which Conditional Access policy, and until when',
].join('\n');

const KINDS: Record<string, ReportKind> = {
  'stale-apps': 'stale-apps',
  apps: 'stale-apps',
  guests: 'guests',
  'risky-users': 'risky-users',
  risky: 'risky-users',
  exclusions: 'exclusions',
};
const TAKES_DAYS: ReadonlySet<ReportKind> = new Set(['stale-apps', 'guests']);

export function parseReportCommand(text: string): ReportCommand {
  const words = text.trim().split(/\s+/).slice(1);
  if (words.length === 0) return { ok: false, message: REPORT_USAGE };
  const kind = KINDS[words[0].toLowerCase()];
  if (!kind) {
    return { ok: false, message: `There is no report called "${words[0]}".\n\n${REPORT_USAGE}` };
  }
  const rest = words.slice(1);
  if (rest.length === 0) return { ok: true, kind, days: DEFAULT_DAYS };
  if (!TAKES_DAYS.has(kind) || rest.length > 1) {
    return { ok: false, message: `The ${kind} report takes no extra words.\n\n${REPORT_USAGE}` };
  }
  const raw = rest[0].replace(/d(ays?)?$/i, '');
  const days = Number(raw);
  if (!/^\d+$/.test(raw) || days < 1 || days > 365) {
    return {
      ok: false,
      message: `Days must be a whole number from 1 to 365; "${rest[0]}" is not.\n\n${REPORT_USAGE}`,
    };
  }
  return { ok: true, kind, days };
}
