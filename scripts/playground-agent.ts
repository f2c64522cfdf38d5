import * as net from 'node:net';
import { startPlayground } from '../bot/playground';

/**
 * `npm run playground:agent`: a second Agents Playground, as the Helpdesk Agent, against the bot
 * `npm start` is already running, so one person can act as the member and the agent at once.
 *
 *   npm run playground:agent                       # the bot at http://127.0.0.1:$PORT (3978)
 *   npm run playground:agent -- --bot <url>        # another bot endpoint (…/api/messages)
 *
 * It waits for nothing but the bot's /healthz; the Playground picks a free port and the line it
 * prints is the one to open. Ctrl-C stops it (the bot keeps running).
 */

function botEndpoint(argv: string[]): string {
  const at = argv.indexOf('--bot');
  if (at >= 0 && argv[at + 1] !== undefined) {
    const given = argv[at + 1].replace(/\/+$/, '');
    return given.endsWith('/api/messages') ? given : `${given}/api/messages`;
  }
  return `http://127.0.0.1:${process.env.PORT ?? '3978'}/api/messages`;
}

async function botAnswers(endpoint: string): Promise<boolean> {
  try {
    const health = endpoint.replace(/\/api\/messages$/, '/healthz');
    const response = await fetch(health, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/** A port nobody listens on now; the Playground moves on by itself if it is taken meanwhile. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 56151;
      server.close(() => resolve(port));
    });
  });
}

async function main(): Promise<void> {
  const endpoint = botEndpoint(process.argv.slice(2));
  if (!(await botAnswers(endpoint))) {
    console.error(
      `No bot answers at ${endpoint}. Start it first with "npm start" (in another terminal), or pass --bot <url> with the endpoint it printed.`,
    );
    process.exit(1);
  }
  const playground = await startPlayground({
    botEndpoint: endpoint,
    port: await freePort(),
    configDir: process.cwd(),
    configFile: '.m365agentsplayground.agent.yml',
  });
  console.log(
    [
      '',
      'A second Playground, as the Helpdesk Agent (helpdesk@sandbox.example), is running.',
      `  Open this URL to chat as the agent:  ${playground.url}`,
      `  Bot endpoint:                        ${endpoint}`,
      '  In its Helpdesk channel, post "@Sign-in Helpdesk use this channel for approvals" once.',
      '  Press Ctrl-C to stop this Playground (the bot keeps running).',
      '',
    ].join('\n'),
  );
  const stop = async (): Promise<void> => {
    await playground.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(
    `The agent Playground could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
