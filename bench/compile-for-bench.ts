/**
 * How a benchmark starts the processes it measures: compiled JavaScript run by plain `node`, as
 * the Dockerfile runs the bot (`npm run build` with tsconfig.build.json, then `node lib/...`), or
 * through tsx. bench/announce.ts (its workers) and bench/load.ts (its two bots) both use it.
 *
 * tsx keeps each loaded module's source and source map in the heap (about 50 MB of strings in a
 * bot, docs/turn-throughput.md) and takes longer to start, so a process measured through it is
 * not the process deployed. The build goes into .artifacts/<dir> (lib/ is `npm run build`'s),
 * incrementally: a second run rebuilds only what changed.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..');

export type BenchMode = 'compiled' | 'tsx';

/** How to start the processes: `args(entry)` are the Node arguments that run that entry. */
export interface BenchBuild {
  mode: BenchMode;
  /** `entry` is a path from the repository's root to a `.ts` file, e.g. `bench/load-server.ts`. */
  args(entry: string): string[];
}

export interface CompileOptions {
  /** Folder under .artifacts for this bench's build, e.g. `bench-load`. */
  dir: string;
  /** Entries to compile besides the bot's sources (bot, cards, src), from the root, `.ts`. */
  entries: string[];
  /** `--tsx`: skip the build and run through tsx, to compare with the old way. */
  forceTsx: boolean;
  /** What is started, for the printed lines: `workers`, `both bots`. */
  what: string;
  /** What running through tsx costs this bench, for the warning on a failed build. */
  tsxCost: string;
  /** Where the lines go (stdout unless told). */
  write?: (line: string) => void;
  /** Runs tsc with these arguments (a test's stand-in; by default the project's TypeScript). */
  tsc?: (
    args: string[],
  ) => Pick<SpawnSyncReturns<string>, 'status' | 'stdout' | 'stderr' | 'error'>;
  /** The repository's root (a test's temporary folder; by default this repository). */
  root?: string;
}

/**
 * The build's tsconfig, written into .artifacts/<dir>: the production settings
 * (tsconfig.build.json: no source maps, node types only) over the bot's sources and the entries.
 */
export function benchTsconfig(entries: string[]): Record<string, unknown> {
  return {
    extends: '../../tsconfig.build.json',
    compilerOptions: {
      outDir: './lib',
      rootDir: '../..',
      incremental: true,
      tsBuildInfoFile: './lib/.tsbuildinfo',
    },
    include: ['../../bot', '../../cards', '../../src', ...entries.map((e) => `../../${e}`)],
    // The base's own list leaves bench/ out; paths here are from this file.
    exclude: ['../../node_modules', './lib'],
  };
}

const tsxBuild = (root: string): BenchBuild => ({
  mode: 'tsx',
  args: (entry) => ['--import', 'tsx', join(root, entry)],
});

/**
 * Compiles the bot's sources and the entries with the production settings into
 * .artifacts/<dir>/lib, and says so with the time it took; falls back to tsx, printing why, when
 * the build fails or leaves an entry out, or at once with `forceTsx`.
 */
export function compileForBench(options: CompileOptions): BenchBuild {
  const root = options.root ?? ROOT;
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  if (options.forceTsx) {
    write(`${options.what}: through tsx (--tsx), not compiled as in production\n`);
    return tsxBuild(root);
  }
  const dir = join(root, '.artifacts', options.dir);
  mkdirSync(dir, { recursive: true });
  const config = join(dir, 'tsconfig.json');
  writeFileSync(config, `${JSON.stringify(benchTsconfig(options.entries), null, 2)}\n`);
  const started = Date.now();
  const tsc =
    options.tsc ??
    ((args: string[]) =>
      spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), ...args], {
        cwd: root,
        encoding: 'utf8',
      }));
  const build = tsc(['-p', config]);
  const compiled = (entry: string): string => join(dir, 'lib', entry.replace(/\.ts$/, '.js'));
  const missing = options.entries.map(compiled).find((file) => !existsSync(file));
  if (build.status !== 0 || missing !== undefined) {
    const why = `${build.stdout ?? ''}${build.stderr ?? ''}`
      .trim()
      .split('\n')
      .slice(0, 5)
      .join('\n  ');
    write(
      `WARNING: could not compile the ${options.what} (${build.error?.message ?? `tsc exited ${String(build.status)}`}); running them through tsx instead, so ${options.tsxCost}${why ? `:\n  ${why}` : missing ? ` (no ${missing})` : ''}\n`,
    );
    return tsxBuild(root);
  }
  write(
    `${options.what}: compiled JavaScript in ${dir} (tsconfig.build.json settings, ${((Date.now() - started) / 1000).toFixed(1)} s to build)\n`,
  );
  return { mode: 'compiled', args: (entry) => [compiled(entry)] };
}
