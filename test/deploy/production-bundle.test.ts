import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/free-port';

/**
 * What the container image would hold, built and started here (no Docker engine or base image
 * registry is available on this machine): `npm run build` output plus `npm ci --omit=dev` in a
 * fresh folder, started with `node lib/bot/main.js` on embedded defaults as a non-root user.
 *
 * Running as root (as in CI containers), the test creates a system user and drops to it with
 * `setpriv` (util-linux), the same effect as the image's `USER node`; as any other user it runs
 * the bundle as that user.
 */
const ROOT = join(__dirname, '..', '..');
const RUN_AS = 'helpdesk-bundle';
/** The image's NODE_OPTIONS: Node refuses to start on an option it does not allow there. */
const NODE_OPTIONS = /\bNODE_OPTIONS=(\S+)/.exec(
  readFileSync(join(ROOT, 'Dockerfile'), 'utf8'),
)?.[1];

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: process.env });
  assert.equal(result.status, 0, `${command} ${args.join(' ')}:\n${result.stderr}`);
}

function dropPrivileges(folder: string): string[] {
  if (process.getuid?.() !== 0) return [];
  if (spawnSync('id', [RUN_AS]).status !== 0) {
    run('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', RUN_AS], ROOT);
  }
  run('chown', ['-R', `${RUN_AS}:${RUN_AS}`, folder], ROOT);
  return ['setpriv', `--reuid=${RUN_AS}`, `--regid=${RUN_AS}`, '--clear-groups'];
}

function uidOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
}

describe('production bundle @slow', function () {
  this.timeout(600_000);
  let folder: string;
  let bot: ChildProcess | undefined;
  let stdout = '';
  let stderr = '';
  let port: number;
  let prefix: string[];

  before(() => {
    run('npm', ['run', 'build'], ROOT);
    folder = mkdtempSync(join(tmpdir(), 'helpdesk-bundle-'));
    for (const item of ['lib', 'package.json', 'package-lock.json', '.npmrc']) {
      cpSync(join(ROOT, item), join(folder, item), { recursive: true });
    }
    run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline'], folder);
    prefix = dropPrivileges(folder);
  });

  after(async () => {
    if (bot && bot.exitCode === null) {
      bot.kill('SIGKILL');
      await new Promise((resolve) => bot?.once('exit', resolve));
    }
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('holds compiled JavaScript and production dependencies only', () => {
    assert.ok(existsSync(join(folder, 'lib', 'bot', 'main.js')));
    assert.ok(existsSync(join(folder, 'lib', 'src', 'sandbox', 'fixtures', 'demo-tenant.json')));
    for (const devOnly of [
      'tsx',
      'typescript',
      'mocha',
      'sinon',
      '@microsoft/m365agentsplayground',
    ]) {
      assert.ok(!existsSync(join(folder, 'node_modules', devOnly)), `${devOnly} is not shipped`);
    }
  });

  it('starts on embedded defaults as a non-root user and is ready', async () => {
    port = await freePort();
    const [command, ...args] = [...prefix, process.execPath, 'lib/bot/main.js'];
    bot = spawn(command, args, {
      cwd: folder,
      env: {
        PATH: process.env.PATH,
        HOME: folder,
        PORT: String(port),
        LOCAL_DATA_DIR: join(folder, 'data'),
        TEAMSAPPTESTER_BROWSER: 'none',
        ...(NODE_OPTIONS === undefined ? {} : { NODE_OPTIONS }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    bot.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    bot.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const deadline = Date.now() + 90_000;
    while (!stdout.includes('"msg":"started"')) {
      assert.equal(bot.exitCode, null, `the bundle exited:\n${stdout}\n${stderr}`);
      assert.ok(Date.now() < deadline, `no start within 90 s:\n${stdout}\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.notEqual(uidOf(bot.pid as number), 0, 'the bot does not run as root');

    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    const body = (await ready.json()) as {
      status: string;
      parts: Record<string, { state: string }>;
    };
    assert.equal(ready.status, 200, JSON.stringify(body));
    assert.equal(body.parts.storage.state, 'up');
    assert.equal(body.parts.graph.state, 'up');
    assert.match(stdout, /Sign-in Helpdesk bot is running \(local mode\)/);
    assert.match(stdout, /\[ok {2}\] Tenant +Sandbox Tenant/);
  });

  it('writes JSON log lines beside the start-up summary, and stops cleanly on SIGTERM', async () => {
    assert.ok(bot);
    assert.equal(bot.exitCode, null, 'still running before SIGTERM');
    const exited = new Promise<number | null>((resolve) => bot?.once('exit', resolve));
    bot.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.match(stdout, /Stopped\./);
    const json = stdout.split('\n').filter((line) => line.startsWith('{'));
    assert.ok(json.length >= 2);
    for (const line of json) {
      const record = JSON.parse(line) as { level?: string; service?: string };
      assert.equal(record.service, 'signin-helpdesk');
      assert.ok(['info', 'warn', 'error', 'debug'].includes(String(record.level)));
    }
  });

  it('runs the helpdesk CLI from the bundle as the same user', () => {
    const [command, ...args] = [
      ...prefix,
      process.execPath,
      'lib/src/cli/helpdesk.js',
      'triage',
      'AADSTS50126: Error validating credentials due to invalid username or password.',
    ];
    const result = spawnSync(command, args, { cwd: folder, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const answer = JSON.parse(result.stdout) as { intent: string; code: number };
    assert.equal(answer.code, 50126);
  });
});
