import { isAdminChangeKind, type ActionKind } from './action-kinds';
import { approversOf, type RemediationPolicy } from './policy';
import { isOverdue } from './state-machine';
import type { RemediationRequest } from './types';

/**
 * Authorisation as pure decisions over server-side facts at the moment of the click: who clicked
 * (from the activity), which groups they are in (from the directory, cached briefly), the stored
 * request and the card version the click came from. Nothing a card carries grants anything.
 */

export type DenialReason =
  | 'not-helpdesk'
  | 'not-self'
  | 'not-self-service'
  | 'protected-subject'
  | 'not-approver'
  | 'four-eyes'
  | 'admin-tier'
  | 'self-approval'
  | 'own-fix'
  | 'not-requester'
  | 'not-pending'
  | 'expired'
  | 'stale-card';

export type Decision =
  { allowed: true } | { allowed: false; reason: DenialReason; message: string };

export interface Actor {
  /** Entra object id, from the activity. */
  id: string;
  name?: string;
  /** Of the groups the policy names, those the actor belongs to (transitively). */
  groupIds: readonly string[];
}

const allow: Decision = { allowed: true };
const deny = (reason: DenialReason, message: string): Decision => ({
  allowed: false,
  reason,
  message,
});

function inAny(actor: Actor, groups: readonly string[]): boolean {
  return groups.some((group) => actor.groupIds.includes(group));
}

export function isHelpdesk(actor: Actor, policy: RemediationPolicy): boolean {
  return inAny(actor, policy.helpdeskGroupIds);
}

export function isApproverFor(actor: Actor, kind: ActionKind, policy: RemediationPolicy): boolean {
  return inAny(actor, policy.approverGroupIds[kind]);
}

/** May this person decide on this request: its fix's approvers, or the admin tier for one that needs it. */
export function isApproverOf(
  actor: Actor,
  request: { kind: ActionKind; tier?: 'admin' },
  policy: RemediationPolicy,
): boolean {
  return inAny(actor, approversOf(request, policy));
}

const ADMIN_TIER_MESSAGE =
  'This fix gives an administrator their access back, so only the admin group can approve it.';

/** Whether a "run now" button fits this person and fix (decided again when it is pressed). */
export function mayRunDirectly(actor: Actor, kind: ActionKind, policy: RemediationPolicy): boolean {
  return !policy.fourEyesKinds.includes(kind) && isApproverFor(actor, kind, policy);
}

export interface CreateQuestion {
  actor: Actor;
  kind: ActionKind;
  subjectId: string;
  /** `run`: execute now without a second person (helpdesk approvers only). */
  mode: 'request' | 'run';
  policy: RemediationPolicy;
  /** Known after the directory was read: the subject holds a role, so the admin tier decides. */
  tier?: 'admin';
}

export function authorizeCreate(q: CreateQuestion): Decision {
  const { actor, kind, subjectId, policy } = q;
  if (policy.protectedUserIds.includes(subjectId)) {
    return deny(
      'protected-subject',
      'This account is protected (an emergency access account); the bot does not change it.',
    );
  }
  if (q.mode === 'run') {
    if (policy.fourEyesKinds.includes(kind)) {
      return deny(
        'four-eyes',
        'This fix always needs a second person: ask for approval instead of running it.',
      );
    }
    if (q.tier === 'admin' && !inAny(actor, policy.adminGroupIds)) {
      return deny('admin-tier', ADMIN_TIER_MESSAGE);
    }
    if (!isApproverOf(actor, { kind, tier: q.tier }, policy)) {
      return deny(
        'not-approver',
        'Only members of the approver group for this fix can run it directly.',
      );
    }
    if (subjectId === actor.id) {
      return deny(
        'own-fix',
        'A fix for your own account needs a second person: ask for approval instead.',
      );
    }
    return allow;
  }
  if (isHelpdesk(actor, policy)) return allow;
  if (isAdminChangeKind(kind)) {
    // An admin outside the helpdesk may ask for the changes they approve; nobody else may.
    if (isApproverFor(actor, kind, policy)) return allow;
    return deny(
      'not-self-service',
      'Changes to tenant settings can be asked for by the helpdesk and admin teams only.',
    );
  }
  if (subjectId !== actor.id) {
    return deny('not-self', 'You can ask for fixes for your own account only.');
  }
  if (!policy.selfServiceKinds.includes(kind)) {
    return deny('not-self-service', 'This fix can be asked for by the helpdesk team only.');
  }
  return allow;
}

export interface DecisionQuestion {
  actor: Actor;
  request: RemediationRequest;
  /** The version the clicked card was rendered with; undefined when only viewing. */
  cardVersion?: number;
  now: Date;
  policy: RemediationPolicy;
}

/** May this person approve or reject this request now? */
export function authorizeDecision(q: DecisionQuestion): Decision {
  const { actor, request, now, policy } = q;
  if (request.state !== 'pending') {
    return deny('not-pending', `This request is already ${request.state}; nothing was changed.`);
  }
  if (isOverdue(request, now)) {
    return deny('expired', 'This request has expired; nothing was changed. Ask for a new one.');
  }
  if (q.cardVersion !== undefined && q.cardVersion !== request.version) {
    return deny('stale-card', 'This card is out of date; nothing was changed. Refresh the card.');
  }
  if (actor.id === request.requester.id) {
    return deny('self-approval', 'You asked for this fix, so someone else has to approve it.');
  }
  if (actor.id === request.subject.id) {
    return deny('own-fix', 'This fix is for your own account, so someone else has to approve it.');
  }
  if (request.tier === 'admin' && !inAny(actor, policy.adminGroupIds)) {
    return deny('admin-tier', ADMIN_TIER_MESSAGE);
  }
  if (!isApproverOf(actor, request, policy)) {
    return deny(
      'not-approver',
      'Only members of the approver group for this fix can decide on it.',
    );
  }
  return allow;
}

/** May this person cancel this request now? Only the requester, only while it is pending. */
export function authorizeCancel(q: Omit<DecisionQuestion, 'policy'>): Decision {
  const { actor, request, now } = q;
  if (actor.id !== request.requester.id) {
    return deny('not-requester', 'Only the person who asked for this fix can cancel it.');
  }
  if (request.state !== 'pending') {
    return deny('not-pending', `This request is already ${request.state}; nothing was changed.`);
  }
  if (isOverdue(request, now)) {
    return deny('expired', 'This request has already expired.');
  }
  if (q.cardVersion !== undefined && q.cardVersion !== request.version) {
    return deny('stale-card', 'This card is out of date; nothing was changed. Refresh the card.');
  }
  return allow;
}
