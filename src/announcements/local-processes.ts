/**
 * Whether a process that wrote a heartbeat row has ended, told by the operating system rather
 * than by the age of its row, for a process restarted where its predecessor ran (rate-share.ts).
 *
 * A process id means something only within one pid namespace of one running kernel, so a row
 * carries both (`host`: the kernel's boot id and the pid namespace) with the id. A reader in the
 * same namespace that finds no process with that id knows the writer has ended: it can send
 * nothing more, and its claim on the rate is worth nothing. Anything else (another namespace,
 * another machine, a process that exists, a zombie not yet reaped, an id reused by a newer process,
 * no /proc to read) says "may be running", and the claim counts for its usual span.
 */
import { readFileSync, readlinkSync } from 'node:fs';
import { dirOutcomeJournals, type OutcomeJournals } from './outcome-journal';
import { privateSendLogDir, SendLog, sendLogPath, takeSendLog } from './send-log';

export interface LocalProcesses {
  /** This process: where its id means something, and the id; undefined when that is unknown. */
  self(): { host: string; pid: number } | undefined;
  /** False only when no process with this id exists in this process's namespace. */
  running(pid: number): boolean;
  /** Where each process logs its send times for a peer that outlives it (send-log.ts). */
  sendLogs?: SendLogs;
  /** Where each process journals the channel's answers for a peer that outlives it. */
  outcomeJournals?: OutcomeJournals;
}

export interface SendLogs {
  /** This process's log: each request's time as it leaves. */
  open(workerId: string): { record(at: number): void; close(): void };
  /** Reads, once, the log of a peer that has ended; undefined when it left none here. */
  take(workerId: string): number[] | undefined;
}

/**
 * Linux: the boot id and the pid namespace from /proc; elsewhere nothing is ever called ended.
 * Send logs and outcome journals in `sendLogDir` (this user's own folder of the temporary
 * directory unless told; none kept when there is no such folder).
 */
export function osLocalProcesses(sendLogDir = privateSendLogDir()): LocalProcesses {
  let self: { host: string; pid: number } | undefined;
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const namespace = readlinkSync('/proc/self/ns/pid');
    if (boot && namespace) self = { host: `${boot}/${namespace}`, pid: process.pid };
  } catch {
    self = undefined;
  }
  return {
    self: () => self,
    running: (pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch (error) {
        // EPERM: it exists, under another user.
        return (error as NodeJS.ErrnoException).code !== 'ESRCH';
      }
    },
    ...(sendLogDir === undefined
      ? {}
      : {
          sendLogs: {
            open: (workerId: string) => new SendLog(sendLogPath(workerId, sendLogDir)),
            take: (workerId: string) => takeSendLog(sendLogPath(workerId, sendLogDir)),
          },
          outcomeJournals: dirOutcomeJournals(sendLogDir, self?.host),
        }),
  };
}

/**
 * The other processes whose heartbeat rows say they run in this process's namespace: which of
 * them have ended, at each read of the rows, and between reads (`endedSince`, a system call per
 * peer), so a survivor can take a dead peer's share as soon as the operating system says it has
 * ended rather than at its next heartbeat.
 */
export class LocalPeers {
  /** Worker id → process id, of the rows last read that ran here and had not ended. */
  private readonly watched = new Map<string, number>();

  constructor(
    private readonly processes: LocalProcesses | undefined,
    private readonly selfId: string,
  ) {}

  /** A fresh read of every row: the ids whose writer ran in this namespace and has ended. */
  read(rows: readonly { id: string; host?: string; pid?: number }[]): Set<string> {
    const self = this.processes?.self();
    const ended = new Set<string>();
    this.watched.clear();
    if (!self) return ended;
    for (const row of rows) {
      if (row.id === this.selfId || row.host !== self.host || typeof row.pid !== 'number') continue;
      if (this.processes!.running(row.pid)) this.watched.set(row.id, row.pid);
      else ended.add(row.id);
    }
    return ended;
  }

  /** Peers of the last read that have ended since; each is told once. */
  endedSince(): string[] {
    const ended: string[] = [];
    for (const [id, pid] of this.watched) {
      if (this.processes!.running(pid)) continue;
      ended.push(id);
      this.watched.delete(id);
    }
    return ended;
  }
}
