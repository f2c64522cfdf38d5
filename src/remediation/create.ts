import { hideSecrets } from '../logging/redaction';
import { isAdminChangeKind } from './action-kinds';
import { adminSubjectType } from './admin-changes/params';
import { authorizeCreate, isHelpdesk } from './authorize';
import type { CreateCommand, CreateResult } from './commands';
import { askedReason, displayName, requestHeadline } from './describe';
import { RemediationRefused, preflight } from './preflight';
import { buildParams } from './params';
import { newRequestId, openSlotKey, type StoredRequest } from './request-store';
import { runApproved } from './run';
import type { RemediationSteps } from './steps';
import { previewExclusion } from './exclusion-preview';
import type { FailedSignIn, PostedCard, RemediationRequest } from './types';

/**
 * Asking for a fix: authorise, build and check the parameters, re-check the offer with
 * diagnosis, check up front what would certainly fail, then store the request holding the one
 * open slot for that fix and subject (a double click gets the same request). A helpdesk approver
 * may run it at once ("direct"); otherwise it waits for approval in the helpdesk channel.
 */
export async function createRequest(
  steps: RemediationSteps,
  asked: CreateCommand,
): Promise<CreateResult> {
  // The service audits every refusal (service.ts).
  const command = withChosenGroups(asked);
  if (!command.subjectId) {
    const message =
      command.kind === 'copy-group-members'
        ? 'Choose the group to copy the members into.'
        : 'Which account is this fix for?';
    return { status: 'invalid', message };
  }
  const { policy } = steps;
  const actor = await steps.actor(command.actor);
  const question = {
    actor,
    kind: command.kind,
    subjectId: command.subjectId,
    mode: command.mode,
    policy,
  };
  const decision = authorizeCreate(question);
  if (!decision.allowed) return { status: 'denied', ...decision };
  const built = buildParams(
    command.kind,
    command.targetId,
    command.inputs,
    policy,
    command.subjectId,
  );
  if (!built.ok) return { status: 'invalid', message: built.problem };
  const admin = isAdminChangeKind(command.kind);
  // Lines of a bulk list that were left out, for the person who asked.
  const problems = built.rowProblems?.length ? { rowProblems: built.rowProblems } : {};

  let signIn: FailedSignIn | undefined;
  let reason = askedReason(command.kind);
  if (steps.deps.offers) {
    const offer = await steps.deps.offers.reasonFor({
      kind: command.kind,
      subjectId: command.subjectId,
      targetId: command.targetId,
    });
    // The helpdesk may also ask from a command's form (copy group members, add an SMS number),
    // and an admin change from a posture card or a command, not only from a diagnosis: their
    // gate is the approval, so a missing offer only costs the specific reason. Anyone else
    // asks only for a fix diagnosis offered them.
    if (!offer.fits && !admin && !isHelpdesk(actor, policy)) {
      return { status: 'refused', message: offer.message };
    }
    if (offer.fits && offer.reason) reason = offer.reason;
    if (offer.fits) signIn = offer.signIn;
  }

  const now = steps.now();
  const draft: RemediationRequest = {
    id: newRequestId(now),
    kind: command.kind,
    params: built.params,
    state: 'pending',
    version: 1,
    mode: command.mode === 'run' ? 'direct' : 'approval',
    subject: {
      type: isAdminChangeKind(command.kind)
        ? adminSubjectType(command.kind)
        : command.kind === 'copy-group-members'
          ? 'group'
          : 'user',
      id: command.subjectId,
    },
    requester: command.actor,
    reason,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + policy.requestTtlMinutes * 60_000).toISOString(),
    updatedAt: now.toISOString(),
  };
  if (command.chat) draft.requesterChat = command.chat;
  // The note is shown on the helpdesk channel's card and kept: a secret in it is masked.
  const note = hideSecrets(command.note?.trim() ?? '');
  if (note.text) draft.note = note.text;
  const told = note.hidden ? { secretHidden: true as const } : {};
  if (command.place) draft.requesterPlace = command.place;
  if (signIn) draft.failedSignIn = signIn;

  try {
    const prepared = await preflight(
      { requestId: draft.id, params: draft.params, subject: draft.subject, asking: true },
      steps.context(now),
    );
    if (prepared.subjectName) draft.subject.name = prepared.subjectName;
    if (prepared.adminTier) draft.tier = 'admin';
    if (prepared.names) draft.names = prepared.names;
    if (prepared.exclusionGroup && signIn && steps.deps.whatIf) {
      draft.whatIf = await previewExclusion(steps.deps.whatIf, {
        userId: command.subjectId,
        exclusionGroupId: prepared.exclusionGroup.id,
        signIn,
      });
    }
  } catch (error) {
    if (error instanceof RemediationRefused) {
      return { status: 'refused', message: error.userMessage };
    }
    throw error;
  }
  if (draft.tier === 'admin') {
    const tiered = authorizeCreate({ ...question, tier: 'admin' });
    if (!tiered.allowed) return { status: 'denied', ...tiered };
  }

  const stored = await steps.requests.insert(draft);
  const holder = await steps.requests.claimOpenSlot(openSlotKey(draft), draft.id, (id) =>
    steps.isOpen(id),
  );
  if (holder !== undefined) {
    await steps.requests.delete(draft.id, stored.etag);
    const existing = await steps.requests.get(holder);
    if (existing) return { status: 'duplicate', request: existing.request };
    return {
      status: 'invalid',
      message: 'The same fix was being asked for at this moment; try again.',
    };
  }
  await steps.audit(stored.request, 'requested', command.actor, {
    summary:
      draft.mode === 'direct'
        ? `Run directly: ${requestHeadline(draft)}.`
        : `Asked for: ${requestHeadline(draft)}. Reason: ${draft.reason}`,
  });
  steps.log({
    level: 'info',
    event: 'remediation.requested',
    requestId: draft.id,
    kind: draft.kind,
  });

  if (draft.mode === 'direct') {
    const approved = await steps.write(stored, { type: 'approve', by: command.actor, at: now });
    await steps.audit(approved.request, 'approved', command.actor, {
      summary: `Run directly by ${displayName(command.actor)}: ${requestHeadline(draft)}.`,
    });
    const result = await runApproved(steps, approved, command.actor);
    return {
      status: 'completed',
      request: result.request,
      tap: result.tap,
      ...problems,
      ...told,
    };
  }

  const channel = await postApprovalCard(steps, stored);
  return {
    status: 'created',
    request: channel.stored.request,
    channel: channel.outcome,
    ...problems,
    ...told,
  };
}

