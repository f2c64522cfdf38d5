/**
 * The author's view of a running announcement: the progress card, kept current through the same
 * rate limiter as the broadcast (Teams counts card updates against the same limits), and the
 * final report, posted once.
 */
import type { Clock } from '../ports';
import type { AnnouncementStore } from './announcement-store';
import type { DeliveryLimiter } from './delivery-limiter';
import type { AnnouncementNotifier } from './ports';
import { progressView } from './progress';
import { conversationLimitKey } from './tables';
import type { AnnouncementRecord } from './types';

export type ProgressViewData = ReturnType<typeof progressView>;

export class AuthorProgress {
  constructor(
    private readonly deps: {
      store: AnnouncementStore;
      limiter: DeliveryLimiter;
      notifier: AnnouncementNotifier;
      clock: Clock;
      log?: (line: string) => void;
    },
  ) {}

  /** Updates the author's card; true when it was shown (or there is no author chat to show it). */
  async show(announcement: AnnouncementRecord, view: ProgressViewData): Promise<boolean> {
    const reference = announcement.authorReference;
    if (!reference) return true;
    await this.deps.limiter.acquire(conversationLimitKey(reference.conversationId));
    const { outcome, activityId } = await this.deps.notifier.showProgress(announcement, view);
    if (outcome.kind === 'throttled') {
      this.deps.limiter.governor.recordThrottled(
        this.deps.clock.now().getTime(),
        outcome.retryAfterMs,
      );
    } else if (outcome.kind === 'sent') {
      this.deps.limiter.governor.recordSuccess();
    }
    if (outcome.kind !== 'sent') {
      this.deps.log?.(`[announce] ${announcement.id}: progress card not updated (${outcome.kind})`);
      // Throttling and 5xx: try again next round. A chat that is gone or blocked never will.
      return outcome.kind !== 'throttled' && outcome.kind !== 'transient';
    }
    if (activityId && activityId !== announcement.progressActivityId) {
      await this.deps.store.update(announcement.id, (current) => ({
        ...current,
        progressActivityId: activityId,
      }));
    }
    return true;
  }

  /**
   * Shows the final report unless it was shown already; true when the author has it, so the
   * announcement may stop being watched.
   */
  async report(announcement: AnnouncementRecord, view: () => Promise<ProgressViewData>) {
    if (announcement.reportedAt) return true;
    if (!(await this.show(announcement, await view()))) return false;
    await this.deps.store.update(announcement.id, (current) =>
      current.reportedAt
        ? undefined
        : { ...current, reportedAt: this.deps.clock.now().toISOString() },
    );
    return true;
  }
}
