import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { triage } from '../../src/triage';
import {
  defaultTriageThreads,
  onThisThread,
  TriageThreads,
  type TriageThreadOptions,
} from '../../src/triage/off-thread';

const FIXTURES = join(__dirname, '..', 'fixtures', 'triage');
const THREADS = join(__dirname, 'threads');

function texts(file: string, take: number): string[] {
  return readFileSync(join(FIXTURES, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { text: string }).text)
    .slice(0, take);
}

describe('reading pastes on triage threads', function () {
  // A thread under tsx compiles the triage modules as it starts.
  this.timeout(60_000);
  const pools: TriageThreads[] = [];
  const pool = (options: TriageThreadOptions): TriageThreads => {
    const made = new TriageThreads(options);
    pools.push(made);
    return made;
  };
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.close()));
  });

  it('reads every paste as this thread does, on the thread', async () => {
    const reader = pool({ threads: 1 });
    const pastes = [...texts('dev-set.jsonl', 60), ...texts('dev-questions.jsonl', 20), ''];
    // All at once, as turns arrive: each answer must find its own paste.
    const read = await Promise.all(pastes.map((text) => reader.read(text)));
    read.forEach((reading, i) => assert.deepStrictEqual(reading, triage(pastes[i]), pastes[i]));
    assert.deepEqual(reader.stats(), {
      onThreads: pastes.length,
      here: 0,
      threads: 1,
      started: 1,
    });
  });

  it('keeps the pastes apart across two threads', async () => {
    const reader = pool({ threads: 2 });
    const pastes = texts('dev-round15.jsonl', 40);
    const read = await Promise.all(pastes.map((text) => reader.read(text)));
    read.forEach((reading, i) => assert.deepStrictEqual(reading, triage(pastes[i])));
    assert.equal(reader.stats().onThreads, pastes.length);
    assert.equal(reader.stats().started, 2);
  });

  it('a thread that stops as it starts: each paste is read here, and after three no thread is started', async () => {
    const reader = pool({ threads: 1, script: join(THREADS, 'dies.ts') });
    const pastes = texts('dev-set.jsonl', 6);
    for (const text of pastes) assert.deepStrictEqual(await reader.read(text), triage(text));
    const stats = reader.stats();
    assert.equal(stats.here, pastes.length, 'nothing lost');
    assert.equal(stats.onThreads, 0);
    assert.equal(stats.started, 3, 'not one thread a paste');
  });

  it('a thread that does not answer in time is replaced, and its paste read here', async () => {
    const reader = pool({ threads: 1, timeoutMs: 20, script: join(THREADS, 'silent.ts') });
    const [text] = texts('dev-set.jsonl', 1);
    assert.deepStrictEqual(await reader.read(text), triage(text));
    assert.deepEqual(reader.stats(), { onThreads: 0, here: 1, threads: 0, started: 1 });
  });

  it('a thread whose reading failed: the paste is read here', async () => {
    const reader = pool({ threads: 1, script: join(THREADS, 'fails.ts') });
    const [text] = texts('dev-set.jsonl', 1);
    assert.deepStrictEqual(await reader.read(text), triage(text));
    assert.deepEqual(reader.stats(), { onThreads: 0, here: 1, threads: 1, started: 1 });
  });

  it('with too many pastes waiting, the next is read here at once; closing reads what was held', async () => {
    const reader = pool({
      threads: 1,
      maxWaiting: 1,
      timeoutMs: 600_000,
      script: join(THREADS, 'silent.ts'),
    });
    const [first, second] = texts('dev-set.jsonl', 2);
    const held = reader.read(first);
    assert.deepStrictEqual(await reader.read(second), triage(second));
    assert.equal(reader.stats().here, 1, 'the second, at once');
    await reader.close();
    assert.deepStrictEqual(await held, triage(first), 'the held paste is not lost');
    assert.deepStrictEqual(await reader.read(second), triage(second), 'closed: read here');
    assert.equal(reader.stats().here, 3);
  });

  it('one thread for each spare core, at most two; none on one core', async () => {
    assert.deepEqual(
      [1, 2, 3, 4, 16].map((cores) => defaultTriageThreads(cores)),
      [0, 1, 2, 2, 2],
    );
    const [text] = texts('dev-set.jsonl', 1);
    assert.deepStrictEqual(await onThisThread.read(text), triage(text));
  });
});
