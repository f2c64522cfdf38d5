/**
 * What the answer of a call to the channel means for the recipient: sent is final; a 429 waits
 * its Retry-After (and may pause everyone, through the governor); a 5xx backs off, a bounded
 * number of times; a chat that is gone is opened again once; 403 is final.
 *
 * Before the outcome write, the answer to a send is journalled on this system (a 2xx, or a
 * permanent refusal that sent nothing; outcome-journal.ts): a process that takes over the claims
 * of one the operating system says has ended records what it finds there instead of holding the
 * recipient as outcome unknown, so a death during the outcome write leaves nothing in doubt.
 */
import type { Clock } from '../ports';
import { backoffDelay, retryAfterDelay, type Random } from './backoff';
import type { DeliveryLimiter } from './delivery-limiter';
import type { DeliveryPolicy, TaskResult } from './delivery-policy';
import type { OutcomeRecords } from './outcome-journal';
import type { SendOutcome } from './ports';
import type { RecipientRows, Row } from './recipient-rows';
import type { ReferenceStore } from './reference-store';
import { conversationLimitKey } from './tables';
import type { StoredReference } from './types';

export class OutcomeHandling {
  constructor(
    private readonly deps: {
      rows: RecipientRows;
      limiter: DeliveryLimiter;
      references: ReferenceStore;
      policy: DeliveryPolicy;
      clock: Clock;
      random: Random;
      journal?: OutcomeRecords;
    },
  ) {}

  /**
   * Records the outcome of a call on the row read (or claimed) just before it; `reference`: the
   * call was the send itself, whose answer is journalled first.
   */
  async settle(
    id: string,
    key: string,
    row: Row,
    outcome: SendOutcome,
    reference?: StoredReference,
  ): Promise<TaskResult> {
    const value = row.value;
    const policy = this.deps.policy;
    const rows = this.deps.rows;
    const now = this.now();
    if (reference && (outcome.kind === 'sent' || outcome.kind === 'permanent')) {
      this.deps.journal?.record(id, key, outcome.kind === 'sent' ? 'delivered' : 'refused', now);
    }
    switch (outcome.kind) {
      case 'sent': {
        this.deps.limiter.governor.recordSuccess();
        return rows.finish(id, key, row, 'sent', undefined, {
          activityId: outcome.activityId,
          sentAt: new Date(now).toISOString(),
        });
      }
      case 'throttled': {
        this.deps.limiter.governor.recordThrottled(now, outcome.retryAfterMs);
        const delay = retryAfterDelay(outcome.retryAfterMs, value.attempts, this.backoff());
        if (reference) {
          this.deps.limiter.blockConversation(
            conversationLimitKey(reference.conversationId),
            now + (outcome.retryAfterMs ?? delay),
          );
        }
        if (value.attempts >= policy.maxAttempts) {
          return rows.finish(id, key, row, 'failed', 'throttled: gave up after retries');
        }
        return rows.requeue(id, key, row, { ...value, reason: 'throttled (429)' }, delay);
      }
      case 'transient': {
        const failures = value.transientFailures + 1;
        const label = `service error${outcome.status ? ` ${outcome.status}` : ''}: ${outcome.detail}`;
        if (failures >= policy.maxTransientFailures || value.attempts >= policy.maxAttempts) {
          return rows.finish(id, key, row, 'failed', label, { transientFailures: failures });
        }
        const delay = backoffDelay(failures, this.backoff());
        const next = { ...value, transientFailures: failures, reason: label };
        return rows.requeue(id, key, row, next, delay);
      }
      case 'conversation-gone': {
        if (value.objectId) await this.deps.references.forgetUser(value.objectId);
        if (value.reason === 'conversation-not-found') {
          return rows.finish(id, key, row, 'failed', 'conversation-not-found');
        }
        const fresh = { ...value, reference: undefined, reason: 'conversation-not-found' };
        return rows.requeue(id, key, row, fresh, 0);
      }
      case 'permanent': {
        if (outcome.reason === 'not-installed' && value.objectId) {
          await this.deps.references.forgetUser(value.objectId);
          return rows.finish(id, key, row, 'unreachable', 'app-removed');
        }
        const reason =
          outcome.reason === 'blocked'
            ? 'blocked-by-user-or-app-disabled'
            : `rejected: ${outcome.detail}`;
        return rows.finish(id, key, row, 'failed', reason);
      }
    }
  }

  private backoff(): { baseMs: number; maxMs: number; random: Random } {
    return {
      baseMs: this.deps.policy.backoffBaseMs,
      maxMs: this.deps.policy.backoffMaxMs,
      random: this.deps.random,
    };
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }
}
