import type { Application, TurnState } from '@microsoft/teams-ai';
import { welcomeTemplate } from '../../cards/common/welcome';
import { cardActivity } from '../cards';

/** When the bot itself joins a chat or team, it says what it does and how to use it. */
export function registerWelcomeRoutes(app: Application<TurnState>): void {
  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    const added = context.activity.membersAdded ?? [];
    if (!added.some((member) => member.id === botId)) return;
    await context.sendActivity(cardActivity(welcomeTemplate, { showHelpdeskCommands: false }));
  });
}
