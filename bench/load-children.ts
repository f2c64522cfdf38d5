/**
 * The bench's child processes (bench/load.ts): each speaks a line protocol, `@{json}` lines
 * answering the commands written to its stdin; its other lines are its log, counted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { BenchBuild } from './compile-for-bench';

/** A child process speaking the bench's line protocol: `@{json}` lines answer stdin commands. */
export interface Child {
  child: ChildProcess;
  ready: Record<string, unknown>;
  /** Lines the child printed that were not protocol lines (its log). */
  logLines(): number;
  call(command: string): Promise<Record<string, number>>;
}

/**
 * `run`: the Node arguments that run the child's script (BenchBuild.args: the compiled file, or
 * `--import tsx` and the source); `flags` go before them, `args` after.
 */
export async function spawnChild(name: string, run: string[], args: string[], flags: string[]) {
  const child = spawn(process.execPath, [...flags, ...run, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const pending: ((m: Record<string, number>) => void)[] = [];
  let ready: (m: Record<string, unknown>) => void = () => undefined;
  const started = new Promise<Record<string, unknown>>((r) => (ready = r));
  let logLines = 0;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith('@')) {
      logLines += 1;
      if (process.env.BENCH_VERBOSE) process.stderr.write(`  [${name}] ${line}\n`);
      return;
    }
    const message = JSON.parse(line.slice(1)) as Record<string, unknown>;
    if (message.event === 'ready') ready(message);
    else pending.shift()?.(message as Record<string, number>);
  });
  createInterface({ input: child.stderr! }).on('line', (line) => {
    logLines += 1;
    if (process.env.BENCH_VERBOSE || /Error|error/.test(line)) {
      process.stderr.write(`  [${name}] ${line}\n`);
    }
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(new Error(`${name} exited (code ${code}) before it was ready`)),
    ),
  );
  const message = await Promise.race([started, exited]);
  return {
    child,
    ready: message,
    logLines: () => logLines,
    call: (command: string) =>
      new Promise<Record<string, number>>((resolve) => {
        pending.push(resolve);
        child.stdin!.write(`${command}\n`);
      }),
  } satisfies Child;
}

export interface Served extends Child {
  url: string;
  connectorUrl: string;
  /** Azurite's ports (the bot only), to tell its round trips from other requests. */
  ports: Record<string, string>;
}

/**
 * The Node options the production image runs the bot with (the Dockerfile's `NODE_OPTIONS`), so
 * both bots are measured as deployed; `BENCH_NODE_FLAGS` replaces them (`none` for Node's own).
 */
export function botNodeFlags(
  env: NodeJS.ProcessEnv = process.env,
  dockerfile = readFileSync(join(__dirname, '..', 'Dockerfile'), 'utf8'),
): string[] {
  const chosen =
    env.BENCH_NODE_FLAGS ?? /\bNODE_OPTIONS=(\S+(?: \S+)*?)\s*(?:\\|$)/m.exec(dockerfile)?.[1];
  if (chosen === undefined || chosen.trim() === 'none') return [];
  return chosen.split(' ').filter((f) => f !== '');
}

/** The bots' process, compiled for bench:load (bench/compile-for-bench.ts) or through tsx. */
export const BOT_ENTRY = 'bench/load-server.ts';

/**
 * Starts `bench/load-server.ts` (a bot) in a child process, as `build` says (compiled or
 * through tsx; both bots the same way, with the same Node options), and waits for its address.
 */
export async function serve(
  kind: 'bot' | 'echo',
  graphUrl: string,
  connectorUrl: string,
  build: BenchBuild,
): Promise<Served> {
  const extra = botNodeFlags();
  const started = await spawnChild(
    kind,
    build.args(BOT_ENTRY),
    [kind, graphUrl],
    ['--expose-gc', ...extra],
  );
  return {
    ...started,
    url: started.ready.url as string,
    connectorUrl,
    ports: (started.ready.ports ?? {}) as Record<string, string>,
  };
}
