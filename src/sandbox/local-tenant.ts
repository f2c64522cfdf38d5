import type { LocalTenant } from '../config';
import { DEMO_GROUPS, DEMO_USERS } from './demo-ids';
import { SCENARIO_POLICIES, SCENARIO_TEAMS_APP } from './scenario-ids';

/** The sandbox tenant's settings for local mode, handed to parseConfig by the composition root. */
export const LOCAL_TENANT: LocalTenant = {
  helpdeskGroupId: DEMO_GROUPS.helpdeskApprovers.id,
  adminGroupId: DEMO_GROUPS.tenantAdmins.id,
  // The Playground's team channel named "Helpdesk" (.m365agentsplayground.yml).
  helpdeskChannelId: 'channel-helpdesk-id',
  exclusionGroupIds: [DEMO_GROUPS.caExclusions.id],
  protectedUserIds: [DEMO_USERS.breakGlass.id],
  // Administrator MFA and the Azure management block: nobody is excluded from these.
  neverExcludePolicyIds: [SCENARIO_POLICIES.mfaAdmins, SCENARIO_POLICIES.blockGuestsAzure],
  catalogAppId: SCENARIO_TEAMS_APP.catalogId,
};
