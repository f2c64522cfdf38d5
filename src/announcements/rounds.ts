/**
 * Runs a round of work again and again, one at a time, waiting between rounds as long as
 * `waitMs` says after each; `wake` asks for the next round now (after the one under way, if any).
 */
export class Rounds {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;

  constructor(
    private readonly round: () => Promise<void>,
    private readonly waitMs: () => number,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.timer = setTimeout(() => this.loop(), 0);
  }

  wake(): void {
    if (this.timer === undefined) return;
    if (this.running) this.again = true;
    else {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.loop(), 0);
    }
  }

  /** No more rounds; resolves when the one under way has ended. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private loop(): void {
    this.running = this.round()
      .catch(this.onError)
      .finally(() => {
        this.running = undefined;
        const wait = this.again ? 0 : this.waitMs();
        this.again = false;
        if (this.timer !== undefined) this.timer = setTimeout(() => this.loop(), wait);
      });
  }
}
