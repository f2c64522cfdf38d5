/**
 * The RecordStore contract, run against every implementation (the in-memory fake and the Azure
 * Tables adapter on Azurite) so domain tests on the fake mean what they say about production.
 */
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { AppError, ConflictError, isAppError, type ErrorCode } from '../../src/errors';
import type { ListOptions, RecordKey, RecordStore, RecordValue } from '../../src/ports';
import { uniqueTable } from './unique-name';

export interface RecordStoreSubject {
  store: RecordStore;
}

export async function rejectsWith(work: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  let caught: unknown;
  await assert.rejects(work, (error: unknown) => {
    caught = error;
    return error instanceof AppError && error.code === code;
  });
  return caught as AppError;
}

/** Lengths and a bad-character count, instead of a diff of hundreds of kilobytes. */
function summarize(value: unknown): string {
  if (typeof value !== 'object' || value === null) return String(value);
  return Object.entries(value)
    .map(
      ([k, v]) =>
        `${k}: ${String(v).length} chars, ${(String(v).match(/\uFFFD/g) ?? []).length} U+FFFD`,
    )
    .join('; ');
}

const KEY: RecordKey = { partition: 'p1', row: 'r1' };

/** Values chosen because naive table layouts change them: types, nesting, nulls, odd text. */
export const AWKWARD: RecordValue = {
  text: 'quote \' double " backslash \\ newline \n tab \t <xml/> & %20 +',
  unicode: 'café 😀 日本語 \u200b',
  empty: '',
  zero: 0,
  negative: -12.5,
  maxSafe: Number.MAX_SAFE_INTEGER,
  beyondInt32: 2 ** 40,
  tiny: 5e-324,
  huge: 1e308,
  numericString: '42',
  booleanString: 'true',
  nullString: 'null',
  dateString: '2024-05-01T10:00:00.000Z',
  yes: true,
  no: false,
  nothing: null,
  nested: { deep: { list: [1, 'two', null, { three: 3 }, [], {}] } },
  emptyObject: {},
  emptyArray: [],
  'key with spaces-and.dots': 1,
  Json: 'a field named like the storage column',
  PartitionKey: 'a field named like a system property',
};

