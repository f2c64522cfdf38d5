import { authorizeDecision, isApproverOf, isHelpdesk } from './authorize';
import type { ViewResult } from './commands';
import type { RemediationSteps } from './steps';
import type { Person } from './types';

/** The request as this person may see it: approver buttons only for someone who may decide. */
export async function viewRequest(
  steps: RemediationSteps,
  person: Person,
  requestId: string,
): Promise<ViewResult> {
  const found = await steps.load(requestId);
  if (!found) return { status: 'unknown' };
  const { request } = found;
  const involved = person.id === request.requester.id || person.id === request.subject.id;
  const actor = await steps.actor(person);
  const helpdesk = isHelpdesk(actor, steps.policy) || isApproverOf(actor, request, steps.policy);
  if (!involved && !helpdesk) {
    return {
      status: 'denied',
      message: 'Only the helpdesk and the person who asked can open this request.',
    };
  }
  if (request.state !== 'pending') {
    return { status: 'ok', request, view: { viewer: 'other', helpdesk } };
  }
  if (person.id === request.requester.id) {
    return { status: 'ok', request, view: { viewer: 'requester', helpdesk } };
  }
  const decision = authorizeDecision({ actor, request, now: steps.now(), policy: steps.policy });
  if (decision.allowed) return { status: 'ok', request, view: { viewer: 'approver', helpdesk } };
  return { status: 'ok', request, view: { viewer: 'other', notice: decision.message, helpdesk } };
}

/** Whether this person may read the audit trail or choose the approvals channel (helpdesk). */
export async function isHelpdeskMember(steps: RemediationSteps, person: Person): Promise<boolean> {
  return isHelpdesk(await steps.actor(person), steps.policy);
}
