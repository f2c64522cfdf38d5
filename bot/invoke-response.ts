import { ActivityTypes, type TurnContext } from 'botbuilder';

/** An Adaptive Card as JSON, rendered with cards/; the channel only carries it. */
type CardJson = Record<string, unknown>;

const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
const MESSAGE_TYPE = 'application/vnd.microsoft.activity.message';

/**
 * Answers an Action.Execute invoke with a card for the clicker only. The response is sent here
 * rather than returned to teams-ai: a returned card with `refresh` would switch the route to
 * editing the message for everyone, and a card holding a pass code must never be shown to
 * everyone.
 */
export async function answerWithCard(context: TurnContext, card: CardJson): Promise<void> {
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: { status: 200, body: { statusCode: 200, type: CARD_TYPE, value: card } },
  });
}

/** Answers the invoke with a line of text: the clicked card stays as it was. */
export async function answerWithLine(context: TurnContext, line: string): Promise<void> {
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: { status: 200, body: { statusCode: 200, type: MESSAGE_TYPE, value: line } },
  });
}
