import { GraphError } from '@microsoft/microsoft-graph-client';
import {
  READ_PERMISSIONS,
  SIGN_IN_CA_DETAILS_PERMISSION,
  type AuthenticationMethodRecord,
  type AuthenticatorPolicyRecord,
  type CompliancePolicyStateRecord,
  type ConditionalAccessPolicyRecord,
  type DirectoryReader,
  type DirectoryUser,
  type DomainRecord,
  type ManagedDeviceRecord,
  type RegisteredDeviceLookup,
  type RegisteredDeviceRecord,
  type RiskDetectionRecord,
  type RiskyUserRecord,
  type SignInQuery,
  type SignInRecord,
  type TapMethodRecord,
  type TapPolicyRecord,
} from '../../../src/diagnosis/ports';
import { selectNarrowed } from '../../../src/diagnosis/sign-in-query';
import { toGraphAppError } from '../../../src/graph/errors';
import { rootDomainOf } from '../../../src/sandbox/routes/domains';

/**
 * An in-memory tenant behind the DirectoryReader port, keeping the contract the Graph adapter
 * keeps: permissions are checked per read (a 403 becomes the same AppError, naming the same
 * permission), sign-ins are answered through the shared query semantics and always scoped to the
 * user, CA results vanish from sign-ins without a CA-reading permission, guests have no risk
 * record, and detections come newest first. Every call is recorded for assertions.
 */

export interface FakeManagedDevice extends ManagedDeviceRecord {
  userId: string;
  policyStates: CompliancePolicyStateRecord[];
}

export interface FakeDevice extends RegisteredDeviceRecord {
  ownerIds: string[];
}

export interface FakeDetection extends RiskDetectionRecord {
  userId: string;
}

export interface FakeTenant {
  users: DirectoryUser[];
  signIns: SignInRecord[];
  riskyUsers: RiskyUserRecord[];
  detections: FakeDetection[];
  caPolicies: ConditionalAccessPolicyRecord[];
  taps: Record<string, TapMethodRecord[]>;
  tapPolicy: TapPolicyRecord;
  methods: Record<string, AuthenticationMethodRecord[]>;
  authenticatorPolicy: AuthenticatorPolicyRecord;
  managedDevices: FakeManagedDevice[];
  devices: FakeDevice[];
  /** userId → every group the user is in, directly or not. */
  groups: Record<string, string[]>;
  domains: DomainRecord[];
}

