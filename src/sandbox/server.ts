import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { handleControl, isLoopback } from './control';
import { DroppedConnection, FaultRegistry, type FaultController } from './faults';
import { demoFixture, type TenantFixture } from './fixture';
import { earlyError, headerMap, parseBody, readBody, send } from './http-io';
import { RateLimiter } from './limits';
import { Pipeline } from './pipeline';
import type { RecordedRequest } from './request-log';
import type { SandboxRequest } from './request';
import { Router } from './router';
import { allRoutes } from './routes';
import { createTenantState, type TenantState } from './state';

export type { FaultController, FaultRule } from './faults';
export type { RecordedRequest } from './request-log';
export type { TenantState } from './state';
export type { TenantFixture } from './fixture';

export interface SandboxOptions {
  /** 0 (the default) picks any free port. */
  port?: number;
  /** Defaults to 127.0.0.1; the sandbox is meant for loopback only. */
  host?: string;
  /** Defaults to the demo fixture. */
  fixture?: TenantFixture;
  /** Enforce Graph's documented throttling limits (default false). */
  enforceLimits?: boolean;
  /** Time source for timestamps, TAP lifetimes and limits; defaults to the system clock. */
  clock?: () => Date;
}

export interface SandboxTenant {
  /** e.g. http://127.0.0.1:54321; Graph base is `${url}/v1.0`. */
  url: string;
  /** Live, mutable tenant data; tests seed and inspect it. */
  state: TenantState;
  /** Every Graph request answered, oldest first, secrets redacted. */
  requests: RecordedRequest[];
  faults: FaultController;
  /** Back to the fixture; clears the request log, faults and throttling counters. */
  reset(): void;
  close(): Promise<void>;
}

function replaceInPlace(target: TenantState, source: TenantState): void {
  const record = target as Record<string, unknown>;
  for (const key of Object.keys(record)) delete record[key];
  Object.assign(target, source);
}

/** Starts the sandbox tenant: a local HTTP server that answers the Graph URLs the bot calls. */
export async function startSandboxTenant(options: SandboxOptions = {}): Promise<SandboxTenant> {
  const clock = options.clock ?? (() => new Date());
  const fixture = options.fixture ?? demoFixture();
  const state = createTenantState(fixture, clock());
  const log: RecordedRequest[] = [];
  const faults = new FaultRegistry();
  const limiter = options.enforceLimits ? new RateLimiter(clock) : undefined;
  const pipeline = new Pipeline({
    state,
    router: new Router(allRoutes),
    faults,
    limiter,
    clock,
    log,
  });
  const reset = () => {
    replaceInPlace(state, createTenantState(fixture, clock()));
    log.length = 0;
    faults.clear();
    limiter?.clear();
  };
  const host = options.host ?? '127.0.0.1';
  let baseUrl = '';

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
      const text = await readBody(req);
      const body = parseBody(text);
      const control = /^\/_sandbox(\/.*)?$/.exec(url.pathname);
      if (control) {
        if (!isLoopback(req.socket.remoteAddress)) {
          send(res, {
            status: 403,
            body: { error: { code: 'Forbidden', message: 'Loopback only.' } },
          });
          return;
        }
        const segments = (control[1] ?? '').split('/').filter((s) => s !== '');
        send(res, handleControl({ faults, log, reset }, req.method ?? 'GET', segments, body));
        return;
      }
      const versioned = /^\/(v1\.0|beta)(\/.*)?$/.exec(url.pathname);
      if (!versioned) {
        send(res, earlyError(req, clock(), 'Invalid version: expected /v1.0 or /beta.'));
        return;
      }
      let segments: string[];
      try {
        segments = (versioned[2] ?? '/')
          .split('/')
          .filter((s) => s !== '')
          .map(decodeURIComponent);
      } catch {
        send(res, earlyError(req, clock(), 'Malformed path.'));
        return;
      }
      const query: Record<string, string> = {};
      url.searchParams.forEach((value, key) => (query[key] = value));
      const request: SandboxRequest = {
        method: (req.method ?? 'GET').toUpperCase(),
        version: versioned[1] === 'beta' ? 'beta' : 'v1.0',
        rawPath: versioned[2] ?? '/',
        segments,
        query,
        headers: headerMap(req),
        body,
        baseUrl,
      };
      if (faults.latencyMs > 0) await sleep(faults.latencyMs);
      send(res, await pipeline.handle(request));
    })().catch((error: unknown) => {
      if (error instanceof DroppedConnection) {
        res.destroy();
        return;
      }
      const reason = error instanceof Error ? error.message : String(error);
      if (!res.headersSent)
        send(res, earlyError(req, clock(), `The sandbox failed: ${reason}`, 500));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url: baseUrl,
    state,
    requests: log,
    faults,
    reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
