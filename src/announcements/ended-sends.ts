/**
 * What a process that has ended may still have in the channel's sliding second.
 *
 * The channel counts the app's requests in a sliding second, whoever sent them. When a process
 * ends (local-processes.ts), its claim on the rate stops counting at once (rate-share.ts), and the
 * process that takes its share over would send its whole rate on top of the dead one's requests of
 * its last second: the channel answers the excess with 429s, and a burst of them pauses the app
 * for their Retry-After (a second or more). So the taker-over counts the dead process's last
 * requests in its own sliding second (DeliveryLimiter.countForeign) before it raises its rate.
 *
 * What it knows of them: each heartbeat row carries the send times of the writer's last second
 * (`sent`, milliseconds before the row's `at`). Sends after `at` are not in the row, but they are
 * bounded: every send a process makes passes its own sliding-second check, whose limit is at most
 * the claim in its last row (a process raises its rate only after writing the higher claim). So
 * the requests it made in any sliding second ending at its death number at most `claim`; those of
 * the row still inside the second count where they were sent, and the rest (at most `claim` less
 * those) are counted as sent at the moment the death was learned, the latest they could have been
 * sent: they leave the second no earlier than the real ones did. Nothing else is assumed.
 *
 * A row without `sent` (written before rows carried it) counts as `claim` requests at that moment.
 *
 * A live peer that lowered its rate (it ran out of work, or another process got some) leaves the
 * same kind of trace: it lowers before it writes the lower claim, so from its row on it sends no
 * more than the claim in any second, counting its own requests of the second before (its check
 * counts them), but those earlier requests were made under the higher claim and are still in the
 * channel's count. Taking the claim over at once (the others raise as soon as they read the row)
 * put both into the same second: the raiser's lanes that had waited at its check all left at
 * once, on top of the lowered peer's last second (app-rate 429s at the end of every two-process
 * run). So the raiser also counts the oldest of the row's requests beyond the claim, at their
 * times: in any later second their count is exactly how far the lowered peer may be over its
 * claim there, as the oldest leave the second first.
 */
import type { DeliveryLimiter } from './delivery-limiter';
import type { LocalProcesses, SendLogs } from './local-processes';
import type { ShareRow } from './rate-share';

export interface EndedRow {
  /** When the row was written, on the writer's clock (the same machine as the reader's). */
  at: number;
  claim?: number;
  /** Milliseconds before `at` of each request the writer sent in the sliding second before it. */
  sent?: readonly number[];
}

/**
 * Send times to count, as if this process had made them, for a peer that ended and whose last
 * row is `row`, learned at `learnedAt`. `windowMs` is the sliding second the limiter counts;
 * `fallbackClaim` stands for a row without a claim.
 */
export function endedPeerSends(
  row: EndedRow,
  learnedAt: number,
  windowMs: number,
  fallbackClaim: number,
): number[] {
  const claim = Math.max(0, Math.floor((row.claim ?? fallbackClaim) + 1e-9));
  const recorded = (row.sent ?? [])
    .map((ago) => row.at - ago)
    .filter((t) => t > learnedAt - windowMs && t <= row.at)
    .sort((a, b) => a - b);
  const unrecorded = row.sent === undefined ? claim : Math.max(0, claim - recorded.length);
  return [...recorded, ...new Array<number>(unrecorded).fill(learnedAt)];
}

/**
 * The requests of a live peer's row beyond its claim, still in the second at `now`: the oldest
 * `recorded - claim` of them (see above). A row without `sent` or `claim` gives none.
 */
export function sendsBeyondClaim(row: EndedRow, now: number, windowMs: number): number[] {
  if (row.sent === undefined || row.claim === undefined) return [];
  const claim = Math.max(0, Math.floor(row.claim + 1e-9));
  const recorded = row.sent
    .map((ago) => row.at - ago)
    .filter((t) => t > now - windowMs && t <= row.at)
    .sort((a, b) => a - b);
  return recorded.slice(0, Math.max(0, recorded.length - claim));
}

/**
 * Both sides, for one process: logs this process's requests as the limiter counts them (when the
 * system keeps send logs, send-log.ts), and counts in the limiter, once, the last requests of a
 * peer first known to have ended at a read of the rows: from its send log when it left one here
 * (every request up to its death, so nothing is assumed), else from its row as above. A row older
 * than its claim span is taken to send nothing already (rate-share.ts) and counts for nothing.
 */
export class EndedPeerSends {
  private readonly counted = new Set<string>();
  /** Per live peer: the latest of its requests beyond a claim counted, and how many at that time. */
  private readonly beyond = new Map<string, { upTo: number; atUpTo: number }>();
  private readonly selfId: string;
  private readonly log?: { record(at: number): void; close(): void };
  private readonly logs?: SendLogs;
  private readonly fallbackClaim: number;

  constructor(
    private readonly limiter: DeliveryLimiter,
    private readonly share: { wouldCount(row: ShareRow, now: number): boolean },
    options: { workerId: string; totalRatePerSecond: number; processes?: LocalProcesses },
  ) {
    // Logs only where a peer can tell this process has ended (the same system).
    this.logs = options.processes?.self() ? options.processes.sendLogs : undefined;
    this.fallbackClaim = options.totalRatePerSecond;
    this.selfId = options.workerId;
    const log = this.logs?.open(options.workerId);
    if (log) limiter.onCount((at) => log.record(at));
    this.log = log;
  }

  /** After a read of every row; `ended` is set on those whose writers are known to have ended. */
  count(rows: readonly (EndedRow & ShareRow)[], now: number): void {
    for (const row of rows) {
      if (!row.ended) {
        if (row.id !== this.selfId) this.countBeyondClaim(row, now);
        continue;
      }
      if (this.counted.has(row.id)) continue;
      this.counted.add(row.id);
      const logged = this.logs?.take(row.id);
      if (!this.share.wouldCount(row, now)) continue;
      const windowMs = this.limiter.windowSpanMs;
      this.limiter.countForeign(
        logged
          ? logged.filter((t) => t > now - windowMs)
          : endedPeerSends(row, now, windowMs, this.fallbackClaim),
      );
    }
  }

  /**
   * A live peer's requests beyond its claim, each once over every read (a later row holds many
   * of the earlier one's): only those after the latest already counted.
   */
  private countBeyondClaim(row: EndedRow & ShareRow, now: number): void {
    const times = sendsBeyondClaim(row, now, this.limiter.windowSpanMs);
    if (times.length === 0) return;
    const seen = this.beyond.get(row.id) ?? { upTo: Number.NEGATIVE_INFINITY, atUpTo: 0 };
    let sameTime = 0;
    const fresh = times.filter((t) => {
      if (t > seen.upTo) return true;
      if (t < seen.upTo) return false;
      sameTime += 1;
      return sameTime > seen.atUpTo;
    });
    if (fresh.length === 0) return;
    const upTo = times[times.length - 1];
    const atUpTo = times.filter((t) => t === upTo).length;
    this.beyond.set(row.id, {
      upTo,
      atUpTo: upTo === seen.upTo ? Math.max(atUpTo, seen.atUpTo) : atUpTo,
    });
    this.limiter.countForeign(fresh);
  }

  close(): void {
    this.log?.close();
  }
}
