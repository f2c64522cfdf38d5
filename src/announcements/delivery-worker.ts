/**
 * A queue consumer: any number of them, in any number of processes, share one queue.
 *
 * It keeps a small backlog of recipients (a few seconds' worth at the current rate, so messages
 * are not held much longer than that) and works through it with a fixed number of lanes; the
 * rate limiter, not the lane count, sets the pace. A queue message is deleted only when every
 * recipient in it is final or handed to a newer message; anything else (another worker holds
 * the claim, storage failed) leaves it to come back after its visibility timeout. A message that
 * carries its rows has them claimed in one transaction before they join the backlog; claims
 * still unused when the worker stops are given back.
 *
 * Over 300 lines on purpose: the receive loop, the lanes and the per-message bookkeeping share
 * the backlog and the envelopes, and a change to one of them is a change to the others.
 */
import { setMaxListeners } from 'node:events';
import type { Clock, QueueMessage, StoredRecord, WorkQueue } from '../ports';
import type { AnnouncementStore } from './announcement-store';
import type { AudienceExpander } from './audience-expansion';
import { sleep, StoppedError, type DeliveryLimiter } from './delivery-limiter';
import type { AnnouncementNotifier, MessageComposer, OutboundMessage } from './ports';
import type { PromptReports } from './prompt-reports';
import type { RecipientDelivery, TaskResult } from './recipient-delivery';
import type { AnnouncementRecord, DeliveryMessage, RecipientRecord } from './types';

export interface WorkerOptions {
  /** Recipients processed at once (each mostly waits for the limiter or the network). */
  concurrency?: number;
  /** Seconds a received message stays hidden from other workers. */
  visibilitySeconds?: number;
  /** Backlog kept, in seconds of sending at the current rate. */
  backlogSeconds?: number;
  /** Wait between polls of an empty queue (doubles up to `maxIdleMs`). */
  idleMs?: number;
  maxIdleMs?: number;
  /** How long an announcement read stays fresh (its cancel is seen within this). */
  announcementTtlMs?: number;
  /** Recipients a delivery message is expected to carry, until messages have been seen. */
  recipientsPerMessage?: number;
}

interface Envelope {
  message: QueueMessage<DeliveryMessage>;
  pending: number;
  keep: boolean;
}

type Task =
  | {
      kind: 'recipient';
      announcementId: string;
      key: string;
      envelope: Envelope;
      /** Claimed with the rest of its message in one transaction (see claimAll). */
      claimed?: StoredRecord<RecipientRecord>;
    }
  | { kind: 'notice'; announcementId: string; reportId: string; envelope: Envelope };

export interface WorkerDeps {
  queue: WorkQueue<DeliveryMessage>;
  store: AnnouncementStore;
  delivery: RecipientDelivery;
  expander: AudienceExpander;
  reports: PromptReports;
  notifier: AnnouncementNotifier;
  limiter: DeliveryLimiter;
  compose: MessageComposer;
  clock: Clock;
  /**
   * Told after each receive whether this worker has work, for the cluster's rate split, and
   * whether the receive found the queue empty (queue-end-watch.ts).
   */
  onBusy?: (busy: boolean, queueEmpty: boolean) => void;
  /**
   * The rate the backlog is sized by: this process's fair share of the app rate, counting every
   * live process (default: the limiter's rate). A process alone at the start may use the whole
   * rate, but taking the whole rate's worth of queued work would leave the next one idle.
   */
  backlogRate?: () => number;
  /**
   * Settles once this process may claim (its first heartbeat is written, see cluster.ts). The
   * first receive and announcement read go out before; what they bring waits for it.
   */
  ready?: Promise<unknown>;
  log?: (line: string) => void;
}

export class DeliveryWorker {
  private readonly options: Required<WorkerOptions>;
  private readonly backlog: Task[] = [];
  private readonly waiting: (() => void)[] = [];
  private readonly abort = new AbortController();
  /** One read per announcement at a time: the messages of one receive share it. */
  private readonly cache = new Map<
    string,
    { at: number; record: Promise<AnnouncementRecord | undefined> }
  >();
  private readonly messages = new Map<string, Promise<OutboundMessage>>();
  private readonly jobs = new Set<Promise<unknown>>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private loops: Promise<void>[] = [];
  private wakeReceive?: () => void;
  private inFlight = 0;
  /** Recipients per delivery message lately, to receive about as many as there is room for. */
  private perMessage: number;
  /** Recipients of received messages whose claim transaction is under way (not in the backlog yet). */
  private claiming = 0;

