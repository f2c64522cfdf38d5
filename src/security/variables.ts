/**
 * The environment variables of the HTTP edge (src/security/config.ts parses them). Kept apart,
 * with no imports, so the configuration's variable list can include them without a cycle.
 */
export const SECURITY_VARIABLES = [
  'ALLOWED_TENANT_IDS',
  'READYZ_KEY',
  'BOT_OPENID_METADATA_URL',
  'BOT_TOKEN_ISSUER',
  'RATE_PASTES',
  'RATE_REQUESTS',
  'RATE_APPROVALS',
  'MAX_TURNS_IN_FLIGHT',
  'MAX_TURNS_PER_PERSON',
] as const;
export type SecurityVariable = (typeof SECURITY_VARIABLES)[number];

/** These tune local mode too; setting them alone does not switch to a deployment. */
export const SECURITY_LOCAL_TUNING: readonly SecurityVariable[] = [
  'RATE_PASTES',
  'RATE_REQUESTS',
  'RATE_APPROVALS',
  'MAX_TURNS_IN_FLIGHT',
  'MAX_TURNS_PER_PERSON',
];
