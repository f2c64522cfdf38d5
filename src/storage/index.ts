/** Azure Storage adapters: records on Tables, work on Queues. */
export { startAzurite, type AzuriteHandle, type AzuriteOptions } from './azurite';
export type { StorageClientOptions } from './client-options';
export {
  accountServiceUrls,
  createStorage,
  type StorageServices,
  type StorageConnection,
  type StorageOptions,
} from './create-storage';
export { DEV_ACCOUNT_NAME, devConnectionString } from './dev-account';
export { QueueWorkQueue, type QueueWorkQueueOptions } from './queue-work-queue';
export { TableRecordStore, type TableRecordStoreOptions } from './table-record-store';
