import { GraphError } from '@microsoft/microsoft-graph-client';
import type { DirectoryWriter, IssuedTap, WriteReceipt } from '../remediation/ports';
import { SecretText } from '../remediation/secret';
import { toGraphAppError } from './errors';
import { PERMISSION } from './remediation-permissions';
import { errorMessage, isRecord, num, path, text, type GraphTransport } from './transport';

/**
 * The DirectoryWriter on Microsoft Graph: writes only (the reads a fix needs are
 * GraphRemediationReader). Each method is one documented Graph call; the rules that combine them
 * (one pass per user, batches of 20, what to refuse) live in src/remediation. Calls go through
 * the GraphTransport so every write reports Graph's `request-id` for the audit, and so "already
 * a member" / "not a member" can be told apart from real failures.
 *
 * The Temporary Access Pass in a create response is wrapped in SecretText at once; this class
 * never logs, so nothing here can print it.
 */

const PHONE_TYPE_MOBILE = 'mobile';
const MAX_BIND = 20;

export class GraphDirectoryWriter implements DirectoryWriter {
  constructor(private readonly graph: GraphTransport) {}

  async deleteTap(userId: string, methodId: string): Promise<WriteReceipt> {
    const { requestId } = await this.graph.ok(
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
    const { body, requestId } = await this.graph.ok(
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
    return this.graph.write(
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
    return this.graph.write(
      'POST',
      '/identityProtection/riskyUsers/confirmCompromised',
      { userIds: [userId] },
      { operation: 'confirming the user compromised', permission: PERMISSION.riskWrite },
    );
  }

  async revokeSessions(userId: string): Promise<WriteReceipt> {
    return this.graph.write('POST', path('users', userId, 'revokeSignInSessions'), undefined, {
      operation: 'revoking sign-in sessions',
      permission: PERMISSION.revoke,
    });
  }

  async requirePasswordChange(userId: string): Promise<WriteReceipt> {
    return this.graph.write(
      'PATCH',
      path('users', userId),
      { passwordProfile: { forceChangePasswordNextSignIn: true } },
      { operation: 'requiring a password change', permission: PERMISSION.passwordProfile },
    );
  }

  async syncDevice(deviceId: string): Promise<WriteReceipt> {
    return this.graph.write(
      'POST',
      path('deviceManagement', 'managedDevices', deviceId, 'syncDevice'),
      undefined,
      { operation: 'asking the device to sync', permission: PERMISSION.deviceSync },
    );
  }

  async addGroupMember(
    groupId: string,
    memberId: string,
  ): Promise<WriteReceipt & { added: boolean }> {
    const context = { operation: 'adding a group member', permission: PERMISSION.memberWrite };
    const result = await this.graph.send('POST', `${path('groups', groupId, 'members')}/$ref`, {
      '@odata.id': this.graph.objectRef(memberId),
    });
    if (result.status === 400 && /already exist/i.test(errorMessage(result.body))) {
      return { requestId: result.requestId, added: false };
    }
    this.graph.check(result, context);
    return { requestId: result.requestId, added: true };
  }

  async removeGroupMember(
    groupId: string,
    memberId: string,
  ): Promise<WriteReceipt & { removed: boolean }> {
    const context = { operation: 'removing a group member', permission: PERMISSION.memberWrite };
    const result = await this.graph.send(
      'DELETE',
      `${path('groups', groupId, 'members', memberId)}/$ref`,
      undefined,
    );
    if (result.status === 404) return { requestId: result.requestId, removed: false };
    this.graph.check(result, context);
    return { requestId: result.requestId, removed: true };
  }

  async addGroupMembers(groupId: string, memberIds: readonly string[]): Promise<WriteReceipt> {
    if (memberIds.length === 0) return {};
    if (memberIds.length > MAX_BIND) {
      throw new RangeError(`at most ${MAX_BIND} members per request, got ${memberIds.length}`);
    }
    return this.graph.write(
      'PATCH',
      path('groups', groupId),
      { 'members@odata.bind': memberIds.map((id) => this.graph.objectRef(id)) },
      { operation: 'adding group members', permission: PERMISSION.memberWrite },
    );
  }

  async addMobilePhone(userId: string, phoneNumber: string): Promise<WriteReceipt> {
    return this.graph.write(
      'POST',
      path('users', userId, 'authentication', 'phoneMethods'),
      { phoneNumber, phoneType: PHONE_TYPE_MOBILE },
      { operation: 'adding the mobile phone method', permission: PERMISSION.phoneWrite },
    );
  }
}
