/** Wording shared by the announcement cards. */
import type { TemplateId } from '../../src/announcements/types';
import { monthName } from '../../src/dates';

/** "2026-12-01" → "1 December 2026"; anything else unchanged. */
export function formatActivationDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const month = monthName(Number(match[2]));
  return month ? `${Number(match[3])} ${month} ${match[1]}` : isoDate;
}

/** 12345 → "12,345". */
export function formatCount(value: number): string {
  return Math.round(value)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 3725 → "1 h 2 min"; 75 → "1 min 15 s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`;
}

export function templateTitle(template: TemplateId): string {
  switch (template) {
    case 'number-matching':
      return 'number matching in Microsoft Authenticator';
  }
}
