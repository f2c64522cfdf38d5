import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import { render, type CardTemplate } from '../cards';
import type { AdaptiveCard } from '@microsoft/teams-ai';

/** A message activity holding one Adaptive Card rendered from a template. */
export function cardActivity<T>(template: CardTemplate<T>, data: T): Partial<Activity> {
  return MessageFactory.attachment(CardFactory.adaptiveCard(render(template, data)));
}

/** The card itself, for invoke responses (Action.Execute handlers return a card). */
export function cardFor<T>(template: CardTemplate<T>, data: T): AdaptiveCard {
  return render(template, data) as unknown as AdaptiveCard;
}
