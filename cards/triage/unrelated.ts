import { z } from 'zod';
import type { CardTemplate } from '../render';
import { notItFields, type NotItPayload } from './correction';
import json from './unrelated.json';

/**
 * For a message that is not a sign-in problem. The card says what the bot handles and what to
 * paste; it never guesses at what the message meant. For a paste (not small talk) it offers
 * "It is a sign-in problem", which opens the choice of "That's not it" (verb triage.not-it) with
 * `unrelated` as the reading turned down.
 */
export interface UnrelatedCardData {
  notIt?: NotItPayload;
}

const schema: z.ZodType<UnrelatedCardData> = z
  .object({
    notIt: z
      .object({ v: z.literal(1), ...notItFields, guessed: z.literal('unrelated') })
      .strict()
      .optional(),
  })
  .strict();

export const unrelatedTemplate: CardTemplate<UnrelatedCardData> = {
  name: 'triage/unrelated',
  json,
  schema,
};

export const unrelatedSample: UnrelatedCardData = {
  notIt: { v: 1, guessed: 'unrelated', askId: 'tri-01J8ZK3Q5N2W7D' },
};
