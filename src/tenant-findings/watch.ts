import type { Diagnosis } from '../diagnosis/types';
import { ConflictError } from '../errors';
import type { Clock, RecordStore } from '../ports';
import {
  detect,
  factsNeeded,
  signalOf,
  type TenantFacts,
  type TenantFinding,
  type TenantFindingKind,
} from './detect';

/**
 * Watches diagnosed pastes for causes that lie in the tenant, and says each one once on the
 * helpdesk channel: a finding is claimed in storage (insert-if-absent, so two instances or two
 * pastes at once post it once) and said again only after `quietDays`. The post runs beside the
 * person's answer and never fails it.
 */

export const TENANT_FINDINGS_TABLE = 'TenantFindings';

/** The tenant facts a finding may need, each read only when a paste calls for it. */
export interface TenantFactsReader {
  /** The organization's last password hash sync (null: never). */
  lastPasswordSync(): Promise<string | null>;
  /** Whether a number-matching announcement is being sent now. */
  numberMatchingAnnouncementActive(): Promise<boolean>;
  /** Whether the person is in a group SMS sign-in is turned on for. */
  smsSignInAllowed(userId: string): Promise<boolean>;
}

export interface TenantFindingNotifier {
  /** False when the helpdesk channel could not be reached (the finding is then not "said"). */
  post(finding: TenantFinding): Promise<boolean>;
}

export interface TenantWatchDeps {
  facts: TenantFactsReader;
  records: RecordStore;
  notifier: TenantFindingNotifier;
  clock: Clock;
  /** Password hash sync older than this is stalled (the posture setting). */
  staleHours: number;
  /** A finding said is not said again for this long. */
  quietDays?: number;
  onError?: (error: unknown) => void;
}

type Said = { at: string; title: string };

/** Settles to undefined when the read fails: a missing permission costs the finding, nothing else. */
async function optional<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch {
    return undefined;
  }
}

export class TenantFindingWatch {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly deps: TenantWatchDeps) {}

  /** Looks at one diagnosed paste; returns at once (the work runs beside the answer). */
  observe(diagnosis: Diagnosis, text: string): void {
    const work = this.check(diagnosis, text).then(
      () => undefined,
      (error: unknown) => this.deps.onError?.(error),
    );
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
  }

  /** Resolves when every check started so far has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  /** The findings this paste shows, after reading what they need; posts the new ones. */
  async check(diagnosis: Diagnosis, text: string): Promise<TenantFinding[]> {
    const signal = signalOf(diagnosis, text);
    const needed = factsNeeded(signal);
    const { facts: reader } = this.deps;
    const facts: TenantFacts = {};
    const [sync, announcing, sms] = await Promise.all([
      needed.organization ? optional(() => reader.lastPasswordSync()) : undefined,
      needed.announcements ? optional(() => reader.numberMatchingAnnouncementActive()) : undefined,
      needed.sms && signal.subjectId
        ? optional(() => reader.smsSignInAllowed(signal.subjectId!))
        : undefined,
    ]);
    if (sync !== undefined) facts.lastPasswordSync = sync;
    if (announcing !== undefined) facts.numberMatchingAnnouncement = announcing;
    if (sms !== undefined) facts.smsSignInAllowed = sms;
    const findings = detect(signal, facts, this.deps.clock.now(), this.deps.staleHours);
    const fresh: TenantFinding[] = [];
    for (const finding of findings) {
      if (!(await this.claim(finding.kind, finding.title))) continue;
      if (await this.deps.notifier.post(finding)) {
        fresh.push(finding);
      } else {
        // Not said after all: the next paste that shows it tries again.
        await this.deps.records.delete(TENANT_FINDINGS_TABLE, {
          partition: 'finding',
          row: finding.kind,
        });
      }
    }
    return fresh;
  }

  /** True for the one caller that should say this finding now. */
  private async claim(kind: TenantFindingKind, title: string): Promise<boolean> {
    const key = { partition: 'finding', row: kind };
    const now = this.deps.clock.now();
    const value: Said = { at: now.toISOString(), title };
    try {
      await this.deps.records.insert<Said>(TENANT_FINDINGS_TABLE, key, value);
      return true;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
    const existing = await this.deps.records.get<Said>(TENANT_FINDINGS_TABLE, key);
    if (!existing) return false;
    const quietMs = (this.deps.quietDays ?? 7) * 86_400_000;
    if (now.getTime() - Date.parse(existing.value.at) < quietMs) return false;
    try {
      await this.deps.records.replace<Said>(TENANT_FINDINGS_TABLE, key, value, existing.etag);
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }
}
