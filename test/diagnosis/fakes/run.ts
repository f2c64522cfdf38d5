import { diagnose } from '../../../src/diagnosis/diagnose';
import type { DirectoryReader } from '../../../src/diagnosis/ports';
import type { SubjectRef } from '../../../src/diagnosis/subject';
import type { Diagnosis } from '../../../src/diagnosis/types';
import type { Triage } from '../../../src/triage/types';
import { ALEX, NOW } from './builders';

export interface RunOptions {
  subject?: SubjectRef;
  audience?: 'user' | 'helpdesk';
  firstAskedAt?: Date;
  now?: Date;
}

/** Diagnoses a triage for Alex (by default) at the fixed test instant. */
export function run(
  reader: DirectoryReader,
  triage: Triage,
  options: RunOptions = {},
): Promise<Diagnosis> {
  const now = options.now ?? NOW;
  return diagnose(
    {
      triage,
      subject: options.subject ?? { kind: 'id', id: ALEX },
      audience: options.audience ?? 'user',
      ...(options.firstAskedAt === undefined ? {} : { firstAskedAt: options.firstAskedAt }),
    },
    { reader, clock: { now: () => now } },
  );
}

/** Every title and detail of the findings, for "does it say X" assertions. */
export function said(diagnosis: Diagnosis): string {
  return [
    diagnosis.headline,
    ...diagnosis.findings.flatMap((f) => [
      f.title,
      f.detail,
      ...f.evidence.map((e) => `${e.label}: ${e.value}`),
    ]),
    ...diagnosis.nextSteps,
  ].join('\n');
}
