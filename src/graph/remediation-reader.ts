import type {
  DirectoryUser,
  ManagedDeviceInfo,
  RemediationReader,
  TapPolicy,
} from '../remediation/ports';
import { PERMISSION } from './remediation-permissions';
import { isRecord, num, path, text, type GraphTransport } from './transport';

/**
 * The reads a fix makes right before writing, on Microsoft Graph: is the user a guest or synced,
 * do they hold a role, what the tenant's pass policy allows, which groups a policy excludes.
 * Each method is one documented Graph call (or a paged read).
 */
export class GraphRemediationReader implements RemediationReader {
  constructor(private readonly graph: GraphTransport) {}

  async getUser(userId: string): Promise<DirectoryUser> {
    const { body } = await this.graph.ok(
      'GET',
      `${path('users', userId)}?$select=id,displayName,userPrincipalName,userType,onPremisesSyncEnabled`,
      undefined,
      { operation: 'reading the user', permission: PERMISSION.userRead },
    );
    const user = isRecord(body) ? body : {};
    return {
      id: text(user.id, userId),
      displayName: text(user.displayName, userId),
      userPrincipalName: text(user.userPrincipalName),
      userType: user.userType === 'Guest' ? 'Guest' : 'Member',
      onPremisesSyncEnabled: user.onPremisesSyncEnabled === true,
    };
  }

  async holdsDirectoryRole(userId: string): Promise<boolean> {
    // The cast keeps only directory roles; without a role-read permission Graph still returns
    // their ids, which is all this question needs.
    const { body } = await this.graph.ok(
      'GET',
      `${path('users', userId, 'transitiveMemberOf', 'microsoft.graph.directoryRole')}?$select=id&$top=1`,
      undefined,
      { operation: "checking the user's administrator roles", permission: PERMISSION.userRead },
    );
    return isRecord(body) && Array.isArray(body.value) && body.value.length > 0;
  }

  async getGroupName(groupId: string): Promise<string> {
    const { body } = await this.graph.ok(
      'GET',
      `${path('groups', groupId)}?$select=id,displayName`,
      undefined,
      {
        operation: 'reading the group',
        permission: PERMISSION.groupRead,
      },
    );
    return isRecord(body) ? text(body.displayName, groupId) : groupId;
  }

  async getTapPolicy(): Promise<TapPolicy> {
    const { body } = await this.graph.ok(
      'GET',
      '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass',
      undefined,
      { operation: 'reading the Temporary Access Pass policy', permission: PERMISSION.policyRead },
    );
    const policy = isRecord(body) ? body : {};
    const min = num(policy.minimumLifetimeInMinutes, 60);
    return {
      enabled: policy.state === 'enabled',
      minimumLifetimeInMinutes: min,
      maximumLifetimeInMinutes: num(policy.maximumLifetimeInMinutes, 480),
      defaultLifetimeInMinutes: num(policy.defaultLifetimeInMinutes, min),
      isUsableOnce: policy.isUsableOnce === true,
    };
  }

  async listTaps(userId: string): Promise<string[]> {
    const items = await this.graph.all(
      path('users', userId, 'authentication', 'temporaryAccessPassMethods'),
      { operation: "reading the user's Temporary Access Pass", permission: PERMISSION.tapRead },
    );
    return items.map((item) => text(item.id)).filter((id) => id !== '');
  }

  async getManagedDevice(deviceId: string): Promise<ManagedDeviceInfo> {
    const { body } = await this.graph.ok(
      'GET',
      `${path('deviceManagement', 'managedDevices', deviceId)}?$select=id,deviceName,userId`,
      undefined,
      { operation: 'reading the Intune device', permission: PERMISSION.deviceRead },
    );
    const device = isRecord(body) ? body : {};
    const userId = text(device.userId);
    return {
      id: text(device.id, deviceId),
      deviceName: text(device.deviceName, deviceId),
      userId: userId === '' ? undefined : userId,
    };
  }

  async getPolicyExclusions(
    policyId: string,
  ): Promise<{ displayName: string; excludeGroupIds: string[] }> {
    const { body } = await this.graph.ok(
      'GET',
      path('identity', 'conditionalAccess', 'policies', policyId),
      undefined,
      { operation: 'reading the Conditional Access policy', permission: PERMISSION.caRead },
    );
    const policy = isRecord(body) ? body : {};
    const conditions = isRecord(policy.conditions) ? policy.conditions : {};
    const users = isRecord(conditions.users) ? conditions.users : {};
    const groups = Array.isArray(users.excludeGroups) ? users.excludeGroups : [];
    return {
      displayName: text(policy.displayName, policyId),
      excludeGroupIds: groups.filter((g): g is string => typeof g === 'string'),
    };
  }

  async listGroupMembers(groupId: string): Promise<string[]> {
    const items = await this.graph.all(
      `${path('groups', groupId, 'members')}?$select=id&$top=999`,
      {
        operation: 'listing group members',
        permission: PERMISSION.groupRead,
      },
    );
    return items.map((item) => text(item.id)).filter((id) => id !== '');
  }
}
