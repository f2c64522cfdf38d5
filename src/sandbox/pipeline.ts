import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DroppedConnection, faultErrorCode, type FaultRegistry } from './faults';
import { errorBody, GraphError } from './graph-error';
import type { RateLimiter } from './limits';
import { describeAlternatives, hasPermission, satisfies } from '../graph/permissions';
import { redactSecrets, type RecordedRequest } from './request-log';
import { INVALID_BODY, type SandboxRequest, type SandboxResponse } from './request';
import type { RouteContext } from './route';
import type { Router } from './router';
import type { TenantState } from './state';
import { getLogger } from '../logging';

export interface PipelineDeps {
  state: TenantState;
  router: Router;
  faults: FaultRegistry;
  /** Present only when documented limits are enforced. */
  limiter?: RateLimiter;
  clock: () => Date;
  log: RecordedRequest[];
}

const BEARER = /^Bearer\s+\S+/i;

/**
 * Every Graph request, top-level or inside `$batch`, goes through the same steps in the order
 * Graph applies them: injected fault, token, route, throttling, permission, handler. The
 * response always carries request-id / client-request-id, and the request is logged with
 * secrets redacted.
 */
export class Pipeline {
  constructor(private readonly deps: PipelineDeps) {}

  async handle(req: SandboxRequest, batchItemId?: string): Promise<SandboxResponse> {
    const requestId = randomUUID();
    const clientRequestId = req.headers['client-request-id'] ?? requestId;
    let response: SandboxResponse;
    try {
      response = await this.run(req);
    } catch (error) {
      if (error instanceof DroppedConnection) throw error;
      response = this.errorResponse(error, requestId, clientRequestId);
    }
    response = {
      ...response,
      headers: {
        ...response.headers,
        'request-id': requestId,
        'client-request-id': clientRequestId,
      },
    };
    this.record(req, response.status, requestId, batchItemId, clientRequestId);
    return response;
  }

  private async run(req: SandboxRequest): Promise<SandboxResponse> {
    const path = `/${req.segments.join('/')}`;
    const fault = this.deps.faults.take(req.method, path, `/${req.version}${path}`);
    if (fault?.latencyMs) await sleep(fault.latencyMs);
    if (fault?.drop === true) throw new DroppedConnection(req.method, path);
    if (fault?.status !== undefined) {
      const headers: Record<string, string> = {};
      if (fault.retryAfterSeconds !== undefined) {
        headers['Retry-After'] = String(fault.retryAfterSeconds);
      }
      throw new GraphError(
        fault.status,
        faultErrorCode(fault.status),
        `Injected fault: the sandbox answers ${fault.status} for ${req.method} ${path}.`,
        headers,
      );
    }
    if (!BEARER.test(req.headers['authorization'] ?? '')) {
      throw new GraphError(401, 'InvalidAuthenticationToken', 'Access token is empty or missing.');
    }
    if (req.body === INVALID_BODY)
      throw new GraphError(400, 'BadRequest', 'The body is not valid JSON.');
    const match = this.deps.router.match(req.method, req.segments);
    if (match.kind === 'method-not-allowed') {
      throw new GraphError(405, 'Request_BadRequest', `${req.method} is not supported on ${path}.`);
    }
    if (match.kind === 'not-found') {
      throw new GraphError(
        400,
        'BadRequest',
        `Resource not found for the segment '${match.segment}'.`,
      );
    }
    const { route, params } = match;
    this.throttle(typeof route.limit === 'function' ? route.limit(req) : route.limit);
    const granted = this.deps.state.app.grantedPermissions;
    if (!satisfies(granted, route.permissions)) {
      throw new GraphError(
        403,
        'Authorization_RequestDenied',
        `Insufficient privileges to complete the operation. Requires application permission ${describeAlternatives(route.permissions)}.`,
      );
    }
    const ctx: RouteContext = {
      req,
      params,
      state: this.deps.state,
      now: this.deps.clock,
      can: (permission) => hasPermission(granted, permission),
      includeUnknownEnums: /include-unknown-enum-members/i.test(req.headers['prefer'] ?? ''),
      dispatch: (inner, itemId) => this.handle(inner, itemId),
    };
    return route.handle(ctx);
  }

  private throttle(limit: Parameters<NonNullable<PipelineDeps['limiter']>['take']>[0] | undefined) {
    if (!limit || !this.deps.limiter) return;
    const decision = this.deps.limiter.take(limit);
    if (decision.allowed) return;
    const headers: Record<string, string> =
      decision.retryAfterSeconds === undefined
        ? {}
        : { 'Retry-After': String(decision.retryAfterSeconds) };
    throw new GraphError(
      429,
      'TooManyRequests',
      'Too many requests: the documented service limit for this resource was exceeded.',
      headers,
    );
  }

  private errorResponse(error: unknown, requestId: string, clientRequestId: string) {
    const at = this.deps.clock();
    if (error instanceof GraphError) {
      return {
        status: error.status,
        headers: { ...error.headers },
        body: errorBody(error.code, error.message, at, requestId, clientRequestId),
      };
    }
    const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
    getLogger('sandbox').error('unexpected failure', { reason });
    return {
      status: 500,
      body: errorBody(
        'InternalServerError',
        'The sandbox failed while handling this request.',
        at,
        requestId,
        clientRequestId,
      ),
    };
  }

  private record(
    req: SandboxRequest,
    status: number,
    requestId: string,
    batchItemId?: string,
    clientRequestId?: string,
  ) {
    const entry: RecordedRequest = {
      method: req.method.toUpperCase(),
      path: `/${req.version}/${req.segments.join('/')}`.replace(/\/$/, ''),
      query: { ...req.query },
      body: req.body === INVALID_BODY ? undefined : redactSecrets(req.body),
      status,
      at: this.deps.clock().toISOString(),
      requestId,
      clientRequestId,
    };
    if (batchItemId !== undefined) entry.batchItemId = batchItemId;
    this.deps.log.push(entry);
  }
}
