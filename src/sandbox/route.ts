import type { PermissionAlternative } from '../graph/permissions';
import type { SandboxRequest, SandboxResponse } from './request';
import type { TenantState } from './state';

/** Throttling buckets from Graph's documented service limits. */
export type LimitClass = 'reports' | 'identityProtection' | 'signInActivity';

export interface RouteContext {
  req: SandboxRequest;
  /** Path parameters, decoded (`{id}` in the route path). */
  params: Readonly<Record<string, string>>;
  state: TenantState;
  now(): Date;
  /** True when the app holds the permission (or its ReadWrite form). */
  can(permission: string): boolean;
  /** `Prefer: include-unknown-enum-members` was sent. */
  includeUnknownEnums: boolean;
  /** Runs another request through the full pipeline (used by `$batch`). */
  dispatch(req: SandboxRequest, batchItemId: string): Promise<SandboxResponse>;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** One Graph operation the sandbox answers, under both /v1.0 and /beta. */
export interface Route {
  method: HttpMethod;
  /** Segments after the version; `{name}` captures, also inside a segment: `devices(deviceId='{id}')`. */
  path: string;
  /** Any one alternative is enough; empty means no permission needed. */
  permissions: readonly PermissionAlternative[];
  /** Throttling bucket, possibly depending on the request (e.g. `$select=signInActivity`). */
  limit?: LimitClass | ((req: SandboxRequest) => LimitClass | undefined);
  handle(ctx: RouteContext): SandboxResponse | Promise<SandboxResponse>;
}
