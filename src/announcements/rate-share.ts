/**
 * How worker processes split the app's rate so that together they never use more than it, while
 * a process with work gets the share an idle one leaves.
 *
 * Each process publishes, in its heartbeat row, a `claim`: the most it may be sending at. The rate
 * it really uses never exceeds its claim as stored:
 * - to raise its rate, a process first writes the higher claim, then reads every row, and raises
 *   only as far as the others' claims leave room. Two processes raising at once each write before
 *   they read, so at least one of them sees the other's new claim and stays within what is left;
 * - to lower it, a process lowers the rate it uses first and writes the lower claim after (its
 *   own sliding-second check at the moment each request leaves keeps the sends already paced from
 *   bunching, see DeliveryLimiter.admit).
 * A process's target is the app rate divided among the processes that have work (itself
 * included), less what the idle ones keep, in whole requests per second. An idle process keeps a trickle (`idleRate`) for the
 * progress card, the final report and notices, not a share: a process that gets work writes a
 * claim at once and the busy ones make room at their next heartbeat.
 *
 * A claim counts while its row is younger than `claimTtlMs` on this process's clock (hosts' clocks
 * are assumed to agree to well within that): a process that died stops holding its share within
 * that time, long before it is called gone for taking over its recipients (worker-liveness.ts,
 * which trusts no other clock). Rows written before claims existed count as a fair share.
 *
 * A row written on the same machine (`machine`, e.g. the App Service instance) was timed by this
 * process's own clock, so no allowance for skew is needed: its claim counts for the shorter
 * `sameMachineTtlMs`. A process restarted in place after a crash then gets the whole rate back
 * about as soon as it is up, instead of waiting out its dead predecessor's claim. The contract
 * is the same as across machines: a process with a peer on its machine falls back to its trickle
 * when it could not beat for most of that span (ClusterCoordinator).
 *
 * A row whose writer is known to have ended (`ended`: the operating system says its process is
 * gone, local-processes.ts) counts for nothing at once: a process that has ended sends nothing
 * more, as if it had lowered its claim to 0 before it died, so the rates in use still never add
 * up to more than the app's. A restart in place then has the whole rate as soon as it is up.
 */

export interface ShareRow {
  id: string;
  /** When the process wrote the row, on its own clock. */
  at: number;
  busy: boolean;
  claim?: number;
  /** The machine the process runs on, when it said (older rows do not). */
  machine?: string;
  /** The reader knows the writer's process has ended (never set from what the row says). */
  ended?: boolean;
}

export interface RateShareOptions {
  /** The whole app's rate, shared by every process. */
  totalRatePerSecond: number;
  /** How long a claim counts after its row was written. */
  claimTtlMs: number;
  /** What an idle process keeps for its own few requests (progress, reports, notices). */
  idleRate?: number;
  /** This process's machine; rows from it count for `sameMachineTtlMs` (default `claimTtlMs`). */
  machine?: string;
  sameMachineTtlMs?: number;
}

export class RateShare {
  private readonly total: number;
  private readonly idleRate: number;
  private current = 0;
  /** The claim written by the last heartbeat: a raise never goes past it. */
  private written = 0;
  private others: ShareRow[] = [];

  constructor(
    private readonly selfId: string,
    private readonly options: RateShareOptions,
  ) {
    this.total = options.totalRatePerSecond;
    this.idleRate = Math.min(options.idleRate ?? 1, this.total);
  }

  /** What an idle process keeps; also the rate to start from, before the first heartbeat. */
  get trickle(): number {
    return this.idleRate;
  }

  /** The rate this process may use now. */
  get rate(): number {
    return this.current;
  }

  /** The rate this process aims at, from the last rows read. */
  target(busy: boolean, now: number): number {
    const live = this.live(now);
    // Alone, a process keeps the whole rate, busy or not: nothing to share, nothing to flip.
    if (!busy) return live.length === 0 ? this.total : this.idleRate;
    const busyIds = live.filter((r) => r.busy).map((r) => r.id);
    const idleKept = live
      .filter((r) => !r.busy)
      .reduce((sum, r) => sum + Math.min(this.claimOf(r, live.length + 1), this.idleRate), 0);
    // Whole requests per second each: the limiter's sliding second counts whole requests, so a
    // share of 24.5 could only use 24 of them. The remainder goes to the first ids in order.
    const left = Math.floor(this.total - idleKept + 1e-9);
    const sharing = busyIds.length + 1;
    const rank = [...busyIds, this.selfId].sort().indexOf(this.selfId);
    const share = Math.floor(left / sharing) + (rank < left % sharing ? 1 : 0);
    return Math.max(this.idleRate, share);
  }

  /**
   * Before writing the heartbeat: lowers the rate at once when the target is below it, and
   * returns the claim to write (the target when raising, so others see it before we use it).
   */
  beforeWrite(busy: boolean, now: number): number {
    const target = this.target(busy, now);
    if (target < this.current) this.current = target;
    this.written = Math.max(this.current, target);
    return this.written;
  }

  /**
   * After reading every row (our own write included, which came first): raises towards the
   * target as far as the others' claims leave room; never lowers below the target because of
   * them (a claim another process could not use yet is no reason to give way). Returns the rate.
   */
  afterRead(rows: readonly ShareRow[], busy: boolean, now: number): number {
    this.others = rows.filter((r) => r.id !== this.selfId);
    const target = this.target(busy, now);
    if (target <= this.current) {
      this.current = target;
      return this.current;
    }
    const live = this.live(now);
    const taken = live.reduce((sum, r) => sum + this.claimOf(r, live.length + 1), 0);
    const room = this.total - taken;
    this.current = Math.max(this.current, Math.min(target, room, this.written));
    return this.current;
  }

  /**
   * Processes the operating system has just said have ended (between two reads of the rows):
   * their claims count for nothing from now on, so the next claim written can take their share.
   */
  markEnded(ids: readonly string[]): void {
    this.others = this.others.map((r) => (ids.includes(r.id) ? { ...r, ended: true } : r));
  }

  /**
   * Our own heartbeat could not be written for a while: others will stop counting our claim, so
   * keep only the trickle. Alone (nobody seen in the last read) there is nobody to make room for.
   */
  fallBack(now: number): number {
    if (this.live(now).length > 0) this.current = Math.min(this.current, this.idleRate);
    return this.current;
  }

  /**
   * Whether another heartbeat soon is worth it: the last raise stopped short of the target, or
   * the rate was lowered after the claim was written (the others should see the lower claim).
   */
  unsettled(busy: boolean, now: number): boolean {
    return this.current < this.target(busy, now) - 1e-9 || this.written > this.current + 1e-9;
  }

  /** Whether a process on this machine counted in the last read (it judges our row sooner). */
  hasMachinePeers(now: number): boolean {
    return this.live(now).some((r) => this.sameMachine(r));
  }

  /** Whether a row's claim is young enough to count at `now`, ended or not. */
  wouldCount(row: ShareRow, now: number): boolean {
    return now - row.at < this.ttlOf(row);
  }

  private live(now: number): ShareRow[] {
    return this.others.filter((r) => !r.ended && now - r.at < this.ttlOf(r));
  }

  private sameMachine(row: ShareRow): boolean {
    return this.options.machine !== undefined && row.machine === this.options.machine;
  }

  private ttlOf(row: ShareRow): number {
    return this.sameMachine(row)
      ? (this.options.sameMachineTtlMs ?? this.options.claimTtlMs)
      : this.options.claimTtlMs;
  }

  private claimOf(row: ShareRow, processes: number): number {
    return row.claim ?? this.total / processes;
  }
}
