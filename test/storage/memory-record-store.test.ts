import assert from 'node:assert/strict';
import { StoreUnavailableError } from '../../src/errors';
import { MemoryRecordStore } from '../fakes/memory-record-store';
import { recordStoreContract } from './record-store-contract';

recordStoreContract('MemoryRecordStore', () => ({ store: new MemoryRecordStore() }));

describe('MemoryRecordStore', () => {
  it('fails every call as unreachable during a simulated outage, and recovers', async () => {
    const store = new MemoryRecordStore();
    await store.insert('outage', { partition: 'p', row: 'r' }, { n: 1 });
    store.simulateOutage(true);
    await assert.rejects(store.get('outage', { partition: 'p', row: 'r' }), StoreUnavailableError);
    await assert.rejects(store.list('outage', 'p'), StoreUnavailableError);
    await assert.rejects(store.ping(), StoreUnavailableError);
    store.simulateOutage(false);
    assert.deepEqual((await store.get('outage', { partition: 'p', row: 'r' }))?.value, { n: 1 });
  });

  it('applies the table prefix to the name it validates', async () => {
    const store = new MemoryRecordStore({ tablePrefix: 'hd' });
    await store.insert('ok', { partition: 'p', row: 'r' }, {});
    await assert.rejects(store.insert('bad-name', { partition: 'p', row: 'r' }, {}), {
      message: /hdbad-name/,
    });
  });
});
