import type { AppConfig } from '../../src/config';
import { TurnAdmission } from './admission';
import { readinessView } from './readiness';

export { channelAuthSettings } from './channel-auth';
export { TurnAdmission } from './admission';
export { ReusedClientsTeamsAdapter } from './reused-clients';

/** The guards startBotServer applies at the HTTP edge, built from the configuration. */
export function createEdge(config: AppConfig) {
  return {
    admission: new TurnAdmission(config.security),
    readiness: readinessView(config.mode, config.security.readyzKey),
  };
}
