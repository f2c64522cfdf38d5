/**
 * The worker side of off-thread triage (off-thread.ts): reads each paste it is sent with the
 * shipped catalog and model and posts the reading back. A paste that makes triage throw is
 * answered `failed`, so the turn reads it again on its own thread and handles the error there.
 */
import { parentPort } from 'node:worker_threads';
import { triage } from './triage';

interface Asked {
  id: number;
  text: string;
}

const port = parentPort;
if (port !== null) {
  // Loads the catalog, the model and the word indexes before the first paste arrives.
  triage('warm-up');
  port.on('message', ({ id, text }: Asked) => {
    try {
      port.postMessage({ id, result: triage(text) });
    } catch {
      port.postMessage({ id, failed: true });
    }
  });
}
