import { render } from '../../cards/render';
import {
  requestCardData,
  requestTemplate,
  type RequestView,
} from '../../cards/remediation/request';
import type { AuditInput, AuditLog } from '../audit/audit-log';
import { AppError, ConflictError, toAppError } from '../errors';
import type { Clock, GroupMembership, RecordStore } from '../ports';
import { systemClock } from '../ports';
import { requestRefData } from './action-data';
import type { ActionKind } from './action-kinds';
import {
  authorizeCancel,
  authorizeCreate,
  authorizeDecision,
  isApproverFor,
  isHelpdesk,
  type Actor,
  type DenialReason,
} from './authorize';
import { ACTION_LABELS, displayName, requestHeadline } from './describe';
import { ExclusionSchedule } from './exclusions';
import {
  ExecutionFailure,
  RemediationRefused,
  executeAction,
  preflight,
  type ExecutionContext,
  type TapHandout,
} from './execute';
import { buildParams, type CreateInputs } from './params';
import { groupsToCheck, type RemediationPolicy } from './policy';
import {
  silentLogger,
  type ApproverView,
  type DirectoryWriter,
  type Logger,
  type Notifier,
  type OfferCheck,
} from './ports';
import { RequestStore, newRequestId, openSlotKey, type StoredRequest } from './request-store';
import { isOverdue, transition, type RequestEvent } from './state-machine';
import type { ChatAddress, Outcome, Person, RemediationRequest } from './types';

/**
 * The remediation use cases: ask for a fix, approve, reject, cancel, view, and the sweep that
 * expires requests, closes interrupted ones and ends time-boxed exclusions.
 *
 * Exactly-once: the request moves pending → approved → executing by compare-and-set on the eTag
 * read at click time. Of any number of concurrent clicks, instances or sweepers, one wins each
 * step; only the winner of approved → executing calls Graph. Every change appends an audit entry,
 * updates the helpdesk channel card for everyone and, when a request ends, tells the requester.
 */

export interface RemediationDeps {
  records: RecordStore;
  writer: DirectoryWriter;
  membership: GroupMembership;
  notifier: Notifier;
  audit: AuditLog;
  policy: RemediationPolicy;
  clock?: Clock;
  log?: Logger;
  offers?: OfferCheck;
  /** After how long the sweeper calls an approved-but-not-started request abandoned. */
  approvedStaleMs?: number;
  /** After how long the sweeper calls a still-executing request interrupted. */
  executingStaleMs?: number;
}

export interface CreateCommand {
  actor: Person;
  kind: ActionKind;
  subjectId: string;
  targetId?: string;
  mode: 'request' | 'run';
  inputs: CreateInputs;
  /** The requester's own words for the approver. */
  note?: string;
  /** Where the requester clicked, to tell them the outcome later. */
  chat?: ChatAddress;
}

export interface DecideCommand {
  actor: Person;
  requestId: string;
  /** The request version the clicked card showed. */
  version: number;
}

export type CreateResult =
  | {
      status: 'created';
      request: RemediationRequest;
      /** Whether the approval card reached the helpdesk channel (the sweeper retries when not). */
      channel: 'posted' | 'not-configured' | 'failed';
    }
  | { status: 'duplicate'; request: RemediationRequest }
  | { status: 'denied'; reason: DenialReason; message: string }
  | { status: 'invalid'; message: string }
  | { status: 'refused'; message: string }
  | { status: 'completed'; request: RemediationRequest; tap?: TapHandout };

export type DecideResult =
  | { status: 'unknown' }
  | { status: 'denied'; reason: DenialReason; message: string; request: RemediationRequest }
  | { status: 'invalid'; message: string; request: RemediationRequest }
  | { status: 'conflict'; message: string; request: RemediationRequest }
  | { status: 'rejected'; request: RemediationRequest }
  | { status: 'cancelled'; request: RemediationRequest }
  | { status: 'completed'; request: RemediationRequest; tap?: TapHandout };

