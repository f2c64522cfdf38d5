/**
 * Each process's send times, written where a process that outlives it on the same operating
 * system can read them after it has ended (ended-sends.ts).
 *
 * The channel counts the app's requests in a sliding second. A process that takes over the share
 * of one that was killed needs the dead one's requests of its last second; its heartbeat row has
 * them only up to the moment it was written. So every request counted by the limiter is also
 * written here, synchronously, before it leaves: eight bytes at the next of a fixed ring of slots,
 * more than any second holds (the app allows 50 a second). A write goes to the kernel's page
 * cache, which outlives the process, so nothing written before a SIGKILL is lost to a reader on
 * the same system. A time written for a request that never left only makes the reader count one
 * request too many.
 */
import {
  closeSync,
  constants,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SLOT_BYTES = 8;
export const SEND_LOG_SLOTS = 128;

/** One process's log, written by it alone. Every failure leaves it silent, never the sender. */
export class SendLog {
  private fd: number | undefined;
  private next = 0;
  private readonly slot = Buffer.alloc(SLOT_BYTES);

  constructor(private readonly path: string) {
    try {
      // Never through a link someone else left at this name.
      const { O_WRONLY, O_CREAT, O_TRUNC, O_NOFOLLOW } = constants;
      this.fd = openSync(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o600);
      writeSync(this.fd, Buffer.alloc(SLOT_BYTES * SEND_LOG_SLOTS));
    } catch {
      this.close();
    }
  }

  record(at: number): void {
    if (this.fd === undefined) return;
    this.slot.writeDoubleLE(at, 0);
    try {
      writeSync(this.fd, this.slot, 0, SLOT_BYTES, (this.next % SEND_LOG_SLOTS) * SLOT_BYTES);
      this.next += 1;
    } catch {
      this.close();
    }
  }

  /** At a clean stop: nobody needs it any more. */
  close(): void {
    if (this.fd !== undefined) closeAndRemove(this.fd, this.path);
    this.fd = undefined;
  }
}

/** The times in a log (every slot written so far), or undefined when there is none to read. */
export function readSendLog(path: string): number[] | undefined {
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch {
    return undefined;
  }
  if (data.length !== SLOT_BYTES * SEND_LOG_SLOTS) return undefined;
  const times: number[] = [];
  for (let i = 0; i < SEND_LOG_SLOTS; i += 1) {
    const at = data.readDoubleLE(i * SLOT_BYTES);
    if (at > 0) times.push(at);
  }
  return times.sort((a, b) => a - b);
}

/**
 * Reads a dead peer's file once (`read`) and removes it, whatever the read found: a link is
 * removed, never followed. Shared by the send logs and the outcome journals.
 */
export function takeOnce<T>(path: string, read: (path: string) => T): T {
  const found = read(path);
  try {
    unlinkSync(path);
  } catch {
    // Nothing to remove.
  }
  return found;
}

/** Reads a dead peer's log once and removes it. */
export function takeSendLog(path: string): number[] | undefined {
  return takeOnce(path, readSendLog);
}

/** Where a worker's file of `kind` lives in `dir`: the worker id, made safe as a file name. */
export function workerFilePath(kind: string, workerId: string, dir: string): string {
  return join(dir, `${kind}-${workerId.replace(/[^A-Za-z0-9._-]/g, '_')}`);
}

/** Where a worker's log lives in `dir` (one directory for every process of the app). */
export function sendLogPath(workerId: string, dir: string): string {
  return workerFilePath('announce-sends', workerId, dir);
}

/**
 * The default directory for the logs: a folder of the system's temporary directory that only
 * this user may enter (anyone may create names in a shared temporary directory), made if need
 * be; undefined, and no logs kept, when it is someone else's or others may write in it.
 */
export function privateSendLogDir(base = tmpdir()): string | undefined {
  const uid = process.getuid?.();
  const dir = join(base, `helpdesk-send-logs-${uid ?? 'user'}`);
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch {
    // Already there: checked below.
  }
  try {
    const stat = lstatSync(dir);
    const own = stat.isDirectory() && (uid === undefined || stat.uid === uid);
    return own && (stat.mode & 0o077) === 0 ? dir : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Closes a per-process file and removes it, at a clean stop of its writer (the send log, the
 * outcome journal): a file already gone is as good as removed.
 */
export function closeAndRemove(fd: number, path: string): void {
  try {
    closeSync(fd);
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}
