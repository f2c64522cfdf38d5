import { ConflictError } from '../errors';
import { HIDDEN, hideSecrets } from '../logging/redaction';
import { authorizeCancel, authorizeDecision, type DenialReason } from './authorize';
import type { DecideResult, DecisionCommand, Verdict } from './commands';
import { displayName, requestHeadline } from './describe';
import type { StoredRequest } from './request-store';
import { runApproved } from './run';
import type { RequestEvent } from './state-machine';
import type { RemediationSteps } from './steps';
import type { Person, RemediationRequest } from './types';

/**
 * One path for every decision on a pending request: load it (expiring it when its time is up),
 * authorise the clicker against the stored request and the card version they clicked, move it
 * with compare-and-set, audit, then run the fix (approve) or tell people (reject, cancel). Of any
 * number of concurrent clicks one wins; the others get "someone else acted".
 */
export async function decide(
  steps: RemediationSteps,
  command: DecisionCommand,
): Promise<DecideResult> {
  const found = await steps.load(command.requestId);
  if (!found) return { status: 'unknown' };
  const now = steps.now();
  const decision =
    command.verdict === 'cancel'
      ? authorizeCancel({
          actor: { id: command.actor.id, groupIds: [] },
          request: found.request,
          cardVersion: command.version,
          now,
        })
      : authorizeDecision({
          actor: await steps.actor(command.actor),
          request: found.request,
          cardVersion: command.version,
          now,
          policy: steps.policy,
        });
  if (!decision.allowed) {
    return denied(steps, found.request, command.actor, decision, command.verdict);
  }
  // The reason is shown to the requester and on the channel's card, and audited: masked first.
  const typed = hideSecrets(command.reason?.trim() ?? '');
  const reason = typed.text;
  if (command.verdict === 'reject' && !reason) {
    return {
      status: 'invalid',
      message: 'Write a reason in the box before rejecting, so the requester knows why.',
      request: found.request,
    };
  }
  if (command.verdict === 'reject' && typed.hidden && !readableBeyondSecrets(reason)) {
    return {
      status: 'invalid',
      message:
        'The reason held only what looked like a pass or secret, which is never kept. Write in words why the request is rejected.',
      request: found.request,
    };
  }

  let moved: StoredRequest;
  try {
    moved = await steps.write(found, eventOf(command, reason, now));
  } catch (error) {
    return lostRace(steps, error, command.requestId);
  }
  const { request } = moved;
  const by = displayName(command.actor);
  switch (command.verdict) {
    case 'approve': {
      await steps.audit(request, 'approved', command.actor, {
        summary: `Approved by ${by}: ${requestHeadline(request)}.`,
      });
      const result = await runApproved(steps, moved, command.actor);
      return { status: 'completed', request: result.request, tap: result.tap };
    }
    case 'reject':
      await steps.audit(request, 'rejected', command.actor, {
        summary: `Rejected by ${by}: ${requestHeadline(request)}. Reason: ${reason}`,
      });
      await steps.tell({ cause: 'decided', request });
      return typed.hidden
        ? { status: 'rejected', request, secretHidden: true }
        : { status: 'rejected', request };
    case 'cancel':
      await steps.audit(request, 'cancelled', command.actor, {
        summary: `Cancelled by the requester: ${requestHeadline(request)}.`,
      });
      await steps.tell({ cause: 'decided', request });
      return { status: 'cancelled', request };
  }
}

function eventOf(command: DecisionCommand, reason: string, at: Date): RequestEvent {
  switch (command.verdict) {
    case 'approve':
      return { type: 'approve', by: command.actor, at };
    case 'reject':
      return { type: 'reject', by: command.actor, at, reason };
    case 'cancel':
      return { type: 'cancel', by: command.actor, at };
  }
}

async function denied(
  steps: RemediationSteps,
  request: RemediationRequest,
  person: Person,
  decision: { reason: DenialReason; message: string },
  attempted: Verdict,
): Promise<DecideResult> {
  // Clicks on settled requests (replays, late second approvers) are normal; every other refusal
  // is recorded with its reason (no right to decide, an expired request, an out-of-date card).
  // A click on a request that expired (it is expired as it is read) counts as expired.
  const reason = request.state === 'expired' ? 'expired' : decision.reason;
  if (reason !== 'not-pending') {
    await steps.audit(request, 'denied', person, {
      summary: `Refused to let ${displayName(person)} ${attempted}: ${decision.message}`,
      errorCode: reason,
    });
  }
  return { status: 'denied', reason: decision.reason, message: decision.message, request };
}

async function lostRace(
  steps: RemediationSteps,
  error: unknown,
  requestId: string,
): Promise<DecideResult> {
  if (!(error instanceof ConflictError)) throw error;
  const latest = await steps.requests.get(requestId);
  if (!latest) return { status: 'unknown' };
  const by = latest.request.decision ? ` by ${displayName(latest.request.decision.by)}` : '';
  return {
    status: 'conflict',
    message: `Someone else acted on this request at the same moment (now ${latest.request.state}${by}). Nothing was done twice.`,
    request: latest.request,
  };
}

// A word of letters, or one Chinese or Japanese character (those are written without spaces).
const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|\p{L}+/gu;
/** Fewer words than this beside a hidden secret ("pass: ...") tell the requester nothing. */
const MIN_REASON_WORDS = 3;

/** Whether a masked reason still says something once its hidden parts are taken out. */
function readableBeyondSecrets(masked: string): boolean {
  const words = masked.split(HIDDEN).join(' ').match(WORD) ?? [];
  return words.length >= MIN_REASON_WORDS;
}
