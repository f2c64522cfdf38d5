import { toAppError } from '../../src/errors';
import { silentLogger, type Logger } from '../../src/remediation/ports';
import type { RemediationService } from '../../src/remediation/service';

export interface SweeperOptions {
  /** Time between sweeps. Default one minute: exclusions end, and held edits are made, at most this late. */
  intervalMs?: number;
  /**
   * At start: runs left `executing` at least this long (a stopped process) are settled from the
   * tenant, after this instance's outbox has had its try. Default one minute.
   */
  reconcileAfterMs?: number;
  /** Time between tries of the outbox (outcomes, audit entries, notices that could not go yet). */
  outboxIntervalMs?: number;
  log?: Logger;
}

export interface RunningSweeper {
  /** Stops the timer and waits for a sweep in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Runs the remediation sweep now and then every `intervalMs`, and the outbox every
 * `outboxIntervalMs`: expires old requests, closes runs an
 * instance stopped in the middle of, makes held channel-card edits and ends time-boxed exclusions.
 * Every instance may run one; the sweep's compare-and-set claims make each piece of work happen
 * once. The timer does not keep the process alive, and sweeps never overlap.
 */
export function startRemediationSweeper(
  service: RemediationService,
  options: SweeperOptions = {},
): RunningSweeper {
  const log = options.log ?? silentLogger;
  let running: Promise<void> | undefined;
  let stopped = false;

  const sweep = (): void => {
    if (running || stopped) return;
    running = service
      .sweep()
      .then((report) => {
        const changed =
          report.expired +
          report.abandoned +
          report.interrupted +
          report.exclusionsEnded +
          report.channelEdits;
        if (changed > 0 || report.errors > 0) {
          log({
            level: report.errors > 0 ? 'warn' : 'info',
            event: 'remediation.swept',
            ...report,
          });
        }
      })
      .catch((error: unknown) => {
        const appError = toAppError(error);
        log({
          level: 'error',
          event: 'remediation.sweep-failed',
          code: appError.code,
          message: appError.message,
        });
      })
      .finally(() => {
        running = undefined;
      });
  };

  let working: Promise<void> | undefined;
  const workOutbox = (): void => {
    if (working || stopped) return;
    working = service
      .workOutbox()
      .then(() => undefined)
      .catch((error: unknown) => {
        const appError = toAppError(error);
        log({
          level: 'warn',
          event: 'remediation.outbox-failed',
          code: appError.code,
          message: appError.message,
        });
      })
      .finally(() => {
        working = undefined;
      });
  };

  const timer = setInterval(sweep, options.intervalMs ?? 60_000);
  timer.unref();
  const outboxTimer = setInterval(workOutbox, options.outboxIntervalMs ?? 2_000);
  outboxTimer.unref();
  // First the outcomes this instance still holds, then runs nobody finished, then the sweep.
  running = service
    .workOutbox()
    .then(() => service.reconcileInterrupted(options.reconcileAfterMs ?? 60_000))
    .then((settled) => {
      if (settled > 0) {
        log({ level: 'warn', event: 'remediation.interrupted-settled', settled });
      }
    })
    .catch((error: unknown) => {
      const appError = toAppError(error);
      log({
        level: 'error',
        event: 'remediation.reconcile-failed',
        code: appError.code,
        message: appError.message,
      });
    })
    .finally(() => {
      running = undefined;
      sweep();
    });

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearInterval(outboxTimer);
      await Promise.all([running, working, service.idle()]);
    },
  };
}
