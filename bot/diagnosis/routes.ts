import type { AdaptiveCard, Application, TurnState } from '@microsoft/teams-ai';
import {
  CardFactory,
  MessageFactory,
  TeamsInfo,
  type Activity,
  type TurnContext,
} from 'botbuilder';
import { parseActionData } from '../../cards/verbs';
import type { ReaderPlace } from '../../src/diagnosis/format';
import { AppError } from '../../src/errors';
import type { Triage } from '../../src/triage/types';
import { answerPaste, checkAgain, type DiagnosisBotDeps } from './answer';

/**
 * Where the reader is, as their Teams client says: the activity's locale and the clientInfo
 * entity's IANA time zone. Diagnosis checks both before use and falls back to UTC.
 */
export function readerPlaceOf(activity: Partial<Activity>): ReaderPlace {
  const info = (activity.entities ?? []).find((e) => e.type === 'clientInfo') as
    { timezone?: unknown; locale?: unknown } | undefined;
  const text = (value: unknown): string | undefined =>
    typeof value === 'string' && value.trim() !== '' && value.length <= 64 ? value : undefined;
  const locale = text(activity.locale) ?? text(info?.locale);
  const timeZone = text(info?.timezone);
  return {
    ...(locale === undefined ? {} : { locale }),
    ...(timeZone === undefined ? {} : { timeZone }),
  };
}

export function actorIdOf(context: TurnContext): string | undefined {
  const id = context.activity.from?.aadObjectId;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The actor's UPN as Teams tells it; a channel that cannot say is not an error. */
export async function actorUpnOf(context: TurnContext): Promise<string | undefined> {
  try {
    const member = await TeamsInfo.getMember(context, context.activity.from.id);
    return member.userPrincipalName || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The diagnosis card for a triaged message, as an activity to send; undefined when the sender has
 * no Entra identity (then there is no account to look at, and the triage card is the answer).
 */
export async function diagnosisActivity(
  context: TurnContext,
  triage: Triage,
  deps: DiagnosisBotDeps,
): Promise<Partial<Activity> | undefined> {
  const actorId = actorIdOf(context);
  if (actorId === undefined) return undefined;
  const card = await answerPaste(
    {
      actorId,
      lookUpActorUpn: () => actorUpnOf(context),
      text: context.activity.text ?? '',
      triage,
      place: readerPlaceOf(context.activity),
    },
    deps,
  );
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

/** "Check again": the refreshed card replaces the clicked one for the clicker. */
export function registerDiagnosisRoutes(app: Application<TurnState>, deps: DiagnosisBotDeps): void {
  app.adaptiveCards.actionExecute('triage.check-again', async (context, _state, data) => {
    const actorId = actorIdOf(context);
    if (actorId === undefined) {
      throw new AppError('not-authorized', 'check-again without an Entra identity', {
        userMessage: 'The bot cannot tell who you are in this chat, so it cannot check again.',
      });
    }
    const card = await checkAgain(
      actorId,
      parseActionData('triage.check-again', data),
      deps,
      readerPlaceOf(context.activity),
    );
    return card as unknown as AdaptiveCard;
  });
}
