import { AppError } from '../../../src/errors';
import type {
  DirectoryUser,
  DirectoryWriter,
  IssuedTap,
  RemediationReader,
  ManagedDeviceInfo,
  TapPolicy,
  WriteReceipt,
} from '../../../src/remediation/ports';
import { SecretText } from '../../../src/remediation/secret';

/**
 * An in-memory tenant behind the DirectoryWriter port, with Graph's rules for the parts
 * remediation relies on: one pass per user (creating one replaces nothing by itself), "already a
 * member" and "not a member" answers, 20 members per bulk add, guests without passes. Every write
 * is recorded, so tests count Graph writes the way the sandbox's request log does.
 */

export interface FakeUser extends DirectoryUser {
  roles?: string[];
}

export interface RecordedWrite {
  operation: string;
  target: string;
  requestId: string;
}

type Operation = keyof DirectoryWriter | keyof RemediationReader;

/** One fake tenant behind both ports: the reads a fix makes and its writes. */
export class FakeDirectoryWriter implements DirectoryWriter, RemediationReader {
  readonly users = new Map<string, FakeUser>();
  readonly groups = new Map<string, { name: string; members: Set<string> }>();
  readonly taps = new Map<string, { id: string; code: string }>();
  readonly risk = new Map<string, 'none' | 'atRisk' | 'dismissed' | 'confirmedCompromised'>();
  readonly phones = new Map<string, string>();
  readonly devices = new Map<string, ManagedDeviceInfo>();
  readonly policies = new Map<string, { displayName: string; excludeGroupIds: string[] }>();
  readonly passwordChangeRequired = new Set<string>();
  readonly revoked = new Set<string>();
  readonly writes: RecordedWrite[] = [];
  tapPolicy: TapPolicy = {
    enabled: true,
    minimumLifetimeInMinutes: 60,
    maximumLifetimeInMinutes: 480,
    defaultLifetimeInMinutes: 60,
    isUsableOnce: false,
  };
  /** Milliseconds each call waits, so concurrent callers interleave. */
  latencyMs = 0;
  private readonly failures = new Map<Operation, AppError[]>();
  private counter = 0;
  private tapCounter = 0;

  addUser(user: Partial<FakeUser> & { id: string; displayName: string }): this {
    this.users.set(user.id, {
      userPrincipalName: `${user.displayName.toLowerCase().replace(/\s+/g, '.')}@example.test`,
      userType: 'Member',
      onPremisesSyncEnabled: false,
      ...user,
    });
    return this;
  }

  addGroup(id: string, name: string, members: string[] = []): this {
    this.groups.set(id, { name, members: new Set(members) });
    return this;
  }

  /** The next call(s) of `operation` fail with `error`, in order. */
  failNext(operation: Operation, error: AppError): this {
    const queue = this.failures.get(operation) ?? [];
    queue.push(error);
    this.failures.set(operation, queue);
    return this;
  }

  writesOf(operation: string): RecordedWrite[] {
    return this.writes.filter((w) => w.operation === operation);
  }

  async getUser(userId: string): Promise<DirectoryUser> {
    await this.enter('getUser');
    const user = this.users.get(userId);
    if (!user) throw notFound(`user ${userId}`);
    return {
      id: user.id,
      displayName: user.displayName,
      userPrincipalName: user.userPrincipalName,
      userType: user.userType,
      onPremisesSyncEnabled: user.onPremisesSyncEnabled,
    };
  }

  async holdsDirectoryRole(userId: string): Promise<boolean> {
    await this.enter('holdsDirectoryRole');
    return (this.users.get(userId)?.roles ?? []).length > 0;
  }

  async getGroupName(groupId: string): Promise<string> {
    await this.enter('getGroupName');
    const group = this.groups.get(groupId);
    if (!group) throw notFound(`group ${groupId}`);
    return group.name;
  }

  async getTapPolicy(): Promise<TapPolicy> {
    await this.enter('getTapPolicy');
    return { ...this.tapPolicy };
  }

  async listTaps(userId: string): Promise<string[]> {
    await this.enter('listTaps');
    const tap = this.taps.get(userId);
    return tap ? [tap.id] : [];
  }

  async deleteTap(userId: string, methodId: string): Promise<WriteReceipt> {
    await this.enter('deleteTap');
    const tap = this.taps.get(userId);
    if (!tap || tap.id !== methodId) throw notFound(`pass ${methodId}`);
    this.taps.delete(userId);
    return this.wrote('deleteTap', userId);
  }

  async createTap(
    userId: string,
    options: { lifetimeInMinutes: number; isUsableOnce: boolean },
  ): Promise<IssuedTap> {
    await this.enter('createTap');
    const user = this.users.get(userId);
    if (!user) throw notFound(`user ${userId}`);
    if (user.userType === 'Guest') throw badRequest('A pass cannot be added to a guest.');
    if (this.taps.has(userId)) throw badRequest('The user already has a pass.');
    this.tapCounter += 1;
    const code = `Tap-${this.tapCounter}-${Math.random().toString(36).slice(2, 10)}`;
    const id = `tap-${this.tapCounter}`;
    this.taps.set(userId, { id, code });
    const receipt = this.wrote('createTap', userId);
    return {
      ...receipt,
      methodId: id,
      code: new SecretText(code),
      startDateTime: new Date(Date.now()).toISOString(),
      lifetimeInMinutes: options.lifetimeInMinutes,
      isUsableOnce: options.isUsableOnce,
    };
  }

