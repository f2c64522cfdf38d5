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

export interface LocalProcesses {
  /** This process: where its id means something, and the id; undefined when that is unknown. */
  self(): { host: string; pid: number } | undefined;
  /** False only when no process with this id exists in this process's namespace. */
  running(pid: number): boolean;
}

/** Linux: the boot id and the pid namespace from /proc; elsewhere nothing is ever called ended. */
export function osLocalProcesses(): LocalProcesses {
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
  };
}
