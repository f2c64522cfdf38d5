import { z } from 'zod';
import type { CardTemplate } from '../render';
import json from './number-matching.json';

/** The number-matching announcement every recipient gets. */
export interface NumberMatchingCardData {
  announcementId: string;
  /** The activation date, written out for people ("1 December 2026"). */
  activationDate: string;
  /** Optional words from the author, shown under their name. */
  note?: string;
  authorName: string;
}

const schema = z
  .object({
    announcementId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/),
    activationDate: z.string().min(1).max(64),
    note: z.string().trim().min(1).max(500).optional(),
    authorName: z.string().trim().min(1).max(128),
  })
  .strict();

export const numberMatchingTemplate: CardTemplate<NumberMatchingCardData> = {
  name: 'announcements/number-matching',
  json,
  schema,
};

export const numberMatchingSample: NumberMatchingCardData = {
  announcementId: 'ann-20261101-0a1b2c3d',
  activationDate: '1 December 2026',
  note: 'Questions? Reply here or call the service desk on 1234.',
  authorName: 'IT helpdesk',
};
