// A triage thread whose reading fails for every paste (off-thread.test.ts).
import { parentPort } from 'node:worker_threads';

const port = parentPort;
port?.on('message', ({ id }: { id: number }) => port.postMessage({ id, failed: true }));
