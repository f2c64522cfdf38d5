/**
 * Application permissions, as Graph checks them, shared by the self-check (which features the
 * app's consent allows) and the sandbox tenant (which requests it refuses with a 403): a call
 * lists alternatives (any one suffices); an alternative that is an array needs all of its
 * permissions. A ReadWrite permission also
 * grants the matching Read permission (User.ReadWrite.All covers User.Read.All).
 */
export type PermissionAlternative = string | readonly string[];

function implies(granted: string, wanted: string): boolean {
  if (granted === wanted) return true;
  return granted.replace('.ReadWrite.', '.Read.') === wanted;
}

export function hasPermission(granted: readonly string[], wanted: string): boolean {
  return granted.some((g) => implies(g, wanted));
}

export function satisfies(
  granted: readonly string[],
  alternatives: readonly PermissionAlternative[],
): boolean {
  if (alternatives.length === 0) return true;
  return alternatives.some((alt) =>
    typeof alt === 'string'
      ? hasPermission(granted, alt)
      : alt.every((p) => hasPermission(granted, p)),
  );
}

/** "User.Read.All, or GroupMember.Read.All and User.Read.All" for a 403 message. */
export function describeAlternatives(alternatives: readonly PermissionAlternative[]): string {
  return alternatives
    .map((alt) => (typeof alt === 'string' ? alt : alt.join(' and ')))
    .join(', or ');
}

/** Least-privileged first; each list is what the research notes give for app-only access. */
export const PERMISSIONS = {
  organizationRead: ['Organization.Read.All', 'Directory.Read.All'],
  userRead: ['User.Read.All', 'Directory.Read.All'],
  userWrite: ['User.ReadWrite.All', 'Directory.ReadWrite.All'],
  groupRead: ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All'],
  membershipRead: [['User.Read.All', 'GroupMember.Read.All'], 'Directory.Read.All'],
  groupMemberWrite: ['GroupMember.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'],
  groupWrite: ['Group.ReadWrite.All', 'Directory.ReadWrite.All'],
  roleAssignableGroupWrite: ['RoleManagement.ReadWrite.Directory'],
  signInRead: ['AuditLog.Read.All', 'Directory.Read.All'],
  signInActivityRead: ['AuditLog.Read.All'],
  conditionalAccessRead: [
    'Policy.Read.ConditionalAccess',
    'Policy.Read.All',
    'Policy.ReadWrite.ConditionalAccess',
  ],
  riskyUserRead: ['IdentityRiskyUser.Read.All'],
  riskyUserWrite: ['IdentityRiskyUser.ReadWrite.All'],
  riskDetectionRead: ['IdentityRiskEvent.Read.All'],
  authMethodPolicyRead: ['Policy.Read.All', 'Policy.ReadWrite.AuthenticationMethod'],
  authMethodPolicyWrite: ['Policy.ReadWrite.AuthenticationMethod'],
  accessReviewRead: ['AccessReview.Read.All', 'AccessReview.ReadWrite.All'],
  accessReviewWrite: ['AccessReview.ReadWrite.All'],
  smsSignInWrite: ['UserAuthenticationMethod.ReadWrite.All'],
  securityDefaultsRead: ['Policy.Read.All', 'Policy.ReadWrite.SecurityDefaults'],
  secureScoreRead: ['SecurityEvents.Read.All', 'SecurityEvents.ReadWrite.All'],
  servicePrincipalRead: ['Application.Read.All', 'Directory.Read.All'],
  servicePrincipalSignInRead: ['AuditLog.Read.All', 'Directory.Read.All'],
  authMethodsRead: ['UserAuthenticationMethod.Read.All'],
  tapRead: ['UserAuthMethod-TAP.Read.All', 'UserAuthenticationMethod.Read.All'],
  tapWrite: ['UserAuthMethod-TAP.ReadWrite.All', 'UserAuthenticationMethod.ReadWrite.All'],
  phoneRead: ['UserAuthMethod-Phone.Read.All', 'UserAuthenticationMethod.Read.All'],
  phoneWrite: ['UserAuthMethod-Phone.ReadWrite.All', 'UserAuthenticationMethod.ReadWrite.All'],
  deviceRead: ['Device.Read.All', 'Directory.Read.All'],
  domainRead: ['Domain.Read.All', 'Directory.Read.All'],
  managedDeviceRead: ['DeviceManagementManagedDevices.Read.All'],
  compliancePolicyStateRead: [
    'DeviceManagementManagedDevices.Read.All',
    'DeviceManagementConfiguration.Read.All',
  ],
  managedDeviceSync: ['DeviceManagementManagedDevices.PrivilegedOperations.All'],
  appCatalogRead: ['AppCatalog.Read.All'],
  installedAppsRead: [
    'TeamsAppInstallation.ReadForUser.All',
    'TeamsAppInstallation.ReadWriteSelfForUser.All',
    'TeamsAppInstallation.ReadWriteForUser.All',
  ],
  installedAppsWrite: [
    'TeamsAppInstallation.ReadWriteSelfForUser.All',
    'TeamsAppInstallation.ReadWriteForUser.All',
  ],
} as const satisfies Record<string, readonly PermissionAlternative[]>;
