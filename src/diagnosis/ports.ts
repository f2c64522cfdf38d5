/**
 * What diagnosis may read from the tenant, and nothing more: no method here changes anything, and
 * diagnosis code never receives a writer. Records carry only the fields a diagnosis shows or
 * reasons about, shaped as Microsoft Graph returns them (enum spellings kept), so the Graph adapter
 * stays a thin mapping and an in-memory fake can honour the same contract.
 *
 * Failures: methods throw AppError. A missing permission is `graph-forbidden` with
 * `missingPermission` set; throttling that outlasts the adapter's wait budget is `graph-throttled`
 * with `retryAfterSeconds`. "Does not exist" is an answer, not an error: `undefined` or `[]`.
 */

export interface DirectoryUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  /** `Member` or `Guest`. */
  userType: string;
  accountEnabled: boolean | null;
  /** true: synced from on-premises AD, so account and password changes happen there. */
  onPremisesSyncEnabled: boolean | null;
  onPremisesLastSyncDateTime: string | null;
  lastPasswordChangeDateTime: string | null;
  /** e.g. `DisablePasswordExpiration`; null when none are set. */
  passwordPolicies: string | null;
}

/** A domain of the tenant, as far as password expiry needs it. */
export interface DomainRecord {
  /** The domain name, e.g. contoso.com. */
  id: string;
  /**
   * false for a subdomain (eu.contoso.com), whose passwords follow its root domain's validity
   * period rather than its own; Graph reads the root through the domain's `rootDomain`.
   */
  isRoot: boolean;
  /**
   * Days a cloud password stays valid; 2147483647 means passwords never expire. null: not set,
   * which newer tenants read as never and tenants from before 2021 as 90 days.
   */
  passwordValidityPeriodInDays: number | null;
}

export type { AppliedPolicyRecord, SignInQuery, SignInRecord } from '../sign-ins';
import type { SignInQuery, SignInRecord } from '../sign-ins';

export interface RiskyUserRecord {
  id: string;
  /** low, medium, high, hidden (no P2 licence), none. */
  riskLevel: string;
  /** atRisk, confirmedCompromised, remediated, dismissed, confirmedSafe, none. */
  riskState: string;
  riskDetail: string;
  riskLastUpdatedDateTime: string;
  isDeleted: boolean;
  isProcessing: boolean;
}

export interface RiskDetectionRecord {
  id: string;
  riskEventType: string;
  riskLevel: string;
  riskState: string;
  detectionTimingType: string;
  /** `signin` or `user` (e.g. leaked credentials are about the user, not a sign-in). */
  activity: string;
  activityDateTime: string;
  ipAddress: string | null;
  location: { city: string | null; countryOrRegion: string | null } | null;
}

export interface ConditionalAccessPolicyRecord {
  id: string;
  displayName: string;
  /** enabled, disabled, enabledForReportingButNotEnforced. */
  state: string;
  /** Groups the policy already excludes: the only place a helpdesk exclusion may go. */
  excludeGroupIds: string[];
  builtInControls: string[];
  operator: string | null;
  /** User risk levels the policy acts on (empty when it does not look at user risk). */
  userRiskLevels: string[];
  signInRiskLevels: string[];
  /** The policy includes or excludes named locations. */
  locationBased: boolean;
  /** Device platforms it is limited to (empty: all). */
  platforms: string[];
}

export interface MethodTarget {
  targetType: string;
  /** A group id, or `all_users`. */
  id: string;
}

export interface TapMethodRecord {
  id: string;
  createdDateTime: string;
  startDateTime: string;
  lifetimeInMinutes: number;
  isUsableOnce: boolean;
  isUsable: boolean | null;
  /** EnabledByPolicy, DisabledByPolicy, Expired, NotYetValid, OneTimeUsed. */
  methodUsabilityReason: string | null;
}

export interface TapPolicyRecord {
  state: string;
  /** true: every pass in the tenant is one-time use. */
  isUsableOnce: boolean;
  defaultLifetimeInMinutes: number;
  minimumLifetimeInMinutes: number;
  maximumLifetimeInMinutes: number;
  includeTargets: MethodTarget[];
  excludeTargets: MethodTarget[];
}

export type AuthenticationMethodKind =
  | 'password'
  | 'phone'
  | 'microsoftAuthenticator'
  | 'fido2'
  | 'windowsHelloForBusiness'
  | 'temporaryAccessPass'
  | 'softwareOath'
  | 'email'
  | 'platformCredential'
  | 'other';

export interface AuthenticationMethodRecord {
  id: string;
  kind: AuthenticationMethodKind;
  /** Device or key name, or the phone type; never a full phone number. */
  label: string | null;
  /** Last digits of a phone number, for recognition only. */
  phoneEnding?: string;
  /** Microsoft Authenticator app version on the registered phone. */
  appVersion?: string;
}

/** default, enabled, disabled: whether Authenticator shows this context in a push. */
export interface AuthenticatorPolicyRecord {
  state: string;
  includeTargets: MethodTarget[];
  excludeTargets: MethodTarget[];
  displayAppInformationRequiredState: string | null;
  displayLocationInformationRequiredState: string | null;
}