export type ViewResult =
  | { status: 'unknown' }
  | { status: 'denied'; message: string }
  | { status: 'ok'; request: RemediationRequest; view: RequestView };

export interface SweepReport {
  expired: number;
  abandoned: number;
  interrupted: number;
  exclusionsEnded: number;
  errors: number;
}

const SYSTEM: Person = { id: 'system', name: 'Sign-in Helpdesk bot' };
const DAY_MS = 86_400_000;

export class RemediationService {
  readonly requests: RequestStore;
  readonly exclusions: ExclusionSchedule;
  private readonly clock: Clock;
  private readonly log: Logger;

  constructor(private readonly deps: RemediationDeps) {
    this.requests = new RequestStore(deps.records);
    this.exclusions = new ExclusionSchedule(deps.records);
    this.clock = deps.clock ?? systemClock;
    this.log = deps.log ?? silentLogger;
  }

  get policy(): RemediationPolicy {
    return this.deps.policy;
  }

  /** The actor with the groups that matter to the policy, read from the directory (cached). */
  async actor(person: Person): Promise<Actor> {
    const groupIds = await this.deps.membership.memberOf(person.id, groupsToCheck(this.policy));
    return { id: person.id, name: person.name, groupIds };
  }

  async create(command: CreateCommand): Promise<CreateResult> {
    const actor = await this.actor(command.actor);
    const decision = authorizeCreate({
      actor,
      kind: command.kind,
      subjectId: command.subjectId,
      mode: command.mode,
      policy: this.policy,
    });
    if (!decision.allowed) return { status: 'denied', ...decision };
    const built = buildParams(command.kind, command.targetId, command.inputs, this.policy);
    if (!built.ok) return { status: 'invalid', message: built.problem };

    let reason = `Asked for from the sign-in helpdesk: ${ACTION_LABELS[command.kind].title.toLowerCase()}.`;
    if (this.deps.offers) {
      const offer = await this.deps.offers.reasonFor({
        kind: command.kind,
        subjectId: command.subjectId,
        targetId: command.targetId,
      });
      if (!offer.fits) return { status: 'refused', message: offer.message };
      if (offer.reason) reason = offer.reason;
    }

    const now = this.clock.now();
    const subjectType = command.kind === 'copy-group-members' ? 'group' : 'user';
    const draft: RemediationRequest = {
      id: newRequestId(now),
      kind: command.kind,
      params: built.params,
      state: 'pending',
      version: 1,
      mode: command.mode === 'run' ? 'direct' : 'approval',
      subject: { type: subjectType, id: command.subjectId },
      requester: command.actor,
      reason,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.policy.requestTtlMinutes * 60_000).toISOString(),
      updatedAt: now.toISOString(),
    };
    if (command.chat) draft.requesterChat = command.chat;
    if (command.note) draft.note = command.note;

    try {
      const prepared = await preflight(
        { requestId: draft.id, params: draft.params, subject: draft.subject },
        this.context(now),
      );
      if (prepared.subjectName) draft.subject.name = prepared.subjectName;
    } catch (error) {
      if (error instanceof RemediationRefused)
        return { status: 'refused', message: error.userMessage };
      throw error;
    }

    const stored = await this.requests.insert(draft);
    const holder = await this.requests.claimOpenSlot(openSlotKey(draft), draft.id, (id) =>
      this.isOpen(id),
    );
    if (holder !== undefined) {
      await this.requests.delete(draft.id, stored.etag);
      const existing = await this.requests.get(holder);
      if (existing) return { status: 'duplicate', request: existing.request };
      return {
        status: 'invalid',
        message: 'The same fix was being asked for at this moment; try again.',
      };
    }
    await this.audit(stored.request, 'requested', command.actor, {
      summary:
        draft.mode === 'direct'
          ? `Run directly: ${requestHeadline(draft)}.`
          : `Asked for: ${requestHeadline(draft)}. Reason: ${draft.reason}`,
    });
    this.log({
      level: 'info',
      event: 'remediation.requested',
      requestId: draft.id,
      kind: draft.kind,
    });

