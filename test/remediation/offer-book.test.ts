import assert from 'node:assert/strict';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { OfferBook } from '../../src/remediation/offer-book';
import { startAzurite, type AzuriteHandle } from '../../src/storage/azurite';
import { TableRecordStore } from '../../src/storage/table-record-store';
import { MemoryRecordStore } from '../fakes/memory-record-store';
import { ManualClock } from './support/domain-harness';

const MEMBER = '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a01';
const OFFERS = [
  { kind: 'issue-tap', subjectId: MEMBER, reason: 'No usable MFA method is registered.' },
  { kind: 'revoke-sessions', subjectId: MEMBER, reason: 'The password was reset elsewhere.' },
  {
    kind: 'sync-device',
    subjectId: MEMBER,
    targetId: 'device-1',
    reason: 'The device is not compliant.',
  },
] as const;

describe('offer book on Azurite @slow', () => {
  let azurite: AzuriteHandle;
  let store: TableRecordStore;
  /** Requests sent to Azurite's table port while a test runs. */
  let sent: string[];
  const onRequest = (message: unknown): void => {
    const { request } = message as { request: ClientRequest };
    const host = String(request.getHeader('host') ?? '');
    if (host.endsWith(`:${new URL(azurite.tableEndpoint).port}`)) {
      sent.push(`${request.method} ${request.path}`);
    }
  };

  before(async () => {
    azurite = await startAzurite({ inMemory: true });
    store = TableRecordStore.fromConnectionString(azurite.connectionString);
    // Creates the table, so the counts below are the writes alone.
    await new OfferBook(store, new ManualClock(new Date('2031-05-04T09:00:00Z'))).remember([
      OFFERS[0],
    ]);
    subscribe('http.client.request.start', onRequest);
  });
  beforeEach(() => {
    sent = [];
  });
  after(async () => {
    unsubscribe('http.client.request.start', onRequest);
    await azurite?.stop();
  });

  it("writes a card's offers in one transaction, each then found with its reason", async () => {
    const clock = new ManualClock(new Date('2031-05-04T09:00:00Z'));
    const book = new OfferBook(store, clock, { strict: true });
    await book.remember([...OFFERS, OFFERS[1]]);
    assert.equal(sent.length, 1, sent.join('\n'));
    assert.match(sent[0], /^POST .*\$batch/);
    for (const offer of OFFERS) {
      assert.deepEqual(await book.reasonFor(offer), { fits: true, reason: offer.reason });
    }
    clock.advance(25 * 60 * 60_000);
    assert.equal((await book.reasonFor(OFFERS[0])).fits, false, 'a day later it is gone');
  });

  it('writes a single offer as one plain upsert, and nothing for none', async () => {
    const book = new OfferBook(store, new ManualClock(new Date('2031-05-04T09:00:00Z')));
    await book.remember([]);
    await book.remember([OFFERS[2]]);
    assert.deepEqual(
      sent.map((s) => s.split(' ')[0]),
      ['PUT'],
    );
  });
});

describe('offer book', () => {
  it('keeps every offer where the store has no transactions, a later card replacing the reason', async () => {
    const records = new MemoryRecordStore();
    Object.defineProperty(records, 'upsertBatch', { value: undefined });
    const book = new OfferBook(records, new ManualClock(new Date('2031-05-04T09:00:00Z')), {
      strict: true,
    });
    await book.remember(OFFERS);
    await book.remember([{ ...OFFERS[0], reason: 'Diagnosed again.' }]);
    assert.deepEqual(await book.reasonFor(OFFERS[0]), { fits: true, reason: 'Diagnosed again.' });
    assert.deepEqual(await book.reasonFor(OFFERS[2]), { fits: true, reason: OFFERS[2].reason });
    assert.equal((await records.list('RemediationOffers', 'offer')).length, 3);
  });
});
