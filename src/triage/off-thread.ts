import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { triage } from './triage';
import type { Triage } from './types';

/**
 * Reads a paste for the message route. Off the event loop when threads are given: triage is pure
 * CPU (a fraction of a millisecond for a chat message, up to ~20 ms for a 1 MB paste), and on its
 * own thread it neither holds other people's turns nor the replies on the way out, and a second
 * core does the reading while the first runs the turn. Whatever goes wrong with a thread (it died,
 * it did not answer in time, too many pastes are waiting), the paste is read on the calling
 * thread instead: a reading is never lost, only slower.
 */
export interface PasteReader {
  read(text: string): Promise<Triage>;
  /** Stops the threads; later reads run on the calling thread. */
  close(): Promise<void>;
}

export interface TriageThreadOptions {
  /** Worker threads; 0 reads on the calling thread. */
  threads: number;
  /** A thread that has not answered in this long is replaced and the paste read here. */
  timeoutMs?: number;
  /** Pastes waiting on threads beyond which a paste is read here instead of queued. */
  maxWaiting?: number;
  /** The worker's script (tests); defaults to thread.js beside this file, or thread.ts under tsx. */
  script?: string;
}

/** One thread per spare core, at most two; none on a single core (nothing to gain). */
export function defaultTriageThreads(cores = availableParallelism()): number {
  return Math.max(0, Math.min(2, cores - 1));
}

/** Reads on the calling thread: the reader when no threads are configured. */
export const onThisThread: PasteReader = {
  read: async (text) => triage(text),
  close: async () => undefined,
};

interface Waiting {
  text: string;
  resolve(result: Triage): void;
  reject(error: unknown): void;
  timer: NodeJS.Timeout;
}

/** Where pastes were read: on a thread, or here after a thread could not. */
export interface PasteTally {
  onThreads: number;
  here: number;
}

/** Reads the paste here: the reading, or triage's own error for the turn to handle. */
function readHere(asked: Waiting, tally: PasteTally): void {
  tally.here++;
  clearTimeout(asked.timer);
  try {
    asked.resolve(triage(asked.text));
  } catch (error) {
    asked.reject(error);
  }
}

interface Answer {
  id: number;
  result?: Triage;
  failed?: boolean;
}

class TriageThread {
  readonly waiting = new Map<number, Waiting>();
  private readonly worker: Worker;
  private nextId = 0;
  alive = true;
  /** Pastes this thread has answered: one that dies before any could not start. */
  answers = 0;

  constructor(
    script: string,
    private readonly timeoutMs: number,
    private readonly tally: PasteTally,
    private readonly onGone: (thread: TriageThread) => void,
  ) {
    // Under tsx (tests, `npm start`) the worker loads TypeScript the same way the process does.
    const execArgv = script.endsWith('.ts') ? ['--require', 'tsx/cjs'] : [];
    this.worker = new Worker(script, { execArgv });
    // An idle thread does not keep the process alive; one holding a paste does (read()).
    this.worker.unref();
    this.worker.on('message', (answer: Answer) => this.answered(answer));
    this.worker.on('error', () => this.gone());
    this.worker.on('exit', () => this.gone());
  }

  read(text: string): Promise<Triage> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      // A thread still starting (loading the model) gets longer for its first answer.
      const timer = setTimeout(() => this.late(), this.timeoutMs * (this.answers === 0 ? 6 : 1));
      timer.unref();
      if (this.waiting.size === 0) this.worker.ref();
      this.waiting.set(id, { text, resolve, reject, timer });
      this.worker.postMessage({ id, text });
    });
  }

  private answered({ id, result, failed }: Answer): void {
    const asked = this.waiting.get(id);
    if (asked === undefined) return;
    this.waiting.delete(id);
    if (this.waiting.size === 0) this.worker.unref();
    this.answers++;
    if (failed === true || result === undefined) {
      readHere(asked, this.tally);
      return;
    }
    this.tally.onThreads++;
    clearTimeout(asked.timer);
    asked.resolve(result);
  }

  /** A paste the thread has held too long: the thread is stuck; its pastes are read here. */
  private late(): void {
    this.gone();
    void this.worker.terminate();
  }

  /** The thread stopped: every paste it held is read here, and the pool stops using it. */
  gone(): void {
    if (!this.alive) return;
    this.alive = false;
    this.onGone(this);
    const held = [...this.waiting.values()];
    this.waiting.clear();
    for (const asked of held) readHere(asked, this.tally);
  }

  async stop(): Promise<void> {
    this.gone();
    await this.worker.terminate();
  }
}

/** A small pool of triage threads; a thread that dies is replaced at the next read. */
export class TriageThreads implements PasteReader {
  private readonly threads: TriageThread[] = [];
  private readonly script: string;
  private readonly timeoutMs: number;
  private readonly maxWaiting: number;
  private closed = false;
  /** Threads in a row that stopped before answering anything: after three, none are started. */
  private stillborn = 0;
  private readonly tally: PasteTally = { onThreads: 0, here: 0 };
  private started = 0;

  constructor(private readonly options: TriageThreadOptions) {
    this.script = options.script ?? defaultScript();
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.maxWaiting = options.maxWaiting ?? 1_000;
  }

  private start(): void {
    this.started++;
    this.threads.push(
      new TriageThread(this.script, this.timeoutMs, this.tally, (gone) => {
        const at = this.threads.indexOf(gone);
        if (at >= 0) this.threads.splice(at, 1);
        this.stillborn = gone.answers === 0 ? this.stillborn + 1 : 0;
      }),
    );
  }

  async read(text: string): Promise<Triage> {
    if (this.closed) return this.here(text);
    while (this.threads.length < this.options.threads && this.stillborn < 3) this.start();
    let least: TriageThread | undefined;
    let waiting = 0;
    for (const thread of this.threads) {
      waiting += thread.waiting.size;
      if (least === undefined || thread.waiting.size < least.waiting.size) least = thread;
    }
    if (least === undefined || waiting >= this.maxWaiting) return this.here(text);
    return least.read(text);
  }

  private here(text: string): Triage {
    this.tally.here++;
    return triage(text);
  }

  /** Pastes read so far on the threads and here, the threads running now and ever started. */
  stats(): PasteTally & { threads: number; started: number } {
    return { ...this.tally, threads: this.threads.length, started: this.started };
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.map((t) => t.stop()));
    this.threads.length = 0;
  }
}

function defaultScript(): string {
  const compiled = join(__dirname, 'thread.js');
  return existsSync(compiled) ? compiled : join(__dirname, 'thread.ts');
}

const shared = new Map<number, TriageThreads>();

/**
 * The process's reader for a number of threads (0: this thread). One pool per process however
 * many bots are composed in it (tests compose many); its threads start at the first paste and do
 * not keep the process alive.
 */
export function pasteReader(threads: number): PasteReader {
  if (threads <= 0) return onThisThread;
  let pool = shared.get(threads);
  if (pool === undefined) {
    pool = new TriageThreads({ threads });
    shared.set(threads, pool);
  }
  return pool;
}
