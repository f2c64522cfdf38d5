import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '../support/free-port';
import { freshShellEnv } from '../support/fresh-env';

const TSX = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');
const ENTRY = path.join(process.cwd(), 'bot', 'main.ts');

describe('the start command @slow', function () {
  this.timeout(120_000);

  it('brings up every part on embedded defaults and stops cleanly on SIGTERM', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpdesk-start-'));
    const port = await freePort();
    const child = spawn(TSX, [ENTRY], {
      env: freshShellEnv({ PORT: String(port), LOCAL_DATA_DIR: dataDir }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      // Poll readiness from the first moment: when it first says ready, the summary is complete.
      let readyOutput: string | undefined;
      const deadline = Date.now() + 90_000;
      while (readyOutput === undefined && Date.now() < deadline && child.exitCode === null) {
        const answer = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
        if (answer?.status === 200) readyOutput = output;
        else await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(readyOutput !== undefined, `never ready; output:\n${output}`);
      assert.match(readyOutput, /Press Ctrl-C to stop/, 'the summary is printed before ready');
      assert.doesNotMatch(output, /Warning|DEP0\d+/, 'no warning at start');
      assert.match(output, /Open this URL to chat: +http:\/\/127\.0\.0\.1:\d+/);
      assert.match(output, /Sandbox tenant \(Graph\): +http:\/\/127\.0\.0\.1:\d+\/v1\.0/);
      assert.match(output, /Storage \(Azurite\):/);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      assert.equal(ready.status, 200, await ready.text());
      assert.ok(
        fs.existsSync(path.join(dataDir, 'azurite')),
        'Azurite keeps its data in the folder',
      );

      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
      await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`), 'the port is released');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('stops at once with one line naming a malformed variable', () => {
    const result = spawnSync(TSX, [ENTRY], {
      env: freshShellEnv({ BOT_ID: 'not-a-guid' }),
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(result.status, 1);
    const lines = result.stderr.split('\n').filter((l) => l.trim());
    assert.deepEqual(lines, [
      'Configuration error: BOT_ID: expected the bot\'s Microsoft App ID (a GUID), got "not-a-guid".',
    ]);
  });
});
