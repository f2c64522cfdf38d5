/**
 * Turns a confirmed announcement's audience into recipient rows and delivery messages.
 *
 * Rows are keyed by recipient (`u.<object id>`), so a user reached through two nested groups is
 * one row and one message. Rows and messages are written page by page, so workers start sending
 * while a large group is still being listed. Running it twice (the queue redelivers the expand
 * message after a crash) adds nothing twice: existing rows are kept, and only recipients not yet
 * final get a message again, which the claim makes harmless.
 */
import { ConflictError } from '../errors';
import { MAX_BATCH, type Clock, type WorkQueue } from '../ports';
import type { AnnouncementStore } from './announcement-store';
import { deliveryMessages, type Queued } from './delivery-messages';
import type { AudienceDirectory, DirectoryUser } from './ports';
import type { ReferenceStore } from './reference-store';
import { channelRecipient, recipientPartition, userRecipient } from './tables';
import {
  TERMINAL_STATUSES,
  type AnnouncementRecord,
  type DeliveryMessage,
  type RecipientRecord,
  type StoredReference,
} from './types';

export interface ExpansionOptions {
  /** Recipients per delivery message. */
  batchSize?: number;
  /** Row writes in flight at once. */
  concurrency?: number;
}

type Candidate = { key: string; row: RecipientRecord };

const REFERENCE_PAGE = 200;

export class AudienceExpander {
  private readonly batchSize: number;
  private readonly concurrency: number;

  constructor(
    private readonly deps: {
      store: AnnouncementStore;
      references: ReferenceStore;
      directory: AudienceDirectory;
      queue: WorkQueue<DeliveryMessage>;
      clock: Clock;
      /** Told each time delivery messages were queued (a worker in this process may look now). */
      onQueued?: () => void;
    },
    options: ExpansionOptions = {},
  ) {
    // 50 recipients (about 2.5 KB) per message: one receive and one delete per 50 sends, while a
    // message still finishes well inside the worker's visibility timeout at a share of 50/s.
    this.batchSize = options.batchSize ?? 50;
    this.concurrency = options.concurrency ?? 8;
  }

  /** Lists the audience and queues it; returns the number of unique recipients. */
  async expand(announcementId: string): Promise<number> {
    const announcement = (await this.deps.store.require(announcementId)).value;
    if (announcement.expanded) return announcement.total;
    if (announcement.state !== 'queued' && announcement.state !== 'sending') return 0;
    const seen = new Set<string>();
    // Rows go to their shard's partition (tables.ts), and a transaction or a delivery message
    // holds rows of one partition: each shard collects its rows until a transaction is full.
    const shards = announcement.shards ?? 1;
    const buffers = new Map<string, Candidate[]>();
    const flush = async (partition: string): Promise<void> => {
      const rows = buffers.get(partition) ?? [];
      buffers.delete(partition);
      // Each transaction's rows are queued before the next is written: the first sends start
      // after one table transaction and one queue put, not after the whole page.
      for (let i = 0; i < rows.length; i += MAX_BATCH) {
        const toQueue = await this.writeRows(announcementId, rows.slice(i, i + MAX_BATCH));
        for (const message of deliveryMessages(announcementId, toQueue, this.batchSize)) {
          await this.deps.queue.send(message);
          this.deps.onQueued?.();
        }
      }
    };
    for await (const page of this.pages(announcement)) {
      const fresh = page.filter((c) => !seen.has(c.key));
      for (const c of fresh) {
        seen.add(c.key);
        const partition = recipientPartition(announcementId, shards, c.key);
        const buffer = buffers.get(partition) ?? [];
        buffer.push(c);
        buffers.set(partition, buffer);
        if (buffer.length >= MAX_BATCH) await flush(partition);
      }
      // One partition: write what the page brought at once, as before shards.
      if (shards <= 1) for (const partition of [...buffers.keys()]) await flush(partition);
    }
    for (const partition of [...buffers.keys()]) await flush(partition);
    await this.deps.store.update(announcementId, (current) =>
      current.expanded
        ? undefined
        : {
            ...current,
            expanded: true,
            total: seen.size,
            state: current.state === 'queued' ? 'sending' : current.state,
          },
    );
    return seen.size;
  }

  /**
   * Inserts rows, up to 100 per table transaction; returns the recipients that need a delivery
   * message (new or not yet final), with the row as written when it is new. A transaction
   * refused because a row exists (a second run of the expansion) is redone row by row.
   */
  private async writeRows(announcementId: string, candidates: Candidate[]): Promise<Queued[]> {
    if (!this.deps.store.batches) return this.writeOneByOne(announcementId, candidates);
    const out: Queued[] = [];
    for (let i = 0; i < candidates.length; i += MAX_BATCH) {
      const chunk = candidates.slice(i, i + MAX_BATCH);
      try {
        const written = await this.deps.store.addRecipients(announcementId, chunk);
        written.forEach((w, j) =>
          out.push({ key: chunk[j].key, written: { etag: w.etag, value: w.value } }),
        );
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        out.push(...(await this.writeOneByOne(announcementId, chunk)));
      }
    }
    return out;
  }

  private async writeOneByOne(announcementId: string, candidates: Candidate[]): Promise<Queued[]> {
    const out: Queued[] = [];
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < candidates.length) {
        const { key, row } = candidates[next];
        next += 1;
        if (await this.deps.store.addRecipient(announcementId, key, row)) {
          out.push({ key });
          continue;
        }
        const existing = await this.deps.store.recipient(announcementId, key);
        if (existing && !TERMINAL_STATUSES.has(existing.value.status)) out.push({ key });
      }
    };
    await Promise.all(Array.from({ length: this.concurrency }, lane));
    return out;
  }

  private async *pages(announcement: AnnouncementRecord): AsyncIterable<Candidate[]> {
    const audience = announcement.audience;
    if (audience.kind === 'channel') {
      yield [
        {
          key: channelRecipient(audience.channelId),
          row: this.row({
            kind: 'channel',
            teamId: audience.teamId,
            channelId: audience.channelId,
          }),
        },
      ];
      return;
    }
    if (audience.kind === 'installed') {
      const users = await this.deps.references.users();
      for (let i = 0; i < users.length; i += REFERENCE_PAGE) {
        yield users.slice(i, i + REFERENCE_PAGE).map((u) => this.fromReference(u));
      }
      return;
    }
    for await (const page of this.deps.directory.groupMembers(audience.groupId)) {
      yield page.map((user) => this.fromDirectory(user));
    }
  }

  private fromReference(user: { objectId: string; reference: StoredReference }): Candidate {
    return {
      key: userRecipient(user.objectId),
      row: this.row({
        kind: 'user',
        objectId: user.objectId,
        displayName: user.reference.userName,
        reference: user.reference,
      }),
    };
  }

  private fromDirectory(user: DirectoryUser): Candidate {
    return {
      key: userRecipient(user.id),
      row: this.row({
        kind: 'user',
        objectId: user.id.toLowerCase(),
        displayName: user.displayName,
        upn: user.userPrincipalName,
        guest: user.userType === 'Guest' ? true : undefined,
      }),
    };
  }

  private row(fields: Partial<RecipientRecord> & Pick<RecipientRecord, 'kind'>): RecipientRecord {
    return {
      ...fields,
      status: 'queued',
      attempts: 0,
      transientFailures: 0,
      updatedAt: this.deps.clock.now().toISOString(),
    };
  }
}
