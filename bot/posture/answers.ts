import type { Application, TurnState } from '@microsoft/teams-ai';
import { answerCardData, answerTemplate } from '../../cards/answers/answer';
import { findAnswer } from '../../src/answers/find-answer';
import { cardActivity } from '../cards';

/**
 * `how-to <question>` and `answer <question>`: an explicit way to ask the how-to knowledge base
 * (anyone may ask; the commands the answer offers check their own access).
 */
const COMMAND = /^\s*(how-?to|answer)\b[\s:]*/i;

export function registerAnswerRoutes(app: Application<TurnState>): void {
  app.message(COMMAND, async (context) => {
    const question = (context.activity.text ?? '').replace(COMMAND, '').trim();
    await context.sendActivity(cardActivity(answerTemplate, answerCardData(findAnswer(question))));
  });
}
