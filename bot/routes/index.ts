import type { Application, TurnState } from '@microsoft/teams-ai';
import type { BotParts } from '../parts';
import { reportFailure } from '../failures';
import { registerAnnouncementRoutes } from '../announcements';
import { registerCorrectionRoutes, registerDiagnosisRoutes } from '../diagnosis';
import { registerHandoffRoutes } from '../handoff';
import { registerHealthRoutes } from '../health';
import { registerRemediationRoutes } from '../remediation';
import { guardCardActions, registerUnknownActionRoute } from './guard';
import { registerMessageRoutes } from './messages';
import { registerWelcomeRoutes } from './welcome';

/**
 * Routes are matched in registration order and the first match wins, so specific routes go
 * first and the catch-all message route last.
 */
export function registerRoutes(app: Application<TurnState>, parts: BotParts): void {
  guardCardActions(app, parts.remediation.audit);
  registerWelcomeRoutes(app);
  registerRemediationRoutes(app, parts.remediation);
  registerHandoffRoutes(app, parts.handoff);
  registerHealthRoutes(app, parts.health);
  registerAnnouncementRoutes(app, parts.announcements);
  registerDiagnosisRoutes(app, parts.diagnosis);
  registerCorrectionRoutes(app, parts.diagnosis);
  registerMessageRoutes(
    app,
    parts.diagnosis,
    {
      membership: parts.membership,
      helpdeskGroupId: parts.config.helpdeskGroupId,
      adminGroupId: parts.config.adminGroupId,
    },
    parts.pastes,
    parts.tenant,
  );
  registerUnknownActionRoute(app);
  app.error(async (context, error) => reportFailure(context, error));
}
