import { TableClient, TableServiceClient } from '@azure/data-tables';
import { BlobServiceClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';

/**
 * The secret scan of the security run: every place a secret must never reach (log lines, stored
 * entities and blobs, queue messages, audit entries, posted activities), searched for every
 * secret the run produced (issued passes, tokens it minted, the bot's and Graph's secrets).
 */

export interface Place {
  /** Where the text came from, e.g. "table AuditLog" or "log of bot 1". */
  place: string;
  text: string;
}

export interface SecretScan {
  secretsKnown: number;
  placesScanned: number;
  secretHits: number;
  /** Where each hit was, never the secret itself. */
  secretHitPlaces: string[];
}

/** A JWT anywhere in a text, whoever signed it. */
const JWT = /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]*/;

export function scanForSecrets(secrets: readonly string[], places: readonly Place[]): SecretScan {
  const known = [...new Set(secrets.filter((s) => s.length >= 6))];
  const where: string[] = [];
  for (const { place, text } of places) {
    if (known.some((secret) => text.includes(secret)) || JWT.test(text)) where.push(place);
  }
  return {
    secretsKnown: known.length,
    placesScanned: places.length,
    secretHits: where.length,
    secretHitPlaces: [...new Set(where)],
  };
}

/** The pass codes in an answer card (the large monospace line of the approver's own view). */
export function passCodesIn(answer: string): string[] {
  const codes: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const block = node as Record<string, unknown>;
      if (block.fontType === 'Monospace' && block.size === 'ExtraLarge') {
        codes.push(String(block.text));
      }
      Object.values(block).forEach(walk);
    }
  };
  try {
    walk(JSON.parse(answer));
  } catch {
    // Not JSON: no card, no code.
  }
  return codes;
}

const insecure = { allowInsecureConnection: true };

/** Every entity of every table, every blob and every waiting queue message in the account. */
export async function storagePlaces(connectionString: string): Promise<Place[]> {
  const places: Place[] = [];
  const tables = TableServiceClient.fromConnectionString(connectionString, insecure);
  for await (const table of tables.listTables()) {
    const name = table.name ?? '';
    const client = TableClient.fromConnectionString(connectionString, name, insecure);
    for await (const entity of client.listEntities()) {
      places.push({ place: `table ${name}`, text: JSON.stringify(entity) });
    }
  }
  const blobs = BlobServiceClient.fromConnectionString(connectionString);
  for await (const container of blobs.listContainers()) {
    const client = blobs.getContainerClient(container.name);
    for await (const blob of client.listBlobsFlat()) {
      const body = await client.getBlobClient(blob.name).downloadToBuffer();
      places.push({ place: `blob ${container.name}/${blob.name}`, text: body.toString('utf8') });
    }
  }
  const queues = QueueServiceClient.fromConnectionString(connectionString);
  for await (const queue of queues.listQueues()) {
    const peeked = await queues.getQueueClient(queue.name).peekMessages({ numberOfMessages: 32 });
    for (const message of peeked.peekedMessageItems) {
      places.push({ place: `queue ${queue.name}`, text: message.messageText });
    }
  }
  return places;
}
