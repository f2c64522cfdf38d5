/** Ask the helpdesk: a person's request for a human, taken, answered and closed by an agent. */
export { HandoffService, type ActCommand, type ActResult, type AskResult } from './service';
export { HandoffStore, referenceOf, HANDOFFS_TABLE, HANDOFF_OPEN_TABLE } from './store';
export { authorizeHandoff, applyHandoff, MAX_REPLIES, type HandoffAct } from './rules';
export { handoffFacts, handoffDiagnosis } from './facts';
export type * from './types';
