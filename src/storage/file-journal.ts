import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Journal } from '../ports';

/**
 * A journal (the remediation outbox) on the local disk: one JSON file per item, written to a temporary file,
 * flushed and renamed over the old one, so a stop at any moment leaves either the old item or the
 * new one, never half of one. It is what survives when Azure Storage does not answer; items hold
 * plain words and ids only (no pass, token or secret ever reaches the outbox). When the disk
 * refuses a write, the item is kept in memory instead (retried while the process lives) and the
 * refusal reported, so a full or read-only disk never stops the work itself.
 */
export class FileJournal<T extends { id: string }> implements Journal<T> {
  private ready?: Promise<void>;
  /** Items the disk refused (full, read-only): kept in memory so they are still retried. */
  private readonly unsaved = new Map<string, T>();

  constructor(
    private readonly folder: string,
    private readonly onDiskError: (error: unknown) => void = () => undefined,
  ) {}

  async keep(item: T): Promise<void> {
    try {
      await this.write(item);
      this.unsaved.delete(item.id);
    } catch (error) {
      this.unsaved.set(item.id, structuredClone(item));
      this.onDiskError(error);
    }
  }

  private async write(item: T): Promise<void> {
    await this.folderReady();
    const target = this.fileOf(item.id);
    const temporary = `${target}.${randomBytes(4).toString('hex')}.tmp`;
    const handle = await fs.open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(JSON.stringify(item));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, target);
  }

  async remove(id: string): Promise<void> {
    this.unsaved.delete(id);
    await fs.rm(this.fileOf(id), { force: true }).catch(this.onDiskError);
  }

  async list(): Promise<T[]> {
    const items: T[] = [...this.unsaved.values()].map((item) => structuredClone(item));
    let names: string[];
    try {
      names = await fs.readdir(this.folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.onDiskError(error);
      return items;
    }
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
      try {
        items.push(JSON.parse(await fs.readFile(path.join(this.folder, name), 'utf8')) as T);
      } catch {
        // Removed meanwhile by another worker of this folder: nothing left to do for it.
      }
    }
    return items;
  }

  private folderReady(): Promise<void> {
    this.ready ??= fs.mkdir(this.folder, { recursive: true, mode: 0o700 }).then(() => undefined);
    return this.ready;
  }

  private fileOf(id: string): string {
    return path.join(this.folder, `${encodeURIComponent(id)}.json`);
  }
}
