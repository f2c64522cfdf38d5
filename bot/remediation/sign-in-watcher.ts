import { silentLogger, type Logger } from '../../src/remediation/ports';
import type { RemediationService } from '../../src/remediation/service';
import { WATCH_RUN_EVERY_MS } from '../../src/remediation/sign-in-watch';
import { runPeriodically } from './periodic';

export interface RunningWatcher {
  stop(): Promise<void>;
}

/**
 * Runs the closed-loop check (RemediationService.checkSignIns) every `intervalMs`: each run
 * makes at most its look-up budget of sign-in log reads, so this pace is what keeps the watches
 * inside Graph's sign-in limit.
 */
export function startSignInWatcher(
  service: RemediationService,
  options: { intervalMs?: number; log?: Logger } = {},
): RunningWatcher {
  const log = options.log ?? silentLogger;
  return runPeriodically(
    async () => {
      const report = await service.checkSignIns();
      if (report.settled > 0 || report.errors > 0) {
        log({
          level: report.errors > 0 ? 'warn' : 'info',
          event: 'remediation.checked',
          ...report,
        });
      }
    },
    {
      intervalMs: options.intervalMs ?? WATCH_RUN_EVERY_MS,
      log,
      failedEvent: 'remediation.check-failed',
    },
  );
}
