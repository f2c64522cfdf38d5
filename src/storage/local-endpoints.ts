import * as fs from 'node:fs';
import * as path from 'node:path';
import { startAzurite } from './azurite';

/**
 * Local mode only. The bot's Azurite holds the data folder while it runs, so a second process
 * (the `helpdesk` command line) must use that instance rather than start another on the same
 * files. The running bot publishes its endpoints here; the connection string holds only the
 * emulator's published development key, never a real secret.
 */
const FILE = 'endpoints.json';

interface LocalEndpoints {
  connectionString: string;
  pid: number;
}

function fileIn(azuriteDir: string): string {
  return path.join(azuriteDir, FILE);
}

export function publishLocalEndpoints(azuriteDir: string, connectionString: string): void {
  fs.mkdirSync(azuriteDir, { recursive: true });
  const body: LocalEndpoints = { connectionString, pid: process.pid };
  fs.writeFileSync(fileIn(azuriteDir), `${JSON.stringify(body)}\n`);
}

export function withdrawLocalEndpoints(azuriteDir: string): void {
  fs.rmSync(fileIn(azuriteDir), { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function published(azuriteDir: string): LocalEndpoints | undefined {
  try {
    const body = JSON.parse(fs.readFileSync(fileIn(azuriteDir), 'utf8')) as Partial<LocalEndpoints>;
    if (typeof body.connectionString !== 'string' || typeof body.pid !== 'number') return undefined;
    return isAlive(body.pid) ? (body as LocalEndpoints) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The local store: the running bot's Azurite when there is one, otherwise an Azurite started
 * on the same folder for as long as the caller needs it.
 */
export async function openLocalStorage(
  azuriteDir: string,
): Promise<{ connectionString: string; close(): Promise<void> }> {
  const running = published(azuriteDir);
  if (running) return { connectionString: running.connectionString, close: async () => undefined };
  const azurite = await startAzurite({ location: azuriteDir });
  return { connectionString: azurite.connectionString, close: () => azurite.stop() };
}
