import type { READ_PERMISSIONS } from '../diagnosis/ports';

/**
 * What each Graph read of the diagnosis reader asks for: the words that name it in an error,
 * the properties it selects and the few fixed sizes. Kept apart so a change of what diagnosis
 * shows touches the query, not the reading machinery.
 */

export type Operation = keyof typeof READ_PERMISSIONS;

export const OPERATIONS: Record<Operation, string> = {
  getUser: 'reading the user account',
  findSignIns: 'reading the sign-in log',
  getRiskyUser: 'reading the account risk',
  listRiskDetections: 'reading the risk detections',
  listConditionalAccessPolicies: 'reading the Conditional Access policies',
  listTemporaryAccessPasses: 'reading the Temporary Access Pass',
  getTemporaryAccessPassPolicy: 'reading the Temporary Access Pass policy',
  listAuthenticationMethods: 'reading the sign-in methods',
  getAuthenticatorPolicy: 'reading the Authenticator policy',
  listManagedDevices: 'reading the Intune devices',
  listCompliancePolicyStates: 'reading the device compliance policies',
  findRegisteredDevices: 'reading the registered devices',
  memberOf: 'checking group membership',
  getDomain: "reading the domain's password policy",
  getRootDomain: "reading the root domain's password policy",
};

export const DOMAIN_SELECT = ['id', 'isRoot', 'passwordValidityPeriodInDays'];

export const PREFER_ALL_ENUMS = { Prefer: 'include-unknown-enum-members' };

export const USER_SELECT = [
  'id',
  'displayName',
  'userPrincipalName',
  'userType',
  'accountEnabled',
  'onPremisesSyncEnabled',
  'onPremisesLastSyncDateTime',
  'lastPasswordChangeDateTime',
  'passwordPolicies',
];
export const SIGN_IN_SELECT = [
  'id',
  'createdDateTime',
  'userId',
  'userPrincipalName',
  'appId',
  'appDisplayName',
  'resourceDisplayName',
  'ipAddress',
  'clientAppUsed',
  'correlationId',
  'conditionalAccessStatus',
  'status',
  'deviceDetail',
  'location',
  'appliedConditionalAccessPolicies',
  'riskLevelDuringSignIn',
  'riskState',
  'riskEventTypes_v2',
];
export const RISKY_USER_SELECT = [
  'id',
  'riskLevel',
  'riskState',
  'riskDetail',
  'riskLastUpdatedDateTime',
  'isDeleted',
  'isProcessing',
];
export const DETECTION_SELECT = [
  'id',
  'riskEventType',
  'riskLevel',
  'riskState',
  'detectionTimingType',
  'activity',
  'activityDateTime',
  'ipAddress',
  'location',
];
export const CA_SELECT = ['id', 'displayName', 'state', 'conditions', 'grantControls'];
export const MANAGED_DEVICE_SELECT = [
  'id',
  'deviceName',
  'operatingSystem',
  'osVersion',
  'complianceState',
  'complianceGracePeriodExpirationDateTime',
  'lastSyncDateTime',
  'azureADDeviceId',
  'managementAgent',
  'deviceActionResults',
];
export const DEVICE_SELECT = [
  'id',
  'deviceId',
  'displayName',
  'operatingSystem',
  'operatingSystemVersion',
  'trustType',
  'isCompliant',
  'isManaged',
  'accountEnabled',
  'approximateLastSignInDateTime',
];
/** Detections read per user; sorted here because the API promises no order. */
export const DETECTIONS_READ = 50;
/** checkMemberGroups takes at most 20 group ids. */
export const GROUPS_PER_CHECK = 20;

export function query(params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}
