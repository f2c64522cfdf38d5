/**
 * How Azurite's table service answers as a table grows: point reads, compare-and-set replaces,
 * 50-row transactions and a status-filtered partition query, timed one at a time (no
 * concurrency) on rows of the recipient rows' size, with every row in one partition or spread
 * over shards. Explains why a 10,000-recipient benchmark run is slower per operation than a
 * 2,000-recipient one.
 *
 *   tsx bench/announce/azurite-partition.ts [--rows 10000] [--shards 1,16] [--ops 200]
 */
import { startAzurite, TableRecordStore } from '../../src/storage';

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

type Row = { status: string; attempts: number; reference: { conversationId: string; pad: string } };

async function time(samples: number[], run: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await run();
  samples.push(performance.now() - started);
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)] * 10) / 10;
}

async function main(): Promise<void> {
  const rows = Number(arg('rows', '10000'));
  const ops = Number(arg('ops', '200'));
  const shardCounts = arg('shards', '1,16').split(',').map(Number);
  const azurite = await startAzurite({ inMemory: true });
  try {
    for (const shards of shardCounts) {
      const store = TableRecordStore.fromConnectionString(azurite.connectionString, {
        tablePrefix: `p${shards}`,
      });
      const table = 'rows';
      const partition = (i: number): string => (shards === 1 ? 'a' : `a.${i % shards}`);
      const key = (i: number): string => `u.${String(i).padStart(8, '0')}`;
      const value = (i: number): Row => ({
        status: 'queued',
        attempts: 0,
        reference: { conversationId: `a:${i}`, pad: 'x'.repeat(1200) },
      });
      const checkpoints = [rows / 10, rows / 2, rows];
      let written = 0;
      for (const upTo of checkpoints) {
        for (let s = 0; s < shards; s += 1) {
          const mine: number[] = [];
          for (let i = written; i < upTo; i += 1)
            if (i % shards === s || shards === 1) mine.push(i);
          for (let j = 0; j < mine.length; j += 100) {
            const chunk = mine.slice(j, j + 100);
            await store.insertBatch!(
              table,
              partition(chunk[0]),
              chunk.map((i) => ({ row: key(i), value: value(i) })),
            );
          }
          if (shards === 1) break;
        }
        written = upTo;
        const get: number[] = [];
        const replace: number[] = [];
        const batch: number[] = [];
        const query: number[] = [];
        for (let n = 0; n < ops; n += 1) {
          const i = Math.floor(Math.random() * written);
          const k = { partition: partition(i), row: key(i) };
          let found: Awaited<ReturnType<typeof store.get<Row>>>;
          await time(get, async () => (found = await store.get<Row>(table, k)));
          await time(replace, () =>
            store.replace(
              table,
              k,
              { ...found!.value, attempts: found!.value.attempts + 1 },
              found!.etag,
            ),
          );
        }
        for (let n = 0; n < Math.min(20, ops / 10); n += 1) {
          const first = Math.floor(Math.random() * (written / shards - 50));
          const idx = Array.from({ length: 50 }, (_, j) => (first + j) * shards);
          const current = await Promise.all(
            idx.map((i) => store.get<Row>(table, { partition: partition(i), row: key(i) })),
          );
          await time(batch, () =>
            store.replaceBatch!(
              table,
              partition(idx[0]),
              current.map((c, j) => ({ row: key(idx[j]), value: c!.value, etag: c!.etag })),
            ),
          );
          await time(query, () =>
            store.list<Row>(table, partition(idx[0]), {
              where: { field: 'status', anyOf: ['sending'] },
            }),
          );
        }
        console.log(
          JSON.stringify({
            shards,
            rows: written,
            perPartition: Math.round(written / shards),
            medianMs: {
              get: median(get),
              replace: median(replace),
              replaceBatch50: median(batch),
              filteredQuery: median(query),
            },
          }),
        );
      }
    }
  } finally {
    await azurite.stop();
  }
}

void main();
