/**
 * Starts the Azurite emulator (Blob, Queue and Table) as a child process on loopback, for local
 * runs and tests. The child never outlives this process: it stops when asked, and by itself when
 * the IPC channel to this process closes (see azurite-guard.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AZURITE_GUARD } from './azurite-guard';
import { devConnectionString, devEndpoint, type ServiceEndpoints } from './dev-account';

export interface AzuriteOptions {
  /** Folder Azurite persists to (created if missing). Omitted: data lives in memory only. */
  location?: string;
  /** Keep data in memory. Cannot be combined with `location`; the default without one. */
  inMemory?: boolean;
  /** Address all three services bind to. Default 127.0.0.1; keep it on loopback. */
  host?: string;
  /** Fixed ports; 0 or omitted picks a free port. */
  ports?: { blob?: number; queue?: number; table?: number };
  /** Turn Azurite's access log off. Default true. */
  silent?: boolean;
  /** Receives each line Azurite prints (its access log when `silent` is false). */
  log?: (line: string) => void;
  /** How long to wait for all three services to listen. Default 30 000 ms. */
  startTimeoutMs?: number;
}

export interface AzuriteHandle extends ServiceEndpoints {
  /** Development-account connection string naming all three endpoints. */
  connectionString: string;
  /** Stops Azurite gracefully (data flushed to `location`); resolves when the process has exited. */
  stop(): Promise<void>;
}

type Service = 'blob' | 'queue' | 'table';
const SERVICES: readonly Service[] = ['blob', 'queue', 'table'];
const LISTENING = /Azurite (Blob|Queue|Table) service is successfully listening at (\S+)/;
const STOP_GRACE_MS = 5_000;

export function resolveAzuriteBin(): string {
  const manifestPath = require.resolve('azurite/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    bin?: Record<string, string>;
  };
  const bin = manifest.bin?.azurite;
  if (!bin) throw new Error(`azurite's package.json (${manifestPath}) declares no "azurite" bin`);
  return path.resolve(path.dirname(manifestPath), bin);
}

export function azuriteArgs(options: AzuriteOptions): string[] {
  if (options.inMemory && options.location !== undefined) {
    throw new Error('Azurite options: choose either inMemory or location, not both');
  }
  const host = options.host ?? '127.0.0.1';
  const args = [
    // Azurite reports usage to a remote service unless told not to.
    '--disableTelemetry',
    // The installed SDKs send API versions newer than this Azurite knows (the queue SDK sends
    // 2026-04-06) and Azurite answers those with 400; --loose likewise tolerates newer headers.
    '--skipApiVersionCheck',
    '--loose',
    ...['blob', 'queue', 'table'].flatMap((s) => [`--${s}Host`, host]),
    '--blobPort',
    String(options.ports?.blob ?? 0),
    '--queuePort',
    String(options.ports?.queue ?? 0),
    '--tablePort',
    String(options.ports?.table ?? 0),
  ];
  if (options.location !== undefined) {
    // Azurite creates the folder itself.
    args.push('--location', path.resolve(options.location));
  } else {
    args.push('--inMemoryPersistence');
  }
  if (options.silent ?? true) args.push('--silent');
  return args;
}

export async function startAzurite(options: AzuriteOptions = {}): Promise<AzuriteHandle> {
  const child = spawn(
    process.execPath,
    ['-e', AZURITE_GUARD, resolveAzuriteBin(), ...azuriteArgs(options)],
    {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      windowsHide: true,
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const urls = await waitUntilListening(child, options);
    release(child);
    const host = options.host ?? '127.0.0.1';
    const endpoints: ServiceEndpoints = {
      blobEndpoint: devEndpoint(host, portOf(urls.blob)),
      queueEndpoint: devEndpoint(host, portOf(urls.queue)),
      tableEndpoint: devEndpoint(host, portOf(urls.table)),
    };
    let stopping: Promise<void> | undefined;
    return {
      ...endpoints,
      connectionString: devConnectionString(endpoints),
      stop: () => (stopping ??= stopChild(child, exited)),
    };
  } catch (error) {
    await stopChild(child, exited);
    throw error;
  }
}

function waitUntilListening(
  child: ChildProcess,
  options: AzuriteOptions,
): Promise<Record<Service, string>> {
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  const recent: string[] = [];
  const found: Partial<Record<Service, string>> = {};
  return new Promise((resolve, reject) => {
    const fail = (reason: string): void => {
      clearTimeout(timer);
      const output = recent.length > 0 ? `; last output:\n${recent.join('\n')}` : '';
      reject(new Error(`Azurite ${reason}${output}`));
    };
    const timer = setTimeout(() => fail(`did not start within ${timeoutMs} ms`), timeoutMs);
    const onLine = (line: string): void => {
      options.log?.(line);
      recent.push(line);
      if (recent.length > 20) recent.shift();
      const match = LISTENING.exec(line);
      if (!match) return;
      found[match[1].toLowerCase() as Service] = match[2];
      if (SERVICES.every((s) => found[s] !== undefined)) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(found as Record<Service, string>);
      }
    };
    const onExit = (code: number | null, signal: string | null): void =>
      fail(`exited (${signal ?? `code ${code}`}) before all services were listening`);
    child.once('exit', onExit);
    child.once('error', (error) => fail(`could not be started: ${error.message}`));
    forEachLine(child.stdout, onLine);
    forEachLine(child.stderr, onLine);
  });
}

function forEachLine(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (!stream) return;
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split(/\r?\n/);
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.trim() !== '') onLine(line);
  });
}

/** Lets this process exit while Azurite runs; the guard then stops Azurite when the channel closes. */
function release(child: ChildProcess): void {
  child.unref();
  child.channel?.unref();
  for (const stream of [child.stdout, child.stderr]) {
    if (stream && 'unref' in stream && typeof stream.unref === 'function') stream.unref();
  }
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  if (child.connected) child.send('stop');
  else child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(killer);
}

function portOf(url: string): number {
  const port = Number(new URL(url).port);
  if (!Number.isInteger(port) || port <= 0)
    throw new Error(`Azurite reported an address without a port: ${url}`);
  return port;
}
