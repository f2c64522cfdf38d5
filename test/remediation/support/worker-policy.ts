import { createRemediationPolicy } from '../../../src/remediation/policy';
import { DEMO_GROUPS, DEMO_USERS } from '../../../src/sandbox/demo-ids';

/** The policy every process in the scale-out tests runs with, as instances share configuration. */
export const workerPolicy = createRemediationPolicy({
  helpdeskGroupId: DEMO_GROUPS.helpdeskApprovers.id,
  exclusionGroupIds: [DEMO_GROUPS.caExclusions.id],
  protectedUserIds: [DEMO_USERS.breakGlass.id],
});
