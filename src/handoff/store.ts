import { randomBytes } from 'node:crypto';
import { ConflictError } from '../errors';
import type { RecordStore, StoredRecord } from '../ports';
import { shortReference } from '../request-reference';
import type { Handoff, HandoffDraft } from './types';

export const HANDOFF_DRAFTS_TABLE = 'HandoffDrafts';
export const HANDOFFS_TABLE = 'HandoffRequests';
export const HANDOFF_OPEN_TABLE = 'HandoffOpen';
const DRAFT = 'draft';
const REQUEST = 'request';
const OPEN = 'open';

export interface Stored<T> {
  value: T;
  etag: string;
}

/** Ids sort by creation time (fixed-width base-36 milliseconds) and cannot be guessed. */
export function newHandoffId(now: Date): string {
  const time = Math.max(0, now.getTime()).toString(36).padStart(9, '0');
  return `hd-${time}-${randomBytes(8).toString('hex')}`;
}

/**
 * The short reference people quote ("HD-3F9A1C"): the first random characters of the id, worked
 * out as a fix request's "RQ-" one is (src/request-reference.ts).
 */
export function referenceOf(id: string): string {
  return shortReference(id);
}

/** Most cards per person that can still be sent; older ones are forgotten (the row stays small). */
export const MAX_DRAFTS_PER_PERSON = 10;

type DraftRow = { drafts: Array<HandoffDraft & { id: string }> };

/**
 * People whose drafts row (and its eTag) this process keeps after writing or reading it, the
 * least recently used forgotten first. A row is a few kilobytes (at most MAX_DRAFTS_PER_PERSON
 * cards' facts), so this bounds the memory to a few megabytes.
 */
export const MAX_CACHED_DRAFT_ROWS = 1000;

/**
 * Drafts, requests and the index of unclosed requests in RecordStore tables. Every change of a
 * draft or request is a replace with the eTag that was read (compare-and-set): of two writers
 * racing from the same version exactly one wins and the other gets ConflictError.
 *
 * Drafts are kept in one row per person (keyed by the person's id, holding their newest
 * MAX_DRAFTS_PER_PERSON cards), so they do not pile up, and a draft is looked up under the
 * clicker's own id: a card id from someone else's chat finds nothing.
 *
 * The open index holds one row per request not yet closed, so listing them reads one small
 * partition. It is written before the request and removed after it is closed; a row whose
 * request is closed or missing is skipped (and removed) by `open()`.
 */
export class HandoffStore {
  /** Per person, the draft write in progress here; removed when the last one settles. */
  private readonly drafting = new Map<string, Promise<void>>();
  /**
   * Per person, their drafts row as this process last wrote or read it. A draft is written on
   * this version without reading the row first; the eTag makes that safe: if another instance
   * (or anything else) changed or removed the row since, the write fails with ConflictError, the
   * entry is forgotten, and the next attempt reads the row afresh.
   */
  private readonly rows = new Map<string, StoredRecord<DraftRow>>();

  constructor(private readonly records: RecordStore) {}

  /**
   * Adds a card to the person's row. Writes for one person are taken one after another in this
   * process: a burst of pastes (or of turns) from one person then costs one read and one write
   * each, instead of compare-and-set rounds that each reread the row. The eTag still guards the
   * row against other instances.
   */
  async saveDraft(id: string, draft: HandoffDraft): Promise<void> {
    const person = draft.asker.id;
    const mine = (this.drafting.get(person) ?? Promise.resolve()).then(() =>
      this.writeDraft(id, draft),
    );
    const settled = mine.catch(() => undefined);
    this.drafting.set(person, settled);
    try {
      await mine;
    } finally {
      if (this.drafting.get(person) === settled) this.drafting.delete(person);
    }
  }

