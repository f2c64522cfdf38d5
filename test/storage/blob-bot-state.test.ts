/**
 * Bot turn state is kept by botbuilder-azure-blobs' BlobsStorage, built from what createStorage
 * hands bot/. These tests run that exact class against Azurite blobs: write, read, and the eTag
 * check that stops two bot instances from overwriting each other's turn state.
 */
import assert from 'node:assert/strict';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { startAzurite, type AzuriteHandle } from '../../src/storage/azurite';
import { createStorage } from '../../src/storage/create-storage';
import { uniqueQueue } from './unique-name';

describe('bot turn state in BlobsStorage on Azurite @slow', () => {
  let azurite: AzuriteHandle;

  before(async () => {
    azurite = await startAzurite({ inMemory: true });
  });
  after(async () => {
    await azurite?.stop();
  });

  /** A BlobsStorage on its own container, constructed exactly as bot/ does. */
  function botStorage(container: string): BlobsStorage {
    const { botState } = createStorage(
      { connectionString: azurite.connectionString },
      { botStateContainer: container },
    );
    assert.equal(botState.kind, 'connection-string');
    if (botState.kind !== 'connection-string') throw new Error('unreachable');
    return new BlobsStorage(botState.connectionString, botState.containerName);
  }

  it('writes and reads state, non-ASCII included, with an eTag', async () => {
    const storage = botStorage(uniqueQueue('state'));
    await storage.write({ 'conv/1': { count: 1, name: 'Zoë 😀', nested: { list: [1, null] } } });
    const read = await storage.read(['conv/1', 'conv/missing']);
    assert.deepEqual(Object.keys(read), ['conv/1']);
    const { eTag, ...value } = read['conv/1'] as { eTag: string };
    assert.deepEqual(value, { count: 1, name: 'Zoë 😀', nested: { list: [1, null] } });
    assert.ok(typeof eTag === 'string' && eTag.length > 0);
  });

  it('accepts a write with the current eTag and rejects one with a stale eTag', async () => {
    const storage = botStorage(uniqueQueue('state'));
    await storage.write({ turn: { count: 1 } });
    const first = (await storage.read(['turn'])).turn as { eTag: string; count: number };
    await storage.write({ turn: { ...first, count: 2 } });
    const second = (await storage.read(['turn'])).turn as { eTag: string; count: number };
    assert.notEqual(second.eTag, first.eTag);
    await assert.rejects(storage.write({ turn: { ...first, count: 3 } }), /eTag conflict/);
    assert.equal(((await storage.read(['turn'])).turn as { count: number }).count, 2);
  });

  it('lets only the first of two bot instances save state read at the same eTag', async () => {
    const container = uniqueQueue('state');
    const one = botStorage(container);
    const two = botStorage(container);
    await one.write({ shared: { count: 0 } });
    const seenByOne = (await one.read(['shared'])).shared as { count: number };
    const seenByTwo = (await two.read(['shared'])).shared as { count: number };
    await one.write({ shared: { ...seenByOne, count: seenByOne.count + 1 } });
    await assert.rejects(
      two.write({ shared: { ...seenByTwo, count: seenByTwo.count + 10 } }),
      /eTag conflict/,
    );
    assert.equal(((await two.read(['shared'])).shared as { count: number }).count, 1);
  });

  it('deletes state, and deleting missing state succeeds', async () => {
    const storage = botStorage(uniqueQueue('state'));
    await storage.write({ gone: { n: 1 } });
    await storage.delete(['gone', 'never-written']);
    assert.deepEqual(await storage.read(['gone']), {});
  });
});

describe('bot turn state with managed identity', () => {
  it('gives BlobsStorage a container URL and credential it accepts', () => {
    const credential: TokenCredential = {
      getToken: async (): Promise<AccessToken> => ({ token: 'unused', expiresOnTimestamp: 0 }),
    };
    const { botState } = createStorage({
      accountUrl: 'https://contoso.blob.core.windows.net',
      credential,
    });
    assert.equal(botState.kind, 'container-url');
    if (botState.kind !== 'container-url') return;
    const storage = new BlobsStorage('', '', undefined, botState.containerUrl, botState.credential);
    assert.ok(storage instanceof BlobsStorage);
    assert.throws(() => new BlobsStorage('', '', undefined, botState.containerUrl, undefined));
  });
});
