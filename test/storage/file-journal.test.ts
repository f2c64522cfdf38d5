import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OutboxItem } from '../../src/remediation/outbox';
import { FileJournal } from '../../src/storage/file-journal';

function item(id: string): OutboxItem {
  return {
    id,
    requestId: id.split('~')[0],
    audit: [{ event: 'succeeded', actorId: 'system', summary: 'Done.' }],
    tell: { cause: 'executed', parts: ['channel'] },
    attempts: 0,
    nextAt: '2026-11-22T09:00:00.000Z',
  };
}

describe('the outbox journal on local disk', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'journal-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps items across a restart, replaces an item in place and removes it', async () => {
    const first = new FileJournal<OutboxItem>(path.join(dir, 'outbox'));
    await first.keep(item('rq-1~executed~4'));
    await first.keep({ ...item('rq-1~executed~4'), attempts: 2 });
    await first.keep(item('rq-2~decided~2'));
    const restarted = new FileJournal<OutboxItem>(path.join(dir, 'outbox'));
    const listed = await restarted.list();
    assert.deepEqual(
      listed.map((i) => [i.id, i.attempts]),
      [
        ['rq-1~executed~4', 2],
        ['rq-2~decided~2', 0],
      ],
    );
    await restarted.remove('rq-1~executed~4');
    assert.deepEqual(
      (await first.list()).map((i) => i.id),
      ['rq-2~decided~2'],
    );
  });

  it('keeps an item in memory, and says so, when the disk refuses it', async () => {
    const blocked = path.join(dir, 'not-a-folder');
    writeFileSync(blocked, 'a file where the folder should be');
    const refusals: unknown[] = [];
    const journal = new FileJournal<OutboxItem>(blocked, (error) => refusals.push(error));
    await journal.keep(item('rq-3~executed~4'));
    assert.ok(refusals.length >= 1, 'the refusal is reported');
    assert.deepEqual(
      (await journal.list()).map((i) => i.id),
      ['rq-3~executed~4'],
    );
    await journal.remove('rq-3~executed~4');
    assert.deepEqual(await journal.list(), []);
  });
});