export function recordStoreContract(
  name: string,
  makeSubject: () => RecordStoreSubject | Promise<RecordStoreSubject>,
): void {
  describe(`RecordStore contract: ${name}`, () => {
    let store: RecordStore;
    let table: string;

    beforeEach(async () => {
      ({ store } = await makeSubject());
      table = uniqueTable();
    });

    describe('values', () => {
      it('returns undefined for a record never written', async () => {
        assert.equal(await store.get(table, KEY), undefined);
      });

      it('round-trips awkward values exactly, with the etag insert returned', async () => {
        const inserted = await store.insert(table, KEY, AWKWARD);
        assert.deepEqual(inserted.value, AWKWARD);
        const read = await store.get(table, KEY);
        assert.deepEqual(read?.value, AWKWARD);
        assert.deepEqual(read?.key, KEY);
        assert.equal(read?.etag, inserted.etag);
      });

      it('stores dates as ISO strings, drops undefined properties and turns -0 into 0', async () => {
        const when = new Date('2024-05-01T10:00:00.000Z');
        const value = { when, gone: undefined, minusZero: -0, list: [when] };
        const expected = { when: when.toISOString(), minusZero: 0, list: [when.toISOString()] };
        const inserted = await store.insert(table, KEY, value);
        assert.deepEqual(inserted.value, expected);
        assert.deepEqual((await store.get(table, KEY))?.value, expected);
      });

      it('round-trips a value spanning several columns and network chunks, non-ASCII included', async () => {
        const value = {
          emoji: '😀'.repeat(10_000),
          accents: 'é日'.repeat(5_000),
          ascii: 'x'.repeat(100_000),
        };
        await store.insert(table, KEY, value);
        const read = (await store.get(table, KEY))?.value;
        assert.ok(isDeepStrictEqual(read, value), `differs: ${summarize(read)}`);
      });

      it('keeps no reference to the caller’s objects', async () => {
        const value = { list: [1], inner: { n: 1 } };
        const inserted = await store.insert(table, KEY, value);
        value.list.push(2);
        (inserted.value as typeof value).inner.n = 99;
        assert.deepEqual((await store.get(table, KEY))?.value, { list: [1], inner: { n: 1 } });
      });

      const unstorable: [string, unknown][] = [
        ['NaN', { n: Number.NaN }],
        ['Infinity', { n: Number.POSITIVE_INFINITY }],
        ['a bigint', { n: BigInt(1) }],
        ['a Map', { m: new Map([[1, 2]]) }],
        ['a function', { f: () => 1 }],
        ['undefined in an array', { list: [1, undefined] }],
        ['an invalid Date', { d: new Date('nope') }],
        ['a lone surrogate', { s: 'broken \ud83d' }],
      ];
      for (const [label, value] of unstorable) {
        it(`refuses ${label} with input-invalid and writes nothing`, async () => {
          await rejectsWith(store.insert(table, KEY, value as RecordValue), 'input-invalid');
          assert.equal(await store.get(table, KEY), undefined);
        });
      }

      it('refuses a cycle with input-invalid', async () => {
        const value: Record<string, unknown> = { a: 1 };
        value.self = value;
        await rejectsWith(store.insert(table, KEY, value), 'input-invalid');
      });

      it('refuses a value over the 1 MiB entity limit with input-too-large, writing nothing', async () => {
        const value = { blob: 'x'.repeat(600_000) };
        const error = await rejectsWith(store.insert(table, KEY, value), 'input-too-large');
        assert.match(error.message, /p1\/r1/);
        assert.equal(await store.get(table, KEY), undefined);
      });
    });

    describe('keys and tables', () => {
      it('round-trips awkward keys and lists them', async () => {
        const key = { partition: "tenant 'a' ü 😀", row: "it's %41 + & = é 日" };
        await store.insert(table, key, { ok: true });
        assert.deepEqual((await store.get(table, key))?.value, { ok: true });
        const listed = await store.list(table, key.partition);
        assert.deepEqual(
          listed.map((r) => r.key),
          [key],
        );
      });

      const badKeys: [string, string][] = [
        ['empty', ''],
        ['a slash', 'a/b'],
        ['a backslash', 'a\\b'],
        ['a hash', 'a#b'],
        ['a question mark', 'a?b'],
        ['a control character', 'a\u0001b'],
        ['513 characters', 'k'.repeat(513)],
      ];
      for (const [label, bad] of badKeys) {
        it(`refuses a key with ${label} with input-invalid`, async () => {
          await rejectsWith(store.insert(table, { partition: bad, row: 'r' }, {}), 'input-invalid');
          await rejectsWith(store.get(table, { partition: 'p', row: bad }), 'input-invalid');
        });
      }

      it('accepts a 512-character key', async () => {
        const key = { partition: 'p', row: 'k'.repeat(512) };
        await store.insert(table, key, { n: 1 });
        assert.deepEqual((await store.get(table, key))?.value, { n: 1 });
      });

      for (const bad of ['ab', '1abc', 'has-dash', 'tables', 'x'.repeat(64)]) {
        it(`refuses the table name "${bad.slice(0, 12)}" with input-invalid`, async () => {
          await rejectsWith(store.insert(bad, KEY, {}), 'input-invalid');
        });
      }

      it('treats table names case-insensitively', async () => {
        await store.insert(table.toUpperCase(), KEY, { n: 1 });
        assert.deepEqual((await store.get(table.toLowerCase(), KEY))?.value, { n: 1 });
      });

      it('keeps tables and partitions apart', async () => {
        const other = uniqueTable();
        await store.insert(table, KEY, { where: 'first' });
        await store.insert(other, KEY, { where: 'second' });
        await store.insert(table, { partition: 'p2', row: KEY.row }, { where: 'third' });
        assert.deepEqual((await store.get(table, KEY))?.value, { where: 'first' });
        assert.deepEqual((await store.get(other, KEY))?.value, { where: 'second' });
      });
    });

    describe('writes', () => {
      it('refuses a second insert of the same key with ConflictError, keeping the first', async () => {
        await store.insert(table, KEY, { n: 1 });
        await assert.rejects(store.insert(table, KEY, { n: 2 }), ConflictError);
        assert.deepEqual((await store.get(table, KEY))?.value, { n: 1 });
      });

      it('replaces with the current etag, returning a new etag that the next read sees', async () => {
        const first = await store.insert(table, KEY, { n: 1 });
        const second = await store.replace(table, KEY, { n: 2, extra: 'x' }, first.etag);
        assert.notEqual(second.etag, first.etag);
        assert.deepEqual(second.value, { n: 2, extra: 'x' });
        const read = await store.get(table, KEY);
        assert.deepEqual(read?.value, { n: 2, extra: 'x' });
        assert.equal(read?.etag, second.etag);
      });

      it('replace drops fields the new value does not have', async () => {
        const first = await store.insert(table, KEY, { a: 1, b: 2 });
        await store.replace(table, KEY, { a: 3 }, first.etag);
        assert.deepEqual((await store.get(table, KEY))?.value, { a: 3 });
      });

      it('refuses a replace with a stale etag with ConflictError, changing nothing', async () => {
        const first = await store.insert(table, KEY, { n: 1 });
        const second = await store.replace(table, KEY, { n: 2 }, first.etag);
        await assert.rejects(store.replace(table, KEY, { n: 3 }, first.etag), ConflictError);
        const read = await store.get(table, KEY);
        assert.deepEqual(read?.value, { n: 2 });
        assert.equal(read?.etag, second.etag);
      });

      it('refuses a replace of a record that is gone with ConflictError', async () => {
        const first = await store.insert(table, KEY, { n: 1 });
        await store.delete(table, KEY);
        await assert.rejects(store.replace(table, KEY, { n: 2 }, first.etag), ConflictError);
        assert.equal(await store.get(table, KEY), undefined);
      });

      it('lets exactly one of eight parallel replaces from the same etag win', async () => {
        const first = await store.insert(table, KEY, { writer: -1 });
        const attempts = await Promise.allSettled(
          Array.from({ length: 8 }, (_, writer) =>
            store.replace(table, KEY, { writer }, first.etag),
          ),
        );
        const won = attempts.flatMap((a, writer) => (a.status === 'fulfilled' ? [writer] : []));
        assert.equal(won.length, 1, `winners: ${won.join(', ')}`);
        for (const attempt of attempts) {
          if (attempt.status === 'rejected') assert.ok(attempt.reason instanceof ConflictError);
        }
        assert.deepEqual((await store.get(table, KEY))?.value, { writer: won[0] });
      });

      it('lets exactly one of eight parallel inserts of the same key win', async () => {
        const attempts = await Promise.allSettled(
          Array.from({ length: 8 }, (_, writer) => store.insert(table, KEY, { writer })),
        );
        const won = attempts.flatMap((a, writer) => (a.status === 'fulfilled' ? [writer] : []));
        assert.equal(won.length, 1);
        assert.deepEqual((await store.get(table, KEY))?.value, { writer: won[0] });
      });

      it('upserts: creates, then overwrites without an etag, changing the etag each time', async () => {
        const created = await store.upsert(table, KEY, { n: 1 });
        const overwritten = await store.upsert(table, KEY, { n: 2 });
        assert.notEqual(created.etag, overwritten.etag);
        const read = await store.get(table, KEY);
        assert.deepEqual(read?.value, { n: 2 });
        assert.equal(read?.etag, overwritten.etag);
      });
    });

    describe('batch insert', () => {
      it('writes every row of a 100-row batch in one partition, each readable with its etag', async () => {
        const rows = Array.from({ length: 100 }, (_, i) => ({
          row: `r${String(i).padStart(3, '0')}`,
          value: { n: i },
        }));
        const written = await store.insertBatch!(table, 'batch', rows);
        assert.equal(written.length, 100);
        const listed = await store.list<{ n: number }>(table, 'batch');
        assert.deepEqual(
          listed.map((r) => r.value.n),
          rows.map((r) => r.value.n),
        );
        const fifty = await store.get(table, { partition: 'batch', row: 'r050' });
        assert.equal(fifty?.etag, written[50].etag);
        await store.replace(
          table,
          { partition: 'batch', row: 'r050' },
          { n: -1 },
          written[50].etag,
        );
      });

      it('writes nothing when one row already exists, with ConflictError', async () => {
        await store.insert(table, { partition: 'batch', row: 'b' }, { n: 0 });
        const rows = ['a', 'b', 'c'].map((row) => ({ row, value: { n: 1 } }));
        await assert.rejects(store.insertBatch!(table, 'batch', rows), ConflictError);
        assert.deepEqual(
          (await store.list(table, 'batch')).map((r) => r.key.row),
          ['b'],
        );
      });

      it('replaces a batch with the current etags, each row getting a new etag', async () => {
        const rows = ['a', 'b', 'c'].map((row) => ({ row, value: { n: 1 } }));
        const written = await store.insertBatch!(table, 'batch', rows);
        const replaced = await store.replaceBatch!(
          table,
          'batch',
          written.map((w) => ({ row: w.key.row, value: { n: 2 }, etag: w.etag })),
        );
        for (const [i, r] of replaced.entries()) {
          const now = await store.get(table, r.key);
          assert.deepEqual(now?.value, { n: 2 });
          assert.equal(now?.etag, r.etag);
          assert.notEqual(r.etag, written[i].etag);
        }
      });

      it('replaces nothing when one etag is stale, with ConflictError', async () => {
        const rows = ['a', 'b', 'c'].map((row) => ({ row, value: { n: 1 } }));
        const written = await store.insertBatch!(table, 'batch', rows);
        await store.replace(table, written[1].key, { n: 9 }, written[1].etag);
        await assert.rejects(
          store.replaceBatch!(
            table,
            'batch',
            written.map((w) => ({ row: w.key.row, value: { n: 2 }, etag: w.etag })),
          ),
          ConflictError,
        );
        const values = (await store.list<{ n: number }>(table, 'batch')).map((r) => r.value.n);
        assert.deepEqual(values, [1, 9, 1]);
      });

      it('upserts a batch: creates missing rows and replaces stored ones whatever their etag', async () => {
        const old = await store.insert(table, { partition: 'batch', row: 'b' }, { n: 0 });
        const written = await store.upsertBatch!(
          table,
          'batch',
          ['a', 'b', 'c'].map((row) => ({ row, value: { n: 1, row } })),
        );
        const listed = await store.list<{ n: number; row: string }>(table, 'batch');
        assert.deepEqual(
          listed.map((r) => [r.key.row, r.value.n, r.etag]),
          written.map((w) => [w.key.row, 1, w.etag]),
        );
        assert.notEqual(written[1].etag, old.etag);
        await assert.rejects(
          store.upsertBatch!(table, 'batch', [
            { row: 'a', value: { n: 2 } },
            { row: 'a', value: { n: 3 } },
          ]),
          (e: unknown) => isAppError(e) && e.code === 'input-invalid',
        );
        assert.equal((await store.get<{ n: number }>(table, written[0].key))?.value.n, 1);
      });

      it('refuses an empty batch or one over 100 rows with input-invalid', async () => {
        const many = Array.from({ length: 101 }, (_, i) => ({ row: `r${i}`, value: {} }));
        for (const rows of [[], many]) {
          await assert.rejects(
            store.insertBatch!(table, 'batch', rows),
            (e: unknown) => isAppError(e) && e.code === 'input-invalid',
          );
        }
      });
    });

    describe('delete', () => {
      it('refuses a delete with a stale etag, keeping the record', async () => {
        const first = await store.insert(table, KEY, { n: 1 });
        await store.replace(table, KEY, { n: 2 }, first.etag);
        await assert.rejects(store.delete(table, KEY, first.etag), ConflictError);
        assert.deepEqual((await store.get(table, KEY))?.value, { n: 2 });
      });

      it('deletes with the current etag', async () => {
        const first = await store.insert(table, KEY, { n: 1 });
        await store.delete(table, KEY, first.etag);
        assert.equal(await store.get(table, KEY), undefined);
      });

      it('deletes without an etag, and deleting a missing record that way succeeds', async () => {
        await store.insert(table, KEY, { n: 1 });
        await store.delete(table, KEY);
        assert.equal(await store.get(table, KEY), undefined);
        await store.delete(table, KEY);
        assert.equal(await store.get(table, KEY), undefined);
      });

      it('refuses a delete with an etag of a record that is gone', async () => {
        const first = await store.insert(table, KEY, { n: 1 });
        await store.delete(table, KEY);
        await assert.rejects(store.delete(table, KEY, first.etag), ConflictError);
      });

      it('lets the key be inserted again after a delete', async () => {
        await store.insert(table, KEY, { n: 1 });
        await store.delete(table, KEY);
        await store.insert(table, KEY, { n: 2 });
        assert.deepEqual((await store.get(table, KEY))?.value, { n: 2 });
      });
    });

    describe('list', () => {
      const rows = ['a', 'b', "o'b", 'o-1', 'o-2', 'o-3', 'oa', 'p', 'z'];
      const rowsOf = (records: { key: RecordKey }[]): string[] => records.map((r) => r.key.row);

      beforeEach(async () => {
        // Inserted out of order; the store must sort.
        for (const row of [...rows].reverse())
          await store.insert(table, { partition: 'list', row }, { row });
        await store.insert(table, { partition: 'lisu', row: 'a' }, { row: 'other partition' });
        await store.insert(table, { partition: 'lis', row: 'a' }, { row: 'other partition' });
      });

      it('lists one partition in row-key order with values and etags', async () => {
        const listed = await store.list(table, 'list');
        assert.deepEqual(rowsOf(listed), rows);
        assert.deepEqual(listed[2].value, { row: "o'b" });
        const read = await store.get(table, { partition: 'list', row: "o'b" });
        assert.equal(listed[2].etag, read?.etag);
      });

      it('lists nothing for an unknown partition or an unused table', async () => {
        assert.deepEqual(await store.list(table, 'nobody'), []);
        assert.deepEqual(await store.list(uniqueTable(), 'list'), []);
      });

      it('filters by row prefix', async () => {
        assert.deepEqual(rowsOf(await store.list(table, 'list', { rowPrefix: 'o-' })), [
          'o-1',
          'o-2',
          'o-3',
        ]);
        assert.deepEqual(rowsOf(await store.list(table, 'list', { rowPrefix: "o'" })), ["o'b"]);
        assert.deepEqual(rowsOf(await store.list(table, 'list', { rowPrefix: 'q' })), []);
      });

      it('starts from a row key, inclusive', async () => {
        assert.deepEqual(rowsOf(await store.list(table, 'list', { rowFrom: 'oa' })), [
          'oa',
          'p',
          'z',
        ]);
        assert.deepEqual(rowsOf(await store.list(table, 'list', { rowFrom: 'o.' })), [
          'oa',
          'p',
          'z',
        ]);
      });

      it('limits the count, keeping order', async () => {
        assert.deepEqual(rowsOf(await store.list(table, 'list', { limit: 2 })), ['a', 'b']);
        assert.deepEqual(await store.list(table, 'list', { limit: 0 }), []);
      });

      it('combines prefix, from and limit', async () => {
        const listed = await store.list(table, 'list', {
          rowPrefix: 'o',
          rowFrom: 'o-2',
          limit: 2,
        });
        assert.deepEqual(rowsOf(listed), ['o-2', 'o-3']);
      });

      it('filters on a field: only matching rows, after replaces and batch writes too', async () => {
        const part = 'where';
        await store.insert(table, { partition: part, row: 'a' }, { status: 'queued' });
        const b = await store.insert(table, { partition: part, row: 'b' }, { status: 'queued' });
        await store.insert(table, { partition: part, row: 'c' }, { status: "it's done" });
        await store.insert(table, { partition: part, row: 'd' }, { other: 'queued' });
        await store.replace(table, b.key, { status: 'sent' }, b.etag);
        await store.upsert(table, { partition: part, row: 'e' }, { status: 'sending' });
        const open = { field: 'status', anyOf: ['queued', 'sending'] } as const;
        assert.deepEqual(rowsOf(await store.list(table, part, { where: open })), ['a', 'e']);
        const quoted = { field: 'status', anyOf: ["it's done"] } as const;
        assert.deepEqual(rowsOf(await store.list(table, part, { where: quoted })), ['c']);
        const none = { field: 'status', anyOf: [] } as const;
        assert.deepEqual(rowsOf(await store.list(table, part, { where: none })), []);
        const listed = await store.list(table, part, { where: open, limit: 1 });
        assert.deepEqual(listed[0].value, { status: 'queued' }, 'the value is returned as written');
      });

      it('refuses a filter on a field lists cannot filter on, with input-invalid', async () => {
        const where = { field: 'other', anyOf: ['x'] } as unknown as ListOptions['where'];
        await rejectsWith(store.list(table, 'list', { where }), 'input-invalid');
      });

      it('refuses a negative or fractional limit with input-invalid', async () => {
        await rejectsWith(store.list(table, 'list', { limit: -1 }), 'input-invalid');
        await rejectsWith(store.list(table, 'list', { limit: 1.5 }), 'input-invalid');
      });
    });

    it('answers ping', async () => {
      await store.ping();
    });
  });
}
