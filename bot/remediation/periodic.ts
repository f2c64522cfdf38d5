import { toAppError } from '../../src/errors';
import type { Logger } from '../../src/remediation/ports';

/**
 * Runs `work` every `intervalMs` (and at once when `now` is set), never two at a time; a failure
 * is logged as `event` and the next run comes as usual. The timer does not keep the process
 * alive; `stop` waits for a run in progress.
 */
export function runPeriodically(
  work: () => Promise<void>,
  options: { intervalMs: number; now?: boolean; log: Logger; failedEvent: string },
): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  let stopped = false;
  const run = (): void => {
    if (running || stopped) return;
    running = work()
      .catch((error: unknown) => {
        const appError = toAppError(error);
        options.log({
          level: 'error',
          event: options.failedEvent,
          code: appError.code,
          message: appError.message,
        });
      })
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(run, options.intervalMs);
  timer.unref();
  if (options.now) run();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
