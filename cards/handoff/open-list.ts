import { z } from 'zod';
import type { Handoff } from '../../src/handoff/types';
import { askedAbout } from '../../src/handoff/rules';
import { shown } from '../diagnosis/card-data';
import type { CardTemplate } from '../render';
import json from './open-list.json';

/** "open requests": requests for help not yet closed, oldest first, with age and assignee. */
export interface OpenListData {
  subtitle: string;
  items: Array<{ reference: string; who: string; age: string; assignee: string; headline: string }>;
}

/** "5 min", "3 h 20 min", "2 days 4 h": how long someone has been waiting. */
export function ageWords(fromIso: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(fromIso)) / 60_000));
  if (!Number.isFinite(minutes)) return 'for an unknown time';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  const unit = days === 1 ? 'day' : 'days';
  return hours % 24 === 0 ? `${days} ${unit}` : `${days} ${unit} ${hours % 24} h`;
}

export function openListData(handoffs: readonly Handoff[], now: Date): OpenListData {
  const taken = handoffs.filter((h) => h.state === 'assigned').length;
  return {
    subtitle:
      handoffs.length === 0
        ? 'Nobody is waiting for the helpdesk.'
        : `${handoffs.length} not closed (${taken} taken), oldest first.`,
    items: handoffs.map((h) => ({
      reference: h.reference,
      who: shown(h.asker.name ?? '', 100) || 'Someone',
      age: ageWords(h.createdAt, now),
      assignee:
        h.state === 'assigned' && h.assignee
          ? `Taken by ${shown(h.assignee.name ?? '', 100) || 'a helpdesk member'}.`
          : 'Nobody has taken it yet.',
      headline: shown(askedAbout(h), 300) || 'No diagnosis.',
    })),
  };
}

const line = z.string().trim().min(1);
const schema: z.ZodType<OpenListData> = z
  .object({
    subtitle: line.max(200),
    items: z
      .array(
        z
          .object({
            reference: line.max(20),
            who: line.max(100),
            age: line.max(40),
            assignee: line.max(200),
            headline: line.max(300),
          })
          .strict(),
      )
      .max(25),
  })
  .strict();

export const openListTemplate: CardTemplate<OpenListData> = {
  name: 'handoff/open-list',
  json,
  schema,
};
