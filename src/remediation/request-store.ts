import { randomBytes } from 'node:crypto';
import { ConflictError } from '../errors';
import type { RecordStore } from '../ports';
import type { RemediationRequest } from './types';

export const REQUESTS_TABLE = 'RemediationRequests';
export const OPEN_REQUESTS_TABLE = 'RemediationOpen';
const PARTITION = 'request';
const OPEN_PARTITION = 'open';

export interface StoredRequest {
  request: RemediationRequest;
  etag: string;
}

/** Request ids sort by creation time (fixed-width base-36 milliseconds) and cannot be guessed. */
export function newRequestId(now: Date): string {
  return `rq-${timePart(now.getTime())}-${randomBytes(8).toString('hex')}`;
}

function timePart(ms: number): string {
  return Math.max(0, ms).toString(36).padStart(9, '0');
}

/**
 * Requests in a RecordStore table. Every change is a replace with the eTag that was read, so of
 * two writers racing from the same version exactly one wins and the other gets ConflictError.
 */
export class RequestStore {
  /** Reads of one request in flight, shared by callers that ask meanwhile (see `getShared`). */
  private readonly reading = new Map<string, Promise<StoredRequest | undefined>>();

  constructor(
    private readonly records: RecordStore,
    private readonly table = REQUESTS_TABLE,
    private readonly openTable = OPEN_REQUESTS_TABLE,
  ) {}

  async get(id: string): Promise<StoredRequest | undefined> {
    const stored = await this.records.get<RemediationRequest>(this.table, {
      partition: PARTITION,
      row: id,
    });
    return stored && { request: stored.value, etag: stored.etag };
  }

  /**
   * Like `get`, but a caller asking while a read of the same request is in flight gets that
   * read's answer: a burst of clicks on one card costs one storage read, not one each. Only for
   * a read that is followed by a compare-and-set (a snapshot a moment old loses the race safely).
   */
  getShared(id: string): Promise<StoredRequest | undefined> {
    const inFlight = this.reading.get(id);
    if (inFlight) return inFlight;
    const read = this.get(id).finally(() => this.reading.delete(id));
    this.reading.set(id, read);
    return read;
  }

  async insert(request: RemediationRequest): Promise<StoredRequest> {
    const stored = await this.records.insert(
      this.table,
      { partition: PARTITION, row: request.id },
      request,
    );
    return { request: stored.value, etag: stored.etag };
  }

  /** Compare-and-set: throws ConflictError when the request changed since `etag` was read. */
  async replace(request: RemediationRequest, etag: string): Promise<StoredRequest> {
    const stored = await this.records.replace(
      this.table,
      { partition: PARTITION, row: request.id },
      request,
      etag,
    );
    return { request: stored.value, etag: stored.etag };
  }

  async delete(id: string, etag: string): Promise<void> {
    await this.records.delete(this.table, { partition: PARTITION, row: id }, etag);
  }

  /** Requests created at or after `since`, oldest first. */
  async createdSince(since: Date, limit?: number): Promise<StoredRequest[]> {
    const rows = await this.records.list<RemediationRequest>(this.table, PARTITION, {
      rowFrom: `rq-${timePart(since.getTime())}`,
      rowPrefix: 'rq-',
      limit,
    });
    return rows.map((row) => ({ request: row.value, etag: row.etag }));
  }

  /**
   * Claims the one open slot for `key` (same fix for the same subject) for `requestId`, so a
   * double click or two instances cannot open two requests. Returns the id already holding the
   * slot when `isStillOpen` says it is, or undefined when the slot is now ours.
   */
  async claimOpenSlot(
    key: string,
    requestId: string,
    isStillOpen: (holderId: string) => Promise<boolean>,
  ): Promise<string | undefined> {
    const recordKey = { partition: OPEN_PARTITION, row: key };
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const current = await this.records.get<{ requestId: string }>(this.openTable, recordKey);
      try {
        if (!current) {
          await this.records.insert(this.openTable, recordKey, { requestId });
          return undefined;
        }
        if (await isStillOpen(current.value.requestId)) return current.value.requestId;
        await this.records.replace(this.openTable, recordKey, { requestId }, current.etag);
        return undefined;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    throw new ConflictError(`open-request slot ${key} kept changing`);
  }
}

/** The open-slot key: kind, subject and what else makes two requests the same fix. */
export function openSlotKey(request: RemediationRequest): string {
  const { params } = request;
  const extra =
    params.kind === 'sync-device'
      ? params.deviceId
      : params.kind === 'copy-group-members'
        ? params.sourceGroupId
        : params.kind === 'ca-exclusion'
          ? (params.policyId ?? '')
          : params.kind === 'policy-exclusion'
            ? `${params.policyId}~${params.operation}`
            : params.kind === 'authenticator-context'
              ? (params.groupId ?? 'all')
              : '';
  return [request.kind, request.subject.id, extra].filter((part) => part !== '').join('~');
}
