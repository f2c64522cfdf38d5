import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StoreUnavailableError } from '../../src/errors';
import { startAzurite, type AzuriteHandle } from '../../src/storage/azurite';
import { DEV_ACCOUNT_KEY, devConnectionString, devEndpoint } from '../../src/storage/dev-account';
import { TableRecordStore } from '../../src/storage/table-record-store';
import { recordStoreContract } from './record-store-contract';
import { uniqueTable } from './unique-name';

describe('TableRecordStore on Azurite @slow', () => {
  let azurite: AzuriteHandle;
  let store: TableRecordStore;

  before(async () => {
    azurite = await startAzurite({ inMemory: true });
    store = TableRecordStore.fromConnectionString(azurite.connectionString);
  });
  after(async () => {
    await azurite?.stop();
  });

  recordStoreContract('TableRecordStore', () => ({ store }));

  it('stores tables under the prefix, and checks the prefixed name', async () => {
    const prefixed = TableRecordStore.fromConnectionString(azurite.connectionString, {
      tablePrefix: 'hd',
    });
    const table = uniqueTable();
    await prefixed.insert(table, { partition: 'p', row: 'r' }, { n: 1 });
    assert.deepEqual((await store.get(`hd${table}`, { partition: 'p', row: 'r' }))?.value, {
      n: 1,
    });
    assert.equal(await store.get(table, { partition: 'p', row: 'r' }), undefined);
    await assert.rejects(prefixed.get('x'.repeat(62), { partition: 'p', row: 'r' }), /hdxxx/);
  });

  it('lists past the service page size of 1000 records', async function () {
    this.timeout(30_000);
    const table = uniqueTable();
    const rows = Array.from({ length: 1005 }, (_, i) => `row${String(i).padStart(4, '0')}`);
    for (let at = 0; at < rows.length; at += 50) {
      await Promise.all(
        rows.slice(at, at + 50).map((row) => store.insert(table, { partition: 'p', row }, { row })),
      );
    }
    const listed = await store.list(table, 'p');
    assert.deepEqual(
      listed.map((r) => r.key.row),
      rows,
    );
    assert.equal((await store.list(table, 'p', { limit: 1002 })).length, 1002);
  });

  it('fails fast with StoreUnavailableError naming the endpoint, never the key', async () => {
    const port = await closedPort();
    const endpoint = devEndpoint('127.0.0.1', port);
    const unreachable = TableRecordStore.fromConnectionString(
      devConnectionString({
        blobEndpoint: endpoint,
        queueEndpoint: endpoint,
        tableEndpoint: endpoint,
      }),
    );
    const started = Date.now();
    const error = await unreachable.get('anything', { partition: 'p', row: 'r' }).then(
      () => assert.fail('expected a failure'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof StoreUnavailableError, String(error));
    assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
    assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
    assert.ok(!error.message.includes(DEV_ACCOUNT_KEY));
    await assert.rejects(unreachable.ping(), StoreUnavailableError);
  });

  describe('with a persisted location', () => {
    let folder: string;
    before(() => {
      folder = mkdtempSync(path.join(tmpdir(), 'azurite-persist-'));
    });
    after(() => rmSync(folder, { recursive: true, force: true }));

    it('reads records, etags included, after Azurite stops and starts on the same folder', async () => {
      const table = uniqueTable();
      const key = { partition: 'p', row: 'survivor' };
      const first = await startAzurite({ location: folder });
      let written;
      try {
        const before = TableRecordStore.fromConnectionString(first.connectionString);
        written = await before.insert(table, key, { kept: ['yes', 1, null] });
      } finally {
        await first.stop();
      }
      const second = await startAzurite({ location: folder });
      try {
        const after = TableRecordStore.fromConnectionString(second.connectionString);
        const read = await after.get(table, key);
        assert.deepEqual(read?.value, { kept: ['yes', 1, null] });
        assert.equal(read?.etag, written.etag);
        const replaced = await after.replace(table, key, { kept: 'changed' }, written.etag);
        assert.notEqual(replaced.etag, written.etag);
      } finally {
        await second.stop();
      }
    });
  });
});

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
