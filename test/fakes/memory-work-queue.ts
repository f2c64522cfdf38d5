/**
 * In-memory WorkQueue for domain unit tests, with the contract of QueueWorkQueue (same contract
 * suite): bodies round-trip through the same JSON rules and size limit, a received message is
 * hidden for the visibility timeout and then redelivered with a new popReceipt and a higher
 * dequeueCount, and deleting with a popReceipt that is no longer current is a ConflictError.
 * Time comes from the clock passed in, so a sinon fake clock (or a hand-moved one) drives it.
 * Messages expire after seven days, as the service's default time-to-live.
 */
import { ConflictError, StoreUnavailableError } from '../../src/errors';
import { systemClock, type Clock, type QueueMessage, type WorkQueue } from '../../src/ports';
import {
  checkReceive,
  checkSeconds,
  decodeMessage,
  encodeMessage,
  queueName,
} from '../../src/storage/queue-rules';

const TIME_TO_LIVE_MS = 7 * 24 * 60 * 60 * 1000;

interface Held {
  id: string;
  text: string;
  visibleAt: number;
  expiresAt: number;
  dequeueCount: number;
  popReceipt: string;
}

export class MemoryWorkQueue<T> implements WorkQueue<T> {
  private readonly messages: Held[] = [];
  private counter = 0;
  private outage = false;
  readonly name: string;

  constructor(
    name = 'work',
    private readonly clock: Clock = systemClock,
  ) {
    this.name = queueName('', name);
  }

  /** While on, every operation throws StoreUnavailableError. */
  simulateOutage(on: boolean): void {
    this.outage = on;
  }

  /** Messages not yet deleted or expired, visible or not; for assertions. */
  get depth(): number {
    const now = this.now();
    return this.messages.filter((m) => m.expiresAt > now).length;
  }

  async send(body: T, options: { visibilityDelaySeconds?: number } = {}): Promise<void> {
    const { text } = encodeMessage(body);
    const delay = options.visibilityDelaySeconds ?? 0;
    checkSeconds('visibility delay', delay, 0);
    this.checkReachable();
    const now = this.now();
    this.messages.push({
      id: this.nextId('message'),
      text,
      visibleAt: now + delay * 1000,
      expiresAt: now + TIME_TO_LIVE_MS,
      dequeueCount: 0,
      popReceipt: '',
    });
  }

  async receive(max: number, visibilityTimeoutSeconds: number): Promise<QueueMessage<T>[]> {
    checkReceive(max, visibilityTimeoutSeconds);
    this.checkReachable();
    const now = this.now();
    this.dropExpired(now);
    const due = this.messages.filter((m) => m.visibleAt <= now).slice(0, max);
    return due.map((held) => {
      held.visibleAt = now + visibilityTimeoutSeconds * 1000;
      held.dequeueCount += 1;
      held.popReceipt = this.nextId('receipt');
      const body = decodeMessage(held.text) as T;
      return { id: held.id, popReceipt: held.popReceipt, dequeueCount: held.dequeueCount, body };
    });
  }

  async delete(message: QueueMessage<T>): Promise<void> {
    this.checkReachable();
    const at = this.messages.findIndex((m) => m.id === message.id);
    if (at < 0 || this.messages[at].popReceipt !== message.popReceipt) {
      throw new ConflictError(
        `message ${message.id} is no longer held by this receiver (visibility timeout passed)`,
      );
    }
    this.messages.splice(at, 1);
  }

  async ping(): Promise<void> {
    this.checkReachable();
  }

  private dropExpired(now: number): void {
    for (let i = this.messages.length - 1; i >= 0; i -= 1) {
      if (this.messages[i].expiresAt <= now) this.messages.splice(i, 1);
    }
  }

  private nextId(kind: string): string {
    this.counter += 1;
    return `${kind}-${this.counter}`;
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  private checkReachable(): void {
    if (this.outage) throw new StoreUnavailableError(`memory queue ${this.name}: simulated outage`);
  }
}
