/**
 * The keep-alive race behind the load generator's ECONNRESET errors (docs/turn-throughput.md):
 * a node:http server as Node sets it up (idle keep-alive sockets closed after 5 s, announced in
 * `Keep-Alive: timeout=5`), a client agent with keep-alive, bursts of 100 requests 6 s apart
 * (when the server closes the sockets the last burst left idle) with the client's event loop busy
 * 15 ms of every 20 between them, as a busy load generator's is. Prints the requests answered,
 * the sockets opened and the errors by code, without and with a timeout on the agent (with one,
 * Node's agent honours the server's hint and drops idle sockets first).
 *   npx tsx bench/keepalive-race.ts [--seconds 60]
 */
import http from 'node:http';

async function run(agentTimeout: number | undefined, seconds: number) {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: 256,
    ...(agentTimeout === undefined ? {} : { timeout: agentTimeout }),
  });
  const errors: Record<string, number> = {};
  const seen = new WeakSet<object>();
  let answered = 0;
  let opened = 0;
  const one = (): Promise<void> =>
    new Promise((resolve) => {
      const request = http.request(
        { agent, host: '127.0.0.1', port, method: 'POST', headers: { 'content-length': 2 } },
        (response) => {
          response.resume();
          response.on('end', () => {
            answered += 1;
            resolve();
          });
        },
      );
      request.on('socket', (socket) => {
        if (!seen.has(socket)) opened += 1;
        seen.add(socket);
      });
      request.on('error', (error: NodeJS.ErrnoException) => {
        errors[error.code ?? error.message] = (errors[error.code ?? error.message] ?? 0) + 1;
        resolve();
      });
      request.end('{}');
    });
  const began = Date.now();
  while (Date.now() - began < seconds * 1000) {
    await Promise.all(Array.from({ length: 100 }, one));
    // The next burst lands within 40 ms of the server closing this burst's idle sockets.
    const next = Date.now() + 5990 + Math.random() * 40;
    while (Date.now() < next) {
      const busy = Date.now();
      while (Date.now() - busy < 15);
      await one();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  agent.destroy();
  server.closeAllConnections();
  server.close();
  return { agentTimeout: agentTimeout ?? 'none', answered, opened, errors };
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--seconds');
  const seconds = at < 0 ? 60 : Number(process.argv[at + 1]);
  const results = await Promise.all([run(undefined, seconds), run(60_000, seconds)]);
  for (const result of results) process.stdout.write(`${JSON.stringify(result)}\n`);
}

void main();
