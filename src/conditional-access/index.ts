/** Conditional Access What If: the bot's own evaluation and the Graph mapping around it. */
export * from './types';
export { applicability, grantEffect } from './evaluate';
export {
  exclusionImpact,
  impactFromEvaluation,
  type ExclusionImpact,
  type Observed,
  type PolicyImpact,
} from './exclusion-impact';
export {
  caPolicyFromGraph,
  caUsersFromGraph,
  clientAppTypeOf,
  evaluateRequestBody,
  namedLocationFromGraph,
  platformOf,
  situationOf,
  trustTypeOf,
  type SignInConditionFacts,
} from './wire';