  async dismissRisk(userId: string): Promise<WriteReceipt> {
    await this.enter('dismissRisk');
    this.risk.set(userId, 'dismissed');
    return this.wrote('dismissRisk', userId);
  }

  async confirmCompromised(userId: string): Promise<WriteReceipt> {
    await this.enter('confirmCompromised');
    this.risk.set(userId, 'confirmedCompromised');
    return this.wrote('confirmCompromised', userId);
  }

  async revokeSessions(userId: string): Promise<WriteReceipt> {
    await this.enter('revokeSessions');
    this.revoked.add(userId);
    return this.wrote('revokeSessions', userId);
  }

  async requirePasswordChange(userId: string): Promise<WriteReceipt> {
    await this.enter('requirePasswordChange');
    if (this.users.get(userId)?.onPremisesSyncEnabled) {
      throw badRequest('The password of a synchronised user cannot be changed in the cloud.');
    }
    this.passwordChangeRequired.add(userId);
    return this.wrote('requirePasswordChange', userId);
  }

  async getManagedDevice(deviceId: string): Promise<ManagedDeviceInfo> {
    await this.enter('getManagedDevice');
    const device = this.devices.get(deviceId);
    if (!device) throw notFound(`device ${deviceId}`);
    return { ...device };
  }

  async syncDevice(deviceId: string): Promise<WriteReceipt> {
    await this.enter('syncDevice');
    if (!this.devices.has(deviceId)) throw notFound(`device ${deviceId}`);
    return this.wrote('syncDevice', deviceId);
  }

  async getPolicyExclusions(
    policyId: string,
  ): Promise<{ displayName: string; excludeGroupIds: string[] }> {
    await this.enter('getPolicyExclusions');
    const policy = this.policies.get(policyId);
    if (!policy) throw notFound(`policy ${policyId}`);
    return { ...policy, excludeGroupIds: [...policy.excludeGroupIds] };
  }

  async addGroupMember(
    groupId: string,
    memberId: string,
  ): Promise<WriteReceipt & { added: boolean }> {
    await this.enter('addGroupMember');
    const group = this.group(groupId);
    if (group.members.has(memberId)) return { added: false };
    group.members.add(memberId);
    return { ...this.wrote('addGroupMember', `${groupId}/${memberId}`), added: true };
  }

  async removeGroupMember(
    groupId: string,
    memberId: string,
  ): Promise<WriteReceipt & { removed: boolean }> {
    await this.enter('removeGroupMember');
    const group = this.group(groupId);
    if (!group.members.has(memberId)) return { removed: false };
    group.members.delete(memberId);
    return { ...this.wrote('removeGroupMember', `${groupId}/${memberId}`), removed: true };
  }

  async listGroupMembers(groupId: string): Promise<string[]> {
    await this.enter('listGroupMembers');
    return [...this.group(groupId).members];
  }

  async addGroupMembers(groupId: string, memberIds: readonly string[]): Promise<WriteReceipt> {
    await this.enter('addGroupMembers');
    // As the Graph writer: nothing to add is no request at all.
    if (memberIds.length === 0) return {};
    if (memberIds.length > 20) throw badRequest('At most 20 members can be added at once.');
    const group = this.group(groupId);
    if (memberIds.some((id) => group.members.has(id))) {
      throw badRequest('One or more added object references already exist.');
    }
    for (const id of memberIds) group.members.add(id);
    return this.wrote('addGroupMembers', `${groupId}+${memberIds.length}`);
  }

  async addMobilePhone(userId: string, phoneNumber: string): Promise<WriteReceipt> {
    await this.enter('addMobilePhone');
    if (this.phones.has(userId)) throw badRequest('The user already has a mobile phone method.');
    this.phones.set(userId, phoneNumber);
    return this.wrote('addMobilePhone', userId);
  }

  private group(groupId: string): { name: string; members: Set<string> } {
    const group = this.groups.get(groupId);
    if (!group) throw notFound(`group ${groupId}`);
    return group;
  }

  private async enter(operation: Operation): Promise<void> {
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    else await Promise.resolve();
    const queue = this.failures.get(operation);
    const failure = queue?.shift();
    if (failure) throw failure;
  }

  private wrote(operation: string, target: string): WriteReceipt {
    this.counter += 1;
    const requestId = `fake-request-${this.counter}`;
    this.writes.push({ operation, target, requestId });
    return { requestId };
  }
}

export function notFound(what: string): AppError {
  return new AppError('graph-not-found', `${what} not found`, {
    userMessage: 'Nothing was found in the directory for this.',
    status: 404,
    requestId: 'fake-404',
  });
}

export function badRequest(message: string): AppError {
  return new AppError('graph-failed', message, {
    userMessage: 'Microsoft Graph refused the request.',
    status: 400,
    requestId: 'fake-400',
  });
}

export function unavailable(): AppError {
  return new AppError('graph-unavailable', 'Graph answered 503', {
    userMessage: 'Microsoft Graph did not answer properly just now.',
    status: 503,
    requestId: 'fake-503',
  });
}
