export { readConsent, rolesInToken, type Consent } from './consent';
export { FEATURES, type FeatureId, type FeatureNeeds } from './features';
export { FeatureSwitches } from './feature-switches';
export { formatReport, summarize } from './format';
export { runSelfCheck, type SelfCheckDeps } from './self-check';
export type { CheckItem, CheckStatus, HealthReport } from './types';
