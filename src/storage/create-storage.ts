/**
 * One way to build storage for every environment: a connection string (Azurite locally, or an
 * account key) or an account URL with a TokenCredential (managed identity in production). Only
 * the client construction differs; every adapter and code path above it is the same.
 */
import type { TokenCredential } from '@azure/identity';
import type { RecordStore, WorkQueue } from '../ports';
import { serviceEndpoint, type StorageClientOptions } from './client-options';
import { QueueWorkQueue } from './queue-work-queue';
import { describeEndpoint } from './store-errors';
import { TableRecordStore } from './table-record-store';

export type StorageConnection =
  | { connectionString: string }
  /** Any service URL of the account, e.g. https://<account>.table.core.windows.net. */
  | { accountUrl: string; credential: TokenCredential };

export interface StorageOptions extends StorageClientOptions {
  tablePrefix?: string;
  queuePrefix?: string;
}

export interface StorageServices {
  records: RecordStore;
  /** The named work queue (one client per name). */
  queue<T>(name: string): WorkQueue<T>;
  /** The endpoints in use, without secrets, for start-up logs and /readyz. */
  describe(): string;
}

type Service = 'queue' | 'table';

export function createStorage(
  connection: StorageConnection,
  options: StorageOptions = {},
): StorageServices {
  const urls = endpointsOf(connection);
  const queues = new Map<string, WorkQueue<unknown>>();
  let records: RecordStore;
  let makeQueue: (name: string) => WorkQueue<unknown>;
  if ('connectionString' in connection) {
    const { connectionString } = connection;
    records = TableRecordStore.fromConnectionString(connectionString, options);
    makeQueue = (name) => QueueWorkQueue.fromConnectionString(connectionString, name, options);
  } else {
    const { credential } = connection;
    records = TableRecordStore.fromAccountUrl(urls.table, credential, options);
    makeQueue = (name) => QueueWorkQueue.fromAccountUrl(urls.queue, name, credential, options);
  }
  return {
    records,
    queue<T>(name: string): WorkQueue<T> {
      let queue = queues.get(name);
      if (!queue) {
        queue = makeQueue(name);
        queues.set(name, queue);
      }
      return queue as WorkQueue<T>;
    },
    describe: () =>
      `tables ${describeEndpoint(urls.table)}, queues ${describeEndpoint(urls.queue)}`,
  };
}

function endpointsOf(connection: StorageConnection): Record<Service, string> {
  if ('connectionString' in connection) {
    const of = (service: Service): string => {
      const url = serviceEndpoint(connection.connectionString, service);
      if (!url)
        throw new Error(`the storage connection string names no ${service} endpoint or account`);
      return url;
    };
    return { queue: of('queue'), table: of('table') };
  }
  return accountServiceUrls(connection.accountUrl);
}

/** https://acct.table.core.windows.net → the queue and table URLs of that account. */
export function accountServiceUrls(accountUrl: string): Record<Service, string> {
  const parsed = new URL(accountUrl);
  const [account, service, ...rest] = parsed.hostname.split('.');
  if (
    !account ||
    !['blob', 'queue', 'table', 'file', 'dfs'].includes(service ?? '') ||
    rest.length === 0
  ) {
    throw new Error(
      `storage account URL: expected https://<account>.<blob|queue|table>.<suffix>, got ${describeEndpoint(accountUrl)}`,
    );
  }
  const port = parsed.port ? `:${parsed.port}` : '';
  const url = (s: Service): string =>
    `${parsed.protocol}//${[account, s, ...rest].join('.')}${port}`;
  return { queue: url('queue'), table: url('table') };
}
