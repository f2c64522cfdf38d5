/**
 * Azurite's development account. The name and key are the public, documented constants every
 * Azure Storage emulator accepts; they protect nothing and must never be used against Azure.
 */
export const DEV_ACCOUNT_NAME = 'devstoreaccount1';
export const DEV_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface ServiceEndpoints {
  blobEndpoint: string;
  queueEndpoint: string;
  tableEndpoint: string;
}

/** Path-style endpoint of the development account on an emulator listening at `host:port`. */
export function devEndpoint(host: string, port: number): string {
  return `http://${host}:${port}/${DEV_ACCOUNT_NAME}`;
}

/** Connection string naming all three services explicitly, so no default port is ever assumed. */
export function devConnectionString(endpoints: ServiceEndpoints): string {
  return [
    'DefaultEndpointsProtocol=http',
    `AccountName=${DEV_ACCOUNT_NAME}`,
    `AccountKey=${DEV_ACCOUNT_KEY}`,
    `BlobEndpoint=${endpoints.blobEndpoint}`,
    `QueueEndpoint=${endpoints.queueEndpoint}`,
    `TableEndpoint=${endpoints.tableEndpoint}`,
  ].join(';');
}
