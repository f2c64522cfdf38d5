import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { withCorrelation } from '../../src/logging';
import { TableRecordStore } from '../../src/storage';
import { devConnectionString, devEndpoint } from '../../src/storage/dev-account';

/**
 * The table adapter against a local HTTP listener that records what arrives (an empty table
 * list as the answer), to see the headers the real SDK pipeline sends.
 */
describe('storage calls carry the correlation id', () => {
  it('sends the scope id as x-ms-client-request-id, and the SDK id outside a scope', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { 'Content-Type': 'application/json;odata=nometadata' });
      res.end(JSON.stringify({ value: [] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const endpoint = devEndpoint('127.0.0.1', port);
      const store = TableRecordStore.fromConnectionString(
        devConnectionString({
          blobEndpoint: endpoint,
          queueEndpoint: endpoint,
          tableEndpoint: endpoint,
        }),
        { maxRetries: 0 },
      );
      const id = '5d2f8a71-3c4b-4e9a-8f1d-6b7c8d9e0a1b';
      await withCorrelation(id, () => store.ping());
      await store.ping();
      assert.equal(seen.length, 2);
      assert.equal(seen[0]['x-ms-client-request-id'], id);
      assert.ok(seen[1]['x-ms-client-request-id'], 'the SDK still sends its own id');
      assert.notEqual(seen[1]['x-ms-client-request-id'], id);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
