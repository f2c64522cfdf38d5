import type { Actor } from './authorize';
import type {
  CreateCommand,
  CreateResult,
  DecideCommand,
  DecideResult,
  DecisionCommand,
  SweepReport,
  ViewResult,
} from './commands';
import { ACTION_LABELS } from './describe';
import { createRequest, recordRequesterCard } from './create';
import { decide } from './decide';
import type { ExclusionSchedule } from './exclusions';
import type { RemediationPolicy } from './policy';
import type { RequestStore } from './request-store';
import { RemediationSteps, type RemediationDeps } from './steps';
import { checkSignIns, type VerifyReport } from './verify';
import { workDue } from './outbox';
import { reconcileInterrupted } from './reconcile';
import { endDueExclusions, sweep, sweepWindowStart } from './sweep';
import type { Person, PostedCard } from './types';
import { isHelpdeskMember, viewRequest } from './view';

export type * from './commands';
export type { RemediationDeps } from './steps';

/**
 * The remediation use cases behind one face: ask for a fix, decide on it (approve, reject,
 * cancel), view it, and the sweep. Each lives in its own file; this class only holds the shared
 * steps so every instance of the bot runs the same code against the same stores.
 *
 * Exactly-once: the request moves pending → approved → executing by compare-and-set on the eTag
 * read at click time. Of any number of concurrent clicks, instances or sweepers, one wins each
 * step; only the winner of approved → executing calls Graph. Every change appends an audit entry
 * and is told through the RemediationEvents port.
 */
export class RemediationService {
  private readonly steps: RemediationSteps;

  constructor(deps: RemediationDeps) {
    this.steps = new RemediationSteps(deps);
  }

  get requests(): RequestStore {
    return this.steps.requests;
  }

  get exclusions(): ExclusionSchedule {
    return this.steps.exclusions;
  }

  get policy(): RemediationPolicy {
    return this.steps.policy;
  }

  actor(person: Person): Promise<Actor> {
    return this.steps.actor(person);
  }

  /** Asks for a fix; a request turned away (not allowed, bad input, never offered) is audited. */
  async create(command: CreateCommand): Promise<CreateResult> {
    const result = await createRequest(this.steps, command);
    if (result.status === 'denied' || result.status === 'invalid' || result.status === 'refused') {
      await this.steps.deps.audit.append({
        event: 'refused',
        actorId: command.actor.id,
        actorName: command.actor.name,
        kind: command.kind,
        subjectId: command.subjectId,
        summary: `Refused to ask for ${ACTION_LABELS[command.kind].title.toLowerCase()}: ${result.message}`,
        errorCode: result.status === 'denied' ? result.reason : `request-${result.status}`,
      });
    }
    return result;
  }

  /** Where the requester's card of this request went (edited to the outcome at the end). */
  recordRequesterCard(requestId: string, posted: PostedCard): Promise<void> {
    return recordRequesterCard(this.steps, requestId, posted);
  }

  decide(command: DecisionCommand): Promise<DecideResult> {
    return decide(this.steps, command);
  }

  approve(command: DecideCommand): Promise<DecideResult> {
    return decide(this.steps, { ...command, verdict: 'approve' });
  }

  reject(command: DecideCommand & { reason?: string }): Promise<DecideResult> {
    return decide(this.steps, { ...command, verdict: 'reject' });
  }

  cancel(command: DecideCommand): Promise<DecideResult> {
    return decide(this.steps, { ...command, verdict: 'cancel' });
  }

  view(person: Person, requestId: string): Promise<ViewResult> {
    return viewRequest(this.steps, person, requestId);
  }

  /** Whether this person may read the audit trail (helpdesk members). */
  mayReadAudit(person: Person): Promise<boolean> {
    return isHelpdeskMember(this.steps, person);
  }

  sweep(): Promise<SweepReport> {
    return sweep(this.steps);
  }

  /** One run of the closed-loop check (verify.ts); the bot runs it every few seconds. */
  checkSignIns(): Promise<VerifyReport> {
    return checkSignIns(this.steps);
  }

  endDueExclusions(now: Date): Promise<{ ended: number; errors: number }> {
    return endDueExclusions(this.steps, now);
  }

  /**
   * At start-up: settles runs left `executing` for at least `olderThanMs` (a process stopped
   * mid-run) from what the tenant shows. Returns how many were settled.
   */
  async reconcileInterrupted(olderThanMs: number): Promise<number> {
    const now = this.steps.now();
    const candidates = await this.steps.requests.createdSince(sweepWindowStart(this.steps, now));
    return reconcileInterrupted(this.steps, olderThanMs, candidates);
  }

  /** Tries again the follow-up work (outcomes, audit entries, notices) that is due. */
  workOutbox(): Promise<{ done: number; waiting: number }> {
    return workDue(this.steps);
  }

  /** Resolves when the follow-up work started in the background so far has had its try. */
  async idle(): Promise<void> {
    while (this.steps.background.size > 0) await Promise.all([...this.steps.background]);
  }
}
