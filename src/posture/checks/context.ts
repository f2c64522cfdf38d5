import { formatInstant } from '../../dates';
import type { PostureSettings } from '../config';
import type { GroupInfo } from '../reads';

/** What every check may consult besides its own read. */
export interface CheckContext {
  now: Date;
  settings: PostureSettings;
  /** Names and sizes of the groups the policies point at (may be empty). */
  groups: ReadonlyMap<string, GroupInfo>;
  /** Why groups could not be read, when they could not ("Could not check: ..."). */
  groupsProblem?: string;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export function daysBetween(from: string, to: Date): number {
  return Math.floor((to.getTime() - Date.parse(from)) / DAY_MS);
}

export function hoursBetween(from: string, to: Date): number {
  return (to.getTime() - Date.parse(from)) / HOUR_MS;
}

/** "3 hours", "2 days": an age rounded the way a person says it. */
export function ageText(from: string, to: Date): string {
  const hours = hoursBetween(from, to);
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} minutes`;
  if (hours < 48) return `${Math.round(hours)} hours`;
  return `${Math.floor(hours / 24)} days`;
}

/** A group's display name, "all users" for the built-in target, or its id when unreadable. */
export function groupLabel(id: string, groups: ReadonlyMap<string, GroupInfo>): string {
  if (id === 'all_users') return 'all users';
  return groups.get(id)?.displayName ?? id;
}

/** "15 Jan 2026, 11:45 UTC": the one date form of every card (src/dates.ts). */
export function utcText(iso: string): string {
  return formatInstant(iso);
}
