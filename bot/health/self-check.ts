import type { TokenCredential } from '@azure/identity';
import type { AppConfig } from '../../src/config';
import type { GraphTransport } from '../../src/graph/transport';
import { runSelfCheck, type FeatureSwitches, type HealthReport } from '../../src/health';
import { systemClock, type RecordStore } from '../../src/ports';
import { SANDBOX_APP_ID } from '../../src/sandbox/consent-scenarios';

/** The Graph app's client id, for reading its service principal's consent. */
function graphAppId(config: AppConfig): string | undefined {
  const credential = config.graph.credential;
  if (credential.kind === 'sandbox') return SANDBOX_APP_ID;
  return credential.clientId;
}

/**
 * The self-check as the bot runs it (at start-up and on `health`): against the tenant through the
 * one Graph transport, its verdict applied to the feature switches.
 */
export function selfCheckFor(parts: {
  config: AppConfig;
  graph: GraphTransport;
  credential: TokenCredential;
  records: RecordStore;
  switches: FeatureSwitches;
}): () => Promise<HealthReport> {
  return async () => {
    const report = await runSelfCheck({
      config: parts.config,
      graph: parts.graph,
      credential: parts.credential,
      graphAppId: graphAppId(parts.config),
      records: parts.records,
      clock: systemClock,
    });
    parts.switches.apply(report);
    return report;
  };
}
