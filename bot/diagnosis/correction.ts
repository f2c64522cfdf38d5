import type { AdaptiveCard, Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from '../../cards';
import { NONE_OF_THESE } from '../../cards/triage/correction';
import {
  noneFitCardData,
  noneFitTemplate,
  notItCardData,
  notItTemplate,
} from '../../cards/triage/not-it';
import { parseActionData } from '../../cards/verbs';
import { chosenReading } from '../../src/triage/correction';
import { noteCorrection } from '../../src/telemetry';
import { cardFor } from '../cards';
import type { Triage, TriageFields } from '../../src/triage/types';
import { answerPaste, type DiagnosisBotDeps } from './answer';
import { explainCard, keepAskDraft } from './explain';
import { actorIdOf, actorUpnOf, readerPlaceOf } from './routes';

/**
 * "That's not it" on a reading from words alone: the card is replaced by one asking which
 * problem fits; the choice replaces that with the answer the bot gives for the chosen problem,
 * from the details the button carried (the paste itself is not read again). "None of these"
 * hands over to the helpdesk instead of guessing again. Each correction is counted by its two
 * intents alone.
 */
export function registerCorrectionRoutes(
  app: Application<TurnState>,
  deps: DiagnosisBotDeps,
): void {
  app.adaptiveCards.actionExecute('triage.not-it', async (_context, _state, data) =>
    cardFor(notItTemplate, notItCardData(parseActionData('triage.not-it', data))),
  );
  app.adaptiveCards.actionExecute('triage.choose', async (context, _state, data) => {
    const choice = parseActionData('triage.choose', data);
    if (choice.chosen === undefined) {
      const { chosen: _none, ...again } = choice;
      return cardFor(notItTemplate, notItCardData(again));
    }
    noteCorrection(choice.guessed, choice.chosen);
    if (choice.chosen === NONE_OF_THESE) {
      const askId =
        choice.guessed === 'unrelated' && choice.askId === undefined
          ? await unrecognisedAsk(context, choice.fields ?? {}, deps)
          : choice.askId;
      return cardFor(noneFitTemplate, noneFitCardData(askId, choice.guessed));
    }
    const reading = chosenReading(choice.chosen, choice.fields ?? {});
    return (await chosenCard(context, reading, choice.about, deps)) as unknown as AdaptiveCard;
  });
}

/** What the helpdesk hears of a message the bot did not recognise, which the person says is one. */
export const UNRECOGNISED =
  'The bot did not read this message as a sign-in error; the person says it is one, and none of the problems the bot knows fits.';

/**
 * "None of these" after "It is a sign-in problem": the card the message got kept no helpdesk
 * draft (most such messages are not sign-in errors, so none is kept for them), so it is kept now,
 * with the details the button carried, as for any card the bot answers without a diagnosis.
 */
function unrecognisedAsk(
  context: TurnContext,
  fields: TriageFields,
  deps: DiagnosisBotDeps,
): Promise<string | undefined> {
  const unrecognised: Triage = {
    intent: 'unrelated',
    codes: [],
    fields,
    confidence: 0,
    truncated: false,
  };
  return keepAskDraft(context.activity.from, unrecognised, UNRECOGNISED, deps);
}

/** The same answer a paste read as this problem gets: a diagnosis, or the triage card alone. */
async function chosenCard(
  context: TurnContext,
  reading: ReturnType<typeof chosenReading>,
  about: string | undefined,
  deps: DiagnosisBotDeps,
): Promise<AdaptiveCardJson> {
  const actorId = actorIdOf(context);
  if (actorId === undefined) return explainCard(context.activity.from, reading, deps);
  return answerPaste(
    {
      actorId,
      lookUpActorUpn: () => actorUpnOf(context),
      // The account the message asked about, said as a person would say it; the domain decides
      // again whether the clicker may look at it.
      text: about === undefined ? '' : `for ${about}`,
      triage: reading,
      place: readerPlaceOf(context.activity),
    },
    deps,
  );
}
