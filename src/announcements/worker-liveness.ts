/**
 * Which worker processes are alive, judged from their heartbeat rows as this process sees them.
 *
 * A claim or a supervisor lease held by a process that is gone can be taken over at once instead
 * of waiting out its lease (30 s by default). "Gone" is decided on this process's own clock: a
 * heartbeat value that has not changed for `staleMs` of local time, while this process's own view
 * is fresh. Other hosts' clocks never enter the comparison, so clock skew cannot make a live
 * process look dead. A process that has no heartbeat row here is never called gone (it may have
 * started after the last read); its claims wait for their lease as before.
 *
 * A process the operating system says has ended (`ended` in a view, see local-processes.ts) is
 * gone as soon as this process's view is fresh: it can neither send nor renew anything.
 *
 * The other half of the contract is fencing: a process only starts a send while its own last
 * successful heartbeat is younger than `staleMs / 2`, so by the time anyone else can call it gone
 * it has stopped sending.
 */

export interface Liveness {
  /** True when `workerId` is known to have stopped heartbeating. */
  isGone(workerId: string): boolean;
  /** True while this process's own heartbeat is recent enough for it to keep sending. */
  mayAct(): boolean;
  /**
   * True only when the operating system said `workerId`'s process has ended (same system, see
   * local-processes.ts): it can write nothing more, so what it left on this system is complete.
   */
  hasEnded?(workerId: string): boolean;
  /** Grows each time another process is found gone (a cue to look for its claims). */
  generation(): number;
  /** Told each time another process is found gone, to look for its claims at once. */
  onFound?: () => void;
}

/** For a single process with no cluster: nobody is ever gone, and this process may always act. */
export const NO_LIVENESS: Liveness = {
  isGone: () => false,
  mayAct: () => true,
  generation: () => 0,
};

export class HeartbeatLiveness implements Liveness {
  private readonly seen = new Map<string, { at: number; changedAt: number }>();
  private viewAt = Number.NEGATIVE_INFINITY;
  private firstViewAt = Number.NEGATIVE_INFINITY;
  private ownBeatAt = Number.NEGATIVE_INFINITY;
  private readonly gone = new Set<string>();
  private ended: ReadonlySet<string> = new Set();
  private found = 0;
  onFound?: () => void;

  constructor(
    private readonly workerId: string,
    private readonly staleMs: number,
    private readonly now: () => number,
  ) {}

  /** This process wrote its heartbeat successfully at `at` (local time). */
  recordOwnBeat(at: number): void {
    this.ownBeatAt = at;
  }

  /**
   * A fresh read of every heartbeat row: worker id → the heartbeat value stored; `ended`: the
   * rows whose process is known to have ended.
   */
  recordView(rows: ReadonlyMap<string, number>, ended: ReadonlySet<string> = new Set()): void {
    const now = this.now();
    this.ended = ended;
    if (this.firstViewAt === Number.NEGATIVE_INFINITY) this.firstViewAt = now;
    for (const [id, at] of rows) {
      const known = this.seen.get(id);
      if (!known || known.at !== at) this.seen.set(id, { at, changedAt: now });
    }
    for (const id of [...this.seen.keys()]) if (!rows.has(id)) this.seen.delete(id);
    this.viewAt = now;
    const before = this.found;
    for (const id of this.seen.keys()) {
      if (this.gone.has(id) || !this.isGone(id)) continue;
      this.gone.add(id);
      this.found += 1;
    }
    for (const id of [...this.gone])
      if (!this.seen.has(id) || !this.isGone(id)) this.gone.delete(id);
    if (this.found > before) this.onFound?.();
  }

  generation(): number {
    return this.found;
  }

  isGone(workerId: string): boolean {
    if (workerId === this.workerId) return false;
    const now = this.now();
    // Our own view must be fresh and old enough to have watched the row for a whole stale span.
    if (now - this.viewAt > this.staleMs) return false;
    const known = this.seen.get(workerId);
    if (known !== undefined && this.ended.has(workerId)) return true;
    if (now - this.firstViewAt < this.staleMs) return false;
    return known !== undefined && now - known.changedAt > this.staleMs;
  }

  hasEnded(workerId: string): boolean {
    return workerId !== this.workerId && this.seen.has(workerId) && this.ended.has(workerId);
  }

  mayAct(): boolean {
    return this.now() - this.ownBeatAt < this.staleMs / 2;
  }
}
