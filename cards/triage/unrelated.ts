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

/** The data of "It is a sign-in problem": the choice, with `unrelated` as the reading turned down. */
export const signInProblemSchema = z
  .object({ v: z.literal(1), ...notItFields, guessed: z.literal('unrelated') })
  .strict();

const schema: z.ZodType<UnrelatedCardData> = z
  .object({ notIt: signInProblemSchema.optional() })
  .strict();

/**
 * "It is a sign-in problem" for a message triage did not read as a sign-in error: a paste may
 * have been misread, so it gets the button; small talk and everyday chat do not, having nothing
 * to misread.
 */
export function signInProblemButton(text: string, triage: Triage): NotItPayload | undefined {
  if (isSmallTalk(text) || isEverydayChatter(text)) return undefined;
  return unrelatedNotItPayload(triage);
}

/**
 * The card's data for a message triage read as no sign-in error (see signInProblemButton). The
 * helpdesk draft for "None of these" is kept only when that is chosen (bot/diagnosis/correction.ts),
 * so this card costs no storage and renders the same for the same reading.
 */
export function unrelatedCardData(text: string, triage: Triage): UnrelatedCardData {
  const notIt = signInProblemButton(text, triage);
  return notIt === undefined ? {} : { notIt };
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
