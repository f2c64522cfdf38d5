import { ConflictError, toAppError } from '../errors';
import { requestHeadline } from './describe';
import { ExecutionFailure, executeAction, type TapHandout } from './execute';
import type { StoredRequest } from './request-store';
import { transition, type RequestEvent } from './state-machine';
import type { RemediationSteps } from './steps';
import type { Outcome, Person, RemediationRequest } from './types';

/** How long the approver keeps the pass on screen before the shared card may be edited. */
const DEFAULT_APPROVER_VIEW_SECONDS = 120;

/**
 * approved → executing (the one claim that leads to a Graph write) → succeeded | failed.
 * Exactly once: of any number of instances holding the approved request, only the winner of
 * approved → executing calls Graph.
 */
export async function runApproved(
  steps: RemediationSteps,
  approved: StoredRequest,
  approver: Person,
): Promise<{ request: RemediationRequest; tap?: TapHandout }> {
  let executing: StoredRequest;
  try {
    executing = await steps.write(approved, { type: 'start', at: steps.now() });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    // Only the sweeper moves an approved request, after it waited too long to start.
    const latest = await steps.requests.get(approved.request.id);
    return { request: latest?.request ?? approved.request };
  }
  await steps.audit(executing.request, 'execution-started', approver, {
    summary: `Started: ${requestHeadline(executing.request)}.`,
  });
  const { request } = executing;
  const { event, tap } = await execute(steps, request, approver);
  const outcome = event.type === 'succeed' || event.type === 'fail' ? event.outcome : undefined;
  // A pass is in the approver's reply to their click on the channel card; editing that card now
  // would replace the approver's view too and the pass would be gone, so the edit is held.
  const hold =
    tap && event.type === 'succeed' && request.channelCard
      ? { channelEditDueAt: approverViewEnds(steps, event.at) }
      : {};
  let finished: RemediationRequest;
  try {
    finished = (await steps.write(executing, event, hold)).request;
  } catch (error) {
    // Only a sweeper that took this run for interrupted can have moved it; the audit entry
    // below still records what really happened, and the card shows it.
    steps.warn('remediation.finish-not-stored', error, request.id);
    finished = { ...transition(executing.request, event), ...hold };
  }
  // The write has happened: if storage fails now, the approver must still get the result (a
  // pass exists only in this response), so the entry goes to the log instead and the sweeper
  // later marks the stored request interrupted.
  await steps
    .audit(finished, event.type === 'succeed' ? 'succeeded' : 'failed', approver, {
      summary: outcome?.summary ?? requestHeadline(finished),
      graphRequestIds: outcome?.graphRequestIds,
      errorCode: outcome?.errorCode,
    })
    .catch((error: unknown) => {
      steps.warn('remediation.outcome-not-audited', error, request.id);
      steps.log({
        level: 'error',
        event: 'remediation.outcome-unaudited',
        requestId: request.id,
        kind: request.kind,
        state: finished.state,
        summary: outcome?.summary,
        graphRequestIds: outcome?.graphRequestIds.join(' '),
      });
    });
  steps.log({
    level: event.type === 'succeed' ? 'info' : 'warn',
    event: `remediation.${finished.state}`,
    requestId: finished.id,
    kind: finished.kind,
  });
  await steps.tell({ cause: 'executed', request: finished });
  return { request: finished, tap };
}

async function execute(
  steps: RemediationSteps,
  request: RemediationRequest,
  approver: Person,
): Promise<{ event: RequestEvent & { at: Date }; tap?: TapHandout }> {
  try {
    const result = await executeAction(
      {
        requestId: request.id,
        params: request.params,
        subject: request.subject,
        tier: request.tier,
      },
      approver,
      steps.context(steps.now()),
    );
    return {
      event: { type: 'succeed', at: steps.now(), outcome: result.outcome },
      tap: result.tap,
    };
  } catch (error) {
    const failure =
      error instanceof ExecutionFailure ? error : new ExecutionFailure(toAppError(error), []);
    const outcome: Outcome = {
      summary: `Failed: ${failure.error.userMessage}`,
      graphRequestIds: [
        ...failure.graphRequestIds,
        ...(failure.error.requestId ? [failure.error.requestId] : []),
      ],
      errorCode: failure.error.code,
    };
    if (failure.partial) outcome.partial = failure.partial;
    steps.warn('remediation.execution-failed', failure.error, request.id);
    return { event: { type: 'fail', at: steps.now(), outcome } };
  }
}

function approverViewEnds(steps: RemediationSteps, at: Date): string {
  const seconds = steps.policy.tap.approverViewSeconds ?? DEFAULT_APPROVER_VIEW_SECONDS;
  return new Date(at.getTime() + seconds * 1000).toISOString();
}
