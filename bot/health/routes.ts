import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { healthCardData, healthTemplate } from '../../cards/health/report';
import { AppError } from '../../src/errors';
import type { FeatureSwitches, HealthReport } from '../../src/health';
import type { GroupMembership } from '../../src/ports';
import { cardActivity } from '../cards';
import { errorMessage } from '../failures';

export interface HealthBotDeps {
  /** Runs the self-check and applies its verdict to the feature switches. */
  check(): Promise<HealthReport>;
  switches: FeatureSwitches;
  membership: GroupMembership;
  /** Who may run `health`: the admin group, or the helpdesk group when none is set. */
  adminGroupIds: readonly string[];
}

const HEALTH = /^\s*health\s*$/i;
const ANNOUNCE = /^\s*announce\b/i;

function refusal(message: string, detail: string) {
  return errorMessage(new AppError('not-authorized', detail, { userMessage: message }));
}

async function isAdmin(context: TurnContext, deps: HealthBotDeps): Promise<boolean> {
  const objectId = context.activity.from?.aadObjectId;
  if (!objectId || deps.adminGroupIds.length === 0) return false;
  return (await deps.membership.memberOf(objectId, deps.adminGroupIds)).length > 0;
}

/**
 * `health` (admins): runs the self-check now and answers with one row per item and its fix;
 * a permission granted since start-up switches its feature back on. Also answers `announce`
 * while announcements are switched off, before the announcement routes see it.
 */
export function registerHealthRoutes(app: Application<TurnState>, deps: HealthBotDeps): void {
  app.message(HEALTH, async (context) => {
    if (!(await isAdmin(context, deps))) {
      await context.sendActivity(
        refusal('Only members of the admin group can run the self-check.', 'health by non-admin'),
      );
      return;
    }
    const report = await deps.check();
    await context.sendActivity(cardActivity(healthTemplate, healthCardData(report)));
  });

  app.message(
    async (context) =>
      ANNOUNCE.test(context.activity.text ?? '') && !deps.switches.isOn('announcements'),
    async (context) => {
      await context.sendActivity(
        errorMessage(
          new AppError('graph-forbidden', 'announcements switched off', {
            userMessage: `Announcements are switched off: ${deps.switches.reason('announcements') ?? 'a permission is missing'}. An admin can grant it and then type "health".`,
          }),
        ),
      );
    },
  );
}
