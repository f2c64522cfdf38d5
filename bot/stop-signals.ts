import { printError, printLine } from '../src/logging';

/**
 * SIGINT and SIGTERM, answered from the first moment of start-up and always with exit code 0.
 * After start-up a signal stops the bot at once. One that comes during start-up is kept until the
 * step under way ends: start-up asks `asked` between its steps and, when set, stops what has
 * started so far instead of starting more. A second signal while stopping changes nothing.
 *
 * The bot must receive the signal itself: `npm start` runs it in one Node process (tsx as a
 * require hook), since the tsx command relays a signal to its child and, when the child has not
 * acknowledged it within a few tens of milliseconds (a busy or starved event loop), kills it and
 * exits with 143.
 */
export class StopSignals {
  private signal?: string;
  private live = false;
  private stopping?: Promise<void>;
  private stopAll: () => Promise<void> = async () => {};

  constructor(private readonly exit: (code: number) => void = (code) => process.exit(code)) {}

  listen(target: Pick<NodeJS.EventEmitter, 'on'> = process): void {
    target.on('SIGINT', () => this.receive('SIGINT'));
    target.on('SIGTERM', () => this.receive('SIGTERM'));
  }

  /** How to stop whatever has started so far (it looks at what has started when it runs). */
  stopWith(stopAll: () => Promise<void>): void {
    this.stopAll = stopAll;
  }

  /** A signal has come: start-up stops here (`stop()`), starting nothing more. */
  get asked(): boolean {
    return this.signal !== undefined;
  }

  /** Start-up is over: a signal kept from it stops now, and later ones at once. */
  started(): void {
    this.live = true;
    if (this.asked) void this.stop();
  }

  /**
   * Stops what has started, once, and exits with 0; a part that fails to stop is named in one
   * line and the exit code is 1, never an unhandled rejection's stack trace.
   */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      printLine(`\n${this.signal ?? 'Stop'}: finishing in-flight messages, then stopping.`);
      try {
        await this.stopAll();
      } catch (error) {
        printError(
          `Could not stop cleanly: ${error instanceof Error ? error.message : String(error)}`,
        );
        this.exit(1);
        return;
      }
      printLine('Stopped.');
      this.exit(0);
    })();
    return this.stopping;
  }

  private receive(signal: string): void {
    this.signal ??= signal;
    if (this.live) void this.stop();
  }
}
