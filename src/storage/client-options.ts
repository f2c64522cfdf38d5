/**
 * Retry and timeout settings shared by the table and queue adapters. The SDK defaults retry for
 * up to a minute or more; a chat turn cannot wait that long, and a readiness probe must answer
 * quickly, so the defaults here give up within a few seconds and surface StoreUnavailableError.
 */
export interface StorageClientOptions {
  /** Retries after the first attempt, for network errors, 408, 429 and 5xx. Default 2. */
  maxRetries?: number;
  /** Delay before the first retry; doubles up to 2 s. Default 200 ms. */
  retryDelayMs?: number;
  /** Deadline for one operation, retries included. Default 10 000 ms. */
  timeoutMs?: number;
}

export interface ResolvedClientOptions {
  maxRetries: number;
  retryDelayMs: number;
  maxRetryDelayMs: number;
  timeoutMs: number;
}

export function resolveClientOptions(options: StorageClientOptions = {}): ResolvedClientOptions {
  return {
    maxRetries: options.maxRetries ?? 2,
    retryDelayMs: options.retryDelayMs ?? 200,
    maxRetryDelayMs: 2_000,
    timeoutMs: options.timeoutMs ?? 10_000,
  };
}

/**
 * Plain http is accepted only for loopback (Azurite); anywhere else the SDK's refusal stands, so a
 * bearer token never crosses the network unencrypted.
 */
export function isLoopbackHttp(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
  } catch {
    return false;
  }
}

/** Value of `name` in an Azure Storage connection string (names are case-insensitive). */
export function connectionStringPart(connectionString: string, name: string): string | undefined {
  for (const part of connectionString.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim().toLowerCase() === name.toLowerCase()) {
      return part.slice(at + 1).trim();
    }
  }
  return undefined;
}

/** Service endpoint named by a connection string, explicit or derived from account and suffix. */
export function serviceEndpoint(
  connectionString: string,
  service: 'blob' | 'queue' | 'table',
): string | undefined {
  const explicit = connectionStringPart(connectionString, `${service}Endpoint`);
  if (explicit) return explicit.replace(/\/+$/, '');
  if (/usedevelopmentstorage=true/i.test(connectionString)) {
    const port = { blob: 10000, queue: 10001, table: 10002 }[service];
    return `http://127.0.0.1:${port}/devstoreaccount1`;
  }
  const account = connectionStringPart(connectionString, 'AccountName');
  if (!account) return undefined;
  const protocol = connectionStringPart(connectionString, 'DefaultEndpointsProtocol') ?? 'https';
  const suffix = connectionStringPart(connectionString, 'EndpointSuffix') ?? 'core.windows.net';
  return `${protocol}://${account}.${service}.${suffix}`;
}
