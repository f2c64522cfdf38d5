import type { TokenCredential } from '@azure/identity';
import {
  Client,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import { retryAfterMs } from '../retry-after';
import { ObserveMiddleware } from './observe-middleware';
import { MAX_RETRY_WAIT_MS } from './rate-limiter';

export const GRAPH_DEFAULT_BASE_URL = 'https://graph.microsoft.com';
const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

export interface GraphClientOptions {
  /** Graph root without version, e.g. https://graph.microsoft.com or the sandbox URL. */
  baseUrl?: string;
  credential: TokenCredential;
  /** Retries on 429/503/504 after the first attempt (Retry-After honoured). */
  maxRetries?: number;
  /** Base delay in seconds when the response carries no Retry-After. */
  retryDelaySeconds?: number;
  /**
   * A 429/503 asking to wait longer than this is not retried here: it reaches the caller at once
   * (GraphTransport turns it into "try again in N seconds"), as the diagnosis batcher does.
   */
  maxRetryWaitMs?: number;
}

/**
 * Adds the bearer token, but only to requests for the configured Graph origin: a nextLink or a
 * redirect to another host never receives the token. The stock handler only recognises https
 * Graph hosts, which would leave the local sandbox (plain http on loopback) without a token.
 */
class BearerTokenMiddleware implements Middleware {
  private next?: Middleware;

  constructor(
    private readonly provider: TokenCredentialAuthenticationProvider,
    private readonly origin: string,
  ) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    if (new URL(url).origin === this.origin) {
      const token = await this.provider.getAccessToken();
      const headers = new Headers(
        context.options?.headers as ConstructorParameters<typeof Headers>[0],
      );
      headers.set('Authorization', `Bearer ${token}`);
      context.options = { ...context.options, headers };
    }
    if (this.next) await this.next.execute(context);
  }
}

/**
 * The one Graph client factory. Production and local mode differ only in `baseUrl` and the
 * credential; everything else (middleware, retry, error handling) is the same code path.
 */
export function createGraphClient(options: GraphClientOptions): Client {
  const baseUrl = (options.baseUrl ?? GRAPH_DEFAULT_BASE_URL).replace(/\/+$/, '');
  const provider = new TokenCredentialAuthenticationProvider(options.credential, {
    scopes: [GRAPH_SCOPE],
  });
  const auth = new BearerTokenMiddleware(provider, new URL(baseUrl).origin);
  const budget = options.maxRetryWaitMs ?? MAX_RETRY_WAIT_MS;
  const retry = new RetryHandler(
    new RetryHandlerOptions(
      options.retryDelaySeconds ?? 1,
      options.maxRetries ?? 3,
      (_delay, _attempt, _request, _options, response) =>
        (retryAfterMs(response.headers.get('Retry-After')) ?? 0) <= budget,
    ),
  );
  const observe = new ObserveMiddleware();
  const http = new HTTPMessageHandler();
  auth.setNext(retry);
  retry.setNext(observe);
  observe.setNext(http);
  return Client.initWithMiddleware({
    baseUrl: `${baseUrl}/`,
    middleware: auth,
    defaultVersion: 'v1.0',
  });
}

/**
 * Turns an absolute @odata.nextLink into the version and path the client can follow: the client
 * only strips https hosts itself, so an http sandbox link would otherwise be appended to the base.
 */
export function relativeNextLink(nextLink: string): { version: string; path: string } {
  const url = new URL(nextLink);
  const match = /^\/(v1\.0|beta)(\/.*)$/.exec(url.pathname);
  if (!match) return { version: 'v1.0', path: `${url.pathname}${url.search}` };
  return { version: match[1], path: `${match[2]}${url.search}` };
}
