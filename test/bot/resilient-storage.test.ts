import assert from 'node:assert/strict';
import type { Storage, StoreItems } from 'botbuilder';
import { ResilientStorage } from '../../bot/resilient-storage';

function failing(error: unknown): Storage {
  return {
    read: async () => Promise.reject(error),
    write: async () => Promise.reject(error),
    delete: async () => Promise.reject(error),
  };
}

describe('ResilientStorage', () => {
  it('turns an unreachable store into empty state and dropped writes, warning once', async () => {
    const warnings: string[] = [];
    const storage = new ResilientStorage(
      failing(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
      (m) => warnings.push(m),
    );
    assert.deepEqual(await storage.read(['conversation/a']), {});
    await storage.write({ 'conversation/a': { x: 1 } });
    await storage.delete(['conversation/a']);
    assert.equal(warnings.length, 1, 'rate-limited to one warning a minute');
    assert.match(warnings[0], /ECONNREFUSED/);
  });

  it('still surfaces eTag conflicts, which mean two turns raced', async () => {
    const storage = new ResilientStorage(
      failing(Object.assign(new Error('precondition failed'), { statusCode: 412 })),
      () => undefined,
    );
    await assert.rejects(storage.write({ k: { eTag: 'old' } }), /precondition failed/);
  });

  it('passes data through when the store answers', async () => {
    const items: StoreItems = { k: { v: 1 } };
    const inner: Storage = {
      read: async () => items,
      write: async () => undefined,
      delete: async () => undefined,
    };
    assert.deepEqual(await new ResilientStorage(inner).read(['k']), items);
  });
});
