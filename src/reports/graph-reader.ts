import type { GraphTransport } from '../graph/transport';
import { mapRead, readAll, readOne } from '../posture/graph-fetch';
import { GraphPostureReader } from '../posture/graph-reader';
import type { CaPolicy, Read } from '../posture/reads';
import type {
  DirectoryPerson,
  EnterpriseApp,
  GuestAccount,
  ReportReader,
  RiskyUserRow,
} from './reads';

/**
 * ReportReader over Microsoft Graph. Permissions (application, least privileged):
 * Application.Read.All (enterprise apps and their assignments), AuditLog.Read.All (app sign-in
 * activity, beta; guests' signInActivity, with User.Read.All), IdentityRiskyUser.Read.All,
 * Policy.Read.All and GroupMember.Read.All (exclusions).
 */

type Json = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});

function person(raw: Json): DirectoryPerson {
  return {
    id: str(raw.id) ?? '',
    displayName: str(raw.displayName) ?? '',
    userPrincipalName: str(raw.userPrincipalName) ?? '',
  };
}

export class GraphReportReader implements ReportReader {
  private readonly posture: GraphPostureReader;

  constructor(private readonly graph: GraphTransport) {
    this.posture = new GraphPostureReader(graph);
  }

  async enterpriseApps(): Promise<Read<EnterpriseApp[]>> {
    const read = await readAll<Json>(this.graph, {
      path: '/servicePrincipals?$select=id,appId,displayName,appOwnerOrganizationId,servicePrincipalType,createdDateTime&$top=999',
      permission: 'Application.Read.All',
      operation: 'reading enterprise applications',
    });
    return mapRead(read, (list) =>
      list.map((sp) => ({
        id: str(sp.id) ?? '',
        appId: str(sp.appId) ?? '',
        displayName: str(sp.displayName) ?? '',
        appOwnerOrganizationId: str(sp.appOwnerOrganizationId) ?? null,
        servicePrincipalType: str(sp.servicePrincipalType) ?? 'Application',
        createdDateTime: str(sp.createdDateTime),
      })),
    );
  }

  async assignmentCount(servicePrincipalId: string): Promise<Read<number>> {
    const read = await readAll<Json>(this.graph, {
      path: `/servicePrincipals/${encodeURIComponent(servicePrincipalId)}/appRoleAssignedTo?$select=id&$top=999`,
      permission: 'Application.Read.All',
      operation: 'reading app assignments',
    });
    return mapRead(read, (list) => list.length);
  }

  async appSignIns(): Promise<Read<Map<string, string | null>>> {
    const read = await readAll<Json>(this.graph, {
      path: '/reports/servicePrincipalSignInActivities',
      version: 'beta',
      permission: 'AuditLog.Read.All',
      operation: 'reading app sign-in activity',
    });
    return mapRead(
      read,
      (list) =>
        new Map(
          list.map((row) => [
            str(row.appId) ?? '',
            str(obj(row.lastSignInActivity).lastSignInDateTime) ?? null,
          ]),
        ),
    );
  }

  async guests(): Promise<Read<GuestAccount[]>> {
    const read = await readAll<Json>(this.graph, {
      path: "/users?$filter=userType eq 'Guest'&$select=id,displayName,userPrincipalName,mail,createdDateTime,accountEnabled,signInActivity&$top=999",
      permission: 'AuditLog.Read.All',
      operation: 'reading guests and their sign-in activity',
    });
    return mapRead(read, (list) =>
      list.map((u) => ({
        ...person(u),
        mail: str(u.mail) ?? null,
        createdDateTime: str(u.createdDateTime),
        accountEnabled: typeof u.accountEnabled === 'boolean' ? u.accountEnabled : undefined,
        lastSignInDateTime: str(obj(u.signInActivity).lastSignInDateTime) ?? null,
      })),
    );
  }

  async riskyUsers(): Promise<Read<RiskyUserRow[]>> {
    const read = await readAll<Json>(this.graph, {
      path: "/identityProtection/riskyUsers?$filter=riskState in ('atRisk','confirmedCompromised')",
      permission: 'IdentityRiskyUser.Read.All',
      operation: 'reading risky users',
    });
    return mapRead(read, (list) =>
      list.map((r) => ({
        id: str(r.id) ?? '',
        userPrincipalName: str(r.userPrincipalName) ?? '',
        userDisplayName: str(r.userDisplayName) ?? '',
        riskLevel: str(r.riskLevel) ?? '',
        riskState: str(r.riskState) ?? '',
        riskDetail: str(r.riskDetail) ?? '',
        riskLastUpdatedDateTime: str(r.riskLastUpdatedDateTime) ?? '',
      })),
    );
  }

  conditionalAccessPolicies(): Promise<Read<CaPolicy[]>> {
    return this.posture.conditionalAccessPolicies();
  }

  async groupName(groupId: string): Promise<Read<string>> {
    const read = await readOne<Json>(this.graph, {
      path: `/groups/${encodeURIComponent(groupId)}?$select=id,displayName`,
      permission: 'GroupMember.Read.All',
      operation: 'reading a group',
    });
    return mapRead(read, (g) => str(g.displayName) ?? groupId);
  }

  async groupMembers(groupId: string): Promise<Read<DirectoryPerson[]>> {
    const read = await readAll<Json>(this.graph, {
      path: `/groups/${encodeURIComponent(groupId)}/transitiveMembers?$select=id,displayName,userPrincipalName&$top=999`,
      permission: 'GroupMember.Read.All',
      operation: 'reading group members',
    });
    return mapRead(read, (list) => list.map(person));
  }

  async person(userId: string): Promise<Read<DirectoryPerson>> {
    const read = await readOne<Json>(this.graph, {
      path: `/users/${encodeURIComponent(userId)}?$select=id,displayName,userPrincipalName`,
      permission: 'User.Read.All',
      operation: 'reading a user',
    });
    return mapRead(read, person);
  }
}
