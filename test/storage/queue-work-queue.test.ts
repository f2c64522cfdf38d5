import assert from 'node:assert/strict';
import { QueueClient } from '@azure/storage-queue';
import { createServer } from 'node:net';
import { StoreUnavailableError } from '../../src/errors';
import { startAzurite, type AzuriteHandle } from '../../src/storage/azurite';
import { DEV_ACCOUNT_KEY, devConnectionString, devEndpoint } from '../../src/storage/dev-account';
import { QueueWorkQueue } from '../../src/storage/queue-work-queue';
import { uniqueQueue } from './unique-name';
import { workQueueContract, type Job } from './work-queue-contract';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('QueueWorkQueue on Azurite @slow', () => {
  let azurite: AzuriteHandle;

  before(async () => {
    azurite = await startAzurite({ inMemory: true });
  });
  after(async () => {
    await azurite?.stop();
  });

  workQueueContract('QueueWorkQueue', async () => ({
    queue: QueueWorkQueue.fromConnectionString<Job>(azurite.connectionString, uniqueQueue()),
    // The service's clock moves on its own; a little extra covers request latency.
    elapse: (seconds) => sleep(seconds * 1000 + 250),
  }));

  it('applies the queue prefix', async () => {
    const name = uniqueQueue();
    const queue = QueueWorkQueue.fromConnectionString<Job>(azurite.connectionString, name, {
      queuePrefix: 'hd-',
    });
    await queue.send({ n: 1 });
    const raw = new QueueClient(azurite.connectionString, `hd-${name}`);
    assert.equal((await raw.getProperties()).approximateMessagesCount, 1);
  });

  it('skips and reports a message that is not base64 JSON, leaving it queued', async () => {
    const name = uniqueQueue();
    const reported: { id: string; dequeueCount: number }[] = [];
    const queue = QueueWorkQueue.fromConnectionString<Job>(azurite.connectionString, name, {
      onUndecodable: (message) => reported.push(message),
    });
    await queue.send({ n: 1 });
    await new QueueClient(azurite.connectionString, name).sendMessage(
      'plain text, not base64 JSON',
    );
    const received = await queue.receive(32, 30);
    assert.deepEqual(
      received.map((m) => m.body),
      [{ n: 1 }],
    );
    assert.equal(reported.length, 1);
    assert.equal(reported[0].dequeueCount, 1);
  });

  it('fails fast with StoreUnavailableError naming the endpoint, never the key', async () => {
    const port = await closedPort();
    const endpoint = devEndpoint('127.0.0.1', port);
    const cs = devConnectionString({
      blobEndpoint: endpoint,
      queueEndpoint: endpoint,
      tableEndpoint: endpoint,
    });
    const queue = QueueWorkQueue.fromConnectionString<Job>(cs, 'unreachable');
    const started = Date.now();
    const error = await queue.send({ n: 1 }).then(
      () => assert.fail('expected a failure'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof StoreUnavailableError, String(error));
    assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
    assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
    assert.ok(!error.message.includes(DEV_ACCOUNT_KEY));
    await assert.rejects(queue.ping(), StoreUnavailableError);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
