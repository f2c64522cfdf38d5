import type { Client } from '@microsoft/microsoft-graph-client';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { AppConfig } from '../../src/config';
import type { RecordStore } from '../../src/ports';
import { reportFailure } from '../cards';
import { guardCardActions, registerUnknownActionRoute } from './guard';
import { registerMessageRoutes } from './messages';
import { registerWelcomeRoutes } from './welcome';

export interface RouteDeps {
  config: AppConfig;
  graph: Client;
  records: RecordStore;
}

/**
 * Routes are matched in registration order and the first match wins, so specific routes go
 * first and the catch-all message route last.
 */
export function registerRoutes(app: Application<TurnState>, _deps: RouteDeps): void {
  guardCardActions(app);
  registerWelcomeRoutes(app);
  registerMessageRoutes(app);
  registerUnknownActionRoute(app);
  app.error(async (context, error) => reportFailure(context, error));
}
