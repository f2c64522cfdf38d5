import { TurnState } from '@microsoft/teams-ai';
import type { Storage, TurnContext } from 'botbuilder';

/**
 * Turn state that a card click does not read. A button carries ids only and its route reads the
 * request from Tables, so loading the conversation's and the person's state (two blob reads per
 * click) buys nothing, and under a burst of clicks (many approvers on one card, a retried
 * invoke) those reads are what keeps everyone waiting. Messages load state as before.
 */
export class CardActionTurnState extends TurnState {
  override load(context: TurnContext, storage?: Storage): Promise<boolean> {
    return super.load(context, context.activity.type === 'invoke' ? undefined : storage);
  }
}
