import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { CliIo, Command } from '../../src/cli/command';
import { runCli } from '../../src/cli/run-cli';

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

async function runWith(argv: string[], input?: string, commands?: Command[]): Promise<Captured> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  stdin.end(input ?? '');
  const io: CliIo = { stdin, stdout, stderr };
  const code = await runCli(argv, io, commands);
  return { code, stdout: out, stderr: err };
}

describe('helpdesk CLI', () => {
  it('prints the triage of a text argument as pretty JSON', async () => {
    const { code, stdout } = await runWith(['triage', 'AADSTS50126:', 'Invalid', 'password']);
    assert.equal(code, 0);
    const result = JSON.parse(stdout) as { intent: string; codes: number[] };
    assert.equal(result.intent, 'invalid-password');
    assert.deepEqual(result.codes, [50126]);
    assert.ok(stdout.includes('\n  "intent"'), 'expected indented JSON');
  });

  it('reads the paste from standard input when no text is given', async () => {
    const { code, stdout } = await runWith(['triage'], 'Error Code: 53003\nRequest Id: x\n');
    assert.equal(code, 0);
    assert.equal((JSON.parse(stdout) as { code: number }).code, 53003);
  });

  it('turns JSON lines into result lines and reports bad lines without stopping', async () => {
    const input = [
      '{"id":"a","text":"AADSTS53003: Access has been blocked"}',
      'not json',
      '',
      '{"id":"c"}',
      '[1,2]',
      '{"id":7,"text":"hello there"}',
    ].join('\n');
    const { code, stdout } = await runWith(['triage', '--jsonl'], input);
    assert.equal(code, 0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(lines.length, 5);
    assert.deepEqual(lines[0], {
      id: 'a',
      intent: 'ca-blocked',
      code: 53003,
      codes: [53003],
      fields: {},
    });
    assert.match(String(lines[1]?.error), /^line 2:/);
    assert.equal(lines[2]?.id, 'c');
    assert.match(String(lines[2]?.error), /^line 4:/);
    assert.match(String(lines[3]?.error), /^line 5:/);
    assert.deepEqual(lines[4], { id: 7, intent: 'unrelated', code: null, codes: [], fields: {} });
  });

  it('prints usage for --help and lists every command', async () => {
    const extra: Command = {
      name: 'audit',
      summary: 'a command added later',
      usage: 'Usage: helpdesk audit',
      run: () => Promise.resolve(0),
    };
    const { code, stdout } = await runWith(['--help'], undefined, [extra]);
    assert.equal(code, 0);
    assert.match(stdout, /audit\s+a command added later/);
  });

  it('dispatches to any command in the table', async () => {
    let seen: readonly string[] = [];
    const extra: Command = {
      name: 'audit',
      summary: 'records',
      usage: 'Usage: helpdesk audit',
      run: (args) => {
        seen = args;
        return Promise.resolve(5);
      },
    };
    const { code } = await runWith(['audit', '--since', '1d'], undefined, [extra]);
    assert.equal(code, 5);
    assert.deepEqual(seen, ['--since', '1d']);
  });

  it('exits with 2 and the usage for a missing or unknown command or option', async () => {
    for (const argv of [[], ['nope'], ['triage', '--bogus']]) {
      const { code, stderr } = await runWith(argv);
      assert.equal(code, 2, argv.join(' '));
      assert.match(stderr, /Usage:/, argv.join(' '));
    }
  });

  it('runs as a program @slow', () => {
    const script = join(__dirname, '..', '..', 'src', 'cli', 'helpdesk.ts');
    const ok = spawnSync('npx', ['tsx', script, 'triage', '--jsonl'], {
      input:
        '{"id":"p","text":"Your account is temporarily locked to prevent unauthorized use."}\n',
      encoding: 'utf8',
    });
    assert.equal(ok.status, 0, ok.stderr);
    assert.deepEqual(JSON.parse(ok.stdout.trim()), {
      id: 'p',
      intent: 'account-locked',
      code: null,
      codes: [],
      fields: {},
    });
    const bad = spawnSync('npx', ['tsx', script, 'frobnicate'], { encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown command "frobnicate"/);
  });
});
