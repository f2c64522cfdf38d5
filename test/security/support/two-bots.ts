import { fork, type ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import path from 'node:path';

const BOT_PROCESS = path.join(__dirname, 'bot-process.ts');

export interface TwoBots {
  /** The balancer's URL: requests alternate between the two processes. */
  url: string;
  /** What each process printed (standard output and error), in order. */
  output: [string[], string[]];
  stop(): Promise<void>;
}

function startBot(task: object, output: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(BOT_PROCESS, [JSON.stringify(task)], {
    execArgv: ['--require', 'tsx/cjs'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  // Everything the process prints is kept: the secret scan reads it.
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.once('message', (message: { type: string; url?: string; message?: string }) => {
      if (message.type === 'ready' && message.url) resolve({ child, url: message.url });
      else reject(new Error(message.message ?? 'bot process failed'));
    });
    child.once('exit', (code) => reject(new Error(`bot process exited (${code})`)));
  });
}

/**
 * Two bot processes sharing one Azurite and one sandbox tenant, behind a round-robin balancer on
 * loopback, as a scaled-out deployment runs them.
 */
export async function startTwoBots(task: {
  connectionString: string;
  sandboxUrl: string;
  env: Record<string, string>;
}): Promise<TwoBots> {
  const output: [string[], string[]] = [[], []];
  const starting = [startBot(task, output[0]), startBot(task, output[1])];
  const bots = await Promise.all(starting).catch(async (error: unknown) => {
    // One failed: leave no process of the pair running.
    for (const started of await Promise.allSettled(starting)) {
      if (started.status === 'fulfilled') started.value.child.kill('SIGKILL');
    }
    throw error;
  });
  let next = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const balancer = http.createServer((req, res) => {
    const target = new URL(req.url ?? '/', bots[next++ % bots.length].url);
    const upstream = http.request(
      target,
      { method: req.method, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => balancer.listen(0, '127.0.0.1', resolve));
  const address = balancer.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    output,
    async stop() {
      await Promise.all(
        bots.map(
          ({ child }) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null) return resolve();
              const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
              child.once('exit', () => {
                clearTimeout(timer);
                resolve();
              });
              child.send('stop');
            }),
        ),
      );
      agent.destroy();
      balancer.closeAllConnections();
      await new Promise<void>((resolve) => balancer.close(() => resolve()));
    },
  };
}
