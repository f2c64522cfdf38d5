/**
 * An open load for bench/load.ts: requests leave at a fixed rate, each on its own schedule,
 * whatever the answers' speed, as when many people each send a message now and then. Latency is
 * measured from the moment a request was due, so a late send counts against the bot, not for it.
 * (autocannon's own rate limit is not this: each connection sends back to back until its quota
 * for the second is spent and then waits, so half the second is saturated and half idle.)
 * The first three seconds (as the throughput phases' warm-up) open the connections and are not
 * counted.
 */
import http from 'node:http';
import { TURN_HEADER, wallMs, type Marks } from './load-turns';

/** What a phase of load measured: answers a second, latency, and what went wrong. */
export interface Phase {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export interface PacedResult extends Phase {
  offeredRps: number;
  /** How late the generator itself sent (p99, most): a late send counts in the latency above. */
  sendLagP99Ms: number;
  sendLagMaxMs: number;
  /** The slowest answers, when each was due (ms into the counted part): do they bunch? */
  slowest: Array<{ atMs: number; ms: number }>;
  /** When the counted part began (ms since 1970), to place other processes' stalls. */
  countedFrom: number;
  /** Failed requests by error code (ECONNRESET, ...), warm-up included. */
  errorCodes: Record<string, number>;
  /** TCP connections the generator opened, in the warm-up and in the counted part. */
  socketsOpened: { warmUp: number; counted: number };
  /** The generator's stamps of each turn (due, written, answered), for bench/load-turns.ts. */
  marks: Marks;
}

/** One request's body, and the turn's id (sent in the `x-bench-turn` header). */
export interface Body {
  id: string;
  payload: string;
}

function percentile(sorted: number[], share: number): number {
  if (sorted.length === 0) return 0;
  const at = Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, at)] ?? 0) * 10) / 10;
}

/** POSTs `body()` to `url` `rate` times a second for `seconds`, and reports latency. */
export async function pacedLoad(
  url: string,
  body: () => Body,
  options: { rate: number; seconds: number },
): Promise<PacedResult> {
  // Idle sockets are dropped before the server drops them. Node's server closes a keep-alive
  // socket idle for 5 s (+1 s) and says so (`Keep-Alive: timeout=5`), but an agent honours that
  // only when it has a timeout of its own; without one it may hand a request a socket the server
  // is closing that moment, and the request fails with ECONNRESET. That happened after a burst
  // (a stall leaves many sockets in flight, then idle): `timeout` makes the agent drop them at
  // 4 s, and does not limit a request in flight (the agent only drops free sockets on it).
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256, timeout: 60_000 });
  const target = new URL(url);
  const latencies: number[] = [];
  const timed: Array<{ atMs: number; ms: number }> = [];
  const lags: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const errorCodes: Record<string, number> = {};
  const seenSockets = new WeakSet<object>();
  const socketsOpened = { warmUp: 0, counted: 0 };
  const marks: Marks = { turns: {}, accepted: 0, opened: {} };
  const warmUpSeconds = 3;
  const warmUp = Math.round(options.rate * warmUpSeconds);
  const total = warmUp + Math.max(1, Math.round(options.rate * options.seconds));
  const interval = 1000 / options.rate;
  const began = performance.now();
  const pending: Promise<void>[] = [];
  const send = (dueAt: number, counted: boolean): Promise<void> =>
    new Promise((resolve) => {
      if (counted) lags.push(performance.now() - dueAt);
      const { id, payload } = body();
      const stamps: Record<string, number> = { due: performance.timeOrigin + dueAt };
      if (counted) marks.turns[id] = stamps;
      const request = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
            [TURN_HEADER]: id,
          },
        },
        (response) => {
          stamps.answered = wallMs();
          response.resume();
          response.on('end', () => {
            if (counted) {
              const ms = performance.now() - dueAt;
              latencies.push(ms);
              timed.push({
                atMs: Math.round(dueAt - began - warmUpSeconds * 1000),
                ms: Math.round(ms),
              });
            }
            if ((response.statusCode ?? 0) < 200 || (response.statusCode ?? 0) >= 300) non2xx += 1;
            resolve();
          });
        },
      );
      request.on('socket', (socket) => {
        if (seenSockets.has(socket)) return;
        seenSockets.add(socket);
        socketsOpened[counted ? 'counted' : 'warmUp'] += 1;
      });
      request.on('finish', () => (stamps.written = wallMs()));
      request.on('error', (error: NodeJS.ErrnoException) => {
        errors += 1;
        const code = error.code ?? error.message;
        errorCodes[code] = (errorCodes[code] ?? 0) + 1;
        resolve();
      });
      request.end(payload);
    });
  let sent = 0;
  while (sent < total) {
    const now = performance.now();
    // Every request due by now leaves now, timed from when it was due.
    while (sent < total && began + sent * interval <= now) {
      pending.push(send(began + sent * interval, sent >= warmUp));
      sent += 1;
    }
    const nextDue = began + sent * interval;
    await new Promise((r) => setTimeout(r, Math.max(0, nextDue - performance.now())));
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - began) / 1000 - warmUpSeconds;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  lags.sort((a, b) => a - b);
  return {
    offeredRps: options.rate,
    rps: Math.round((latencies.length / elapsed) * 10) / 10,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    requests: latencies.length,
    non2xx,
    errors,
    sendLagP99Ms: percentile(lags, 0.99),
    sendLagMaxMs: Math.round(lags[lags.length - 1] ?? 0),
    slowest: timed.sort((a, b) => b.ms - a.ms).slice(0, 5),
    countedFrom: Date.now() - Math.round(performance.now() - began) + warmUpSeconds * 1000,
    errorCodes,
    socketsOpened,
    marks,
  };
}
