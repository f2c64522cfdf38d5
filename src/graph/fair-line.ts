/**
 * A waiting line shared by many people and served round-robin: each turn goes to the next person
 * who has something waiting, oldest item first, so one person with a hundred items waiting delays
 * another person by at most one item of theirs, not a hundred. Each person may hold at most
 * `maxPerPerson` items; beyond that `push` says no and the caller refuses at once.
 */
export class FairLine<T> {
  /** Items per person; a Map keeps the order in which people are served. */
  private readonly byPerson = new Map<string, T[]>();

  constructor(private readonly maxPerPerson: number) {}

  get size(): number {
    let total = 0;
    for (const items of this.byPerson.values()) total += items.length;
    return total;
  }

  /** Adds an item at the end of its person's line; false when that person's line is full. */
  push(person: string, item: T): boolean {
    const items = this.byPerson.get(person);
    if (!items) {
      this.byPerson.set(person, [item]);
      return true;
    }
    if (items.length >= this.maxPerPerson) return false;
    items.push(item);
    return true;
  }

  /** Puts an item that was taken but not served back at the front of its person's line. */
  putBack(person: string, item: T): void {
    const items = this.byPerson.get(person);
    if (items) items.unshift(item);
    else this.byPerson.set(person, [item]);
  }

  /**
   * The next person's oldest item, plus every other waiting item that `companions(first)`
   * accepts (items the same answer serves, whoever they belong to). The served person goes to
   * the back of the round.
   */
  take(companions?: (first: T) => ((item: T) => boolean) | undefined): T[] {
    const next = this.byPerson.entries().next();
    if (next.done) return [];
    const [person, items] = next.value;
    const first = items.shift() as T;
    this.byPerson.delete(person);
    if (items.length > 0) this.byPerson.set(person, items);
    const alsoTake = companions?.(first);
    if (!alsoTake) return [first];
    const taken = [first];
    for (const [who, waiting] of [...this.byPerson]) {
      const keep = waiting.filter((item) => !alsoTake(item));
      if (keep.length === waiting.length) continue;
      taken.push(...waiting.filter(alsoTake));
      if (keep.length > 0) this.byPerson.set(who, keep);
      else this.byPerson.delete(who);
    }
    return taken;
  }

  /**
   * Turns needed before `item`, were it added now: each turn serves one waiting item with the
   * companions it takes along (counted in line order, an estimate that never comes out short).
   * An item that would ride along with a waiting one needs no turn of its own; it is counted as
   * served on the last of them.
   */
  turnsBefore(item: T, companions?: (first: T) => ((item: T) => boolean) | undefined): number {
    const waiting = [...this.byPerson.values()].flat();
    if (!companions) return waiting.length;
    const takers: ((other: T) => boolean)[] = [];
    for (const other of waiting) {
      if (takers.some((takes) => takes(other))) continue;
      takers.push(companions(other) ?? (() => false));
    }
    return takers.some((takes) => takes(item)) ? takers.length - 1 : takers.length;
  }

  /** Empties the line, returning everything that waited. */
  drain(): T[] {
    const all = [...this.byPerson.values()].flat();
    this.byPerson.clear();
    return all;
  }
}

/** What paces a line: one call per turn (the tenant's token bucket for a Graph limit). */
export interface Pace {
  acquire(): Promise<void>;
  /** How long a caller would wait for a turn with `ahead` more callers in front of it. */
  waitAfter?(ahead: number): number;
  /** The longest a caller may be kept waiting (the wait budget). */
  readonly maxWaitMs?: number;
}

/**
 * Why an item was not queued: its person already has the most items waiting, or its turn would
 * come later than the pace's wait budget allows. `waitMs`: how long it would have waited.
 */
export type Refusal = { reason: 'per-person' | 'budget'; waitMs: number };

/**
 * A FairLine served at a pace: each time `pace` grants a turn, the next person's oldest item
 * (with its companions) is handed to `serve`. Used wherever reads under one of Graph's per-tenant
 * limits wait for a turn (sign-in look-ups, Identity Protection reads), so the budget goes
 * round-robin between the people the reads are about, not first come, first served.
 *
 * Nobody waits past the pace's wait budget: an item whose turn would come later is refused at
 * once (the caller answers "busy, try again in N seconds"), as is one more item for a person who
 * already has `maxPerPerson` waiting.
 */
export class PacedFairLine<T> {
  private readonly line: FairLine<T>;
  private running = false;

  constructor(
    private readonly pace: Pace | undefined,
    maxPerPerson: number,
    private readonly handlers: {
      serve: (items: T[]) => void;
      /** The pace refused (its own wait budget): every waiting item is refused with it. */
      refuse: (items: T[], error: unknown) => void;
      companions?: (first: T) => ((item: T) => boolean) | undefined;
    },
  ) {
    this.line = new FairLine<T>(maxPerPerson);
  }

  get size(): number {
    return this.line.size;
  }

  /** Queues an item for its person, or says why not (then nothing is queued). */
  push(person: string, item: T): Refusal | undefined {
    const waitMs = this.waitFor(item);
    if (waitMs > (this.pace?.maxWaitMs ?? Number.POSITIVE_INFINITY)) {
      return { reason: 'budget', waitMs };
    }
    if (!this.line.push(person, item)) return { reason: 'per-person', waitMs };
    this.start();
    return undefined;
  }

  /** How long `item` would wait for its turn at the pace, were it queued now. */
  private waitFor(item: T): number {
    if (!this.pace?.waitAfter) return 0;
    const turns = this.line.turnsBefore(item, this.handlers.companions);
    // The first turn waiting already holds the line's one place at the pace (granted or queued).
    return this.pace.waitAfter(Math.max(0, turns - 1));
  }

  /** An item taken but not served goes back to the front of its person's line. */
  putBack(person: string, item: T): void {
    this.line.putBack(person, item);
    this.start();
  }

  private start(): void {
    if (!this.running) void this.run();
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.line.size > 0) {
        try {
          await this.pace?.acquire();
        } catch (error) {
          this.handlers.refuse(this.line.drain(), error);
          continue;
        }
        this.handlers.serve(this.line.take(this.handlers.companions));
      }
    } finally {
      this.running = false;
    }
  }
}
