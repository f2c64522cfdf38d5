import { silentLogger, type Logger } from '../../src/remediation/ports';
import type { RemediationService } from '../../src/remediation/service';
import { runPeriodically } from './periodic';

export interface SweeperOptions {
  /** Time between sweeps. Default one minute: exclusions end, and held edits are made, at most this late. */
  intervalMs?: number;
  log?: Logger;
}

export interface RunningSweeper {
  /** Stops the timer and waits for a sweep in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Runs the remediation sweep now and then every `intervalMs`: expires old requests, closes runs an
 * instance stopped in the middle of, makes held channel-card edits and ends time-boxed exclusions.
 * Every instance may run one; the sweep's compare-and-set claims make each piece of work happen
 * once. The timer does not keep the process alive, and sweeps never overlap.
 */
export function startRemediationSweeper(
  service: RemediationService,
  options: SweeperOptions = {},
): RunningSweeper {
  const log = options.log ?? silentLogger;
  return runPeriodically(
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
    {
      intervalMs: options.intervalMs ?? 60_000,
      now: true,
      log,
      failedEvent: 'remediation.sweep-failed',
    },
  );
}
