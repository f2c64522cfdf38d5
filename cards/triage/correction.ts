import { z } from 'zod';
import { cardId } from '../common/ids';
import {
  CHOOSABLE_INTENTS,
  correctionLeads,
  GUESSED_INTENTS,
  isChoosable,
  MAX_LEADS,
  readFromWordsAlone,
} from '../../src/triage/correction';
import type { Triage, TriageFields } from '../../src/triage/types';

/**
 * The data of "That's not it" and of the choice that follows it (verbs triage.not-it and
 * triage.choose). The buttons carry the guessed problem and the few details already taken from
 * the paste, never the paste itself: the chosen problem is explained with those details, as
 * triage would have. A detail is only what a paste could give; the domain still decides whose
 * sign-in may be looked at, as for a paste.
 */

const id = cardId;
const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})\}?$/i;
const guidText = z.string().regex(GUID, 'expected a GUID');
// One line of printable text: no control characters, bounded.
const line = (max: number) =>
  z
    .string()
    .min(1)
    .max(max, `expected at most ${max} characters`)
    .regex(/^[^\p{Cc}]+$/u, 'expected one line of text');
const UPN = /^[^\s"'<>(),;:[\]{}]{1,64}@[^\s"'<>(),;:[\]{}]{1,255}$/;
const upn = z.string().max(320).regex(UPN, 'expected an account name');

/** The details of a paste a correction keeps: ids, time, app and the account signed in as. */
export const carriedFieldsSchema = z
  .object({
    correlationId: guidText.optional(),
    requestId: guidText.optional(),
    timestamp: line(40).optional(),
    appId: line(100).optional(),
    appName: line(100).optional(),
    upn: upn.optional(),
  })
  .strict();
export type CarriedFields = z.infer<typeof carriedFieldsSchema>;
const CARRIED = Object.keys(carriedFieldsSchema.shape) as Array<keyof CarriedFields>;

const intent = z.enum(CHOOSABLE_INTENTS, {
  errorMap: () => ({ message: 'expected one of the known problems' }),
});
/** A known problem's id: what a person may choose, and what they may say a reading was not. */
export const knownProblem = intent;
/** The reading turned down: a known problem, or `unrelated` (read as no sign-in error at all). */
const guessedIntent = z.enum(GUESSED_INTENTS, {
  errorMap: () => ({ message: 'expected one of the known problems or "unrelated"' }),
});

/**
 * "That's not it": the guessed problem, leads to list first, the details and the helpdesk ask
 * (fields beside the data version, which verbs.ts adds).
 */
export const notItFields = {
  guessed: guessedIntent,
  leads: z.array(intent).max(MAX_LEADS).optional(),
  fields: carriedFieldsSchema.optional(),
  /**
   * The account the message asked about ("for alex@contoso.com"), so the chosen problem is looked
   * at for the same account; who may look at it is decided again, as for the message.
   */
  about: upn.optional(),
  /** The id of the kept "Ask the helpdesk" draft of the card, for "None of these". */
  askId: id.optional(),
};
export type NotItPayload = { v: 1 } & z.infer<z.ZodObject<typeof notItFields>>;

export const NONE_OF_THESE = 'none';

/**
 * The choice: another known problem, or none of them. `chosen` is the card's Input.ChoiceSet,
 * merged in on click; a click without it (the input is required, so only an old client sends
 * one) gets the choices again.
 */
export const chooseFields = {
  guessed: guessedIntent,
  /** The card's leads, on "Show me this" only: a click without a choice gets them again. */
  leads: notItFields.leads,
  chosen: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z
      .union([intent, z.literal(NONE_OF_THESE)], {
        errorMap: () => ({ message: 'expected one of the known problems or "none"' }),
      })
      .optional(),
  ),
  fields: carriedFieldsSchema.optional(),
  about: upn.optional(),
  askId: id.optional(),
};

/** A choice is another problem than the guessed one: the card never offers the guess. */
export const isNotTheGuess = (data: { guessed: string; chosen?: string }): boolean =>
  data.chosen !== data.guessed;
export const NOT_THE_GUESS = {
  message: 'the guessed problem is not one of the choices',
  path: ['chosen'],
};

/** The details a correction keeps: each field the paste gave that fits its bounds. */
export function carriedFields(fields: TriageFields): CarriedFields {
  const kept: CarriedFields = {};
  for (const key of CARRIED) {
    const value = fields[key]?.trim();
    if (value === undefined || value === '') continue;
    if (carriedFieldsSchema.shape[key].safeParse(value).success) kept[key] = value;
  }
  return kept;
}

/**
 * The data of "That's not it" for a triage result, or undefined when the reading did not come
 * from words alone (a code or an exact name decided it): such a card gets no such button.
 */
export function notItPayload(
  triage: Triage,
  askId?: string,
  about?: string,
): NotItPayload | undefined {
  if (!readFromWordsAlone(triage) || !isChoosable(triage.intent)) return undefined;
  const leads = correctionLeads(triage);
  const fields = carriedFields(triage.fields);
  return {
    v: 1,
    guessed: triage.intent,
    ...(leads.length > 0 ? { leads } : {}),
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
    ...(about !== undefined && upn.safeParse(about).success ? { about } : {}),
    ...(askId === undefined ? {} : { askId }),
  };
}

/**
 * The data of "It is a sign-in problem" on the card for a paste read as no sign-in error: the
 * same choice as "That's not it", with the details and leads triage found, nothing guessed.
 */
export function unrelatedNotItPayload(triage: Triage, askId?: string): NotItPayload {
  const leads = correctionLeads(triage);
  const fields = carriedFields(triage.fields);
  return {
    v: 1,
    guessed: 'unrelated',
    ...(leads.length > 0 ? { leads } : {}),
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
    ...(askId === undefined ? {} : { askId }),
  };
}
