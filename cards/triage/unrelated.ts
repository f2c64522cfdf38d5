import { z } from 'zod';
import type { CardTemplate } from '../render';
import json from './unrelated.json';

/**
 * For a message that is not a sign-in problem. The card says what the bot handles and what to
 * paste; it never guesses at what the message meant, so it takes no data.
 */
export type UnrelatedCardData = Record<string, never>;

const schema: z.ZodType<UnrelatedCardData> = z.object({}).strict();

export const unrelatedTemplate: CardTemplate<UnrelatedCardData> = {
  name: 'triage/unrelated',
  json,
  schema,
};

export const unrelatedSample: UnrelatedCardData = {};
