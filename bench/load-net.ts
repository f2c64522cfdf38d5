/**
 * The kernel's TCP counters (Linux, /proc/net/snmp and /proc/net/netstat) over a phase: lost
 * segments sent again and the timeouts that sent them, delayed acknowledgements, connections
 * opened and reset, and connections a full listen queue dropped. They count for the whole
 * machine (its network namespace), so other work on it shows too; on an otherwise quiet
 * machine they are the bench's own loopback traffic. Empty off Linux.
 */
import { readFileSync } from 'node:fs';

/** The counters printed, by the names the kernel gives them. */
const COUNTERS = [
  'ActiveOpens',
  'PassiveOpens',
  'AttemptFails',
  'EstabResets',
  'OutRsts',
  'RetransSegs',
  'TCPTimeouts',
  'TCPLossProbes',
  'TCPSynRetrans',
  'ListenOverflows',
  'ListenDrops',
  'DelayedACKs',
  'TCPAbortOnData',
  'TCPAbortOnClose',
];

function read(): Record<string, number> {
  const values: Record<string, number> = {};
  for (const file of ['/proc/net/snmp', '/proc/net/netstat']) {
    let lines: string[];
    try {
      lines = readFileSync(file, 'utf8').split('\n');
    } catch {
      continue;
    }
    // Pairs of lines: `Prefix: name name ...` then `Prefix: value value ...`.
    for (let i = 0; i + 1 < lines.length; i += 2) {
      const names = lines[i].split(' ').slice(1);
      const numbers = lines[i + 1].split(' ').slice(1);
      names.forEach((name, at) => {
        if (COUNTERS.includes(name)) values[name] = Number(numbers[at]);
      });
    }
  }
  return values;
}

/** Starts counting; the returned function gives each counter's growth since (non-zero ones). */
export function tcpCounters(): () => Record<string, number> {
  const before = read();
  return () => {
    const after = read();
    const grown: Record<string, number> = {};
    for (const name of COUNTERS) {
      const delta = (after[name] ?? 0) - (before[name] ?? 0);
      if (delta !== 0) grown[name] = delta;
    }
    return grown;
  };
}