  private async writeDraft(id: string, draft: HandoffDraft): Promise<void> {
    const person = draft.asker.id;
    const key = { partition: DRAFT, row: person };
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const row = this.rows.get(person) ?? (await this.readRow(person));
      const drafts = [...(row?.value.drafts ?? []).filter((d) => d.id !== id), { ...draft, id }];
      const value: DraftRow = { drafts: drafts.slice(-MAX_DRAFTS_PER_PERSON) };
      try {
        this.remember(
          person,
          row
            ? await this.records.replace(HANDOFF_DRAFTS_TABLE, key, value, row.etag)
            : await this.records.insert(HANDOFF_DRAFTS_TABLE, key, value),
        );
        return;
      } catch (error) {
        this.rows.delete(person);
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    throw new ConflictError(`the cards of ${person} kept changing`);
  }

  /** The person's drafts row as stored now (and remembered), or undefined when there is none. */
  private async readRow(person: string): Promise<StoredRecord<DraftRow> | undefined> {
    const row = await this.records.get<DraftRow>(HANDOFF_DRAFTS_TABLE, {
      partition: DRAFT,
      row: person,
    });
    if (row) this.remember(person, row);
    else this.rows.delete(person);
    return row;
  }

  private remember(person: string, row: StoredRecord<DraftRow>): void {
    this.rows.delete(person);
    this.rows.set(person, row);
    if (this.rows.size > MAX_CACHED_DRAFT_ROWS) {
      const oldest = this.rows.keys().next().value;
      if (oldest !== undefined) this.rows.delete(oldest);
    }
  }

  /** The person's draft `id`, with the eTag of their row; undefined when not theirs or forgotten. */
  async draft(personId: string, id: string): Promise<Stored<HandoffDraft> | undefined> {
    const row = await this.readRow(personId);
    const found = row?.value.drafts.find((d) => d.id === id);
    if (!row || !found) return undefined;
    const { id: _id, ...draft } = found;
    return { value: draft, etag: row.etag };
  }

  /** Compare-and-set on the person's row: ConflictError when it changed since it was read. */
  async markDraftSent(
    personId: string,
    id: string,
    read: Stored<HandoffDraft>,
    handoffId: string,
  ): Promise<void> {
    const key = { partition: DRAFT, row: personId };
    const row = await this.readRow(personId);
    if (!row || row.etag !== read.etag) throw new ConflictError(`the cards of ${personId} changed`);
    const drafts = row.value.drafts.map((d) => (d.id === id ? { ...d, handoffId } : d));
    try {
      this.remember(
        personId,
        await this.records.replace(HANDOFF_DRAFTS_TABLE, key, { drafts }, read.etag),
      );
    } catch (error) {
      this.rows.delete(personId);
      throw error;
    }
  }

  async get(id: string): Promise<Stored<Handoff> | undefined> {
    const stored = await this.records.get<Handoff>(HANDOFFS_TABLE, { partition: REQUEST, row: id });
    return stored && { value: stored.value, etag: stored.etag };
  }

  /** Indexes, then inserts; ConflictError when the request exists already. */
  async insert(handoff: Handoff): Promise<Stored<Handoff>> {
    await this.records.upsert(HANDOFF_OPEN_TABLE, { partition: OPEN, row: handoff.id }, {});
    const stored = await this.records.insert(
      HANDOFFS_TABLE,
      { partition: REQUEST, row: handoff.id },
      handoff,
    );
    return { value: stored.value, etag: stored.etag };
  }

  /** Compare-and-set: ConflictError when the request changed since `etag` was read. */
  async replace(handoff: Handoff, etag: string): Promise<Stored<Handoff>> {
    const stored = await this.records.replace(
      HANDOFFS_TABLE,
      { partition: REQUEST, row: handoff.id },
      handoff,
      etag,
    );
    if (handoff.state === 'closed') await this.unindex(handoff.id);
    return { value: stored.value, etag: stored.etag };
  }

  /** Requests not yet closed, oldest first, at most `limit`. */
  async open(limit: number): Promise<Handoff[]> {
    const rows = await this.records.list(HANDOFF_OPEN_TABLE, OPEN);
    const out: Handoff[] = [];
    for (const row of rows) {
      if (out.length >= limit) break;
      const found = await this.get(row.key.row);
      if (found && found.value.state !== 'closed') out.push(found.value);
      else if (found) await this.unindex(row.key.row);
    }
    return out;
  }

  private async unindex(id: string): Promise<void> {
    await this.records
      .delete(HANDOFF_OPEN_TABLE, { partition: OPEN, row: id })
      .catch(() => undefined);
  }
}
