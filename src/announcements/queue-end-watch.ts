/**
 * The last seconds of a broadcast shared by several processes: the queue is empty, each process
 * works through what it holds, and they run out one by one. One that runs out writes its lower
 * claim at once (cluster.ts), but the others raise only when they next read the heartbeat rows,
 * every half second: the share it left stayed unused for a quarter of a second on average, at
 * the end of every run (measured: the one left raised 390 ms after the other went idle).
 *
 * So while this process has work, the last receive found the queue empty and others share the
 * rate, it writes and reads its heartbeat every `everyMs` instead, for at most `forMs` after the
 * queue was first found empty (the backlog is a few seconds' worth; a queue that stays empty
 * longer while work goes on, an expansion slower than the sends, gets the usual beats again). That
 * costs two storage requests a beat for those seconds, and nothing while the queue has work or
 * the process is alone or idle.
 */
export class QueueEndWatch {
  private timer?: NodeJS.Timeout;
  /** Beats left in this spell of an empty queue (reset when the queue gives work again). */
  private left = 0;

  constructor(
    /** Writes this heartbeat and reads the others (ClusterCoordinator.beat). */
    private readonly beat: () => unknown,
    /** Whether other processes share the rate now. */
    private readonly sharing: () => boolean,
    private readonly everyMs = 100,
    private readonly forMs = 5_000,
  ) {
    this.left = Math.ceil(forMs / everyMs);
  }

  /** After each receive: whether this process has work, and whether the receive found none. */
  update(busy: boolean, queueEmpty: boolean): void {
    if (!queueEmpty) this.left = Math.ceil(this.forMs / this.everyMs);
    const on = busy && queueEmpty && this.left > 0;
    if (on && this.timer === undefined) {
      this.timer = setInterval(() => {
        this.left -= 1;
        if (this.left <= 0) this.stop();
        if (this.sharing()) void this.beat();
      }, this.everyMs);
    } else if (!on) {
      this.stop();
    }
  }

  get watching(): boolean {
    return this.timer !== undefined;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
