import { GraphError, ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import type {
  DirectoryUser,
  DirectoryWriter,
  IssuedTap,
  ManagedDeviceInfo,
  TapPolicy,
  WriteReceipt,
} from '../remediation/ports';
import { SecretText } from '../remediation/secret';
import { relativeNextLink } from './client';
import { toGraphAppError, type GraphCallContext } from './errors';

/**
 * The DirectoryWriter on Microsoft Graph. Each method is one documented Graph call (or a paged
 * read); the rules that combine them (one pass per user, batches of 20, what to refuse) live in
 * src/remediation. Responses are read raw so every write can report Graph's `request-id` for the
 * audit, and so "already a member" / "not a member" can be told apart from real failures.
 *
 * The Temporary Access Pass in a create response is wrapped in SecretText at once; this class
 * never logs, so nothing here can print it.
 */

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

interface RawResult {
  status: number;
  body: unknown;
  requestId?: string;
}

const PHONE_TYPE_MOBILE = 'mobile';
const MAX_BIND = 20;

/** The least-privileged application permission per operation, named in a 403 message. */
const PERMISSION = {
  userRead: 'User.Read.All',
  groupRead: 'GroupMember.Read.All',
  policyRead: 'Policy.Read.AuthenticationMethod (or Policy.Read.All)',
  tapRead: 'UserAuthMethod-TAP.Read.All',
  tapWrite: 'UserAuthMethod-TAP.ReadWrite.All',
  riskWrite: 'IdentityRiskyUser.ReadWrite.All',
  revoke: 'User.RevokeSessions.All (or User.ReadWrite.All)',
  passwordProfile: 'User-PasswordProfile.ReadWrite.All (or User.ReadWrite.All)',
  deviceRead: 'DeviceManagementManagedDevices.Read.All',
  deviceSync: 'DeviceManagementManagedDevices.PrivilegedOperations.All',
  caRead: 'Policy.Read.ConditionalAccess (or Policy.Read.All)',
  memberWrite: 'GroupMember.ReadWrite.All',
  phoneWrite: 'UserAuthMethod-Phone.ReadWrite.All',
} as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function path(...segments: string[]): string {
  return `/${segments.map((s) => encodeURIComponent(s)).join('/')}`;
}

export class GraphDirectoryWriter implements DirectoryWriter {
  constructor(
    private readonly graph: Client,
    private readonly graphBaseUrl = 'https://graph.microsoft.com',
  ) {}

  async getUser(userId: string): Promise<DirectoryUser> {
    const { body } = await this.ok(
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
    const { body } = await this.ok(
      'GET',
      `${path('users', userId, 'transitiveMemberOf', 'microsoft.graph.directoryRole')}?$select=id&$top=1`,
      undefined,
      { operation: "checking the user's administrator roles", permission: PERMISSION.userRead },
    );
    return isRecord(body) && Array.isArray(body.value) && body.value.length > 0;
  }

  async getGroupName(groupId: string): Promise<string> {
    const { body } = await this.ok(
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
    const { body } = await this.ok(
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
    const items = await this.all(
      path('users', userId, 'authentication', 'temporaryAccessPassMethods'),
      { operation: "reading the user's Temporary Access Pass", permission: PERMISSION.tapRead },
    );
    return items.map((item) => text(item.id)).filter((id) => id !== '');
  }

  async deleteTap(userId: string, methodId: string): Promise<WriteReceipt> {
    const { requestId } = await this.ok(
      'DELETE',
      path('users', userId, 'authentication', 'temporaryAccessPassMethods', methodId),
      undefined,
      { operation: 'removing the previous Temporary Access Pass', permission: PERMISSION.tapWrite },
    );
    return { requestId };
  }

  async createTap(
    userId: string,
    options: { lifetimeInMinutes: number; isUsableOnce: boolean },
  ): Promise<IssuedTap> {
    const { body, requestId } = await this.ok(
      'POST',
      path('users', userId, 'authentication', 'temporaryAccessPassMethods'),
      { lifetimeInMinutes: options.lifetimeInMinutes, isUsableOnce: options.isUsableOnce },
      { operation: 'issuing a Temporary Access Pass', permission: PERMISSION.tapWrite },
    );
    const method = isRecord(body) ? body : {};
    const code = text(method.temporaryAccessPass);
    if (code === '') {
      throw toGraphAppError(new GraphError(502, 'the create response held no pass'), {
        operation: 'issuing a Temporary Access Pass',
      });
    }
    return {
      requestId,
      methodId: text(method.id),
      code: new SecretText(code),
      startDateTime: text(method.startDateTime, new Date().toISOString()),
      lifetimeInMinutes: num(method.lifetimeInMinutes, options.lifetimeInMinutes),
      isUsableOnce: method.isUsableOnce === true,
    };
  }

  async dismissRisk(userId: string): Promise<WriteReceipt> {
    return this.write(
      'POST',
      '/identityProtection/riskyUsers/dismiss',
      { userIds: [userId] },
      {
        operation: 'dismissing user risk',
        permission: PERMISSION.riskWrite,
      },
    );
  }

  async confirmCompromised(userId: string): Promise<WriteReceipt> {
    return this.write(
      'POST',
      '/identityProtection/riskyUsers/confirmCompromised',
      { userIds: [userId] },
      { operation: 'confirming the user compromised', permission: PERMISSION.riskWrite },
    );
  }

  async revokeSessions(userId: string): Promise<WriteReceipt> {
    return this.write('POST', path('users', userId, 'revokeSignInSessions'), undefined, {
      operation: 'revoking sign-in sessions',
      permission: PERMISSION.revoke,
    });
  }

  async requirePasswordChange(userId: string): Promise<WriteReceipt> {
    return this.write(
      'PATCH',
      path('users', userId),
      { passwordProfile: { forceChangePasswordNextSignIn: true } },
      { operation: 'requiring a password change', permission: PERMISSION.passwordProfile },
    );
  }

  async getManagedDevice(deviceId: string): Promise<ManagedDeviceInfo> {
    const { body } = await this.ok(
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

  async syncDevice(deviceId: string): Promise<WriteReceipt> {
    return this.write(
      'POST',
      path('deviceManagement', 'managedDevices', deviceId, 'syncDevice'),
      undefined,
      { operation: 'asking the device to sync', permission: PERMISSION.deviceSync },
    );
  }

  async getPolicyExclusions(
    policyId: string,
  ): Promise<{ displayName: string; excludeGroupIds: string[] }> {
    const { body } = await this.ok(
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

  async addGroupMember(
    groupId: string,
    memberId: string,
  ): Promise<WriteReceipt & { added: boolean }> {
    const context = { operation: 'adding a group member', permission: PERMISSION.memberWrite };
    const result = await this.send('POST', `${path('groups', groupId, 'members')}/$ref`, {
      '@odata.id': this.objectRef(memberId),
    });
    if (result.status === 400 && /already exist/i.test(errorMessage(result.body))) {
      return { requestId: result.requestId, added: false };
    }
    this.check(result, context);
    return { requestId: result.requestId, added: true };
  }

  async removeGroupMember(
    groupId: string,
    memberId: string,
  ): Promise<WriteReceipt & { removed: boolean }> {
    const context = { operation: 'removing a group member', permission: PERMISSION.memberWrite };
    const result = await this.send(
      'DELETE',
      `${path('groups', groupId, 'members', memberId)}/$ref`,
      undefined,
    );
    if (result.status === 404) return { requestId: result.requestId, removed: false };
    this.check(result, context);
    return { requestId: result.requestId, removed: true };
  }

  async listGroupMembers(groupId: string): Promise<string[]> {
    const items = await this.all(`${path('groups', groupId, 'members')}?$select=id&$top=999`, {
      operation: 'listing group members',
      permission: PERMISSION.groupRead,
    });
    return items.map((item) => text(item.id)).filter((id) => id !== '');
  }

  async addGroupMembers(groupId: string, memberIds: readonly string[]): Promise<WriteReceipt> {
    if (memberIds.length === 0) return {};
    if (memberIds.length > MAX_BIND) {
      throw new RangeError(`at most ${MAX_BIND} members per request, got ${memberIds.length}`);
    }
    return this.write(
      'PATCH',
      path('groups', groupId),
      { 'members@odata.bind': memberIds.map((id) => this.objectRef(id)) },
      { operation: 'adding group members', permission: PERMISSION.memberWrite },
    );
  }

  async addMobilePhone(userId: string, phoneNumber: string): Promise<WriteReceipt> {
    return this.write(
      'POST',
      path('users', userId, 'authentication', 'phoneMethods'),
      { phoneNumber, phoneType: PHONE_TYPE_MOBILE },
      { operation: 'adding the mobile phone method', permission: PERMISSION.phoneWrite },
    );
  }

  // ---- plumbing ----------------------------------------------------------------------------

  private objectRef(id: string): string {
    return `${this.graphBaseUrl.replace(/\/+$/, '')}/v1.0/directoryObjects/${encodeURIComponent(id)}`;
  }

  private async write(
    method: Method,
    url: string,
    body: unknown,
    context: GraphCallContext,
  ): Promise<WriteReceipt> {
    const { requestId } = await this.ok(method, url, body, context);
    return { requestId };
  }

  private async ok(
    method: Method,
    url: string,
    body: unknown,
    context: GraphCallContext,
  ): Promise<RawResult> {
    const result = await this.send(method, url, body);
    this.check(result, context);
    return result;
  }

  /** Every page of a collection, following @odata.nextLink. */
  private async all(
    firstUrl: string,
    context: GraphCallContext,
  ): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let url: string | undefined = firstUrl;
    let version = 'v1.0';
    for (let page = 0; url !== undefined && page < 100; page += 1) {
      const result = await this.send('GET', url, undefined, version);
      this.check(result, context);
      const body = isRecord(result.body) ? result.body : {};
      if (Array.isArray(body.value)) items.push(...body.value.filter(isRecord));
      const next = body['@odata.nextLink'];
      if (typeof next === 'string') {
        const link = relativeNextLink(next);
        url = link.path;
        version = link.version;
      } else {
        url = undefined;
      }
    }
    return items;
  }

  private check(result: RawResult, context: GraphCallContext): void {
    if (result.status >= 200 && result.status < 300) return;
    const error = new GraphError(result.status, errorMessage(result.body));
    const inner = isRecord(result.body) && isRecord(result.body.error) ? result.body.error : {};
    error.code = typeof inner.code === 'string' ? inner.code : null;
    error.requestId = result.requestId ?? null;
    error.body = result.body;
    throw toGraphAppError(error, context);
  }

  private async send(
    method: Method,
    url: string,
    body: unknown,
    version = 'v1.0',
  ): Promise<RawResult> {
    let response: Response;
    try {
      const request = this.graph.api(url).version(version).responseType(ResponseType.RAW);
      response = (await (method === 'GET'
        ? request.get()
        : method === 'POST'
          ? request.post(body ?? {})
          : method === 'PATCH'
            ? request.patch(body)
            : request.delete())) as Response;
    } catch (error) {
      throw toGraphAppError(error, { operation: `calling ${method} ${url.split('?')[0]}` });
    }
    const requestId =
      response.headers.get('request-id') ?? response.headers.get('client-request-id') ?? undefined;
    const textBody = await response.text();
    let parsed: unknown;
    try {
      parsed = textBody === '' ? undefined : (JSON.parse(textBody) as unknown);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, body: parsed, requestId };
  }
}

function errorMessage(body: unknown): string {
  if (isRecord(body) && isRecord(body.error) && typeof body.error.message === 'string') {
    return body.error.message;
  }
  return 'Graph request failed';
}
