import type { Storage, StoreItems } from 'botbuilder';
import { lineLog } from './log';

function isConflict(error: unknown): boolean {
  const status =
    (error as { statusCode?: number; status?: number } | undefined)?.statusCode ??
    (error as { status?: number } | undefined)?.status;
  return status === 412 || status === 409;
}

/**
 * Bot turn state that degrades instead of failing the turn. teams-ai loads turn state before it
 * routes a message, so an unreachable blob store would otherwise make every message fail, even
 * a pasted error that needs no state at all. Reads that fail yield empty state and writes that
 * fail are dropped (both logged, at most once a minute); eTag conflicts still surface, because
 * they mean two turns raced on the same state. Records that matter (requests, audit, delivery)
 * live in Tables and fail loudly through the RecordStore instead.
 */
export class ResilientStorage implements Storage {
  private lastWarning = 0;

  constructor(
    private readonly inner: Storage,
    private readonly warn: (message: string) => void = lineLog('bot-state', 'warn'),
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    try {
      return await this.inner.read(keys);
    } catch (error) {
      this.note('read', error);
      return {};
    }
  }

  async write(changes: StoreItems): Promise<void> {
    try {
      await this.inner.write(changes);
    } catch (error) {
      if (isConflict(error)) throw error;
      this.note('write', error);
    }
  }

  async delete(keys: string[]): Promise<void> {
    try {
      await this.inner.delete(keys);
    } catch (error) {
      this.note('delete', error);
    }
  }

  private note(operation: string, error: unknown): void {
    const now = Date.now();
    if (now - this.lastWarning < 60_000) return;
    this.lastWarning = now;
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    this.warn(`[bot-state] ${operation} failed, continuing without turn state: ${reason}`);
  }
}
