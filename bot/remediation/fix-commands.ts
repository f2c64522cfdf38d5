import type { Application, TurnState } from '@microsoft/teams-ai';
import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { fixFormCardData, fixFormTemplate } from '../../cards/remediation/fix-form';
import { render } from '../../cards/render';
import { mayRunDirectly } from '../../src/remediation/authorize';
import type { RemediationService } from '../../src/remediation/service';

/** Commands that open a fix's form without a diagnosis first (helpdesk members only). */
export const FIX_COMMANDS = {
  'copy-group-members': /^\s*copy group members\s*$/i,
  'add-sms-method': /^\s*add (?:an? )?sms(?: method| number| phone)?\s*$/i,
} as const;

/**
 * `copy group members` and `add sms method` answer a helpdesk member with the fix's form: the
 * groups or the person chosen in a typeahead over the tenant, the inputs, a note. The request
 * it makes is checked like any other at click time.
 */
export function registerFixCommands(
  app: Application<TurnState>,
  service: RemediationService,
): void {
  for (const [kind, pattern] of Object.entries(FIX_COMMANDS)) {
    app.message(pattern, async (context: TurnContext) => {
      const personId = context.activity.from?.aadObjectId;
      if (!personId || !(await service.mayReadAudit({ id: personId }))) {
        await context.sendActivity('This command is for the helpdesk team only.');
        return;
      }
      const fix = kind as keyof typeof FIX_COMMANDS;
      const actor = await service.actor({ id: personId });
      const runNow = mayRunDirectly(actor, fix, service.policy);
      const card = render(fixFormTemplate, fixFormCardData(fix, { runNow }));
      await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
    });
  }
}
