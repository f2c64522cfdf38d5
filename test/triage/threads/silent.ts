// A triage thread that takes pastes and never answers (off-thread.test.ts).
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', () => undefined);
