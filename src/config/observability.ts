import { z } from 'zod';
import { check, ConfigError, describe, read, type Env } from './env';

/** Log level and telemetry export; neither leaves local mode. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export interface ObservabilityConfig {
  logLevel: (typeof LOG_LEVELS)[number];
  /** Application Insights; telemetry is off (and silent) without it. */
  appInsightsConnectionString?: string;
}

export function parseObservability(env: Env): ObservabilityConfig {
  const logLevel = check(
    env,
    'LOG_LEVEL',
    z.enum(LOG_LEVELS).optional(),
    `one of ${LOG_LEVELS.join(', ')}`,
  );
  const connectionString = read(env, 'APPLICATIONINSIGHTS_CONNECTION_STRING');
  if (connectionString !== undefined && !/InstrumentationKey=/i.test(connectionString)) {
    throw new ConfigError(
      'APPLICATIONINSIGHTS_CONNECTION_STRING',
      'an Application Insights connection string (InstrumentationKey=...;IngestionEndpoint=...)',
      describe('APPLICATIONINSIGHTS_CONNECTION_STRING', connectionString),
    );
  }
  return { logLevel: logLevel ?? 'info', appInsightsConnectionString: connectionString };
}
