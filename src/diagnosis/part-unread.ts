import { unreached, type Unreached } from './unreached';
import type { Finding } from './types';

/**
 * The person's own records an answer reads besides the sign-in log (which says so in its own line,
 * log-unread.ts), and the tenant's policies and device records that feed an answer: when Microsoft
 * Graph does not answer one of them (too busy past the wait budget, or out of reach), the answer
 * stands without it, says in one line which part it goes without, and "Check again" may add it.
 * A 403 is not this: it stays a named permission (PermissionGaps).
 */
export type UnreadPart =
  | 'account'
  | 'methods'
  | 'pass'
  | 'groups'
  | 'risk'
  | 'detections'
  | 'devices'
  | 'device'
  | 'compliance'
  | 'ca-policies'
  | 'pass-policy'
  | 'authenticator-policy';

const PART_WORDS: Record<UnreadPart, string> = {
  account: 'the account',
  methods: "the account's sign-in methods",
  pass: "the account's Temporary Access Pass",
  groups: "the account's groups",
  risk: "the account's risk record",
  detections: 'what Identity Protection noticed',
  devices: "the account's devices",
  device: 'the device the sign-in came from',
  compliance: "the devices' compliance policies",
  'ca-policies': 'the Conditional Access policies',
  'pass-policy': 'the Temporary Access Pass policy',
  'authenticator-policy': 'the Authenticator policy',
};

/** Parts in the order the line names them. */
const ORDER: readonly UnreadPart[] = [
  'account',
  'methods',
  'pass',
  'groups',
  'risk',
  'detections',
  'devices',
  'device',
  'compliance',
  'ca-policies',
  'pass-policy',
  'authenticator-policy',
];

function joined(words: string[]): string {
  return words.length === 1
    ? words[0]
    : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** The one line for every part Graph did not answer, by the first reason met. */
export function partsUnreadFinding(parts: readonly UnreadPart[], why: Unreached): Finding {
  const names = joined(ORDER.filter((p) => parts.includes(p)).map((p) => PART_WORDS[p]));
  const them = parts.length === 1 ? 'it' : 'them';
  const opening =
    why === 'busy'
      ? `Microsoft Graph was too busy to read ${names} just now`
      : `Microsoft Graph could not be reached just now to read ${names}`;
  return {
    kind: 'gap',
    title: `Could not read ${names}`,
    detail: `${opening}, so this answer goes without ${them}; checking again in a few minutes may add ${them}.`,
    evidence: [],
  };
}

/** The parts of one answer that Graph did not answer, shared by its look-ups like the gaps. */
export class UnreadParts {
  private readonly found = new Map<UnreadPart, Unreached>();

  note(part: UnreadPart, why: Unreached): void {
    if (!this.found.has(part)) this.found.set(part, why);
  }

  /**
   * Runs a read the answer can stand without: Graph not answering it is noted and returned as
   * why; anything else (a 403 for `PermissionGaps`, any other refusal) is thrown as before.
   */
  async read<T>(read: Promise<T>, part: UnreadPart): Promise<T | Unreached> {
    try {
      return await read;
    } catch (error) {
      const why = unreached(error);
      if (why === undefined) throw error;
      this.note(part, why);
      return why;
    }
  }

  has(part: UnreadPart): boolean {
    return this.found.has(part);
  }

  /** Why Graph did not answer, by the first part it did not answer; undefined when it did. */
  get why(): Unreached | undefined {
    return this.found.values().next().value;
  }

  findings(): Finding[] {
    const why = this.why;
    return why === undefined ? [] : [partsUnreadFinding([...this.found.keys()], why)];
  }
}
