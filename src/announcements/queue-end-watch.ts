/**
 * The last seconds of a broadcast shared by several processes: the queue is empty, each process
 * works through what it holds, and they run out one by one. One that runs out writes its lower
 * claim at once (cluster.ts), but the others raise only when they next read the heartbeat rows,
 * every half second: the share it left stayed unused for a quarter of a second on average, at
 * the end of every run (measured: the one left raised 390 ms after the other went idle).
 *
 * So while this process has work, the last receive found the queue empty and others share the
 * rate, it writes and reads its heartbeat every `everyMs` instead. That costs two storage
 * requests a beat for the few seconds of work left after the queue ran dry (the backlog is a
 * few seconds' worth), and nothing while the queue has work or the process is alone or idle.
 */
export class QueueEndWatch {
  private timer?: NodeJS.Timeout;

  constructor(
    /** Writes this heartbeat and reads the others (ClusterCoordinator.beat). */
    private readonly beat: () => unknown,
    /** Whether other processes share the rate now. */
    private readonly sharing: () => boolean,
    private readonly everyMs = 100,
  ) {}

  /** After each receive: whether this process has work, and whether the receive found none. */
  update(busy: boolean, queueEmpty: boolean): void {
    const on = busy && queueEmpty;
    if (on && this.timer === undefined) {
      this.timer = setInterval(() => {
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
