/**
 * "I got a prompt I did not start": the user gets advice at once, and the helpdesk channel gets
 * a notice through the queue, so a burst of reports is paced like any other message to that
 * channel and a notice survives a restart. One report per user per announcement per minute: a
 * double click does not notify twice.
 */
import { ConflictError } from '../errors';
import type { Clock, RecordStore, WorkQueue } from '../ports';
import type { AnnouncementStore } from './announcement-store';
import { retryAfterDelay, type Random } from './backoff';
import type { DeliveryLimiter } from './delivery-limiter';
import type { AnnouncementNotifier } from './ports';
import type { PromptEvidenceSource } from './prompt-evidence';
import type { TaskResult } from './delivery-policy';
import { TABLES } from './tables';
import type { DeliveryMessage, Person, PromptReportRecord } from './types';

/** The limiter key of the helpdesk channel. */
export const HELPDESK_LIMIT_KEY = 'helpdesk-channel';
const MAX_NOTICE_ATTEMPTS = 10;

export interface PromptReportInput {
  announcementId: string;
  user: Person;
  upn?: string;
  /** From the reporting user's activity: where this tenant's channel is reached. */
  serviceUrl: string;
  tenantId: string;
}

type StoredReport = PromptReportRecord & { attempts?: number; failure?: string };

export class PromptReports {
  constructor(
    private readonly deps: {
      records: RecordStore;
      store: AnnouncementStore;
      queue: WorkQueue<DeliveryMessage>;
      clock: Clock;
      random?: Random;
      /** Sign-ins and gated fixes for the notice; without it the notice has the report alone. */
      evidence?: PromptEvidenceSource;
    },
  ) {}

  /** Records the report and queues the notice; `duplicate` when the same user just did. */
  async report(input: PromptReportInput): Promise<{ reportId: string; duplicate: boolean }> {
    const now = this.deps.clock.now();
    const minute = now.toISOString().slice(0, 16).replace(/[-:T]/g, '');
    const reportId = `${input.user.objectId.toLowerCase()}.${minute}`;
    const record: StoredReport = {
      announcementId: input.announcementId,
      user: input.user,
      upn: input.upn,
      reportedAt: now.toISOString(),
      serviceUrl: input.serviceUrl,
      tenantId: input.tenantId,
    };
    try {
      await this.deps.records.insert(
        TABLES.promptReports,
        this.key(input.announcementId, reportId),
        record,
      );
    } catch (error) {
      if (error instanceof ConflictError) return { reportId, duplicate: true };
      throw error;
    }
    await this.deps.queue.send({
      v: 1,
      kind: 'prompt-report',
      announcementId: input.announcementId,
      reportId,
    });
    return { reportId, duplicate: false };
  }

  /** Worker side: posts the notice once it may, and records that it did. */
  async deliverNotice(
    announcementId: string,
    reportId: string,
    notifier: AnnouncementNotifier,
    limiter: DeliveryLimiter,
    signal?: AbortSignal,
  ): Promise<TaskResult> {
    const key = this.key(announcementId, reportId);
    const row = await this.deps.records.get<StoredReport>(TABLES.promptReports, key);
    if (!row || row.value.notifiedAt || row.value.failure) return 'done';
    const announcement = (await this.deps.store.get(announcementId))?.value;
    const evidence = await this.deps.evidence?.gather(
      row.value.user.objectId,
      new Date(row.value.reportedAt),
    );
    await limiter.acquire(HELPDESK_LIMIT_KEY, signal);
    const outcome = await notifier.notifyHelpdesk({
      ...(evidence ? { evidence } : {}),
      announcement: {
        id: announcementId,
        template: announcement?.template ?? 'number-matching',
        activationDate: announcement?.activationDate ?? '',
      },
      user: { ...row.value.user, upn: row.value.upn },
      reportedAt: row.value.reportedAt,
      serviceUrl: row.value.serviceUrl,
      tenantId: row.value.tenantId,
    });
    const now = this.deps.clock.now();
    const attempts = (row.value.attempts ?? 0) + 1;
    let next: StoredReport;
    if (outcome.kind === 'sent') next = { ...row.value, attempts, notifiedAt: now.toISOString() };
    else if (outcome.kind === 'permanent' || attempts >= MAX_NOTICE_ATTEMPTS) {
      next = {
        ...row.value,
        attempts,
        failure: outcome.kind === 'permanent' ? outcome.detail : outcome.kind,
      };
    } else {
      if (outcome.kind === 'throttled')
        limiter.governor.recordThrottled(now.getTime(), outcome.retryAfterMs);
      const delay = retryAfterDelay(
        outcome.kind === 'throttled' ? outcome.retryAfterMs : undefined,
        attempts,
        { baseMs: 1_000, maxMs: 60_000, random: this.deps.random },
      );
      await this.deps.records.replace(
        TABLES.promptReports,
        key,
        { ...row.value, attempts },
        row.etag,
      );
      await this.deps.queue.send(
        { v: 1, kind: 'prompt-report', announcementId, reportId },
        { visibilityDelaySeconds: Math.ceil(delay / 1000) },
      );
      return 'done';
    }
    try {
      await this.deps.records.replace(TABLES.promptReports, key, next, row.etag);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
    return 'done';
  }

  /** Reports for an announcement, newest last (for the helpdesk and tests). */
  async list(announcementId: string): Promise<PromptReportRecord[]> {
    const rows = await this.deps.records.list<StoredReport>(TABLES.promptReports, announcementId);
    return rows.map((r) => r.value);
  }

  private key(announcementId: string, reportId: string): { partition: string; row: string } {
    return { partition: announcementId, row: reportId };
  }
}
