import { loadCatalog, type Catalog } from './catalog';
import { INTENTS, type Intent, type MessageEntry, type Triage, type TriageFields } from './types';

/**
 * "That's not it": a person may say that a reading made from the paste's words alone is wrong
 * and choose the problem that fits. Only readings from words can be wrong this way; a code or an
 * exact error name decides, and is never offered for correction.
 */

/** Problems a person may choose from: every sign-in error intent but the catch-all. */
export type ChoosableIntent = Exclude<Intent, 'other-known' | 'question' | 'unrelated'>;
const NOT_CHOOSABLE: ReadonlySet<Intent> = new Set<Intent>([
  'other-known',
  'question',
  'unrelated',
]);
export const CHOOSABLE_INTENTS = INTENTS.filter(
  (intent): intent is ChoosableIntent => !NOT_CHOOSABLE.has(intent),
) as [ChoosableIntent, ...ChoosableIntent[]];

const CHOOSABLE: ReadonlySet<string> = new Set(CHOOSABLE_INTENTS);

/**
 * A reading a person may turn down: a problem read from words alone, or `unrelated` (the paste was
 * read as no sign-in error at all). `unrelated` is never a choice.
 */
export type GuessedIntent = ChoosableIntent | 'unrelated';
export const GUESSED_INTENTS = [...CHOOSABLE_INTENTS, 'unrelated'] as [
  GuessedIntent,
  ...GuessedIntent[],
];
export const isChoosable = (intent: string): intent is ChoosableIntent => CHOOSABLE.has(intent);

/** Most leads a correction lists first. */
export const MAX_LEADS = 3;

/**
 * Whether the intent was read from the paste's words alone (a similar message, a concept cue or
 * the learned model), with no code and no exact name or sentence: the readings that can be wrong.
 */
export function readFromWordsAlone(triage: Triage): boolean {
  return (
    triage.codes.length === 0 &&
    triage.code === undefined &&
    (triage.matchedBy === 'similar' || triage.matchedBy === 'concept') &&
    isChoosable(triage.intent)
  );
}

/**
 * Other problems triage saw in the paste, to list first: a weak lead and other errors it found in
 * the text, then the runners-up the model scored (best first), the reading itself left out.
 */
export function correctionLeads(triage: Triage): ChoosableIntent[] {
  const seen = [
    triage.unsure?.intent,
    ...(triage.others ?? []).map((other) => other.intent),
    ...(triage.runnersUp ?? []).map((runnerUp) => runnerUp.intent),
  ];
  const leads: ChoosableIntent[] = [];
  for (const intent of seen) {
    if (intent === undefined || intent === triage.intent || !isChoosable(intent)) continue;
    if (!leads.includes(intent)) leads.push(intent);
  }
  return leads.slice(0, MAX_LEADS);
}

/** The choices in the order a card lists them: leads first, the guessed one left out. */
export function correctionChoices(
  guessed: GuessedIntent,
  leads: readonly ChoosableIntent[] = [],
): ChoosableIntent[] {
  const first = leads.filter((intent) => intent !== guessed);
  const rest = CHOOSABLE_INTENTS.filter((intent) => intent !== guessed && !first.includes(intent));
  return [...new Set(first), ...rest];
}

/**
 * The catalog's explanation of an intent: its first message, as the learned fallback uses, or
 * for an intent with no code-less message the first documented code's text (its code is not
 * claimed: the paste had none).
 */
function explanationOf(intent: ChoosableIntent, catalog: Catalog): MessageEntry | undefined {
  const message = catalog.messages.find((m) => m.intent === intent);
  if (message !== undefined) return message;
  const entry =
    catalog.entries.find((e) => e.intent === intent && e.documented) ??
    catalog.entries.find((e) => e.intent === intent);
  if (entry === undefined) return undefined;
  return {
    id: `chosen-${intent}`,
    intent,
    phrases: [],
    userText: entry.userText,
    helpdeskText: entry.helpdeskText,
    nextSteps: entry.nextSteps,
    diagnosis: entry.diagnosis,
  };
}

/**
 * The reading a person chose, with the fields already taken from their paste: what triage would
 * have answered had it read this intent, so the same explanation and diagnosis follow.
 */
export function chosenReading(
  intent: ChoosableIntent,
  fields: TriageFields,
  catalog: Catalog = loadCatalog(),
): Triage {
  const message = explanationOf(intent, catalog);
  return {
    intent,
    codes: [],
    fields,
    matchedBy: 'chosen',
    ...(message === undefined ? {} : { message }),
    confidence: 1,
    truncated: false,
  };
}
