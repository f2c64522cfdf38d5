import type { AuditInput, AuditLog } from '../audit/audit-log';
import { AppError, ConflictError, toAppError } from '../errors';
import type { Clock, GroupMembership, RecordStore } from '../ports';
import { systemClock } from '../ports';
import type { TenantSettings } from './admin-changes/ports';
import type { Actor } from './authorize';
import { requestHeadline } from './describe';
import type { RemediationEvents, RequestChange } from './events';
import { ExclusionSchedule } from './exclusions';
import type { WhatIfReader } from './exclusion-preview';
import type { ExecutionContext } from './preflight';
import { groupsToCheck, type RemediationPolicy } from './policy';
import {
  silentLogger,
  type DirectoryWriter,
  type Logger,
  type OfferCheck,
  type RemediationReader,
} from './ports';
import { RequestStore, type StoredRequest } from './request-store';
import type { SignInWatches } from './sign-in-watch';
import {
  MemoryJournal,
  allNotices,
  newItem,
  workItem,
  type OutboxItem,
  type OutboxJournal,
} from './outbox';
import { isOverdue, transition, type RequestEvent } from './state-machine';
import type { Person, RemediationRequest } from './types';

/**
 * The steps every remediation use case is made of: read a request (expiring it when its time is
 * up), apply one state-machine event with compare-and-set, record it in the audit, tell people
 * through the events port. The use cases (create, decide, run, sweep, view) only put these in
 * order; state-machine.ts alone says which transition is legal.
 */

export interface RemediationDeps {
  records: RecordStore;
  reader: RemediationReader;
  writer: DirectoryWriter;
  membership: GroupMembership;
  events: RemediationEvents;
  audit: AuditLog;
  policy: RemediationPolicy;
  clock?: Clock;
  log?: Logger;
  offers?: OfferCheck;
  /** Conditional Access What If, for the exclusion preview on the approval card. */
  whatIf?: WhatIfReader;
  /** After a fix succeeded, watches the person's next sign-in (verification.ts). */
  watches?: SignInWatches;
  /** Tenant settings the guided admin changes write; without it they are refused. */
  tenant?: TenantSettings;
  /** After how long the sweeper calls an approved-but-not-started request abandoned. */
  approvedStaleMs?: number;
  /** After how long the sweeper calls a still-executing request interrupted. */
  executingStaleMs?: number;
  /** Follow-up work that survives storage outages and restarts (outbox.ts); in memory if unset. */
  outbox?: OutboxJournal;
  /**
   * Tell people in the background instead of before the use case returns: a click is answered at
   * once and the channel and requester hear of it moments later (retried until they do).
   */
  notifyInBackground?: boolean;
  /** With notifyInBackground: how long an approval's answer waits for its outcome to be stored. */
  storeWaitMs?: number;
}

export const SYSTEM: Person = { id: 'system', name: 'Sign-in Helpdesk bot' };

export class RemediationSteps {
  readonly requests: RequestStore;
  readonly exclusions: ExclusionSchedule;
  readonly clock: Clock;
  readonly log: Logger;
  readonly outbox: OutboxJournal;
  /** Outbox items being worked by this instance, and the work in the background. */
  readonly working = new Set<string>();
  readonly background = new Set<Promise<unknown>>();

  constructor(readonly deps: RemediationDeps) {
    this.requests = new RequestStore(deps.records);
    this.exclusions = new ExclusionSchedule(deps.records);
    this.clock = deps.clock ?? systemClock;
    this.log = deps.log ?? silentLogger;
    this.outbox = deps.outbox ?? new MemoryJournal();
  }

  get policy(): RemediationPolicy {
    return this.deps.policy;
  }

  now(): Date {
    return this.clock.now();
  }

  /** The actor with the groups that matter to the policy, read from the directory (cached). */
  async actor(person: Person): Promise<Actor> {
    const groupIds = await this.deps.membership.memberOf(person.id, groupsToCheck(this.policy));
    return { id: person.id, name: person.name, groupIds };
  }

  context(now: Date): ExecutionContext {
    return {
      reader: this.deps.reader,
      writer: this.deps.writer,
      policy: this.policy,
      exclusions: this.exclusions,
      now,
      tenant: this.deps.tenant,
      membership: this.deps.membership,
    };
  }

