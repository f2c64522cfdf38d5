import type { CaUsers } from '../conditional-access';

/**
 * The tenant facts posture and reports read, each read on its own so that one missing permission
 * costs one item. A read either has a value or says why not: `forbidden` names the Graph
 * permission an admin must grant, `failed` carries a sentence for people.
 */

export type Read<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'forbidden'; permission: string }
  | { ok: false; reason: 'failed'; message: string };

export type Unread = Exclude<Read<unknown>, { ok: true }>;

export type { CaUsers };

export interface CaPolicy {
  id: string;
  displayName: string;
  state: 'enabled' | 'disabled' | 'enabledForReportingButNotEnforced' | string;
  createdDateTime?: string | null;
  modifiedDateTime?: string | null;
  users: CaUsers;
  includeApplications: string[];
  builtInControls: string[];
}

export interface MethodTarget {
  id: string;
  targetType: string;
  isUsableForSignIn?: boolean;
}

export interface FeatureSetting {
  state: string;
  includeTargetId?: string;
  excludeTargetId?: string;
}

export interface TapPolicy {
  state: string;
  isUsableOnce: boolean;
  defaultLifetimeInMinutes: number;
  minimumLifetimeInMinutes: number;
  maximumLifetimeInMinutes: number;
  includeTargets: MethodTarget[];
}

export interface AuthenticatorPolicy {
  state: string;
  includeTargets: MethodTarget[];
  displayAppInformation?: FeatureSetting;
  displayLocationInformation?: FeatureSetting;
  /** Beta only; Microsoft enforces number matching for every push regardless. */
  numberMatching?: FeatureSetting;
}

export interface SmsPolicy {
  state: string;
  includeTargets: MethodTarget[];
}

export interface Fido2Policy {
  state: string;
  isAttestationEnforced: boolean;
  isSelfServiceRegistrationAllowed: boolean;
  keyRestrictions: { isEnforced: boolean; enforcementType: string; aaGuids: string[] };
  includeTargets: MethodTarget[];
}

export interface OrganizationSync {
  displayName: string;
  onPremisesSyncEnabled: boolean | null;
  onPremisesLastSyncDateTime: string | null;
  onPremisesLastPasswordSyncDateTime: string | null;
}

export interface SecureScoreSnapshot {
  currentScore: number;
  maxScore: number;
  createdDateTime: string;
}

export interface GroupInfo {
  displayName: string;
  memberCount: number;
}

/** The reads posture needs; the Graph adapter is GraphPostureReader. */
export interface PostureReader {
  conditionalAccessPolicies(): Promise<Read<CaPolicy[]>>;
  securityDefaultsEnabled(): Promise<Read<boolean>>;
  temporaryAccessPass(): Promise<Read<TapPolicy>>;
  authenticator(): Promise<Read<AuthenticatorPolicy>>;
  sms(): Promise<Read<SmsPolicy>>;
  fido2(): Promise<Read<Fido2Policy>>;
  organization(): Promise<Read<OrganizationSync>>;
  latestSecureScore(): Promise<Read<SecureScoreSnapshot | undefined>>;
  /** Name and direct member count of each group; groups that cannot be read are left out. */
  groups(ids: readonly string[]): Promise<Read<Map<string, GroupInfo>>>;
}

/** The sentence an item shows when its read failed. */
export function couldNotCheck(read: Unread): string {
  return read.reason === 'forbidden'
    ? `Could not check: grant the app the Microsoft Graph permission ${read.permission}.`
    : `Could not check: ${read.message}`;
}
