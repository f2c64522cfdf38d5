/**
 * One bot process for the two-instance tests: the composed bot in local mode (no inbound
 * authentication) on a free loopback port, on the Azurite and sandbox tenant it is given, with
 * the edge guards. Tells its parent its URL over IPC; drains and exits when told to stop, or when
 * the parent goes away.
 */
// First: it must be in place before restify loads (see the module).
import '../../../bot/known-warnings';
import { createEdge } from '../../../bot/edge';
import { parseConfig } from '../../../src/config';
import { LOCAL_TENANT } from '../../../src/sandbox/local-tenant';
import { composeLocalBot, serveBot } from '../../support/local-bot';

interface Task {
  connectionString: string;
  sandboxUrl: string;
  env: Record<string, string>;
}

async function run(task: Task): Promise<void> {
  const config = { ...parseConfig(task.env, LOCAL_TENANT), port: 0 };
  const bot = composeLocalBot(config, task);
  const server = await serveBot(bot, { edge: createEdge(config) });
  const stop = async () => {
    await server.drain(5000);
    process.exit(0);
  };
  process.on('message', (message) => {
    if (message === 'stop') void stop();
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({ type: 'ready', url: server.url });
}

run(JSON.parse(process.argv[2] ?? '{}') as Task).catch((error: unknown) => {
  process.send?.({ type: 'error', message: String(error) });
  process.exit(1);
});