  constructor(
    private readonly deps: WorkerDeps,
    options: WorkerOptions = {},
  ) {
    this.options = {
      // Lanes mostly wait (limiter, network, storage). More lanes keep the pace fed when storage
      // is slow, but every lane adds requests in flight to the store, which lengthens the outcome
      // write, which is the window in which a crash leaves a delivered message in doubt.
      concurrency: options.concurrency ?? 16,
      // Short enough that the messages a dead process held come back soon (what it had claimed
      // is taken over as soon as its heartbeat is known to have stopped), long enough for a
      // backlog of `backlogSeconds` with a few retries in it.
      visibilitySeconds: options.visibilitySeconds ?? 15,
      backlogSeconds: options.backlogSeconds ?? 3,
      // An idle worker looks four times a second: the first sends of a new announcement should
      // not wait for a long poll interval (four receives a second cost little, see README).
      idleMs: options.idleMs ?? 100,
      maxIdleMs: options.maxIdleMs ?? 250,
      announcementTtlMs: options.announcementTtlMs ?? 2_000,
      recipientsPerMessage: options.recipientsPerMessage ?? 50,
    };
    this.perMessage = this.options.recipientsPerMessage;
    // Every lane waiting on the limiter listens for the stop signal.
    setMaxListeners(this.options.concurrency + 16, this.abort.signal);
  }

  start(): void {
    this.loops = [
      this.receiveLoop(),
      ...Array.from({ length: this.options.concurrency }, () => this.lane()),
    ];
  }

  /**
   * Stops taking work and waits for recipients being sent to be recorded. Messages still in the
   * backlog are left alone: they come back to a worker after their visibility timeout.
   */
  async stop(): Promise<void> {
    this.abort.abort();
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    for (const wake of this.waiting.splice(0)) wake();
    await Promise.all(this.loops);
    await Promise.all([...this.jobs]);
    // Claims made for the whole message and never used go back, so nobody waits for them.
    const unused = this.backlog.splice(0);
    for (const task of unused) {
      if (task.kind === 'recipient' && task.claimed) {
        await this.deps.delivery.unclaim(task.announcementId, task.claimed).catch(() => undefined);
      }
    }
  }

  /** What the worker holds right now (diagnostics: a benchmark prints it when a run stalls). */
  snapshot(): Record<string, number> {
    return {
      backlog: this.backlog.length,
      inFlight: this.inFlight,
      idleLanes: this.waiting.length,
      retryTimers: this.retryTimers.size,
      jobs: this.jobs.size,
      perMessage: this.perMessage,
    };
  }

  private get stopping(): boolean {
    return this.abort.signal.aborted;
  }

  private async receiveLoop(): Promise<void> {
    let idle = this.options.idleMs;
    while (!this.stopping) {
      const target = Math.max(
        this.options.concurrency,
        // By the fair share, not the limiter's rate now: an idle process keeps only a trickle
        // until its heartbeat claims a share (rate-share.ts), which its first message triggers.
        Math.ceil(
          (this.deps.backlogRate?.() ?? this.deps.limiter.rate) * this.options.backlogSeconds,
        ),
      );
      // Recipients being claimed count: a receive while the claims of the last one are under
      // way (a restart's first, slow ones) must not take the queue's work many times over.
      const room = target - this.backlog.length - this.claiming;
      if (room <= 0) {
        await this.pause(50);
        continue;
      }
      let received: QueueMessage<DeliveryMessage>[] = [];
      try {
        received = await this.deps.queue.receive(
          Math.min(32, Math.max(1, Math.floor(room / this.perMessage))),
          this.options.visibilitySeconds,
        );
      } catch (error) {
        this.deps.log?.(`[announce] receive failed: ${describe(error)}`);
      }
      // Recipients waiting out a Retry-After are work too: their retry needs a share of the rate.
      this.deps.onBusy?.(
        received.length > 0 ||
          this.backlog.length > 0 ||
          this.inFlight > 0 ||
          this.retryTimers.size > 0 ||
          this.jobs.size > 0,
        received.length === 0,
      );
      if (received.length === 0) {
        const started = this.deps.clock.now().getTime();
        await this.pause(idle);
        // A nudge means work was just queued: look again soon, not after a long idle wait.
        const nudged = this.deps.clock.now().getTime() - started < idle - 1;
        idle = nudged ? this.options.idleMs : Math.min(this.options.maxIdleMs, idle * 2);
        continue;
      }
      idle = this.options.idleMs;
      for (const message of received) this.accept(message);
    }
  }

  private accept(message: QueueMessage<DeliveryMessage>): void {
    const body = message.body;
    const envelope: Envelope = { message, pending: 0, keep: false };
    const ready = this.deps.ready ?? Promise.resolve();
    if (body.kind === 'expand') {
      this.track(
        ready
          .then(() => this.deps.expander.expand(body.announcementId))
          .then(
            () => this.remove(message),
            (error: unknown) =>
              this.deps.log?.(
                `[announce] ${body.announcementId}: listing failed: ${describe(error)}`,
              ),
          ),
      );
      return;
    }
    if (body.kind === 'deliver' && body.recipients.length > 0) {
      this.perMessage = Math.max(1, Math.round((this.perMessage * 3 + body.recipients.length) / 4));
    }
    if (body.kind === 'deliver' && body.rows && body.recipients.length > 0) {
      // Claim the whole message in one transaction before its recipients join the backlog.
      // The announcement is read while this process's first heartbeat may still be on its way.
      const rows = body.rows;
      const count = body.recipients.length;
      this.claiming += count;
      this.track(
        Promise.all([this.announcement(body.announcementId), ready])
          .then(([announcement]) =>
            announcement
              ? this.deps.delivery.claimAll(announcement, body.recipients, rows)
              : new Map<string, StoredRecord<RecipientRecord>>(),
          )
          .catch(() => new Map<string, StoredRecord<RecipientRecord>>())
          .then((claimed) => {
            this.claiming -= count;
            this.enqueue(body, envelope, claimed);
          }),
      );
      return;
    }
    this.track(ready.then(() => this.enqueue(body, envelope, new Map())));
  }

