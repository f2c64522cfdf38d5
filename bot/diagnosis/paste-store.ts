import type { Clock, RecordStore } from '../../src/ports';
import type { SubjectRef } from '../../src/diagnosis/subject';
import type { Triage } from '../../src/triage/types';

export const PASTES_TABLE = 'DiagnosisPastes';
const PARTITION = 'paste';

/**
 * A paste whose diagnosis is waiting for the sign-in log, or that Graph did not fully answer (too
 * busy, out of reach), kept so "Check again" can run it again.
 * The button carries only the id; who asked, about whom and what was pasted stay here, so a
 * forged click cannot point the check at another account.
 */
export type StoredPaste = {
  actorId: string;
  subject: SubjectRef;
  audience: 'user' | 'helpdesk';
  triage: Triage;
  firstAskedAt: string;
};

export class PasteStore {
  constructor(
    private readonly records: RecordStore,
    private readonly clock: Clock,
  ) {}

  async save(
    id: string,
    paste: Omit<StoredPaste, 'firstAskedAt'> & { firstAskedAt?: Date },
  ): Promise<void> {
    const firstAskedAt = (paste.firstAskedAt ?? this.clock.now()).toISOString();
    await this.records.upsert<StoredPaste>(
      PASTES_TABLE,
      { partition: PARTITION, row: id },
      {
        ...paste,
        firstAskedAt,
      },
    );
  }

  async load(id: string): Promise<StoredPaste | undefined> {
    return (await this.records.get<StoredPaste>(PASTES_TABLE, { partition: PARTITION, row: id }))
      ?.value;
  }

  async forget(id: string): Promise<void> {
    await this.records.delete(PASTES_TABLE, { partition: PARTITION, row: id });
  }
}
