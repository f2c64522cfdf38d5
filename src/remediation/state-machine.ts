import { AppError } from '../errors';
import type { Outcome, Person, RemediationRequest, RequestState } from './types';

/**
 * The request life cycle as a pure function. Every change goes through `transition`, which
 * refuses edges that are not in the table, bumps the version and stamps the time; callers then
 * store the result with a compare-and-set on the eTag they read.
 *
 *   pending ──approve──► approved ──start──► executing ──succeed──► succeeded
 *      │                    │                    └──────fail──────► failed
 *      │                    └─────────abandon (never started)─────► failed
 *      ├──reject──► rejected
 *      ├──cancel──► cancelled   (by the requester)
 *      └──expire──► expired
 */
export type RequestEvent =
  | { type: 'approve'; by: Person; at: Date }
  | { type: 'reject'; by: Person; at: Date; reason: string }
  | { type: 'cancel'; by: Person; at: Date }
  | { type: 'expire'; at: Date }
  | { type: 'start'; at: Date }
  | { type: 'succeed'; at: Date; outcome: Outcome }
  | { type: 'fail'; at: Date; outcome: Outcome }
  | { type: 'abandon'; at: Date; outcome: Outcome };

const EDGES: Record<RequestEvent['type'], { from: RequestState; to: RequestState }> = {
  approve: { from: 'pending', to: 'approved' },
  reject: { from: 'pending', to: 'rejected' },
  cancel: { from: 'pending', to: 'cancelled' },
  expire: { from: 'pending', to: 'expired' },
  start: { from: 'approved', to: 'executing' },
  succeed: { from: 'executing', to: 'succeeded' },
  fail: { from: 'executing', to: 'failed' },
  abandon: { from: 'approved', to: 'failed' },
};

export class InvalidTransitionError extends AppError {
  constructor(
    readonly from: RequestState,
    readonly event: RequestEvent['type'],
  ) {
    super('action-invalid', `request cannot ${event} from state ${from}`, {
      userMessage: 'This request has already moved on, so nothing was changed.',
      status: 409,
    });
    this.name = 'InvalidTransitionError';
  }
}

export function canTransition(state: RequestState, event: RequestEvent['type']): boolean {
  return EDGES[event].from === state;
}

export function transition(request: RemediationRequest, event: RequestEvent): RemediationRequest {
  const edge = EDGES[event.type];
  if (request.state !== edge.from) throw new InvalidTransitionError(request.state, event.type);
  const at = event.at.toISOString();
  const next: RemediationRequest = {
    ...request,
    state: edge.to,
    version: request.version + 1,
    updatedAt: at,
  };
  switch (event.type) {
    case 'approve':
    case 'cancel':
      next.decision = { by: event.by, at };
      break;
    case 'reject':
      next.decision = { by: event.by, at, note: event.reason };
      break;
    case 'start':
      next.startedAt = at;
      break;
    case 'succeed':
    case 'fail':
    case 'abandon':
      next.finishedAt = at;
      next.outcome = event.outcome;
      break;
    case 'expire':
      break;
  }
  return next;
}

/** A pending request whose time is up is expired, whether or not storage says so yet. */
export function isOverdue(request: RemediationRequest, now: Date): boolean {
  return request.state === 'pending' && now.getTime() >= Date.parse(request.expiresAt);
}
