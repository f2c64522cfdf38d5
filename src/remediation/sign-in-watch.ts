import { ConflictError } from '../errors';
import type { SignInQuery, SignInRecord } from '../sign-ins';
import type { RecordStore, StoredRecord } from '../ports';
import type { RemediationRequest, Verification } from './types';

/**
 * The closed-loop check's watches: after a fix succeeds, one stored watch per request for the
 * person's next sign-in to the app that failed, until a bounded window ends. Stored, so a restart
 * or another instance carries on; each check is claimed by compare-and-set, so one instance makes
 * the Graph look-up.
 *
 * Graph limit: sign-in log reads are 5 requests per 10 s per app per tenant (research notes,
 * section 11, from graph-docs concepts/throttling-limits.md). A check run makes at most
 * `lookupsPerRun` look-ups (all due watches of one person share one), and the bot runs checks
 * every `runEveryMs`, so watches use at most lookupsPerRun per runEveryMs of that budget; every
 * look-up also waits for the tenant's shared sign-in token bucket.
 */

export const WATCHES_TABLE = 'SignInWatches';
const PARTITION = 'watch';

export type StoredWatch = {
  requestId: string;
  userId: string;
  appId: string;
  appName: string;
  /** Sign-ins from this instant on count (the fix finished). */
  since: string;
  until: string;
  nextCheckAt: string;
  checks: number;
};

export interface WatchOptions {
  /** How long after the fix a sign-in counts. Default 30 minutes. */
  windowMinutes: number;
  /** Time between look-ups for one watch; the log takes minutes to show a sign-in. Default 2 minutes. */
  checkEveryMs: number;
  /** Look-ups one check run may make. Default 1. */
  lookupsPerRun: number;
  /** Rows read per look-up (newest first). */
  rowsPerLookup: number;
}

export const DEFAULT_WATCH_OPTIONS: WatchOptions = {
  windowMinutes: 30,
  checkEveryMs: 2 * 60_000,
  lookupsPerRun: 1,
  rowsPerLookup: 50,
};

/** How often the bot runs a check; with one look-up a run, watches use 2 of Graph's 5 per 10 s. */
export const WATCH_RUN_EVERY_MS = 5_000;

/** Reads the sign-in log (the diagnosis reader, through the tenant's sign-in queue). */
export interface SignInLookup {
  findSignIns(query: SignInQuery): Promise<SignInRecord[]>;
}

/** What a failure that came back says is still blocking, in plain words (a re-diagnosis). */
export type Recheck = (userId: string, row: SignInRecord) => Promise<string | undefined>;

/** What remediation needs to start a watch when a fix succeeds. */
export interface SignInWatchStarter {
  start(request: RemediationRequest, finishedAt: Date): Promise<Verification | undefined>;
}

export class SignInWatches implements SignInWatchStarter {
  readonly options: WatchOptions;

  constructor(
    private readonly records: RecordStore,
    readonly lookup: SignInLookup,
    options: Partial<WatchOptions> = {},
    readonly recheck?: Recheck,
  ) {
    this.options = { ...DEFAULT_WATCH_OPTIONS, ...options };
  }

  /** Starts watching for the request's person and app; undefined when there is nothing to watch. */
  async start(request: RemediationRequest, finishedAt: Date): Promise<Verification | undefined> {
    const signIn = request.failedSignIn;
    if (signIn === undefined || request.subject.type !== 'user') return undefined;
    const until = new Date(finishedAt.getTime() + this.options.windowMinutes * 60_000);
    const watch: StoredWatch = {
      requestId: request.id,
      userId: request.subject.id,
      appId: signIn.appId,
      appName: signIn.appName,
      since: finishedAt.toISOString(),
      until: until.toISOString(),
      nextCheckAt: new Date(finishedAt.getTime() + this.options.checkEveryMs).toISOString(),
      checks: 0,
    };
    await this.records.upsert(WATCHES_TABLE, keyOf(request.id), watch);
    return { state: 'watching', appName: signIn.appName, until: watch.until };
  }

  /** Watches due now, oldest due first. */
  async due(now: Date): Promise<StoredRecord<StoredWatch>[]> {
    const all = await this.records.list<StoredWatch>(WATCHES_TABLE, PARTITION);
    return all
      .filter((w) => Date.parse(w.value.nextCheckAt) <= now.getTime())
      .sort((a, b) => a.value.nextCheckAt.localeCompare(b.value.nextCheckAt));
  }

  /** Claims a due watch for this run (moves its next check on); false when another run did. */
  async claim(watch: StoredRecord<StoredWatch>, now: Date): Promise<StoredWatch | undefined> {
    const next: StoredWatch = {
      ...watch.value,
      checks: watch.value.checks + 1,
      nextCheckAt: new Date(now.getTime() + this.options.checkEveryMs).toISOString(),
    };
    try {
      await this.records.replace(WATCHES_TABLE, watch.key, next, watch.etag);
      return next;
    } catch (error) {
      if (error instanceof ConflictError) return undefined;
      throw error;
    }
  }

  async end(requestId: string): Promise<void> {
    await this.records.delete(WATCHES_TABLE, keyOf(requestId)).catch(() => undefined);
  }

  async list(): Promise<StoredWatch[]> {
    return (await this.records.list<StoredWatch>(WATCHES_TABLE, PARTITION)).map((w) => w.value);
  }
}

function keyOf(requestId: string) {
  return { partition: PARTITION, row: requestId };
}
