import type { Route } from '../route';
import { accessReviewRoutes } from './access-reviews';
import { authenticationMethodPolicyRoutes } from './authentication-method-policy';
import { authenticationMethodRoutes } from './authentication-methods';
import { batchRoutes } from './batch';
import { caEvaluateRoutes } from './ca-evaluate';
import { conditionalAccessRoutes } from './conditional-access';
import { deviceRoutes } from './devices';
import { directoryRoutes } from './directory';
import { domainRoutes } from './domains';
import { identityProtectionReadRoutes } from './identity-protection';
import { groupWriteRoutes } from './group-writes';
import { managedDeviceRoutes } from './managed-devices';
import { methodPolicyWriteRoutes } from './method-policy-writes';
import { phoneWriteRoutes } from './phone-writes';
import { riskActionRoutes } from './risk-actions';
import { servicePrincipalRoutes } from './service-principals';
import { signInRoutes } from './sign-ins';
import { tapWriteRoutes } from './tap-writes';
import { teamsRoutes } from './teams';
import { tenantPostureRoutes } from './tenant-posture';
import { userWriteRoutes } from './user-writes';

/** Every Graph operation the sandbox answers. */
export const allRoutes: readonly Route[] = [
  ...directoryRoutes,
  ...domainRoutes,
  ...signInRoutes,
  ...identityProtectionReadRoutes,
  ...conditionalAccessRoutes,
  ...caEvaluateRoutes,
  ...authenticationMethodPolicyRoutes,
  ...authenticationMethodRoutes,
  ...deviceRoutes,
  ...managedDeviceRoutes,
  ...riskActionRoutes,
  ...tapWriteRoutes,
  ...phoneWriteRoutes,
  ...userWriteRoutes,
  ...groupWriteRoutes,
  ...teamsRoutes,
  ...servicePrincipalRoutes,
  ...tenantPostureRoutes,
  ...methodPolicyWriteRoutes,
  ...accessReviewRoutes,
  ...batchRoutes,
];
