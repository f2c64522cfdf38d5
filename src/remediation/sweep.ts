import { ConflictError } from '../errors';
import type { SweepReport } from './commands';
import { postApprovalCard } from './create';
import { knownNames, namedOrId } from './describe';
import type { StoredRequest } from './request-store';
import { reconcileInterrupted } from './reconcile';
import { isOverdue } from './state-machine';
import { SYSTEM, type RemediationSteps } from './steps';
import type { Outcome } from './types';

/**
 * The sweep, safe to run from every instance at once (each piece of work is claimed by
 * compare-and-set): expires requests nobody decided, posts approval cards that could not be
 * posted, settles runs an instance stopped in the middle of (reconcile.ts), makes held channel-card edits that
 * are due, and ends time-boxed exclusions.
 */

const DAY_MS = 86_400_000;
const POSTING_GRACE_MS = 30_000;

/** The oldest creation time a request the sweep still acts on can have. */
export function sweepWindowStart(steps: RemediationSteps, now: Date): Date {
  return new Date(now.getTime() - steps.policy.requestTtlMinutes * 60_000 - 2 * DAY_MS);
}

export async function sweep(steps: RemediationSteps): Promise<SweepReport> {
  const report: SweepReport = {
    expired: 0,
    abandoned: 0,
    interrupted: 0,
    exclusionsEnded: 0,
    channelEdits: 0,
    errors: 0,
  };
  const now = steps.now();
  const windowStart = sweepWindowStart(steps, now);
  const approvedStale = steps.deps.approvedStaleMs ?? 2 * 60_000;
  const executingStale = steps.deps.executingStaleMs ?? 15 * 60_000;
  for (const stored of await steps.requests.createdSince(windowStart)) {
    const { request } = stored;
    try {
      if (isOverdue(request, now)) {
        await steps.expire(stored);
        report.expired += 1;
      } else if (
        request.state === 'pending' &&
        request.mode === 'approval' &&
        !request.channelCard &&
        now.getTime() - Date.parse(request.createdAt) >= POSTING_GRACE_MS
      ) {
        // The card could not be posted when the request was made (channel down or not set). A
        // request made moments ago is left alone: the instance that made it is still posting.
        await postApprovalCard(steps, stored);
      } else if (
        request.state === 'approved' &&
        now.getTime() - Date.parse(request.updatedAt) >= approvedStale
      ) {
        await close(steps, stored, 'abandon', {
          summary:
            'The bot stopped before making the change, so nothing was changed. Ask for the fix again.',
          graphRequestIds: [],
          errorCode: 'not-started',
        });
        report.abandoned += 1;
      } else if (
        request.state === 'executing' &&
        now.getTime() - Date.parse(request.startedAt ?? request.updatedAt) >= executingStale
      ) {
        // Settled from what the tenant shows, unless this instance still holds the outcome.
        if (await reconcileInterrupted(steps, executingStale, [stored])) report.interrupted += 1;
      } else if (
        request.channelEditDueAt &&
        now.getTime() >= Date.parse(request.channelEditDueAt)
      ) {
        // Claimed by clearing the field with compare-and-set, so one instance makes the edit.
        const claimed = await steps.requests.replace(
          { ...request, channelEditDueAt: undefined },
          stored.etag,
        );
        await steps.tell({ cause: 'channel-edit-due', request: claimed.request });
        report.channelEdits += 1;
      }
    } catch (error) {
      if (!(error instanceof ConflictError)) {
        report.errors += 1;
        steps.warn('remediation.sweep-failed', error, request.id);
      }
    }
  }
  const ended = await endDueExclusions(steps, now);
  report.exclusionsEnded = ended.ended;
  report.errors += ended.errors;
  return report;
}

async function close(
  steps: RemediationSteps,
  stored: StoredRequest,
  type: 'abandon' | 'fail',
  outcome: Outcome,
): Promise<void> {
  const closed = await steps.write(stored, { type, at: steps.now(), outcome });
  await steps.audit(closed.request, 'failed', SYSTEM, {
    summary: outcome.summary,
    errorCode: outcome.errorCode,
  });
  await steps.tell({ cause: 'closed', request: closed.request });
}

/** Takes users out of exclusion groups whose time is up. Safe to run from several instances. */
export async function endDueExclusions(
  steps: RemediationSteps,
  now: Date,
): Promise<{ ended: number; errors: number }> {
  let ended = 0;
  let errors = 0;
  for (const due of await steps.exclusions.due(now)) {
    const claimed = await steps.exclusions.claim(due, now);
    if (!claimed) continue;
    const { groupId, userId, requestId } = claimed.exclusion;
    try {
      const receipt = await steps.deps.writer.removeGroupMember(groupId, userId);
      await steps.exclusions.complete(claimed);
      ended += 1;
      const request = await steps.requests.get(requestId);
      // Named as the request's checks read it; by id for a request stored without the name.
      const group = namedOrId(groupId, request ? knownNames(request.request) : {});
      await steps.deps.audit.append({
        event: 'exclusion-ended',
        actorId: SYSTEM.id,
        actorName: SYSTEM.name,
        requestId,
        kind: 'ca-exclusion',
        subjectId: userId,
        subjectName: request?.request.subject.name,
        summary: receipt.removed
          ? `Temporary exclusion ended: removed from group ${group}.`
          : `Temporary exclusion ended: the user had already left group ${group}.`,
        graphRequestIds: receipt.requestId ? [receipt.requestId] : [],
      });
      if (request) {
        const updated = await steps.attach(request, (r) => ({
          ...r,
          exclusionEndedAt: now.toISOString(),
        }));
        await steps.tell({ cause: 'exclusion-ended', request: updated.request });
      }
    } catch (error) {
      errors += 1;
      steps.warn('remediation.exclusion-end-failed', error, requestId);
      await steps.exclusions.release(claimed).catch((releaseError: unknown) => {
        steps.warn('remediation.exclusion-release-failed', releaseError, requestId);
      });
    }
  }
  return { ended, errors };
}
