import assert from 'node:assert/strict';
import { FairLine } from '../../src/graph/fair-line';

describe('a line shared fairly between people', () => {
  it('serves each person in turn, oldest item first', () => {
    const line = new FairLine<string>(10);
    for (const item of ['a1', 'a2', 'a3']) line.push('a', item);
    line.push('b', 'b1');
    line.push('c', 'c1');
    line.push('b', 'b2');
    const served: string[] = [];
    while (line.size > 0) served.push(...line.take());
    assert.deepEqual(served, ['a1', 'b1', 'c1', 'a2', 'b2', 'a3']);
  });

  it('holds at most the bound per person, and others are not affected', () => {
    const line = new FairLine<number>(2);
    assert.equal(line.push('a', 1), true);
    assert.equal(line.push('a', 2), true);
    assert.equal(line.push('a', 3), false, 'third refused');
    assert.equal(line.push('b', 1), true);
    assert.equal(line.size, 3);
  });

  it('takes companions the same answer serves, whoever they belong to', () => {
    const line = new FairLine<{ code: number; id: string }>(10);
    line.push('a', { code: 1, id: 'a1' });
    line.push('b', { code: 2, id: 'b1' });
    line.push('c', { code: 1, id: 'c1' });
    const taken = line.take((first) => (item) => item.code === first.code);
    assert.deepEqual(
      taken.map((t) => t.id),
      ['a1', 'c1'],
    );
    assert.deepEqual(
      line.drain().map((t) => t.id),
      ['b1'],
    );
  });

  it('counts the turns before a new item, one per group a turn serves together', () => {
    type Item = { code: number; id: string };
    const sameCode = (first: Item) => (item: Item) => item.code === first.code;
    const line = new FairLine<Item>(10);
    assert.equal(line.turnsBefore({ code: 1, id: 'x' }, sameCode), 0);
    line.push('a', { code: 1, id: 'a1' });
    line.push('b', { code: 2, id: 'b1' });
    line.push('c', { code: 1, id: 'c1' });
    line.push('a', { code: 3, id: 'a2' });
    assert.equal(line.turnsBefore({ code: 4, id: 'x' }, sameCode), 3, 'codes 1, 2 and 3');
    assert.equal(line.turnsBefore({ code: 2, id: 'x' }, sameCode), 2, 'rides with b1');
    assert.equal(line.turnsBefore({ code: 4, id: 'x' }), 4, 'without companions, one each');
  });

  it('puts an item back at the front of its person’s line', () => {
    const line = new FairLine<string>(1);
    line.push('a', 'a2');
    line.putBack('a', 'a1');
    assert.deepEqual([...line.take(), ...line.take()], ['a1', 'a2']);
  });
});
