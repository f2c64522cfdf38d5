import type { CaPolicy, Read } from '../posture/reads';

/** What the admin reports read from the tenant; the Graph adapter is GraphReportReader. */

export interface EnterpriseApp {
  id: string;
  appId: string;
  displayName: string;
  appOwnerOrganizationId: string | null;
  servicePrincipalType: string;
  createdDateTime?: string;
}

export interface GuestAccount {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail: string | null;
  createdDateTime?: string;
  accountEnabled?: boolean;
  lastSignInDateTime: string | null;
}

export interface RiskyUserRow {
  id: string;
  userPrincipalName: string;
  userDisplayName: string;
  riskLevel: string;
  riskState: string;
  riskDetail: string;
  riskLastUpdatedDateTime: string;
}

export interface DirectoryPerson {
  id: string;
  displayName: string;
  userPrincipalName: string;
}

/** An exclusion the bot made and will undo at `endsAt` (from the remediation schedule). */
export interface TimedExclusion {
  groupId: string;
  userId: string;
  endsAt: string;
}

export interface ReportReader {
  enterpriseApps(): Promise<Read<EnterpriseApp[]>>;
  /** Number of users, groups or apps assigned to the app. */
  assignmentCount(servicePrincipalId: string): Promise<Read<number>>;
  /** Last sign-in per appId (beta report); apps absent never signed in. */
  appSignIns(): Promise<Read<Map<string, string | null>>>;
  guests(): Promise<Read<GuestAccount[]>>;
  riskyUsers(): Promise<Read<RiskyUserRow[]>>;
  conditionalAccessPolicies(): Promise<Read<CaPolicy[]>>;
  groupName(groupId: string): Promise<Read<string>>;
  groupMembers(groupId: string): Promise<Read<DirectoryPerson[]>>;
  person(userId: string): Promise<Read<DirectoryPerson>>;
}
