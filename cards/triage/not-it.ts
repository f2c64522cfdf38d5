import { z } from 'zod';
import { cardId } from '../common/ids';
import {
  CHOOSABLE_INTENTS,
  correctionChoices,
  MAX_LEADS,
  type ChoosableIntent,
} from '../../src/triage/correction';
import type { CardTemplate } from '../render';
import { NONE_OF_THESE, type NotItPayload } from './correction';
import noneFitJson from './none-fit.json';
import json from './not-it.json';
import { LEADS } from './unsure';

/**
 * "That's not it": the card that asks which problem fits, the guessed one left out, and the card
 * for "None of these", which hands over to the helpdesk instead of guessing again.
 */
export interface NotItCardData {
  /**
   * The card's opening sentence: the turned-down reading in plain words ("I read your message as
   * a password that was not accepted. …"), or, for a message not read as a sign-in error (from
   * the unrelated card or the unsure one), that the bot could not place it.
   */
  intro: string;
  /**
   * The problems the bot thinks closest (what the paste showed, then triage's runners-up), each
   * its own button carrying the choice; none when there were no leads, and then no group headings.
   */
  leads: Array<{ title: string; choose: NotItChoice }>;
  /** The other problems to choose from, then "None of these". */
  choices: Array<{ title: string; value: string }>;
  /** The choice button's data; the chosen value is the card's input. */
  payload: NotItPayload;
}

/** A lead button's data: what "Show me this" sends with that problem chosen, without the leads. */
type NotItChoice = Omit<NotItPayload, 'leads'> & { chosen: string };

const plain = z.string().trim().min(1).max(120);

const schema: z.ZodType<NotItCardData> = z
  .object({
    intro: z.string().min(1).max(300),
    leads: z
      .array(
        z
          .object({
            title: plain,
            // The verb's own schema checks the data where it is read (cards/verbs.ts).
            choose: z.custom<NotItChoice>((value) => typeof value === 'object'),
          })
          .strict(),
      )
      .max(MAX_LEADS),
    choices: z
      .array(z.object({ title: plain, value: z.string().regex(/^[a-z-]{1,40}$/) }).strict())
      .min(1)
      .max(20),
    // The verb's own schema checks the payload where it is read (cards/verbs.ts).
    payload: z.custom<NotItCardData['payload']>((value) => typeof value === 'object'),
  })
  .strict();

export const notItTemplate: CardTemplate<NotItCardData> = { name: 'triage/not-it', json, schema };

/**
 * The opening sentence. `unrelated` is a message not read as any sign-in error: the person comes
 * from "That doesn't look like a sign-in error" or from "I'm not sure what this is", so it says
 * the bot could not place the message rather than what it took it for.
 */
const introFor = (guessed: NotItPayload['guessed']): string =>
  guessed === 'unrelated'
    ? 'I could not tell which sign-in problem your message describes. Choose the one that matches what you see, and I will explain it.'
    : `I read your message as ${LEADS[guessed]}. Choose the problem that matches what you see, and I will explain that one instead.`;

const capitalised = (words: string): string => words.charAt(0).toUpperCase() + words.slice(1);

/** The choice card for a "That's not it" click (its data already checked by the verb). */
export function notItCardData(clicked: NotItPayload): NotItCardData {
  const { leads = [], ...payload } = clicked;
  const ordered = correctionChoices(clicked.guessed, leads);
  const closest = ordered.filter((intent) => leads.includes(intent));
  const others = ordered.filter((intent) => !leads.includes(intent));
  return {
    intro: introFor(clicked.guessed),
    leads: closest.map((intent) => ({
      title: capitalised(LEADS[intent]),
      choose: { ...payload, chosen: intent },
    })),
    choices: [
      ...others.map((intent) => ({ title: capitalised(LEADS[intent]), value: intent })),
      { title: 'None of these', value: NONE_OF_THESE },
    ],
    // "Show me this" keeps the leads, so a click with nothing chosen shows this same card again.
    payload: closest.length > 0 ? { ...payload, leads: closest } : payload,
  };
}

export interface NoneFitCardData {
  /**
   * The kept draft of the first card's "Ask the helpdesk", when asking is wired; `notIt` is the
   * problem turned down, absent when the paste was read as no sign-in error at all.
   */
  askHelpdesk?: { v: 1; triageId: string; notIt?: ChoosableIntent };
}

export const noneFitTemplate: CardTemplate<NoneFitCardData> = {
  name: 'triage/none-fit',
  json: noneFitJson,
  schema: z
    .object({
      askHelpdesk: z
        .object({ v: z.literal(1), triageId: cardId, notIt: z.enum(CHOOSABLE_INTENTS).optional() })
        .strict()
        .optional(),
    })
    .strict(),
};

/** The ask carries the reading the person turned down, so the helpdesk hears it did not fit. */
export function noneFitCardData(
  askId: string | undefined,
  guessed: NotItPayload['guessed'],
): NoneFitCardData {
  if (askId === undefined) return {};
  // A paste read as no sign-in error has no problem to turn down: its draft says so itself.
  if (guessed === 'unrelated') return { askHelpdesk: { v: 1, triageId: askId } };
  return { askHelpdesk: { v: 1, triageId: askId, notIt: guessed } };
}

export const notItSample: NotItCardData = notItCardData({
  v: 1,
  guessed: 'invalid-password',
  leads: ['account-locked'],
  fields: { correlationId: '2f8c6e1a-7b34-4d9e-a051-3c6d8e2f9b47' },
  askId: 'tri-01J8ZK3Q5N2W7D',
});
export const noneFitSample: NoneFitCardData = noneFitCardData(
  'tri-01J8ZK3Q5N2W7D',
  'invalid-password',
);
