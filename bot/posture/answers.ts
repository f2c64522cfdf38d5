import type { Application, TurnState } from '@microsoft/teams-ai';
import { answerCardData, answerTemplate } from '../../cards/answers/answer';
import { findAnswer } from '../../src/answers/find-answer';
import { cardActivity } from '../cards';
import { answerReaderOf, type HelpRoles } from '../routes/help';

/**
 * `how-to <question>` and `answer <question>`: an explicit way to ask the how-to knowledge base
 * (anyone may ask; the commands the answer offers check their own access, and someone outside the
 * helpdesk and admin groups gets the answer written for the person signing in, without them).
 */
const COMMAND = /^\s*(how-?to|answer)\b[\s:]*/i;

export function registerAnswerRoutes(app: Application<TurnState>, roles: HelpRoles): void {
  app.message(COMMAND, async (context) => {
    const question = (context.activity.text ?? '').replace(COMMAND, '').trim();
    const reader = await answerReaderOf(context, roles);
    await context.sendActivity(
      cardActivity(answerTemplate, answerCardData(findAnswer(question), reader)),
    );
  });
}