  /**
   * Reads a request for a decision, expiring it first when its time is up (lazy expiry). Reads in
   * flight are shared: the decision ends in a compare-and-set, which a stale snapshot loses.
   */
  async load(id: string): Promise<StoredRequest | undefined> {
    const stored = await this.requests.getShared(id);
    if (!stored) return undefined;
    if (isOverdue(stored.request, this.now())) {
      await this.expire(stored).catch((error: unknown) => {
        if (!(error instanceof ConflictError)) throw error;
      });
      return this.requests.get(id);
    }
    return stored;
  }

  async isOpen(id: string): Promise<boolean> {
    const stored = await this.requests.get(id);
    return (
      stored !== undefined &&
      stored.request.state === 'pending' &&
      !isOverdue(stored.request, this.now())
    );
  }

  async expire(stored: StoredRequest): Promise<void> {
    const expired = await this.write(stored, { type: 'expire', at: this.now() });
    await this.audit(expired.request, 'expired', SYSTEM, {
      summary: `Expired without a decision: ${requestHeadline(expired.request)}.`,
    });
    await this.tell({ cause: 'expired', request: expired.request });
  }

  /**
   * Applies one state-machine event and stores it with compare-and-set; `also` adds fields that
   * belong to the same change (they are stored in the same write).
   */
  async write(
    stored: StoredRequest,
    event: RequestEvent,
    also: Partial<RemediationRequest> = {},
  ): Promise<StoredRequest> {
    return this.requests.replace({ ...transition(stored.request, event), ...also }, stored.etag);
  }

  /** Stores a change that is not a state change (no version bump), retrying on races. */
  async attach(
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

  async audit(
    request: RemediationRequest,
    event: AuditInput['event'],
    actor: Person,
    fields: Pick<AuditInput, 'summary'> & Partial<AuditInput>,
  ): Promise<void> {
    await this.deps.audit.append(this.auditInput(request, event, actor, fields));
  }

  auditInput(
    request: RemediationRequest,
    event: AuditInput['event'],
    actor: Person,
    fields: Pick<AuditInput, 'summary'> & Partial<AuditInput>,
  ): AuditInput {
    return {
      event,
      actorId: actor.id,
      actorName: actor.name,
      requestId: request.id,
      kind: request.kind,
      subjectId: request.subject.id,
      subjectName: request.subject.name,
      ...fields,
    };
  }

  /**
   * Tells people of a change through the outbox: a delivery that fails is retried later and never
   * undoes the change. In the background when so configured; otherwise before returning.
   */
  async tell(change: RequestChange): Promise<void> {
    await this.follow(
      newItem(change.request, change.cause, { tell: allNotices(change.cause) }, this.now()),
    );
  }

  /**
   * Keeps an outbox item and works it: in the background when so configured (the journal holds
   * it meanwhile), otherwise now. A failure leaves it in the journal for the retry loop.
   */
  async follow(item: OutboxItem, options: { background?: boolean } = {}): Promise<void> {
    await this.outbox.keep(item);
    const work = this.workNow(item);
    if (options.background ?? this.deps.notifyInBackground) this.track(work);
    else await work;
  }

  /** Works one item unless this instance is already working it; true when it is done. */
  async workNow(item: OutboxItem, stored?: () => void): Promise<boolean> {
    if (this.working.has(item.id)) return false;
    this.working.add(item.id);
    try {
      return await workItem(this, item, stored);
    } finally {
      this.working.delete(item.id);
    }
  }

  /** Remembers background work so a graceful stop (and a test) can wait for it. */
  track(work: Promise<unknown>): void {
    const done = work.catch(() => undefined).finally(() => this.background.delete(done));
    this.background.add(done);
  }

  /** Runs a delivery, logging (not throwing) its failure. */
  async deliver<T>(
    what: string,
    requestId: string,
    send: () => Promise<T>,
  ): Promise<T | undefined> {
    try {
      return await send();
    } catch (error) {
      this.warn(`remediation.notify-${what}-failed`, error, requestId);
      return undefined;
    }
  }

  warn(event: string, error: unknown, requestId?: string): void {
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
