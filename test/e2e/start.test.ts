import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '../support/free-port';
import { freshShellEnv } from '../support/fresh-env';

/**
 * The start command as `npm start` runs it (package.json), with this Node: one process, so the
 * signals the tests send reach the bot itself, not a launcher relaying them.
 */
function startCommand(): { command: string; args: string[] } {
  const pkg = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [command, ...args] = pkg.scripts.start.split(/\s+/);
  assert.equal(command, 'node', `npm start runs the bot in one Node process: ${pkg.scripts.start}`);
  return { command: process.execPath, args };
}

/** Starts the bot on a free port with its own data folder; `output()` is all it printed so far. */
async function start() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpdesk-start-'));
  const port = await freePort();
  const { command, args } = startCommand();
  const child = spawn(command, args, {
    env: freshShellEnv({ PORT: String(port), LOCAL_DATA_DIR: dataDir }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  return { child, port, dataDir, output: () => printed };
}

describe('the start command @slow', function () {
  this.timeout(120_000);

  it('brings up every part on embedded defaults and stops cleanly on SIGTERM', async () => {
    const { child, port, dataDir, output } = await start();
    try {
      // Poll readiness from the first moment: when it first says ready, the summary is complete.
      let readyOutput: string | undefined;
      const deadline = Date.now() + 90_000;
      while (readyOutput === undefined && Date.now() < deadline && child.exitCode === null) {
        const answer = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
        if (answer?.status === 200) readyOutput = output();
        else await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(readyOutput !== undefined, `never ready; output:\n${output()}`);
      assert.match(readyOutput, /Press Ctrl-C to stop/, 'the summary is printed before ready');
      assert.doesNotMatch(output(), /Warning|DEP0\d+/, 'no warning at start');
      assert.match(output(), /Open this URL to chat: +http:\/\/127\.0\.0\.1:\d+/);
      assert.match(output(), /Sandbox tenant \(Graph\): +http:\/\/127\.0\.0\.1:\d+\/v1\.0/);
      assert.match(output(), /Storage \(Azurite\):/);
      assert.match(output(), /Listening on 127\.0\.0\.1 only/);
      await assertLoopbackOnly(port, output());
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

  it('stops cleanly with 0 on a SIGTERM that comes while it is still starting', async () => {
    const { child, port, dataDir, output } = await start();
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      // Start-up is under way once Azurite has made its folder: the bot is not ready yet.
      const azurite = path.join(dataDir, 'azurite');
      while (!fs.existsSync(azurite) && child.exitCode === null) {
        await new Promise((r) => setTimeout(r, 20));
      }
      assert.doesNotMatch(output(), /Press Ctrl-C to stop/, 'still starting');
      child.kill('SIGTERM');
      assert.equal(await exited, 0, output());
      assert.match(output(), /SIGTERM: finishing in-flight messages, then stopping\.\nStopped\./);
      assert.doesNotMatch(
        output(),
        /Press Ctrl-C to stop/,
        'nothing more started after the signal',
      );
      await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`), 'no port left open');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('stops at once with one line naming a malformed variable', () => {
    const { command, args } = startCommand();
    const result = spawnSync(command, args, {
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

/** Neither the bot nor the Playground answers on this machine's other addresses. */
async function assertLoopbackOnly(botPort: number, output: string): Promise<void> {
  const external = Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
  if (!external) return; // No other interface to reach it through.
  const playgroundPort = /Open this URL to chat: +http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
  for (const port of [String(botPort), playgroundPort]) {
    if (!port) continue;
    const answer: Response | undefined = await fetch(`http://${external}:${port}/`, {
      signal: AbortSignal.timeout(2000),
    }).catch(() => undefined);
    assert.equal(answer, undefined, `port ${port} answers on ${external}`);
  }
}
