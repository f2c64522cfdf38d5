import type { Client } from '@microsoft/microsoft-graph-client';
import {
  type AuthenticationMethodKind,
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
} from '../diagnosis/ports';
import { systemClock } from '../ports';
import { BatchedReads, type BatchedReadsOptions } from './batched-reads';
import { TenantRateLimits } from './rate-limiter';
import { SignInQueue } from './sign-in-queue';
import { GraphTransport } from './transport';
import * as read from './wire';
import {
  CA_SELECT,
  DETECTIONS_READ,
  DETECTION_SELECT,
  DEVICE_SELECT,
  DOMAIN_SELECT,
  GROUPS_PER_CHECK,
  MANAGED_DEVICE_SELECT,
  PREFER_ALL_ENUMS,
  RISKY_USER_SELECT,
  SIGN_IN_SELECT,
  USER_SELECT,
  query,
} from './reader-queries';

/**
 * DirectoryReader over Microsoft Graph v1.0, read-only.
 *
 * - Every read asks only for the properties diagnosis shows (`$select`), and sign-in and risk
 *   reads send `Prefer: include-unknown-enum-members` so report-only CA results and newer risk
 *   details are not masked as `unknownFutureValue`.
 * - Reads started together travel in one `$batch` (BatchedReads), paced per tenant by the
 *   documented limits (the transport's TenantRateLimits); sign-in look-ups queue and merge
 *   under their own limit (SignInQueue). Both sign-in and risk reads wait for turns shared fairly
 *   between the people they are about (PacedFairLine), not first come, first served.
 * - Identical reads in flight are sent once; CA policies and authentication method policies,
 *   which change rarely, are kept for `policyTtlMs`.
 * - Failures become AppError through toGraphAppError with the least-privileged permission of the
 *   read, so a 403 names what an admin must grant.
 */

export interface GraphDirectoryReaderOptions extends BatchedReadsOptions {
  /** Shared by every Graph adapter of the same tenant; a given transport brings its own. */
  limits?: TenantRateLimits;
}

const seg = encodeURIComponent;

export class GraphDirectoryReader implements DirectoryReader {
  private readonly calls: BatchedReads;
  private readonly signIns: SignInQueue;

  /** `client`: the Graph client, or the transport the other directory adapters share. */
  constructor(client: Client | GraphTransport, options: GraphDirectoryReaderOptions = {}) {
    const clock = options.clock ?? systemClock;
    const graph =
      client instanceof GraphTransport
        ? client
        : new GraphTransport(client, undefined, options.limits ?? new TenantRateLimits({ clock }));
    this.calls = new BatchedReads(graph, { ...options, clock });
    // One limiter per tenant: the transport's, shared with every other adapter that uses it.
    this.signIns = new SignInQueue(
      (filter, top) => this.fetchSignIns(filter, top),
      graph.limits.bucket('sign-in-reports'),
    );
  }

  /**
   * Loads the policies every diagnosis may need (CA, TAP, Authenticator) into the cache, so the
   * first pastes after start-up do not spend Identity Protection's one-a-second budget on them.
   * Failures are left for the reads that need the data to report.
   */
  async warmUp(): Promise<void> {
    await Promise.allSettled([
      this.listConditionalAccessPolicies(),
      this.getTemporaryAccessPassPolicy(),
      this.getAuthenticatorPolicy(),
    ]);
  }

  async getUser(idOrUpn: string): Promise<DirectoryUser | undefined> {
    const response = await this.calls.get(
      'getUser',
      `/users/${seg(idOrUpn)}${query({ $select: USER_SELECT.join(',') })}`,
    );
    if (response.status === 404) return undefined;
    return read.user(this.calls.body('getUser', response));
  }

  /** Domain password policies change rarely: kept like the other policies. */
  getDomain(name: string): Promise<DomainRecord | undefined> {
    return this.calls.cached(`domain:${name.toLowerCase()}`, async () => {
      const response = await this.calls.get(
        'getDomain',
        `/domains/${seg(name)}${query({ $select: DOMAIN_SELECT.join(',') })}`,
      );
      if (response.status === 404) return undefined;
      return read.domain(this.calls.body('getDomain', response));
    });
  }

  /** A subdomain's root, through its `rootDomain` navigation (GET /domains/{id}/rootDomain). */
  getRootDomain(name: string): Promise<DomainRecord | undefined> {
    return this.calls.cached(`rootDomain:${name.toLowerCase()}`, async () => {
      const response = await this.calls.get(
        'getRootDomain',
        `/domains/${seg(name)}/rootDomain${query({ $select: DOMAIN_SELECT.join(',') })}`,
      );
      if (response.status === 404) return undefined;
      return read.domain(this.calls.body('getRootDomain', response));
    });
  }

  findSignIns(q: SignInQuery): Promise<SignInRecord[]> {
    return this.signIns.find(q);
  }

  async getRiskyUser(userId: string): Promise<RiskyUserRecord | undefined> {
    const response = await this.calls.get(
      'getRiskyUser',
      `/identityProtection/riskyUsers/${seg(userId)}${query({ $select: RISKY_USER_SELECT.join(',') })}`,
      PREFER_ALL_ENUMS,
      userId,
    );
    if (response.status === 404) return undefined;
    return read.riskyUser(this.calls.body('getRiskyUser', response));
  }

