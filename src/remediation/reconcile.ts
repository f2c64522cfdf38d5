import { ConflictError, toAppError } from '../errors';
import { displayName } from './describe';
import type { StoredRequest } from './request-store';
import { SYSTEM, type RemediationSteps } from './steps';
import type { Outcome, RemediationRequest } from './types';

/**
 * A run that no instance finished (the process was stopped mid-run) is settled by asking the
 * tenant what happened, never by running the fix again: a change the directory shows is recorded
 * as done, one it shows was not made as failed with nothing changed, and one the directory cannot
 * tell about (or a pass whose code nobody saw) as failed with "needs review", so a person looks
 * before anything is asked again. Each is audited and the helpdesk's card brought up to date.
 */

type Finding =
  | { found: 'done'; summary: string }
  | { found: 'not-done'; summary: string }
  | { found: 'needs-review'; summary: string };

const AFTER_RESTART = 'The bot stopped while making this change; checked afterwards:';

async function checkTenant(steps: RemediationSteps, request: RemediationRequest): Promise<Finding> {
  const { reader } = steps.deps;
  const name = request.subject.name ?? request.subject.id;
  const userId = request.subject.id;
  const { params } = request;
  switch (params.kind) {
    case 'issue-tap':
      if ((await reader.listTaps(userId)).length === 0) {
        return {
          found: 'not-done',
          summary: `${AFTER_RESTART} ${name} has no Temporary Access Pass, so none was issued. Ask for a new one.`,
        };
      }
      return {
        found: 'needs-review',
        summary: `${AFTER_RESTART} ${name} has a Temporary Access Pass, but its code was never shown to anyone. Issue a new pass (it replaces this one) or remove it in the Microsoft Entra admin center.`,
      };
    case 'ca-exclusion': {
      for (const groupId of steps.policy.caExclusion.groupIds) {
        const scheduled = await steps.exclusions.get(groupId, userId);
        if (scheduled?.exclusion.requestId !== request.id) continue;
        const members = await reader.listGroupMembers(groupId);
        if (members.includes(userId)) {
          return {
            found: 'done',
            summary: `${AFTER_RESTART} ${name} is in the exclusion group until ${scheduled.exclusion.endsAt}; the bot removes them then.`,
          };
        }
        return {
          found: 'not-done',
          summary: `${AFTER_RESTART} ${name} was not added to the exclusion group, so nothing changed.`,
        };
      }
      return {
        found: 'not-done',
        summary: `${AFTER_RESTART} no exclusion was scheduled for ${name}, so nothing changed.`,
      };
    }
    case 'copy-group-members': {
      const [source, destination] = await Promise.all([
        reader.listGroupMembers(params.sourceGroupId),
        reader.listGroupMembers(userId),
      ]);
      const present = new Set(destination);
      const missing = source.filter((id) => id !== userId && !present.has(id)).length;
      if (missing === 0)
        return { found: 'done', summary: `${AFTER_RESTART} every member is in ${name}.` };
      return {
        found: 'not-done',
        summary: `${AFTER_RESTART} ${missing} member(s) are still missing from ${name}; asking again adds only those.`,
      };
    }
    default:
      return {
        found: 'needs-review',
        summary: `${AFTER_RESTART} the directory cannot show whether it took effect. Check ${name} in the Microsoft Entra admin center before asking again.`,
      };
  }
}

/** Settles one interrupted run; false when another instance settled it first. */
export async function reconcile(steps: RemediationSteps, stored: StoredRequest): Promise<boolean> {
  const { request } = stored;
  let finding: Finding;
  try {
    finding = await checkTenant(steps, request);
  } catch (error) {
    const reason = toAppError(error).userMessage;
    finding = {
      found: 'needs-review',
      summary: `${AFTER_RESTART} the directory could not be read (${reason}). Check ${displayName(request.subject)} in the Microsoft Entra admin center before asking again.`,
    };
  }
  const outcome: Outcome = { summary: finding.summary, graphRequestIds: [] };
  if (finding.found !== 'done')
    outcome.errorCode = finding.found === 'not-done' ? 'interrupted' : 'needs-review';
  const type = finding.found === 'done' ? 'succeed' : 'fail';
  let closed: StoredRequest;
  try {
    closed = await steps.write(stored, { type, at: steps.now(), outcome });
  } catch (error) {
    if (error instanceof ConflictError) return false;
    throw error;
  }
  await steps.audit(closed.request, type === 'succeed' ? 'succeeded' : 'failed', SYSTEM, {
    summary: outcome.summary,
    errorCode: outcome.errorCode,
  });
  steps.log({
    level: 'warn',
    event: 'remediation.reconciled',
    requestId: request.id,
    kind: request.kind,
    found: finding.found,
  });
  await steps.tell({ cause: 'closed', request: closed.request });
  return true;
}

/**
 * Settles every run left `executing` for longer than `olderThanMs` whose outcome this instance
 * does not still hold in its outbox (that one is stored when storage answers again).
 */
export async function reconcileInterrupted(
  steps: RemediationSteps,
  olderThanMs: number,
  candidates: StoredRequest[],
): Promise<number> {
  const held = new Set((await steps.outbox.list()).filter((i) => i.finish).map((i) => i.requestId));
  const now = steps.now().getTime();
  let settled = 0;
  for (const stored of candidates) {
    const { request } = stored;
    if (request.state !== 'executing' || held.has(request.id)) continue;
    if (now - Date.parse(request.startedAt ?? request.updatedAt) < olderThanMs) continue;
    if (await reconcile(steps, stored)) settled += 1;
  }
  return settled;
}