    if (draft.mode === 'direct') {
      const approved = await this.write(stored, { type: 'approve', by: command.actor, at: now });
      await this.audit(approved.request, 'approved', command.actor, {
        summary: `Run directly by ${displayName(command.actor)}: ${requestHeadline(draft)}.`,
      });
      const result = await this.run(approved, command.actor);
      return { status: 'completed', request: result.request, tap: result.tap };
    }

    const channel = await this.postApprovalCard(stored);
    return { status: 'created', request: channel.stored.request, channel: channel.outcome };
  }

  /** Posts the approval card of a pending request and remembers where it went. */
  private async postApprovalCard(
    stored: StoredRequest,
  ): Promise<{ stored: StoredRequest; outcome: 'posted' | 'not-configured' | 'failed' }> {
    let failed = false;
    const posted = await this.notify('post', stored.request, async () => {
      try {
        return await this.deps.notifier.postToHelpdesk(
          this.sharedCard(stored.request),
          this.approverView(stored.request),
        );
      } catch (error) {
        failed = true;
        throw error;
      }
    });
    if (!posted) return { stored, outcome: failed ? 'failed' : 'not-configured' };
    const updated = await this.attach(stored, (r) => ({ ...r, channelCard: posted }));
    return { stored: updated, outcome: 'posted' };
  }

  async approve(command: DecideCommand): Promise<DecideResult> {
    const found = await this.load(command.requestId);
    if (!found) return { status: 'unknown' };
    const actor = await this.actor(command.actor);
    const decision = authorizeDecision({
      actor,
      request: found.request,
      cardVersion: command.version,
      now: this.clock.now(),
      policy: this.policy,
    });
    if (!decision.allowed) return this.denied(found.request, command.actor, decision, 'approve');

    let approved: StoredRequest;
    try {
      approved = await this.write(found, {
        type: 'approve',
        by: command.actor,
        at: this.clock.now(),
      });
    } catch (error) {
      return this.lostRace(error, command.requestId);
    }
    await this.audit(approved.request, 'approved', command.actor, {
      summary: `Approved by ${displayName(command.actor)}: ${requestHeadline(approved.request)}.`,
    });
    const result = await this.run(approved, command.actor);
    return { status: 'completed', request: result.request, tap: result.tap };
  }

  async reject(command: DecideCommand & { reason?: string }): Promise<DecideResult> {
    const found = await this.load(command.requestId);
    if (!found) return { status: 'unknown' };
    const actor = await this.actor(command.actor);
    const decision = authorizeDecision({
      actor,
      request: found.request,
      cardVersion: command.version,
      now: this.clock.now(),
      policy: this.policy,
    });
    if (!decision.allowed) return this.denied(found.request, command.actor, decision, 'reject');
    const reason = command.reason?.trim();
    if (!reason) {
      return {
        status: 'invalid',
        message: 'Write a reason in the box before rejecting, so the requester knows why.',
        request: found.request,
      };
    }
    let rejected: StoredRequest;
    try {
      rejected = await this.write(found, {
        type: 'reject',
        by: command.actor,
        at: this.clock.now(),
        reason,
      });
    } catch (error) {
      return this.lostRace(error, command.requestId);
    }
    await this.audit(rejected.request, 'rejected', command.actor, {
      summary: `Rejected by ${displayName(command.actor)}: ${requestHeadline(rejected.request)}. Reason: ${reason}`,
    });
    await this.announceChange(rejected.request);
    return { status: 'rejected', request: rejected.request };
  }

  async cancel(command: DecideCommand): Promise<DecideResult> {
    const found = await this.load(command.requestId);
    if (!found) return { status: 'unknown' };
    const decision = authorizeCancel({
      actor: { id: command.actor.id, groupIds: [] },
      request: found.request,
      cardVersion: command.version,
      now: this.clock.now(),
    });
    if (!decision.allowed) return this.denied(found.request, command.actor, decision, 'cancel');
    let cancelled: StoredRequest;
    try {
      cancelled = await this.write(found, {
        type: 'cancel',
        by: command.actor,
        at: this.clock.now(),
      });
    } catch (error) {
      return this.lostRace(error, command.requestId);
    }
    await this.audit(cancelled.request, 'cancelled', command.actor, {
      summary: `Cancelled by the requester: ${requestHeadline(cancelled.request)}.`,
    });
    await this.announceChange(cancelled.request);
    return { status: 'cancelled', request: cancelled.request };
  }

  /** The request as this person may see it: approver buttons only for someone who may decide. */
  async view(person: Person, requestId: string): Promise<ViewResult> {
    const found = await this.load(requestId);
    if (!found) return { status: 'unknown' };
    const { request } = found;
    const involved = person.id === request.requester.id || person.id === request.subject.id;
    const actor = await this.actor(person);
    if (
      !involved &&
      !isHelpdesk(actor, this.policy) &&
      !isApproverFor(actor, request.kind, this.policy)
    ) {
      return {
        status: 'denied',
        message: 'Only the helpdesk and the person who asked can open this request.',
      };
    }
    if (request.state !== 'pending') {
      return { status: 'ok', request, view: { viewer: 'other' } };
    }
    if (person.id === request.requester.id) {
      return { status: 'ok', request, view: { viewer: 'requester' } };
    }
    const decision = authorizeDecision({
      actor,
      request,
      now: this.clock.now(),
      policy: this.policy,
    });
    if (decision.allowed) return { status: 'ok', request, view: { viewer: 'approver' } };
    return { status: 'ok', request, view: { viewer: 'other', notice: decision.message } };
  }

  /** Whether this person may read the audit trail (helpdesk members). */
  async mayReadAudit(person: Person): Promise<boolean> {
    return isHelpdesk(await this.actor(person), this.policy);
  }

  async sweep(): Promise<SweepReport> {
    const report: SweepReport = {
      expired: 0,
      abandoned: 0,
      interrupted: 0,
      exclusionsEnded: 0,
      errors: 0,
    };
    const now = this.clock.now();
    const windowStart = new Date(
      now.getTime() - this.policy.requestTtlMinutes * 60_000 - 2 * DAY_MS,
    );
    const approvedStale = this.deps.approvedStaleMs ?? 2 * 60_000;
    const executingStale = this.deps.executingStaleMs ?? 15 * 60_000;
    for (const stored of await this.requests.createdSince(windowStart)) {
      const { request } = stored;
      try {
        if (isOverdue(request, now)) {
          if (await this.expire(stored)) report.expired += 1;
        } else if (
          request.state === 'pending' &&
          request.mode === 'approval' &&
          !request.channelCard
        ) {
          // The card could not be posted when the request was made (channel down or not set).
          await this.postApprovalCard(stored);
        } else if (
          request.state === 'approved' &&
          now.getTime() - Date.parse(request.updatedAt) >= approvedStale
        ) {
          await this.close(stored, 'abandon', {
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
          await this.close(stored, 'fail', {
            summary:
              'The bot stopped while making the change, so it is not known whether it took effect. ' +
              'Check the user in the Microsoft Entra admin center before asking again.',
            graphRequestIds: [],
            errorCode: 'interrupted',
          });
          report.interrupted += 1;
        }
      } catch (error) {
        if (!(error instanceof ConflictError)) {
          report.errors += 1;
          this.warn('remediation.sweep-failed', error, request.id);
        }
      }
    }
    const ended = await this.endDueExclusions(now);
    report.exclusionsEnded = ended.ended;
    report.errors += ended.errors;
    return report;
  }

  /** Takes users out of exclusion groups whose time is up. Safe to run from several instances. */
  async endDueExclusions(now: Date): Promise<{ ended: number; errors: number }> {
    let ended = 0;
    let errors = 0;
    for (const due of await this.exclusions.due(now)) {
      const claimed = await this.exclusions.claim(due, now);
      if (!claimed) continue;
      const { groupId, userId, requestId } = claimed.exclusion;
      try {
        const receipt = await this.deps.writer.removeGroupMember(groupId, userId);
        await this.exclusions.complete(claimed);
        ended += 1;
        const request = await this.requests.get(requestId);
        await this.deps.audit.append({
          event: 'exclusion-ended',
          actorId: SYSTEM.id,
          actorName: SYSTEM.name,
          requestId,
          kind: 'ca-exclusion',
          subjectId: userId,
          subjectName: request?.request.subject.name,
          summary: receipt.removed
            ? `Temporary exclusion ended: removed from group ${groupId}.`
            : `Temporary exclusion ended: the user had already left group ${groupId}.`,
          graphRequestIds: receipt.requestId ? [receipt.requestId] : [],
        });
        if (request) {
          const updated = await this.attach(request, (r) => ({
            ...r,
            exclusionEndedAt: now.toISOString(),
          }));
          await this.announceChange(updated.request, { tellRequester: false });
        }
      } catch (error) {
        errors += 1;
        this.warn('remediation.exclusion-end-failed', error, requestId);
        await this.exclusions.release(claimed).catch((releaseError: unknown) => {
          this.warn('remediation.exclusion-release-failed', releaseError, requestId);
        });
      }
    }
    return { ended, errors };
  }

  // ---- internals -------------------------------------------------------------------------

  private context(now: Date): ExecutionContext {
    return {
      writer: this.deps.writer,
      policy: this.policy,
      exclusions: this.exclusions,
      now,
    };
  }

  /** Reads a request, expiring it first when its time is up (lazy expiry). */
  private async load(id: string): Promise<StoredRequest | undefined> {
    const stored = await this.requests.get(id);
    if (!stored) return undefined;
    if (isOverdue(stored.request, this.clock.now())) {
      await this.expire(stored).catch((error: unknown) => {
        if (!(error instanceof ConflictError)) throw error;
      });
      return this.requests.get(id);
    }
    return stored;
  }

  private async isOpen(id: string): Promise<boolean> {
    const stored = await this.requests.get(id);
    return (
      stored !== undefined &&
      stored.request.state === 'pending' &&
      !isOverdue(stored.request, this.clock.now())
    );
  }

  private async expire(stored: StoredRequest): Promise<boolean> {
    const expired = await this.write(stored, { type: 'expire', at: this.clock.now() });
    await this.audit(expired.request, 'expired', SYSTEM, {
      summary: `Expired without a decision: ${requestHeadline(expired.request)}.`,
    });
    await this.announceChange(expired.request);
    return true;
  }

  private async close(
    stored: StoredRequest,
    type: 'abandon' | 'fail',
    outcome: Outcome,
  ): Promise<StoredRequest> {
    const closed = await this.write(stored, { type, at: this.clock.now(), outcome });
    await this.audit(closed.request, 'failed', SYSTEM, {
      summary: outcome.summary,
      errorCode: outcome.errorCode,
    });
    await this.announceChange(closed.request);
    return closed;
  }

  /** Applies one state-machine event and stores it with compare-and-set. */
  private async write(stored: StoredRequest, event: RequestEvent): Promise<StoredRequest> {
    return this.requests.replace(transition(stored.request, event), stored.etag);
  }

  /** Stores a change that is not a state change (no version bump), retrying on races. */
  private async attach(
    stored: StoredRequest,
    change: (request: RemediationRequest) => RemediationRequest,
  ): Promise<StoredRequest> {
    let current = stored;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      try {
        return await this.requests.replace(change(current.request), current.etag);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        const fresh = await this.requests.get(current.request.id);
        if (!fresh) return current;
        current = fresh;
      }
    }
    return current;
  }

  /** approved → executing (the one claim that leads to a Graph write) → succeeded | failed. */
  private async run(
    approved: StoredRequest,
    approver: Person,
  ): Promise<{ request: RemediationRequest; tap?: TapHandout }> {
    let executing: StoredRequest;
    try {
      executing = await this.write(approved, { type: 'start', at: this.clock.now() });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // Only the sweeper moves an approved request, after it waited too long to start.
      const latest = await this.requests.get(approved.request.id);
      return { request: latest?.request ?? approved.request };
    }
    await this.audit(executing.request, 'execution-started', approver, {
      summary: `Started: ${requestHeadline(executing.request)}.`,
    });
    const { request } = executing;
    let event: RequestEvent;
    let tap: TapHandout | undefined;
    try {
      const result = await executeAction(
        { requestId: request.id, params: request.params, subject: request.subject },
        approver,
        this.context(this.clock.now()),
      );
      tap = result.tap;
      event = { type: 'succeed', at: this.clock.now(), outcome: result.outcome };
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
      event = { type: 'fail', at: this.clock.now(), outcome };
      this.warn('remediation.execution-failed', failure.error, request.id);
    }
    const outcome = event.type === 'succeed' || event.type === 'fail' ? event.outcome : undefined;
    let finished: RemediationRequest;
    try {
      finished = (await this.write(executing, event)).request;
    } catch (error) {
      // Only a sweeper that took this run for interrupted can have moved it; the audit entry
      // below still records what really happened, and the card shows it.
      this.warn('remediation.finish-not-stored', error, request.id);
      finished = transition(executing.request, event);
    }
    // The write has happened: if storage fails now, the approver must still get the result (a
    // pass exists only in this response), so the entry goes to the log instead and the sweeper
    // later marks the stored request interrupted.
    await this.audit(finished, event.type === 'succeed' ? 'succeeded' : 'failed', approver, {
      summary: outcome?.summary ?? requestHeadline(finished),
      graphRequestIds: outcome?.graphRequestIds,
      errorCode: outcome?.errorCode,
    }).catch((error: unknown) => {
      this.warn('remediation.outcome-not-audited', error, request.id);
      this.log({
        level: 'error',
        event: 'remediation.outcome-unaudited',
        requestId: request.id,
        kind: request.kind,
        state: finished.state,
        summary: outcome?.summary,
        graphRequestIds: outcome?.graphRequestIds.join(' '),
      });
    });
    this.log({
      level: event.type === 'succeed' ? 'info' : 'warn',
      event: `remediation.${finished.state}`,
      requestId: finished.id,
      kind: finished.kind,
    });
    if (tap && finished.state === 'succeeded' && finished.channelCard) {
      // The pass is in the approver's reply to their click on the channel card. Editing that
      // card now would replace the approver's view as well and the pass would be gone, so the
      // requester is told now and the channel card is edited once the approver has had time.
      await this.announceChange(finished, { channel: false });
      this.deferChannelEdit(finished);
    } else {
      await this.announceChange(finished, { post: finished.mode === 'direct' });
    }
    return { request: finished, tap };
  }

  /** Edits the channel card later, from the stored request (in-process timer). */
  private deferChannelEdit(request: RemediationRequest): void {
    const seconds = this.policy.tap.approverViewSeconds ?? 120;
    const timer = setTimeout(() => {
      void (async () => {
        const latest = await this.requests.get(request.id).catch(() => undefined);
        await this.announceChange(latest?.request ?? request, { tellRequester: false });
      })().catch((error: unknown) =>
        this.warn('remediation.notify-deferred-update-failed', error, request.id),
      );
    }, seconds * 1000);
    timer.unref?.();
  }

  private async denied(
    request: RemediationRequest,
    person: Person,
    decision: { reason: DenialReason; message: string },
    attempted: 'approve' | 'reject' | 'cancel',
  ): Promise<DecideResult> {
    // Clicks on settled requests (replays, late second approvers) are normal; other refusals
    // are recorded, since someone tried to decide without the right.
    if (!['not-pending', 'expired', 'stale-card'].includes(decision.reason)) {
      await this.audit(request, 'denied', person, {
        summary: `Refused to let ${displayName(person)} ${attempted}: ${decision.message}`,
        errorCode: decision.reason,
      });
    }
    return { status: 'denied', reason: decision.reason, message: decision.message, request };
  }

  private async lostRace(error: unknown, requestId: string): Promise<DecideResult> {
    if (!(error instanceof ConflictError)) throw error;
    const latest = await this.requests.get(requestId);
    if (!latest) return { status: 'unknown' };
    const by = latest.request.decision ? ` by ${displayName(latest.request.decision.by)}` : '';
    return {
      status: 'conflict',
      message: `Someone else acted on this request at the same moment (now ${latest.request.state}${by}). Nothing was done twice.`,
      request: latest.request,
    };
  }

  private sharedCard(request: RemediationRequest): Record<string, unknown> {
    return render(requestTemplate, requestCardData(request, { viewer: 'shared' }));
  }

  private requesterCard(request: RemediationRequest): Record<string, unknown> {
    return render(requestTemplate, requestCardData(request, { viewer: 'other' }));
  }

  private approverView(request: RemediationRequest): ApproverView | undefined {
    if (request.state !== 'pending') return undefined;
    return {
      approverGroupIds: this.policy.approverGroupIds[request.kind],
      refreshData: requestRefData(request.id, request.version),
    };
  }

  /**
   * Shows a change to everyone: the channel card is edited (or, for a direct run, posted), and
   * when the request ended the requester hears about it in their own chat. Failures to deliver
   * are logged, never undo the change.
   */
  private async announceChange(
    request: RemediationRequest,
    options: { post?: boolean; tellRequester?: boolean; channel?: boolean } = {},
  ): Promise<void> {
    const card = this.sharedCard(request);
    if (options.channel === false) {
      // The channel card is edited later (see deferChannelEdit).
    } else if (request.channelCard) {
      const posted = request.channelCard;
      await this.notify('update', request, () =>
        this.deps.notifier.updateCard(posted, card, this.approverView(request)),
      );
    } else if (options.post) {
      await this.notify('post', request, () => this.deps.notifier.postToHelpdesk(card));
    }
    const chat = request.requesterChat;
    const ended =
      request.state !== 'pending' && request.state !== 'approved' && request.state !== 'executing';
    const decidedBySelf = request.decision?.by.id === request.requester.id;
    if (
      (options.tellRequester ?? true) &&
      chat &&
      ended &&
      !decidedBySelf &&
      chat.conversationType === 'personal'
    ) {
      await this.notify('tell-requester', request, () =>
        this.deps.notifier.sendToChat(chat, this.requesterCard(request)),
      );
    }
  }

  private async notify<T>(
    what: string,
    request: RemediationRequest,
    send: () => Promise<T>,
  ): Promise<T | undefined> {
    try {
      return await send();
    } catch (error) {
      this.warn(`remediation.notify-${what}-failed`, error, request.id);
      return undefined;
    }
  }

  private async audit(
    request: RemediationRequest,
    event: AuditInput['event'],
    actor: Person,
    fields: Pick<AuditInput, 'summary'> & Partial<AuditInput>,
  ): Promise<void> {
    await this.deps.audit.append({
      event,
      actorId: actor.id,
      actorName: actor.name,
      requestId: request.id,
      kind: request.kind,
      subjectId: request.subject.id,
      subjectName: request.subject.name,
      ...fields,
    });
  }

  private warn(event: string, error: unknown, requestId?: string): void {
    const appError = error instanceof AppError ? error : toAppError(error);
    this.log({
      level: 'warn',
      event,
      requestId,
      code: appError.code,
      graphRequestId: appError.requestId,
      message: appError.message,
    });
  }
}
