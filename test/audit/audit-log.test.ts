import assert from 'node:assert/strict';
import { TableAuditLog } from '../../src/audit/audit-log';
import { MemoryRecordStore } from '../fakes/memory-record-store';
import { ManualClock } from '../remediation/support/domain-harness';

describe('audit log', () => {
  it('keeps entries in the order they were written, even within one millisecond', async () => {
    const clock = new ManualClock(new Date('2026-11-22T09:00:00.000Z'));
    const log = new TableAuditLog(new MemoryRecordStore(), clock);
    for (const event of ['requested', 'approved', 'execution-started', 'succeeded'] as const) {
      await log.append({ event, actorId: 'a', summary: event });
    }
    const all = await log.since(new Date('2026-11-22T00:00:00Z'));
    assert.deepEqual(
      all.map((e) => e.event),
      ['requested', 'approved', 'execution-started', 'succeeded'],
    );
  });

  it('keeps an entry once when it is appended again with the same key (a retry after a lost answer)', async () => {
    const clock = new ManualClock(new Date('2026-11-22T09:00:00.000Z'));
    const log = new TableAuditLog(new MemoryRecordStore(), clock);
    const entry = {
      event: 'succeeded' as const,
      actorId: 'system',
      summary: 'Done.',
      at: '2026-11-22T08:59:00.000Z',
      once: 'rq-1~executed~3~0',
    };
    await log.append(entry);
    clock.advance(5_000);
    await log.append(entry);
    await log.append({ ...entry, once: 'rq-1~executed~3~1' });
    const all = await log.since(new Date('2026-11-22T00:00:00Z'));
    assert.equal(all.length, 2, 'the repeated key is kept once, another key is a new entry');
    assert.ok(
      all.every((e) => !('once' in e)),
      'the key is not stored in the entry',
    );
    assert.equal(all[0].at, '2026-11-22T08:59:00.000Z');
  });

  it('reads across days for a period, and newest first for recent', async () => {
    const clock = new ManualClock(new Date('2026-11-20T23:59:00.000Z'));
    const log = new TableAuditLog(new MemoryRecordStore(), clock);
    await log.append({ event: 'requested', actorId: 'a', summary: 'day one' });
    clock.advance(2 * 60_000);
    await log.append({ event: 'approved', actorId: 'b', summary: 'day two' });
    clock.advance(2 * 86_400_000);
    await log.append({ event: 'succeeded', actorId: 'c', summary: 'day four' });
    const since = await log.since(new Date('2026-11-21T00:00:00Z'));
    assert.deepEqual(
      since.map((e) => e.summary),
      ['day two', 'day four'],
    );
    const recent = await log.recent(2);
    assert.deepEqual(
      recent.map((e) => e.summary),
      ['day four', 'day two'],
    );
    assert.deepEqual(
      (await log.recent(10, { days: 1 })).map((e) => e.summary),
      ['day four'],
    );
  });

  it('never overwrites: entries are inserted with unique keys', async () => {
    const store = new MemoryRecordStore();
    const clock = new ManualClock(new Date('2026-11-22T09:00:00.000Z'));
    const a = new TableAuditLog(store, clock);
    const b = new TableAuditLog(store, clock);
    await Promise.all([
      a.append({ event: 'approved', actorId: 'a', summary: 'from a' }),
      b.append({ event: 'approved', actorId: 'b', summary: 'from b' }),
    ]);
    assert.equal((await a.since(new Date('2026-11-22T00:00:00Z'))).length, 2);
  });
});