export type ReaderCall = { op: keyof DirectoryReader; arg?: unknown };

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export class FakeDirectory implements DirectoryReader {
  readonly tenant: FakeTenant;
  readonly calls: ReaderCall[] = [];
  private readonly granted = new Set<string>([
    ...Object.values(READ_PERMISSIONS),
    SIGN_IN_CA_DETAILS_PERMISSION,
  ]);

  constructor(tenant: Partial<FakeTenant> = {}) {
    this.tenant = {
      users: [],
      signIns: [],
      riskyUsers: [],
      detections: [],
      caPolicies: [],
      taps: {},
      tapPolicy: {
        state: 'enabled',
        isUsableOnce: false,
        defaultLifetimeInMinutes: 60,
        minimumLifetimeInMinutes: 60,
        maximumLifetimeInMinutes: 480,
        includeTargets: [{ targetType: 'group', id: 'all_users' }],
        excludeTargets: [],
      },
      methods: {},
      authenticatorPolicy: {
        state: 'enabled',
        includeTargets: [{ targetType: 'group', id: 'all_users' }],
        excludeTargets: [],
        displayAppInformationRequiredState: 'enabled',
        displayLocationInformationRequiredState: 'disabled',
      },
      managedDevices: [],
      devices: [],
      groups: {},
      domains: [],
      ...tenant,
    };
  }

  /** Takes a permission away, as an admin removing a grant would. */
  revoke(permission: string): this {
    this.granted.delete(permission);
    return this;
  }

  callsTo(op: keyof DirectoryReader): ReaderCall[] {
    return this.calls.filter((c) => c.op === op);
  }

  async getUser(idOrUpn: string): Promise<DirectoryUser | undefined> {
    this.enter('getUser', idOrUpn);
    return this.tenant.users.find((u) => same(u.id, idOrUpn) || same(u.userPrincipalName, idOrUpn));
  }

  async findSignIns(query: SignInQuery): Promise<SignInRecord[]> {
    this.enter('findSignIns', query);
    const rows = selectNarrowed(this.tenant.signIns, query);
    if (this.granted.has(SIGN_IN_CA_DETAILS_PERMISSION)) return rows.map((r) => structuredClone(r));
    return rows.map((r) => {
      const copy = structuredClone(r);
      delete copy.appliedConditionalAccessPolicies;
      return copy;
    });
  }

  async getRiskyUser(userId: string): Promise<RiskyUserRecord | undefined> {
    this.enter('getRiskyUser', userId);
    if (this.isGuest(userId)) return undefined;
    return this.tenant.riskyUsers.find((r) => same(r.id, userId));
  }

  async listRiskDetections(userId: string, top: number): Promise<RiskDetectionRecord[]> {
    this.enter('listRiskDetections', userId);
    return this.tenant.detections
      .filter((d) => same(d.userId, userId))
      .sort((a, b) => Date.parse(b.activityDateTime) - Date.parse(a.activityDateTime))
      .slice(0, top)
      .map(({ userId: _userId, ...record }) => record);
  }

  async listConditionalAccessPolicies(): Promise<ConditionalAccessPolicyRecord[]> {
    this.enter('listConditionalAccessPolicies');
    return structuredClone(this.tenant.caPolicies);
  }

  async listTemporaryAccessPasses(userId: string): Promise<TapMethodRecord[]> {
    this.enter('listTemporaryAccessPasses', userId);
    return structuredClone(this.tenant.taps[userId] ?? []);
  }

  async getTemporaryAccessPassPolicy(): Promise<TapPolicyRecord> {
    this.enter('getTemporaryAccessPassPolicy');
    return structuredClone(this.tenant.tapPolicy);
  }

  async listAuthenticationMethods(userId: string): Promise<AuthenticationMethodRecord[]> {
    this.enter('listAuthenticationMethods', userId);
    return structuredClone(this.tenant.methods[userId] ?? []);
  }

  async getAuthenticatorPolicy(): Promise<AuthenticatorPolicyRecord> {
    this.enter('getAuthenticatorPolicy');
    return structuredClone(this.tenant.authenticatorPolicy);
  }

  async listManagedDevices(userId: string): Promise<ManagedDeviceRecord[]> {
    this.enter('listManagedDevices', userId);
    return this.tenant.managedDevices
      .filter((d) => same(d.userId, userId))
      .map(({ userId: _u, policyStates: _p, ...record }) => structuredClone(record));
  }

  async listCompliancePolicyStates(
    managedDeviceId: string,
  ): Promise<CompliancePolicyStateRecord[]> {
    this.enter('listCompliancePolicyStates', managedDeviceId);
    const device = this.tenant.managedDevices.find((d) => same(d.id, managedDeviceId));
    if (device === undefined) throw this.notFound('listCompliancePolicyStates', managedDeviceId);
    return structuredClone(device.policyStates);
  }

  async findRegisteredDevices(lookup: RegisteredDeviceLookup): Promise<RegisteredDeviceRecord[]> {
    this.enter('findRegisteredDevices', lookup);
    return this.tenant.devices
      .filter((d) =>
        'deviceId' in lookup
          ? same(d.deviceId, lookup.deviceId)
          : d.ownerIds.some((o) => same(o, lookup.ownerId)),
      )
      .map(({ ownerIds: _o, ...record }) => structuredClone(record));
  }

  async memberOf(userId: string, groupIds: readonly string[]): Promise<string[]> {
    this.enter('memberOf', groupIds);
    const member = new Set((this.tenant.groups[userId] ?? []).map((g) => g.toLowerCase()));
    return groupIds.filter((g) => member.has(g.toLowerCase()));
  }

  async getDomain(name: string): Promise<DomainRecord | undefined> {
    this.enter('getDomain', name);
    const found = this.tenant.domains.find((d) => same(d.id, name));
    return found === undefined ? undefined : { ...found };
  }

  async getRootDomain(name: string): Promise<DomainRecord | undefined> {
    this.enter('getRootDomain', name);
    const root = rootDomainOf(this.tenant.domains, name);
    return root === undefined ? undefined : { ...root };
  }

  private isGuest(userId: string): boolean {
    return this.tenant.users.some((u) => same(u.id, userId) && u.userType === 'Guest');
  }

  private enter(op: keyof DirectoryReader, arg?: unknown): void {
    this.calls.push({ op, arg });
    const permission = READ_PERMISSIONS[op];
    if (!this.granted.has(permission)) {
      throw toGraphAppError(new GraphError(403, 'Insufficient privileges'), {
        operation: op,
        permission,
      });
    }
  }

  private notFound(op: keyof DirectoryReader, id: string): Error {
    return toGraphAppError(new GraphError(404, `Resource '${id}' was not found.`), {
      operation: op,
      permission: READ_PERMISSIONS[op],
    });
  }
}
