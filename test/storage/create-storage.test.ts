import assert from 'node:assert/strict';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { accountServiceUrls, createStorage } from '../../src/storage/create-storage';
import { DEV_ACCOUNT_KEY, devConnectionString } from '../../src/storage/dev-account';
import { QueueWorkQueue } from '../../src/storage/queue-work-queue';
import { TableRecordStore } from '../../src/storage/table-record-store';

const credential: TokenCredential = {
  getToken: async (): Promise<AccessToken> => ({ token: 'unused', expiresOnTimestamp: 0 }),
};

const local = devConnectionString({
  blobEndpoint: 'http://127.0.0.1:1001/devstoreaccount1',
  queueEndpoint: 'http://127.0.0.1:1002/devstoreaccount1',
  tableEndpoint: 'http://127.0.0.1:1003/devstoreaccount1',
});

describe('createStorage', () => {
  it('builds the same adapters from a connection string', () => {
    const storage = createStorage({ connectionString: local });
    assert.ok(storage.records instanceof TableRecordStore);
    assert.ok(storage.queue('fan-out') instanceof QueueWorkQueue);
  });

  it('builds the same adapters from an account URL and a credential', () => {
    const storage = createStorage({
      accountUrl: 'https://contoso.blob.core.windows.net/',
      credential,
    });
    assert.ok(storage.records instanceof TableRecordStore);
    assert.ok(storage.queue('fan-out') instanceof QueueWorkQueue);
    assert.match(storage.describe(), /https:\/\/contoso\.table\.core\.windows\.net/);
    assert.match(storage.describe(), /https:\/\/contoso\.queue\.core\.windows\.net/);
  });

  it('returns one client per queue name', () => {
    const storage = createStorage({ connectionString: local });
    assert.equal(storage.queue('a-queue'), storage.queue('a-queue'));
    assert.notEqual(storage.queue('a-queue'), storage.queue('b-queue'));
  });

  it('describes the endpoints without the account key', () => {
    const text = createStorage({ connectionString: local }).describe();
    assert.match(text, /127\.0\.0\.1:1003/);
    assert.match(text, /127\.0\.0\.1:1002/);
    assert.doesNotMatch(text, /127\.0\.0\.1:1001/, 'no blob endpoint: the bot keeps no turn state');
    assert.ok(!text.includes(DEV_ACCOUNT_KEY));
  });

  it('derives endpoints from a cloud connection string with only account and suffix', () => {
    const cs =
      'DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=a2V5;EndpointSuffix=core.chinacloudapi.cn';
    assert.match(
      createStorage({ connectionString: cs }).describe(),
      /https:\/\/contoso\.table\.core\.chinacloudapi\.cn/,
    );
  });
});

describe('accountServiceUrls', () => {
  it('derives the queue and table URLs from any service URL of the account', () => {
    const expected = {
      queue: 'https://contoso.queue.core.windows.net',
      table: 'https://contoso.table.core.windows.net',
    };
    for (const service of ['blob', 'queue', 'table']) {
      assert.deepEqual(accountServiceUrls(`https://contoso.${service}.core.windows.net`), expected);
    }
  });

  it('refuses a URL that names no storage service', () => {
    assert.throws(() => accountServiceUrls('https://example.com'), /expected https:\/\/<account>/);
  });
});
