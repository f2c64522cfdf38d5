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
 * One piece of background work that never overlaps itself: `run()` starts it unless it is still
 * running (or stopped); a failure is logged as `failure.event`, never thrown. `after` runs once
 * the work has ended, either way.
 */
function singleFlight(
  work: () => Promise<void>,
  failure: { event: string; level: 'warn' | 'error' },
  log: Logger,
  isStopped: () => boolean,
) {
  let current: Promise<void> | undefined;
  return {
    run(after?: () => void): void {
      if (current || isStopped()) return;
      current = work()
        .catch((error: unknown) => {
          const appError = toAppError(error);
          log({
            level: failure.level,
            event: failure.event,
            code: appError.code,
            message: appError.message,
          });
        })
        .finally(() => {
          current = undefined;
          after?.();
        });
    },
    busy(): boolean {
      return current !== undefined;
    },
    done(): Promise<void> {
      return current ?? Promise.resolve();
    },
  };
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
  let stopped = false;
  const isStopped = () => stopped;

  const sweep = singleFlight(
    async () => {
      const report = await service.sweep();
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
    },
    { event: 'remediation.sweep-failed', level: 'error' },
    log,
    isStopped,
  );
  const outbox = singleFlight(
    async () => {
      await service.workOutbox();
    },
    { event: 'remediation.outbox-failed', level: 'warn' },
    log,
    isStopped,
  );
  // First the outcomes this instance still holds, then runs nobody finished, then the sweep.
  const start = singleFlight(
    async () => {
      await service.workOutbox();
      const settled = await service.reconcileInterrupted(options.reconcileAfterMs ?? 60_000);
      if (settled > 0) log({ level: 'warn', event: 'remediation.interrupted-settled', settled });
    },
    { event: 'remediation.reconcile-failed', level: 'error' },
    log,
    isStopped,
  );

  // No sweep while the start-up settling runs; it starts the first sweep when it ends.
  const timer = setInterval(() => {
    if (!start.busy()) sweep.run();
  }, options.intervalMs ?? 60_000);
  timer.unref();
  const outboxTimer = setInterval(() => outbox.run(), options.outboxIntervalMs ?? 2_000);
  outboxTimer.unref();
  start.run(() => sweep.run());

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearInterval(outboxTimer);
      await Promise.all([start.done(), sweep.done(), outbox.done(), service.idle()]);
    },
  };
}
