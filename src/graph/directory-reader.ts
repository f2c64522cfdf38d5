import type { Client } from '@microsoft/microsoft-graph-client';
import {
  READ_PERMISSIONS,
  type AuthenticationMethodKind,
  type AuthenticationMethodRecord,
  type AuthenticatorPolicyRecord,
  type CompliancePolicyStateRecord,
  type ConditionalAccessPolicyRecord,
  type DirectoryReader,
  type DirectoryUser,
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
import type { Clock } from '../ports';
import { systemClock } from '../ports';
import { GraphBatcher, itemError, type BatchRequest, type BatchResponse } from './batch';
import { relativeNextLink } from './client';
import { toGraphAppError } from './errors';
import { TenantRateLimits } from './rate-limiter';
import { SignInQueue } from './sign-in-queue';
import { GraphTransport } from './transport';
import { TtlCache } from './ttl-cache';
import * as read from './directory-wire';
import {
  CA_SELECT,
  DETECTIONS_READ,
  DETECTION_SELECT,
  DEVICE_SELECT,
  GROUPS_PER_CHECK,
  MANAGED_DEVICE_SELECT,
  OPERATIONS,
  PREFER_ALL_ENUMS,
  RISKY_USER_SELECT,
  SIGN_IN_SELECT,
  USER_SELECT,
  query,
  type Operation,
} from './reader-queries';

/**
 * DirectoryReader over Microsoft Graph v1.0, read-only.
 *
 * - Every read asks only for the properties diagnosis shows (`$select`), and sign-in and risk
 *   reads send `Prefer: include-unknown-enum-members` so report-only CA results and newer risk
 *   details are not masked as `unknownFutureValue`.
 * - Reads started together travel in one `$batch` (GraphBatcher), paced per tenant by the
 *   documented limits (TenantRateLimits); sign-in look-ups queue and merge under their own
 *   limit (SignInQueue).
 * - Identical reads in flight are sent once; CA policies and authentication method policies,
 *   which change rarely, are kept for `policyTtlMs`.
 * - Failures become AppError through toGraphAppError with the least-privileged permission of the
 *   read, so a 403 names what an admin must grant.
 */

export interface GraphDirectoryReaderOptions {
  /** Shared by every Graph adapter of the same tenant; a given transport brings its own. */
  limits?: TenantRateLimits;
  clock?: Clock;
  /** How long CA and authentication-method policies are reused. */
  policyTtlMs?: number;
  /** Pages followed at most for one list. */
  maxPages?: number;
}

const seg = encodeURIComponent;

export class GraphDirectoryReader implements DirectoryReader {
  private readonly batcher: GraphBatcher;
  private readonly signIns: SignInQueue;
  private readonly inFlight: TtlCache<BatchResponse>;
  private readonly policies: TtlCache<unknown>;
  private readonly maxPages: number;

  /** `client`: the Graph client, or the transport the other directory adapters share. */
  constructor(client: Client | GraphTransport, options: GraphDirectoryReaderOptions = {}) {
    const clock = options.clock ?? systemClock;
    const graph =
      client instanceof GraphTransport
        ? client
        : new GraphTransport(client, undefined, options.limits ?? new TenantRateLimits({ clock }));
    // One limiter per tenant: the transport's, shared with every other adapter that uses it.
    const limits = graph.limits;
    this.batcher = new GraphBatcher(graph, { limits });
    this.signIns = new SignInQueue(
      (filter, top) => this.fetchSignIns(filter, top),
      limits.bucket('sign-in-reports'),
    );
    // TTL 0: only reads still in flight are shared.
    this.inFlight = new TtlCache<BatchResponse>(0, clock);
    this.policies = new TtlCache<unknown>(options.policyTtlMs ?? 5 * 60_000, clock);
    this.maxPages = options.maxPages ?? 5;
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
    const response = await this.get(
      'getUser',
      `/users/${seg(idOrUpn)}${query({ $select: USER_SELECT.join(',') })}`,
    );
    if (response.status === 404) return undefined;
    return read.user(this.body('getUser', response));
  }

  findSignIns(q: SignInQuery): Promise<SignInRecord[]> {
    return this.signIns.find(q);
  }

  async getRiskyUser(userId: string): Promise<RiskyUserRecord | undefined> {
    const response = await this.get(
      'getRiskyUser',
      `/identityProtection/riskyUsers/${seg(userId)}${query({ $select: RISKY_USER_SELECT.join(',') })}`,
      PREFER_ALL_ENUMS,
    );
    if (response.status === 404) return undefined;
    return read.riskyUser(this.body('getRiskyUser', response));
  }

  async listRiskDetections(userId: string, top: number): Promise<RiskDetectionRecord[]> {
    const filter = `userId eq '${userId.replace(/'/g, "''")}'`;
    const items = await this.list(
      'listRiskDetections',
      `/identityProtection/riskDetections${query({ $filter: filter, $top: DETECTIONS_READ, $select: DETECTION_SELECT.join(',') })}`,
      PREFER_ALL_ENUMS,
      1,
    );
    return items
      .map(read.riskDetection)
      .sort((a, b) => Date.parse(b.activityDateTime) - Date.parse(a.activityDateTime))
      .slice(0, top);
  }

  listConditionalAccessPolicies(): Promise<ConditionalAccessPolicyRecord[]> {
    return this.cached('ca-policies', async () => {
      const items = await this.list(
        'listConditionalAccessPolicies',
        `/identity/conditionalAccess/policies${query({ $select: CA_SELECT.join(',') })}`,
      );
      return items.map(read.caPolicy);
    });
  }

  async listTemporaryAccessPasses(userId: string): Promise<TapMethodRecord[]> {
    const items = await this.list(
      'listTemporaryAccessPasses',
      `/users/${seg(userId)}/authentication/temporaryAccessPassMethods`,
    );
    return items.map(read.tapMethod);
  }

  getTemporaryAccessPassPolicy(): Promise<TapPolicyRecord> {
    return this.cached('tap-policy', async () =>
      read.tapPolicy(
        this.body(
          'getTemporaryAccessPassPolicy',
          await this.get(
            'getTemporaryAccessPassPolicy',
            '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass',
          ),
        ),
      ),
    );
  }

  async listAuthenticationMethods(userId: string): Promise<AuthenticationMethodRecord[]> {
    const items = await this.list(
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
    return this.cached('authenticator-policy', async () =>
      read.authenticatorPolicy(
        this.body(
          'getAuthenticatorPolicy',
          await this.get(
            'getAuthenticatorPolicy',
            '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/MicrosoftAuthenticator',
          ),
        ),
      ),
    );
  }

  async listManagedDevices(userId: string): Promise<ManagedDeviceRecord[]> {
    const items = await this.list(
      'listManagedDevices',
      `/users/${seg(userId)}/managedDevices${query({ $select: MANAGED_DEVICE_SELECT.join(',') })}`,
    );
    return items.map(read.managedDevice);
  }

  async listCompliancePolicyStates(
    managedDeviceId: string,
  ): Promise<CompliancePolicyStateRecord[]> {
    const items = await this.list(
      'listCompliancePolicyStates',
      `/deviceManagement/managedDevices/${seg(managedDeviceId)}/deviceCompliancePolicyStates`,
    );
    return items.map(read.compliancePolicyState);
  }

  async findRegisteredDevices(lookup: RegisteredDeviceLookup): Promise<RegisteredDeviceRecord[]> {
    const select = query({ $select: DEVICE_SELECT.join(',') });
    if ('deviceId' in lookup) {
      const filter = `deviceId eq '${lookup.deviceId.replace(/'/g, "''")}'`;
      const items = await this.list(
        'findRegisteredDevices',
        `/devices${query({ $filter: filter, $select: DEVICE_SELECT.join(',') })}`,
      );
      return items.map(read.device);
    }
    // Owners are set on joined and registered devices; registered users cover the rest.
    const [owned, registered] = await Promise.all([
      this.list('findRegisteredDevices', `/users/${seg(lookup.ownerId)}/ownedDevices${select}`),
      this.list(
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
        const response = await this.send('memberOf', {
          method: 'POST',
          url: `/users/${seg(userId)}/checkMemberGroups`,
          body: { groupIds: chunk },
        });
        return read.stringList(this.body('memberOf', response));
      }),
    );
    return answers.flat();
  }

  /** One page of sign-ins for the queue; the queue has already taken the limiter token. */
  private async fetchSignIns(filter: string, top: number): Promise<SignInRecord[]> {
    const url = `/auditLogs/signIns${query({ $filter: filter, $top: top, $select: SIGN_IN_SELECT.join(',') })}`;
    const response = await this.send(
      'findSignIns',
      { method: 'GET', url, headers: PREFER_ALL_ENUMS },
      true,
    );
    return read.values(this.body('findSignIns', response)).map(read.signIn);
  }

  private cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    return this.policies.get(key, load) as Promise<T>;
  }

  /** A GET shared with any identical GET still in flight. */
  private get(
    op: Operation,
    url: string,
    headers?: Record<string, string>,
  ): Promise<BatchResponse> {
    return this.inFlight.get(`${url}|${headers?.Prefer ?? ''}`, () =>
      this.send(op, { method: 'GET', url, headers }),
    );
  }

  private async send(
    op: Operation,
    request: BatchRequest,
    tokenTaken = false,
  ): Promise<BatchResponse> {
    try {
      return await this.batcher.send(request, { tokenTaken });
    } catch (error) {
      throw toGraphAppError(error, { operation: OPERATIONS[op], permission: READ_PERMISSIONS[op] });
    }
  }

  /** The body of a successful response; anything else becomes the AppError for this read. */
  private body(op: Operation, response: BatchResponse): unknown {
    if (response.status >= 200 && response.status < 300) return response.body;
    throw toGraphAppError(itemError(response), {
      operation: OPERATIONS[op],
      permission: READ_PERMISSIONS[op],
    });
  }

  /** Every item of a collection, following nextLink up to `pages` pages. */
  private async list(
    op: Operation,
    url: string,
    headers?: Record<string, string>,
    pages = this.maxPages,
  ): Promise<unknown[]> {
    const items: unknown[] = [];
    let next: string | undefined = url;
    for (let page = 0; next !== undefined && page < pages; page += 1) {
      const body = this.body(op, await this.get(op, next, headers));
      items.push(...read.values(body));
      const link = read.nextLink(body);
      next = link === undefined ? undefined : relativeNextLink(link).path;
    }
    return items;
  }
}