  private enqueue(
    body: Exclude<DeliveryMessage, { kind: 'expand' }>,
    envelope: Envelope,
    claimed: Map<string, StoredRecord<RecipientRecord>>,
  ): void {
    const tasks: Task[] =
      body.kind === 'deliver'
        ? body.recipients.map((key) => ({
            kind: 'recipient',
            announcementId: body.announcementId,
            key,
            envelope,
            claimed: claimed.get(key),
          }))
        : [
            {
              kind: 'notice',
              announcementId: body.announcementId,
              reportId: body.reportId,
              envelope,
            },
          ];
    envelope.pending = tasks.length;
    if (tasks.length === 0) {
      this.track(this.remove(envelope.message));
      return;
    }
    this.backlog.push(...tasks);
    for (const wake of this.waiting.splice(0, tasks.length)) wake();
  }

  private async lane(): Promise<void> {
    while (!this.stopping) {
      const task = this.backlog.shift();
      if (!task) {
        await new Promise<void>((resolve) => this.waiting.push(resolve));
        continue;
      }
      this.inFlight += 1;
      let result: TaskResult;
      try {
        result = await this.run(task);
      } catch (error) {
        if (!(error instanceof StoppedError)) {
          this.deps.log?.(`[announce] ${task.announcementId}: ${describe(error)}`);
        }
        result = 'retry-later';
      } finally {
        this.inFlight -= 1;
      }
      if (typeof result === 'object') this.retryLater(task, result.retryInMs);
      else await this.complete(task.envelope, result);
    }
  }

  /** Puts a task back in front of the backlog after a short wait; its message stays held. */
  private retryLater(task: Task, delayMs: number): void {
    // The claim was spent: the next attempt reads the row again.
    const next: Task = task.kind === 'recipient' ? { ...task, claimed: undefined } : task;
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      if (this.stopping) return;
      this.backlog.unshift(next);
      this.waiting.shift()?.();
    }, delayMs);
    this.retryTimers.add(timer);
  }

  private async run(task: Task): Promise<TaskResult> {
    const signal = this.abort.signal;
    if (task.kind === 'notice') {
      return this.deps.reports.deliverNotice(
        task.announcementId,
        task.reportId,
        this.deps.notifier,
        this.deps.limiter,
        signal,
      );
    }
    const announcement = await this.announcement(task.announcementId);
    if (!announcement) return 'done';
    return this.deps.delivery.deliver(
      announcement,
      await this.message(announcement),
      task.key,
      signal,
      task.claimed,
    );
  }

  private async complete(envelope: Envelope, result: Exclude<TaskResult, object>): Promise<void> {
    if (result !== 'done') envelope.keep = true;
    envelope.pending -= 1;
    if (envelope.pending === 0 && !envelope.keep) await this.remove(envelope.message);
  }

  private async remove(message: QueueMessage<DeliveryMessage>): Promise<void> {
    try {
      await this.deps.queue.delete(message);
    } catch (error) {
      // The visibility timeout passed and another worker holds it now: it will find the work done.
      this.deps.log?.(`[announce] could not delete message ${message.id}: ${describe(error)}`);
    }
  }

  private announcement(id: string): Promise<AnnouncementRecord | undefined> {
    const now = this.deps.clock.now().getTime();
    const cached = this.cache.get(id);
    if (cached && now - cached.at < this.options.announcementTtlMs) return cached.record;
    const record = this.deps.store.get(id).then((stored) => stored?.value);
    this.cache.set(id, { at: now, record });
    // A failed read is not kept: the next caller reads again.
    record.catch(() => {
      if (this.cache.get(id)?.record === record) this.cache.delete(id);
    });
    return record;
  }

  /**
   * The recipient's message: as rendered when the author confirmed, else (an announcement
   * confirmed before it was stored) built once per announcement here (again after a failure).
   */
  private message(announcement: AnnouncementRecord): Promise<OutboundMessage> {
    if (announcement.message) return Promise.resolve(announcement.message);
    let message = this.messages.get(announcement.id);
    if (!message) {
      message = (async () => this.deps.compose(announcement))();
      message.catch(() => this.messages.delete(announcement.id));
      this.messages.set(announcement.id, message);
    }
    return message;
  }

  private track(job: Promise<unknown>): void {
    this.jobs.add(job);
    void job.finally(() => this.jobs.delete(job));
  }

  /**
   * Cuts an idle receive loop's wait short: something in this process just queued messages
   * (the expansion of a new announcement), so its first sends need not wait for the next poll.
   */
  nudge(): void {
    this.wakeReceive?.();
  }

  private async pause(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      this.wakeReceive = resolve;
      void sleep(ms, this.abort.signal)
        .catch(() => undefined)
        .then(resolve);
    });
    this.wakeReceive = undefined;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
