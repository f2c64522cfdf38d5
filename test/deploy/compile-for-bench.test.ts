import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { benchTsconfig, compileForBench, ROOT } from '../../bench/compile-for-bench';

/**
 * bench:load and bench:announce run the processes they measure as the image runs the bot:
 * compiled with tsconfig.build.json's settings, by plain node. A failed build falls back to tsx
 * with a warning; `--tsx` asks for tsx. (tsc itself is stood in for: a real build takes seconds.)
 */
describe('the benches’ compiled processes (bench/compile-for-bench.ts)', () => {
  let root: string;
  let lines: string[];
  const ENTRY = 'bench/load-server.ts';
  const write = (line: string): void => void lines.push(line);

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'bench-build-'));
    lines = [];
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('builds with the production settings: no source maps, the bot’s sources and the entry', () => {
    const config = benchTsconfig([ENTRY]);
    assert.equal(config.extends, '../../tsconfig.build.json');
    assert.deepEqual(config.include, ['../../bot', '../../cards', '../../src', `../../${ENTRY}`]);
    const production = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as {
      compilerOptions: { sourceMap?: boolean };
    };
    assert.equal(production.compilerOptions.sourceMap, false);
    const options = config.compilerOptions as Record<string, unknown>;
    assert.equal(options.sourceMap, undefined, 'the production setting is not overridden');
  });

  it('runs the compiled entry by plain node when the build succeeds', () => {
    let ran: string[] = [];
    const build = compileForBench({
      dir: 'bench-test',
      entries: [ENTRY],
      forceTsx: false,
      what: 'bots',
      tsxCost: 'slower',
      write,
      root,
      tsc: (args) => {
        ran = args;
        const out = join(root, '.artifacts', 'bench-test', 'lib', 'bench', 'load-server.js');
        mkdirSync(dirname(out), { recursive: true });
        writeFileSync(out, '');
        return { status: 0, stdout: '', stderr: '', error: undefined };
      },
    });
    assert.equal(build.mode, 'compiled');
    assert.deepEqual(build.args(ENTRY), [
      join(root, '.artifacts', 'bench-test', 'lib', 'bench', 'load-server.js'),
    ]);
    assert.deepEqual(ran, ['-p', join(root, '.artifacts', 'bench-test', 'tsconfig.json')]);
    const written = JSON.parse(readFileSync(ran[1], 'utf8')) as Record<string, unknown>;
    assert.deepEqual(written, benchTsconfig([ENTRY]));
    assert.match(lines.join(''), /bots: compiled JavaScript in .*bench-test/);
  });

  it('falls back to tsx with a warning that says why when the build fails', () => {
    const build = compileForBench({
      dir: 'bench-test',
      entries: [ENTRY],
      forceTsx: false,
      what: 'bots',
      tsxCost: 'a turn costs more',
      write,
      root,
      tsc: () => ({ status: 2, stdout: 'x.ts(1,1): error TS2304', stderr: '', error: undefined }),
    });
    assert.equal(build.mode, 'tsx');
    assert.deepEqual(build.args(ENTRY), ['--import', 'tsx', join(root, ENTRY)]);
    const said = lines.join('');
    assert.match(said, /^WARNING: could not compile the bots \(tsc exited 2\)/);
    assert.match(said, /a turn costs more/);
    assert.match(said, /error TS2304/);
  });

  it('falls back when the build succeeds yet leaves the entry out', () => {
    const build = compileForBench({
      dir: 'bench-test',
      entries: [ENTRY],
      forceTsx: false,
      what: 'workers',
      tsxCost: 'slower',
      write,
      root,
      tsc: () => ({ status: 0, stdout: '', stderr: '', error: undefined }),
    });
    assert.equal(build.mode, 'tsx');
    assert.match(lines.join(''), /WARNING: .*\(no .*load-server\.js\)/);
  });

  it('with --tsx runs through tsx without building', () => {
    let called = false;
    const build = compileForBench({
      dir: 'bench-test',
      entries: [ENTRY],
      forceTsx: true,
      what: 'bots',
      tsxCost: 'slower',
      write,
      root,
      tsc: () => {
        called = true;
        return { status: 0, stdout: '', stderr: '', error: undefined };
      },
    });
    assert.equal(build.mode, 'tsx');
    assert.equal(called, false);
    assert.match(lines.join(''), /bots: through tsx \(--tsx\)/);
  });
});
