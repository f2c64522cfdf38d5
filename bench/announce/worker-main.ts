/**
 * Entry of one benchmark worker process (bench/announce.ts starts it): compiled to JavaScript
 * with the production build settings and run by plain `node`, as the Dockerfile runs the bot, or
 * through tsx when that build failed. The moment the modules are loaded is reported with `ready`,
 * so the benchmark can split a restart into start-up and our own waiting.
 */
import { runWorker } from './worker';

const loadedAt = Date.now();
const argv = process.argv.slice(2);
const value = (name: string): string => argv[argv.indexOf(`--${name}`) + 1];

runWorker({
  connection: value('connection'),
  prefix: value('prefix'),
  rate: Number(value('rate')),
  inDoubt: value('in-doubt') === 'resend' ? 'resend' : 'hold',
  machine: value('machine'),
  processes: Number(value('processes')),
  loadedAt,
}).catch((error: unknown) => {
  process.stderr.write(
    `worker failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
