/**
 * Conditional Access policies and a sign-in's situation, as the What If evaluation sees them.
 * Field names and enum spellings are Graph's (conditionalAccessPolicy, signInConditions), so the
 * Graph adapter and the sandbox map them without translation.
 */

export interface CaUsers {
  includeUsers: string[];
  excludeUsers: string[];
  includeGroups: string[];
  excludeGroups: string[];
  /** Directory role template ids. */
  includeRoles: string[];
  excludeRoles: string[];
}

export interface CaPolicy {
  id: string;
  displayName: string;
  /** enabled, disabled, enabledForReportingButNotEnforced. */
  state: string;
  users: CaUsers;
  applications: { includeApplications: string[]; excludeApplications: string[] };
  /** all, browser, mobileAppsAndDesktopClients, exchangeActiveSync, other. */
  clientAppTypes: string[];
  /** null: every platform. */
  platforms: { includePlatforms: string[]; excludePlatforms: string[] } | null;
  /** null: every location. Values are named location ids, `All` or `AllTrusted`. */
  locations: { includeLocations: string[]; excludeLocations: string[] } | null;
  userRiskLevels: string[];
  signInRiskLevels: string[];
  /** null: the policy grants nothing (session controls only). */
  grant: { operator: 'AND' | 'OR'; builtInControls: string[] } | null;
}

/** A named location reduced to what decides membership. */
export interface NamedLocation {
  id: string;
  /** ISO 3166 two-letter codes (country named locations). */
  countries: string[];
  /** CIDR ranges (IP named locations). */
  ipRanges: string[];
  isTrusted: boolean;
}

/**
 * The sign-in to evaluate. Unknown facts are left out: a condition that needs one is then
 * "not enough information", as in Graph's own evaluation.
 */
export interface SignInSituation {
  userId: string;
  /** Groups the user is in (transitively), at least those the policies name. */
  groupIds: string[];
  /** Role template ids the user holds. */
  roleIds: string[];
  isGuest: boolean;
  appId: string;
  /** Graph's conditionalAccessDevicePlatform: windows, macOS, iOS, android, linux. */
  devicePlatform?: string;
  /** Graph's conditionalAccessClientApp: browser, mobileAppsAndDesktopClients, ... */
  clientAppType?: string;
  country?: string;
  ipAddress?: string;
  /** none, low, medium, high. */
  signInRiskLevel?: string;
  userRiskLevel?: string;
  deviceIsCompliant?: boolean;
  /** ServerAd (hybrid joined), AzureAd, Workplace. */
  deviceTrustType?: string;
}

/** Graph's whatIfAnalysisReasons, the subset this evaluation can give. */
export type WhatIfReason =
  | 'notSet'
  | 'notEnoughInformation'
  | 'users'
  | 'application'
  | 'clientApps'
  | 'devicePlatform'
  | 'location'
  | 'userRisk'
  | 'signInRisk'
  | 'policyNotEnabled';

/** Whether a policy applies to a sign-in: yes, no (and the condition that ruled it out), or unknown. */
export type Applicability =
  | { applies: true }
  | { applies: false; reason: WhatIfReason }
  | { applies: 'unknown'; reason: WhatIfReason };

/**
 * What a policy that applies does to the sign-in: `blocks` (a block, or a device requirement the
 * sign-in's device does not meet), `asks` (a requirement the person can meet: MFA, a password
 * change, an approved app), `grants` (no grant control).
 */
export type GrantEffect = { effect: 'blocks' | 'asks' | 'grants'; controls: string[] };