export interface ManagedDeviceRecord {
  id: string;
  deviceName: string;
  operatingSystem: string;
  osVersion: string;
  /** unknown, compliant, noncompliant (lower-case c), conflict, error, inGracePeriod, configManager. */
  complianceState: string;
  complianceGracePeriodExpirationDateTime: string | null;
  lastSyncDateTime: string | null;
  /** Joins to signIn.deviceDetail.deviceId and device.deviceId. */
  azureADDeviceId: string | null;
  managementAgent: string | null;
  /** A sync the helpdesk already requested and the device has not picked up. */
  syncPending: boolean;
}

export interface ComplianceSettingStateRecord {
  setting: string;
  settingName: string;
  /** nonCompliant (upper-case C), compliant, error, ... */
  state: string;
  currentValue: string | null;
}

export interface CompliancePolicyStateRecord {
  id: string;
  displayName: string;
  platformType: string;
  state: string;
  settingStates: ComplianceSettingStateRecord[];
}

export interface RegisteredDeviceRecord {
  /** Directory object id. */
  id: string;
  /** The Entra device id (what sign-ins and Intune call the device). */
  deviceId: string;
  displayName: string;
  operatingSystem: string;
  operatingSystemVersion: string | null;
  /** ServerAd (hybrid joined), AzureAd (Entra joined), Workplace (registered). */
  trustType: string | null;
  isCompliant: boolean | null;
  isManaged: boolean | null;
  accountEnabled: boolean;
  approximateLastSignInDateTime: string | null;
}

export type RegisteredDeviceLookup = { deviceId: string } | { ownerId: string };

export interface DirectoryReader {
  /** By object id or UPN; undefined when no such user exists in the tenant. */
  getUser(idOrUpn: string): Promise<DirectoryUser | undefined>;
  /** Newest first; see SignInQuery. */
  findSignIns(query: SignInQuery): Promise<SignInRecord[]>;
  /** undefined when Identity Protection has no record of the user. */
  getRiskyUser(userId: string): Promise<RiskyUserRecord | undefined>;
  /** The user's most recent detections, newest first. */
  listRiskDetections(userId: string, top: number): Promise<RiskDetectionRecord[]>;
  listConditionalAccessPolicies(): Promise<ConditionalAccessPolicyRecord[]>;
  /** At most one: a user holds one Temporary Access Pass at a time. */
  listTemporaryAccessPasses(userId: string): Promise<TapMethodRecord[]>;
  getTemporaryAccessPassPolicy(): Promise<TapPolicyRecord>;
  listAuthenticationMethods(userId: string): Promise<AuthenticationMethodRecord[]>;
  getAuthenticatorPolicy(): Promise<AuthenticatorPolicyRecord>;
  listManagedDevices(userId: string): Promise<ManagedDeviceRecord[]>;
  listCompliancePolicyStates(managedDeviceId: string): Promise<CompliancePolicyStateRecord[]>;
  findRegisteredDevices(lookup: RegisteredDeviceLookup): Promise<RegisteredDeviceRecord[]>;
  /** The subset of `groupIds` the user belongs to, transitively. */
  memberOf(userId: string, groupIds: readonly string[]): Promise<string[]>;
  /** By name (a UPN's suffix); undefined when the tenant has no such domain. */
  getDomain(name: string): Promise<DomainRecord | undefined>;
  /** The root domain of a subdomain, by the subdomain's name; undefined when there is none. */
  getRootDomain(name: string): Promise<DomainRecord | undefined>;
}

/**
 * Least-privileged application permission that lets each read succeed; named on a 403 and in the
 * permissions table of the docs. Kept with the port because both the adapter and the fake honour it.
 */
export const READ_PERMISSIONS = {
  getUser: 'User.Read.All',
  findSignIns: 'AuditLog.Read.All',
  getRiskyUser: 'IdentityRiskyUser.Read.All',
  listRiskDetections: 'IdentityRiskEvent.Read.All',
  listConditionalAccessPolicies: 'Policy.Read.All',
  listTemporaryAccessPasses: 'UserAuthMethod-TAP.Read.All',
  getTemporaryAccessPassPolicy: 'Policy.Read.All',
  listAuthenticationMethods: 'UserAuthenticationMethod.Read.All',
  getAuthenticatorPolicy: 'Policy.Read.All',
  listManagedDevices: 'DeviceManagementManagedDevices.Read.All',
  listCompliancePolicyStates: 'DeviceManagementManagedDevices.Read.All',
  findRegisteredDevices: 'Device.Read.All',
  memberOf: 'GroupMember.Read.All',
  getDomain: 'Domain.Read.All',
  getRootDomain: 'Domain.Read.All',
} as const satisfies Record<keyof DirectoryReader, string>;

/**
 * Without one of Policy.Read.All, Policy.Read.ConditionalAccess or
 * Policy.ReadWrite.ConditionalAccess, Graph returns sign-ins without
 * appliedConditionalAccessPolicies and says nothing about it. Policy.Read.All is named because the
 * same grant also lets the bot read the policies themselves.
 */
export const SIGN_IN_CA_DETAILS_PERMISSION = 'Policy.Read.All';
