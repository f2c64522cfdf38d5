import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { WorkerTask } from './remediation-worker';

export interface WorkerResult {
  type: 'result' | 'error';
  status?: string;
  state?: string;
  message?: string;
  report?: Record<string, number>;
}

export interface Worker {
  ready: Promise<void>;
  go(): void;
  result: Promise<WorkerResult>;
  child: ChildProcess;
}

const WORKER = path.join(__dirname, 'remediation-worker.ts');

/** Starts a worker process (TypeScript through tsx) with its own copy of everything. */
export function spawnWorker(task: WorkerTask): Worker {
  const child = fork(WORKER, [JSON.stringify(task)], {
    execArgv: ['--require', 'tsx/cjs'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const result = new Promise<WorkerResult>((resolve, reject) => {
    child.on('message', (message: WorkerResult | { type: 'ready' }) => {
      if (message.type === 'ready') markReady();
      else resolve(message);
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) without a result`)));
    child.once('error', reject);
  });
  return { ready, go: () => child.send('go'), result, child };
}
