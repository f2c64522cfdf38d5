import type { Route } from '../route';
import { authenticationMethodPolicyRoutes } from './authentication-method-policy';
import { authenticationMethodRoutes } from './authentication-methods';
import { batchRoutes } from './batch';
import { conditionalAccessRoutes } from './conditional-access';
import { deviceRoutes } from './devices';
import { directoryRoutes } from './directory';
import { identityProtectionReadRoutes } from './identity-protection';
import { managedDeviceRoutes } from './managed-devices';
import { signInRoutes } from './sign-ins';

/** Every Graph operation the sandbox answers. */
export const allRoutes: readonly Route[] = [
  ...directoryRoutes,
  ...signInRoutes,
  ...identityProtectionReadRoutes,
  ...conditionalAccessRoutes,
  ...authenticationMethodPolicyRoutes,
  ...authenticationMethodRoutes,
  ...deviceRoutes,
  ...managedDeviceRoutes,
  ...batchRoutes,
];
