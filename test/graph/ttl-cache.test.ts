import assert from 'node:assert/strict';
import { TtlCache } from '../../src/graph/ttl-cache';

function manualClock(start = 0): { now: () => Date; advance: (ms: number) => void } {
  let t = start;
  return { now: () => new Date(t), advance: (ms) => (t += ms) };
}

describe('TtlCache', () => {
  it('serves a cached value until it expires, then loads again', async () => {
    const clock = manualClock();
    const cache = new TtlCache<number>(1000, clock);
    let loads = 0;
    const load = async (): Promise<number> => ++loads;
    assert.equal(await cache.get('k', load), 1);
    clock.advance(999);
    assert.equal(await cache.get('k', load), 1);
    clock.advance(2);
    assert.equal(await cache.get('k', load), 2);
  });

  it('coalesces concurrent loads of one key into one call', async () => {
    const cache = new TtlCache<string>(1000);
    let loads = 0;
    let release: (v: string) => void = () => undefined;
    const load = (): Promise<string> => {
      loads += 1;
      return new Promise((resolve) => (release = resolve));
    };
    const all = Promise.all([cache.get('k', load), cache.get('k', load), cache.get('k', load)]);
    release('value');
    assert.deepEqual(await all, ['value', 'value', 'value']);
    assert.equal(loads, 1);
  });

  it('does not cache failures', async () => {
    const cache = new TtlCache<string>(1000);
    await assert.rejects(
      cache.get('k', () => Promise.reject(new Error('boom'))),
      /boom/,
    );
    assert.equal(await cache.get('k', async () => 'ok'), 'ok');
  });

  it('evicts the oldest entry beyond its bound', async () => {
    const cache = new TtlCache<number>(60_000, undefined, 2);
    let loads = 0;
    const load = async (): Promise<number> => ++loads;
    await cache.get('a', load);
    await cache.get('b', load);
    await cache.get('c', load);
    assert.equal(await cache.get('b', load), 2, 'b still cached');
    assert.equal(await cache.get('a', load), 4, 'a was evicted and reloaded');
  });
});