  async listRiskDetections(userId: string, top: number): Promise<RiskDetectionRecord[]> {
    const filter = `userId eq '${userId.replace(/'/g, "''")}'`;
    const items = await this.calls.list(
      'listRiskDetections',
      `/identityProtection/riskDetections${query({ $filter: filter, $top: DETECTIONS_READ, $select: DETECTION_SELECT.join(',') })}`,
      { headers: PREFER_ALL_ENUMS, pages: 1, person: userId },
    );
    return items
      .map(read.riskDetection)
      .sort((a, b) => Date.parse(b.activityDateTime) - Date.parse(a.activityDateTime))
      .slice(0, top);
  }

  listConditionalAccessPolicies(): Promise<ConditionalAccessPolicyRecord[]> {
    return this.calls.cached('ca-policies', async () => {
      const items = await this.calls.list(
        'listConditionalAccessPolicies',
        `/identity/conditionalAccess/policies${query({ $select: CA_SELECT.join(',') })}`,
      );
      return items.map(read.caPolicy);
    });
  }

  async listTemporaryAccessPasses(userId: string): Promise<TapMethodRecord[]> {
    const items = await this.calls.list(
      'listTemporaryAccessPasses',
      `/users/${seg(userId)}/authentication/temporaryAccessPassMethods`,
    );
    return items.map(read.tapMethod);
  }

  getTemporaryAccessPassPolicy(): Promise<TapPolicyRecord> {
    return this.calls.cached('tap-policy', async () =>
      read.tapPolicy(
        this.calls.body(
          'getTemporaryAccessPassPolicy',
          await this.calls.get(
            'getTemporaryAccessPassPolicy',
            '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass',
          ),
        ),
      ),
    );
  }

  async listAuthenticationMethods(userId: string): Promise<AuthenticationMethodRecord[]> {
    const items = await this.calls.list(
      'listAuthenticationMethods',
      `/users/${seg(userId)}/authentication/methods`,
    );
    return items
      .map(read.authenticationMethod)
      .filter(
        (m): m is AuthenticationMethodRecord & { kind: AuthenticationMethodKind } =>
          m !== undefined,
      );
  }

  getAuthenticatorPolicy(): Promise<AuthenticatorPolicyRecord> {
    return this.calls.cached('authenticator-policy', async () =>
      read.authenticatorPolicy(
        this.calls.body(
          'getAuthenticatorPolicy',
          await this.calls.get(
            'getAuthenticatorPolicy',
            '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/MicrosoftAuthenticator',
          ),
        ),
      ),
    );
  }

  async listManagedDevices(userId: string): Promise<ManagedDeviceRecord[]> {
    const items = await this.calls.list(
      'listManagedDevices',
      `/users/${seg(userId)}/managedDevices${query({ $select: MANAGED_DEVICE_SELECT.join(',') })}`,
    );
    return items.map(read.managedDevice);
  }

  async listCompliancePolicyStates(
    managedDeviceId: string,
  ): Promise<CompliancePolicyStateRecord[]> {
    const items = await this.calls.list(
      'listCompliancePolicyStates',
      `/deviceManagement/managedDevices/${seg(managedDeviceId)}/deviceCompliancePolicyStates`,
    );
    return items.map(read.compliancePolicyState);
  }

  async findRegisteredDevices(lookup: RegisteredDeviceLookup): Promise<RegisteredDeviceRecord[]> {
    const select = query({ $select: DEVICE_SELECT.join(',') });
    if ('deviceId' in lookup) {
      const filter = `deviceId eq '${lookup.deviceId.replace(/'/g, "''")}'`;
      const items = await this.calls.list(
        'findRegisteredDevices',
        `/devices${query({ $filter: filter, $select: DEVICE_SELECT.join(',') })}`,
      );
      return items.map(read.device);
    }
    // Owners are set on joined and registered devices; registered users cover the rest.
    const [owned, registered] = await Promise.all([
      this.calls.list(
        'findRegisteredDevices',
        `/users/${seg(lookup.ownerId)}/ownedDevices${select}`,
      ),
      this.calls.list(
        'findRegisteredDevices',
        `/users/${seg(lookup.ownerId)}/registeredDevices${select}`,
      ),
    ]);
    const byId = new Map<string, RegisteredDeviceRecord>();
    for (const item of [...owned, ...registered]) {
      const type = (item as { '@odata.type'?: string })['@odata.type'];
      if (type !== undefined && type !== '#microsoft.graph.device') continue;
      const device = read.device(item);
      byId.set(device.id, device);
    }
    return [...byId.values()];
  }

  async memberOf(userId: string, groupIds: readonly string[]): Promise<string[]> {
    const wanted = [...new Set(groupIds)];
    const chunks: string[][] = [];
    for (let i = 0; i < wanted.length; i += GROUPS_PER_CHECK) {
      chunks.push(wanted.slice(i, i + GROUPS_PER_CHECK));
    }
    const answers = await Promise.all(
      chunks.map(async (chunk) => {
        const response = await this.calls.send('memberOf', {
          method: 'POST',
          url: `/users/${seg(userId)}/checkMemberGroups`,
          body: { groupIds: chunk },
        });
        return read.stringList(this.calls.body('memberOf', response));
      }),
    );
    return answers.flat();
  }

  /** One page of sign-ins for the queue; the queue has already taken the limiter token. */
  private async fetchSignIns(filter: string, top: number): Promise<SignInRecord[]> {
    const url = `/auditLogs/signIns${query({ $filter: filter, $top: top, $select: SIGN_IN_SELECT.join(',') })}`;
    const response = await this.calls.send(
      'findSignIns',
      { method: 'GET', url, headers: PREFER_ALL_ENUMS },
      { tokenTaken: true },
    );
    return read.values(this.calls.body('findSignIns', response)).map(read.signIn);
  }
}
