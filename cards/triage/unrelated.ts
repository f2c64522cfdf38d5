import { z } from 'zod';
import type { CardTemplate } from '../render';
import { isEverydayChatter, isSmallTalk } from '../../src/triage/chatter';
import type { Triage } from '../../src/triage/types';
import { notItFields, unrelatedNotItPayload, type NotItPayload } from './correction';
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

/**
 * The card's data for a message triage read as no sign-in error: a paste may have been misread,
 * so it gets the button; small talk and everyday chat do not, having nothing to misread. The
 * helpdesk draft for "None of these" is kept only when that is chosen (bot/diagnosis/correction.ts),
 * so this card costs no storage and renders the same for the same reading.
 */
export function unrelatedCardData(text: string, triage: Triage): UnrelatedCardData {
  if (isSmallTalk(text) || isEverydayChatter(text)) return {};
  return { notIt: unrelatedNotItPayload(triage) };
}

export const unrelatedTemplate: CardTemplate<UnrelatedCardData> = {
  name: 'triage/unrelated',
  json,
  schema,
};

export const unrelatedSample: UnrelatedCardData = {
  notIt: {
    v: 1,
    guessed: 'unrelated',
    fields: { correlationId: '2f8c6e1a-7b34-4d9e-a051-3c6d8e2f9b47' },
  },
};
