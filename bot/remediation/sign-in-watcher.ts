import { toAppError } from '../../src/errors';
import { silentLogger, type Logger } from '../../src/remediation/ports';
import type { RemediationService } from '../../src/remediation/service';
import { WATCH_RUN_EVERY_MS } from '../../src/remediation/sign-in-watch';

export interface RunningWatcher {
  stop(): Promise<void>;
}

/**
 * Runs the closed-loop check (RemediationService.checkSignIns) every `intervalMs`: each run
 * makes at most its look-up budget of sign-in log reads, so the pace here is what keeps the
 * watches inside Graph's sign-in limit. Runs never overlap; the timer does not keep the process
 * alive.
 */
export function startSignInWatcher(
  service: RemediationService,
  options: { intervalMs?: number; log?: Logger } = {},
): RunningWatcher {
  const log = options.log ?? silentLogger;
  let running: Promise<void> | undefined;
  let stopped = false;
  const run = (): void => {
    if (running || stopped) return;
    running = service
      .checkSignIns()
      .then((report) => {
        if (report.settled > 0 || report.errors > 0) {
          log({
            level: report.errors > 0 ? 'warn' : 'info',
            event: 'remediation.checked',
            ...report,
          });
        }
      })
      .catch((error: unknown) => {
        const appError = toAppError(error);
        log({
          level: 'error',
          event: 'remediation.check-failed',
          code: appError.code,
          message: appError.message,
        });
      })
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(run, options.intervalMs ?? WATCH_RUN_EVERY_MS);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
