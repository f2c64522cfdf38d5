import assert from 'node:assert/strict';
import { RecentMap } from '../src/recent-map';

describe('a map of the most recently used entries', () => {
  it('forgets the least recently used entry past its limit, a read counting as a use', () => {
    const map = new RecentMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    assert.equal(map.get('a'), 1);
    map.set('c', 3);
    assert.equal(map.get('b'), undefined, 'b was the least recently used');
    assert.equal(map.get('a'), 1);
    assert.equal(map.get('c'), 3);
    assert.equal(map.size, 2);
  });

  it('deletes an entry only while it still holds the value given', () => {
    const map = new RecentMap<string, object>(4);
    const first = {};
    const second = {};
    map.set('k', first);
    map.set('k', second);
    map.delete('k', first);
    assert.equal(map.get('k'), second, 'a newer value stays');
    map.delete('k', second);
    assert.equal(map.get('k'), undefined);
    map.set('k', first);
    map.delete('k');
    assert.equal(map.size, 0);
  });
});
