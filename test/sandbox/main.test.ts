import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_TENANT } from '../../src/sandbox/demo-ids';
import { rec, values } from './helpers';

const ENTRY = join(__dirname, '../../src/sandbox/main.ts');

function run(args: string[]): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(read: () => string, pattern: RegExp, ms: number): Promise<RegExpExecArray> {
  const deadline = Date.now() + ms;
  for (;;) {
    const match = pattern.exec(read());
    if (match) return match;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${pattern}; output: ${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('sandbox main entry @slow', function () {
  this.timeout(15_000);

  it('starts on the requested port, prints its URL and answers Graph calls', async () => {
    const proc = run(['--port', '0']);
    try {
      const [, url] = await waitFor(
        proc.output,
        /listening on (http:\/\/127\.0\.0\.1:\d+)/,
        10_000,
      );
      const health = await fetch(`${url}/_sandbox/health`);
      assert.equal(health.status, 200);
      const org = await fetch(`${url}/v1.0/organization`, {
        headers: { Authorization: 'Bearer t' },
      });
      assert.equal(values(await org.json())[0].id, DEMO_TENANT.id);
      const log = rec(await (await fetch(`${url}/_sandbox/requests`)).json());
      assert.equal((log.value as unknown[]).length, 1);
    } finally {
      proc.child.kill('SIGTERM');
      await proc.exited;
    }
  });

  it('exits 1 and names the file when the fixture is invalid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-main-'));
    const file = join(dir, 'tenant.json');
    writeFileSync(file, JSON.stringify({ description: 'empty' }));
    const proc = run(['--fixture', file]);
    assert.equal(await proc.exited, 1);
    assert.match(
      proc.output(),
      new RegExp(`Invalid tenant fixture ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
    assert.match(proc.output(), /organization: Required/);
  });
});