/**
 * A copy of group members names its groups in the form (the typeahead inputs): the destination
 * is the request's subject, the source its target.
 */
function withChosenGroups(command: CreateCommand): CreateCommand {
  if (command.kind !== 'copy-group-members') return command;
  return {
    ...command,
    subjectId: command.inputs.targetGroupId ?? command.subjectId,
    targetId: command.inputs.sourceGroupId ?? command.targetId,
  };
}

/**
 * Records where the requester's own card of a request went, so it can be brought up to date
 * (no more Cancel) when the request ends.
 */
export async function recordRequesterCard(
  steps: RemediationSteps,
  requestId: string,
  posted: PostedCard,
): Promise<void> {
  const stored = await steps.requests.get(requestId);
  if (stored) await steps.attach(stored, (r) => ({ ...r, requesterCard: posted }));
}

/** Shows a pending request to the approvers and records where its card went. */
export async function postApprovalCard(
  steps: RemediationSteps,
  stored: StoredRequest,
): Promise<{ stored: StoredRequest; outcome: 'posted' | 'not-configured' | 'failed' }> {
  let failed = false;
  const posted = await steps.deliver('post', stored.request.id, async () => {
    try {
      return await steps.deps.events.created(stored.request);
    } catch (error) {
      failed = true;
      throw error;
    }
  });
  if (!posted) return { stored, outcome: failed ? 'failed' : 'not-configured' };
  const updated = await steps.attach(stored, (r) => ({ ...r, channelCard: posted }));
  return { stored: updated, outcome: 'posted' };
}
