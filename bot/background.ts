import type { DeliveryEvent } from '../src/announcements/recipient-delivery';
import type { AppConfig } from '../src/config';
import type { Logger } from '../src/remediation/ports';
import type { RemediationService } from '../src/remediation/service';
import { count } from '../src/telemetry';
import { startAnnouncementWorkers, type AnnouncementServices } from './announcements';
import { startPostureSchedule, type PostureBot } from './posture';
import { startRemediationSweeper, startSignInWatcher } from './remediation';

/** How often the posture schedule looks whether a run is due (the interval itself is configured). */
const POSTURE_TICK_MS = 10 * 60_000;

/** Announcement throughput: every send Teams answered, by outcome. */
function countDelivery(event: DeliveryEvent): void {
  if (event.kind === 'answered') {
    count('helpdesk.announcements.deliveries', { outcome: event.outcome });
  }
}

export interface BackgroundWork {
  /**
   * Starts the remediation sweeper, the sign-in watcher of the closed loop, the announcement
   * workers and the posture schedule, once each.
   */
  start(): Promise<void>;
  /** Stops them, waiting for what is in progress; start() may run them again. */
  stop(): Promise<void>;
}

/** What every bot instance runs besides answering turns, on the parts the root composed. */
export function backgroundWork(parts: {
  config: AppConfig;
  posture: PostureBot;
  remediation: RemediationService;
  announcements: AnnouncementServices;
  remediationLog: Logger;
}): BackgroundWork {
  let sweeper: { stop(): Promise<void> } | undefined;
  let watcher: { stop(): Promise<void> } | undefined;
  let stopWorkers: (() => Promise<void>) | undefined;
  let postureSchedule: { stop(): Promise<void> } | undefined;
  return {
    async start() {
      if (parts.config.posture.everyHours > 0) {
        postureSchedule ??= startPostureSchedule(parts.posture, { tickMs: POSTURE_TICK_MS });
      }
      sweeper ??= startRemediationSweeper(parts.remediation, {
        intervalMs: 60_000,
        log: parts.remediationLog,
      });
      watcher ??= startSignInWatcher(parts.remediation, { log: parts.remediationLog });
      stopWorkers ??= await startAnnouncementWorkers(parts.announcements, {
        ratePerSecond: parts.config.announcements.ratePerSecond,
        cluster: { machine: parts.config.announcements.machine },
        observe: countDelivery,
      });
    },
    async stop() {
      await Promise.all([
        sweeper?.stop(),
        watcher?.stop(),
        stopWorkers?.(),
        postureSchedule?.stop(),
      ]);
      watcher = undefined;
      postureSchedule = undefined;
      sweeper = undefined;
      stopWorkers = undefined;
    },
  };
}
