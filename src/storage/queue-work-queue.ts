/**
 * WorkQueue on Azure Queue storage. At-least-once: a received message is hidden for the
 * visibility timeout and comes back (dequeueCount + 1, new popReceipt) unless deleted first.
 * Deleting with a popReceipt that is no longer current means another receiver now holds the
 * message: that is a ConflictError, and the work will be done again by that receiver.
 */
import type { TokenCredential } from '@azure/identity';
import { QueueClient, type StoragePipelineOptions } from '@azure/storage-queue';
import { ConflictError, isAppError, StoreUnavailableError } from '../errors';
import type { QueueMessage, WorkQueue } from '../ports';
import {
  resolveClientOptions,
  serviceEndpoint,
  type ResolvedClientOptions,
  type StorageClientOptions,
} from './client-options';
import { checkReceive, checkSeconds, decodeMessage, encodeMessage, queueName } from './queue-rules';
import { serviceCodeOf, statusOf, toUnavailable } from './store-errors';

export interface QueueWorkQueueOptions extends StorageClientOptions {
  /** Prepended to the queue name. Lowercase letters, digits, hyphens. */
  queuePrefix?: string;
  /**
   * Told about a received message whose text is not base64 JSON (sent by something else). It is
   * not returned and not deleted: it reappears after the visibility timeout, its dequeueCount
   * growing, for an operator to inspect.
   */
  onUndecodable?: (message: { id: string; dequeueCount: number }) => void;
}

export class QueueWorkQueue<T> implements WorkQueue<T> {
  private ready?: Promise<void>;
  private readonly client: ResolvedClientOptions;

  static fromConnectionString<T>(
    connectionString: string,
    name: string,
    options: QueueWorkQueueOptions = {},
  ): QueueWorkQueue<T> {
    const full = queueName(options.queuePrefix ?? '', name);
    const endpoint = serviceEndpoint(connectionString, 'queue') ?? '';
    const client = new QueueClient(connectionString, full, pipeline(options));
    return new QueueWorkQueue<T>(client, `${endpoint}/${full}`, options);
  }

  /** For managed identity: `serviceUrl` is https://<account>.queue.core.windows.net. */
  static fromAccountUrl<T>(
    serviceUrl: string,
    name: string,
    credential: TokenCredential,
    options: QueueWorkQueueOptions = {},
  ): QueueWorkQueue<T> {
    const url = `${serviceUrl.replace(/\/+$/, '')}/${queueName(options.queuePrefix ?? '', name)}`;
    return new QueueWorkQueue<T>(new QueueClient(url, credential, pipeline(options)), url, options);
  }

  private constructor(
    private readonly queue: QueueClient,
    /** Queue URL, for error messages. */
    readonly endpoint: string,
    private readonly options: QueueWorkQueueOptions,
  ) {
    this.client = resolveClientOptions(options);
  }

  async send(body: T, options: { visibilityDelaySeconds?: number } = {}): Promise<void> {
    const { text } = encodeMessage(body);
    const delay = options.visibilityDelaySeconds ?? 0;
    checkSeconds('visibility delay', delay, 0);
    await this.ensureQueue();
    try {
      await this.queue.sendMessage(text, {
        ...this.deadline(),
        visibilityTimeout: delay > 0 ? delay : undefined,
      });
    } catch (error) {
      throw toUnavailable(error, this.endpoint, 'send');
    }
  }

  async receive(max: number, visibilityTimeoutSeconds: number): Promise<QueueMessage<T>[]> {
    checkReceive(max, visibilityTimeoutSeconds);
    const messages: QueueMessage<T>[] = [];
    for (const item of await this.receiveItems(max, visibilityTimeoutSeconds)) {
      const body = decodeMessage(item.messageText);
      if (body === undefined) {
        this.options.onUndecodable?.({ id: item.messageId, dequeueCount: item.dequeueCount });
        continue;
      }
      const { messageId: id, popReceipt, dequeueCount } = item;
      messages.push({ id, popReceipt, dequeueCount, body: body as T });
    }
    return messages;
  }

  async delete(message: QueueMessage<T>): Promise<void> {
    await this.ensureQueue();
    try {
      await this.queue.deleteMessage(message.id, message.popReceipt, this.deadline());
    } catch (error) {
      const status = statusOf(error);
      if (status === 404 || (status === 400 && serviceCodeOf(error) === 'PopReceiptMismatch')) {
        throw new ConflictError(
          `message ${message.id} is no longer held by this receiver (visibility timeout passed)`,
          error,
        );
      }
      throw toUnavailable(error, this.endpoint, 'delete');
    }
  }

  async ping(): Promise<void> {
    try {
      await this.ensureQueue();
      await this.queue.getProperties(this.deadline());
    } catch (error) {
      if (isAppError(error)) throw error;
      const mapped = toUnavailable(error, this.endpoint, 'ping');
      if (isAppError(mapped)) throw mapped;
      throw new StoreUnavailableError(
        `ping at ${this.endpoint} failed (${statusOf(error)})`,
        error,
      );
    }
  }

  private async receiveItems(max: number, visibilityTimeout: number) {
    await this.ensureQueue();
    try {
      const response = await this.queue.receiveMessages({
        ...this.deadline(),
        numberOfMessages: max,
        visibilityTimeout,
      });
      return response.receivedMessageItems;
    } catch (error) {
      throw toUnavailable(error, this.endpoint, 'receive');
    }
  }

  /** Creates the queue on first use (once; retried after a failure). */
  private ensureQueue(): Promise<void> {
    this.ready ??= this.queue.createIfNotExists(this.deadline()).then(
      () => undefined,
      (error: unknown) => {
        this.ready = undefined;
        throw toUnavailable(error, this.endpoint, 'create queue');
      },
    );
    return this.ready;
  }

  private deadline(): { abortSignal: AbortSignal } {
    return { abortSignal: AbortSignal.timeout(this.client.timeoutMs) };
  }
}

function pipeline(options: StorageClientOptions): StoragePipelineOptions {
  const resolved = resolveClientOptions(options);
  return {
    retryOptions: {
      maxTries: resolved.maxRetries + 1,
      retryDelayInMs: resolved.retryDelayMs,
      maxRetryDelayInMs: resolved.maxRetryDelayMs,
      tryTimeoutInMs: resolved.timeoutMs,
    },
  };
}
