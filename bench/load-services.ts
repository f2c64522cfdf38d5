/**
 * The remote services of the load bench, in a process of their own so they share neither the
 * bot's event loop nor the load generator's: the sandbox tenant (Graph, limits off) and a local
 * Bot Framework connector that counts the activities and bytes it receives without keeping them.
 *
 * Prints `@{"event":"ready","graphUrl":...,"connectorUrl":...}`, then answers stdin commands
 * with one `@{...}` line each: `counts` (Graph requests, `$batch` items, connector activities and
 * bytes so far), `marks on` / `marks` (start, then take, the connector's stamps of each reply:
 * bench/load-turns.ts) and `clear` (empties the sandbox's request log, which otherwise grows a record
 * per Graph request for the whole run).
 */
import { createInterface } from 'node:readline';
import { startSandboxTenant } from '../src/sandbox/server';
import { LocalConnector } from '../test/support/local-connector';
import { watchStalls } from './load-stalls';
import { stampTurns } from './load-turns';

async function main(): Promise<void> {
  const sandbox = await startSandboxTenant({ port: 0 });
  const connector = new LocalConnector({ keep: false });
  const connectorUrl = await connector.start();
  // Counted as they are cleared, so `counts` covers the whole run.
  let graphRequests = 0;
  let batchItems = 0;
  // BENCH_TRACE_REQUESTS=1: also counted by method and path (ids cut off).
  const paths: Record<string, number> = {};
  const tally = (): void => {
    for (const request of sandbox.requests) {
      if (request.batchItemId === undefined) graphRequests += 1;
      else batchItems += 1;
      if (process.env.BENCH_TRACE_REQUESTS) {
        const path = request.path.replace(/[0-9a-f-]{36}|[^/]+@[^/]+/g, '{id}');
        const key = `${request.batchItemId === undefined ? '' : '$batch item '}${request.method} ${path}`;
        paths[key] = (paths[key] ?? 0) + 1;
      }
    }
    sandbox.requests.length = 0;
  };
  const say = (value: unknown): boolean => process.stdout.write(`@${JSON.stringify(value)}\n`);
  const stalls = watchStalls();
  const marks = stampTurns('connector in', 'connector out');
  say({ event: 'ready', graphUrl: sandbox.url, connectorUrl });
  createInterface({ input: process.stdin }).on('line', (command) => {
    tally();
    if (command === 'stalls' || command === 'stalls ticks') {
      say(stalls.take(command === 'stalls ticks'));
    } else if (command === 'marks on') {
      marks.start();
      say({ done: 1 });
    } else if (command === 'marks') {
      say(marks.take());
    } else if (command === 'counts') {
      say({
        graphRequests,
        batchItems,
        connectorActivities: connector.count,
        connectorBytes: connector.bytes,
        ...paths,
      });
    } else {
      say({ done: 1 });
    }
  });
  process.on('SIGTERM', () => process.exit(0));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `load services failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
