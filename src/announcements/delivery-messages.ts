/**
 * Delivery messages of up to `batchSize` recipients, carrying each recipient's row and eTag when
 * known (the worker then claims them all in one transaction, without reading them), and kept
 * well under the queue's 64 KiB (base64 adds a third). Written by the expansion and by the
 * supervisor when it re-queues recipients it reopened.
 */
import type { DeliveryMessage, RecipientRecord } from './types';

export type Queued = { key: string; written?: { etag: string; value: RecipientRecord } };

/** JSON characters per delivery message: base64 makes 48 KB of the queue's 64 KiB. */
const MESSAGE_BUDGET = 36_000;

export function* deliveryMessages(
  announcementId: string,
  queued: readonly Queued[],
  batchSize: number,
): Iterable<DeliveryMessage> {
  let i = 0;
  while (i < queued.length) {
    const recipients: string[] = [];
    const rows: { etag: string; value: RecipientRecord }[] = [];
    let size = 200;
    while (i < queued.length && recipients.length < batchSize) {
      const { key, written } = queued[i];
      const extra = key.length + 4 + (written ? JSON.stringify(written).length + 1 : 0);
      if (recipients.length > 0 && size + extra > MESSAGE_BUDGET) break;
      recipients.push(key);
      if (written) rows.push(written);
      size += extra;
      i += 1;
    }
    const complete = rows.length === recipients.length;
    yield { v: 1, kind: 'deliver', announcementId, recipients, ...(complete ? { rows } : {}) };
  }
}
