import { ConflictError, toAppError } from '../errors';
import { allNotices, newItem, type OutboxItem } from './outbox';
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
  const outcome = event.outcome;
  // A pass is in the approver's reply to their click on the channel card; editing that card now
  // would replace the approver's view too and the pass would be gone, so the edit is held.
  const hold: Partial<RemediationRequest> =
    tap && event.type === 'succeed' && request.channelCard
      ? { channelEditDueAt: approverViewEnds(steps, event.at) }
      : {};
  if (event.type === 'succeed') {
    const verification = await watchNextSignIn(steps, request, event.at);
    if (verification) hold.verification = verification;
  }
  const finished: RemediationRequest = { ...transition(executing.request, event), ...hold };
  steps.log({
    level: event.type === 'succeed' ? 'info' : 'warn',
    event: `remediation.${finished.state}`,
    requestId: finished.id,
    kind: finished.kind,
  });
  // The change is made: what remains (store the outcome, audit it, tell people) goes through the
  // outbox, so a storage outage or a stop now delays it but never loses it, and the approver gets
  // the result (a pass exists only in this answer) without waiting for any of it.
  const item = newItem(
    finished,
    'executed',
    {
      finish: { type: event.type, at: event.at.toISOString(), outcome, also: hold },
      audit: [
        steps.auditInput(finished, event.type === 'succeed' ? 'succeeded' : 'failed', approver, {
          at: event.at.toISOString(),
          summary: outcome.summary,
          graphRequestIds: outcome.graphRequestIds,
          errorCode: outcome.errorCode,
        }),
      ],
      tell: allNotices('executed'),
    },
    steps.now(),
  );
  await steps.outbox.keep(item).catch((error: unknown) => {
    steps.warn('remediation.outbox-not-kept', error, request.id);
  });
  await settleOrMoveOn(steps, item);
  return { request: finished, tap };
}

/** How long the approver's answer waits for the outcome to be stored before it goes anyway. */
const STORE_WAIT_MS = 2_000;

/**
 * Works the outcome's outbox item. In the background mode the answer waits only until the outcome
 * and its audit entry are stored (or STORE_WAIT_MS when storage does not answer); the notices
 * follow in the background. Otherwise the whole item is worked first.
 */
async function settleOrMoveOn(steps: RemediationSteps, item: OutboxItem): Promise<void> {
  if (!steps.deps.notifyInBackground) {
    await steps.workNow(item);
    return;
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stored: () => void = () => undefined;
  const storedOrLate = new Promise<void>((resolve) => {
    stored = resolve;
    timer = setTimeout(resolve, steps.deps.storeWaitMs ?? STORE_WAIT_MS);
  });
  const work = steps.workNow(item, stored);
  steps.track(work);
  await Promise.race([storedOrLate, work]);
  clearTimeout(timer);
}

async function execute(
  steps: RemediationSteps,
  request: RemediationRequest,
  approver: Person,
): Promise<{ event: Extract<RequestEvent, { type: 'succeed' | 'fail' }>; tap?: TapHandout }> {
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

/** Starts the closed-loop check; a storage failure here never fails the fix that already ran. */
async function watchNextSignIn(
  steps: RemediationSteps,
  request: RemediationRequest,
  at: Date,
): Promise<RemediationRequest['verification']> {
  try {
    return await steps.deps.watches?.start(request, at);
  } catch (error) {
    steps.warn('remediation.watch-not-started', error, request.id);
    return undefined;
  }
}

function approverViewEnds(steps: RemediationSteps, at: Date): string {
  const seconds = steps.policy.tap.approverViewSeconds ?? DEFAULT_APPROVER_VIEW_SECONDS;
  return new Date(at.getTime() + seconds * 1000).toISOString();
}
