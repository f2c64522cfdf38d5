import assert from 'node:assert/strict';
import sinon from 'sinon';
import { ConflictError } from '../../src/errors';
import { HANDOFF_DRAFTS_TABLE, HandoffStore, MAX_CACHED_DRAFT_ROWS } from '../../src/handoff/store';
import type { HandoffDraft } from '../../src/handoff/types';
import { MemoryRecordStore } from '../fakes/memory-record-store';
import { DRAFT, PEOPLE } from './support';

const CREATED = '2031-03-01T09:00:00.000Z';

function draftOf(person: string): HandoffDraft {
  return { ...DRAFT, asker: { ...DRAFT.asker, id: person }, createdAt: CREATED };
}

async function idsIn(records: MemoryRecordStore, person: string): Promise<string[]> {
  const row = await records.get<{ drafts: { id: string }[] }>(HANDOFF_DRAFTS_TABLE, {
    partition: 'draft',
    row: person,
  });
  return row?.value.drafts.map((d) => d.id) ?? [];
}

function draftReads(spy: sinon.SinonSpy): number {
  return spy.getCalls().filter((c) => c.args[0] === HANDOFF_DRAFTS_TABLE).length;
}

describe('handoff drafts: the row kept per person between writes', () => {
  const person = PEOPLE.asker.id;

  it('reads a person’s row once, then writes each later card on the version it wrote', async () => {
    const records = new MemoryRecordStore();
    const reads = sinon.spy(records, 'get');
    const store = new HandoffStore(records);
    for (const id of ['a', 'b', 'c']) await store.saveDraft(id, draftOf(person));
    assert.equal(draftReads(reads), 1);
    assert.deepEqual(await idsIn(records, person), ['a', 'b', 'c']);
  });

  it('rereads the row after a conflict, so a card another instance wrote is kept', async () => {
    const records = new MemoryRecordStore();
    const here = new HandoffStore(records);
    const elsewhere = new HandoffStore(records);
    await here.saveDraft('a', draftOf(person));
    await elsewhere.saveDraft('b', draftOf(person));
    const replaces = sinon.spy(records, 'replace');
    await here.saveDraft('c', draftOf(person));
    // The write on the remembered version is refused (its eTag is old), the row is read again.
    assert.equal(replaces.callCount, 2);
    await assert.rejects(replaces.firstCall.returnValue, ConflictError);
    assert.deepEqual(await idsIn(records, person), ['a', 'b', 'c']);
    // And the new version is the one remembered: the next card needs no read.
    const reads = sinon.spy(records, 'get');
    await here.saveDraft('d', draftOf(person));
    assert.equal(draftReads(reads), 0);
    assert.deepEqual(await idsIn(records, person), ['a', 'b', 'c', 'd']);
  });

  it('starts a new row when the remembered one was removed', async () => {
    const records = new MemoryRecordStore();
    const store = new HandoffStore(records);
    await store.saveDraft('a', draftOf(person));
    await records.delete(HANDOFF_DRAFTS_TABLE, { partition: 'draft', row: person });
    await store.saveDraft('b', draftOf(person));
    assert.deepEqual(await idsIn(records, person), ['b']);
  });

  it('keeps what it remembers after marking a card sent, and finds the same draft as a fresh store', async () => {
    const records = new MemoryRecordStore();
    const store = new HandoffStore(records);
    await store.saveDraft('a', draftOf(person));
    const read = await store.draft(person, 'a');
    assert.ok(read);
    await store.markDraftSent(person, 'a', read, 'hd-1');
    const reads = sinon.spy(records, 'get');
    await store.saveDraft('b', draftOf(person));
    assert.equal(draftReads(reads), 0);
    const fresh = new HandoffStore(records);
    assert.deepEqual(await store.draft(person, 'a'), await fresh.draft(person, 'a'));
    assert.equal((await fresh.draft(person, 'a'))?.value.handoffId, 'hd-1');
    assert.deepEqual(await idsIn(records, person), ['a', 'b']);
  });

  it('forgets the least recently written person beyond its bound', async () => {
    const records = new MemoryRecordStore();
    const store = new HandoffStore(records);
    for (let i = 0; i <= MAX_CACHED_DRAFT_ROWS; i += 1)
      await store.saveDraft('a', draftOf(`p-${i}`));
    const reads = sinon.spy(records, 'get');
    await store.saveDraft('b', draftOf(`p-${MAX_CACHED_DRAFT_ROWS}`));
    assert.equal(draftReads(reads), 0, 'the newest is remembered');
    await store.saveDraft('b', draftOf('p-0'));
    assert.equal(draftReads(reads), 1, 'the oldest was forgotten');
    assert.deepEqual(await idsIn(records, 'p-0'), ['a', 'b']);
  });
});
