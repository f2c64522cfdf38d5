import { triage } from '../triage';
import { diagnose, type DiagnoseDeps } from './diagnose';
import { knowing } from './known-sign-in';
import type { SignInRecord } from './ports';

/**
 * A sign-in that failed again after a fix, diagnosed like a paste of its own code and request
 * id, so the helpdesk hears what is still in the way in the same words as the first diagnosis.
 * The failed row is already at hand, so the diagnosis finds it without another sign-in log read
 * (those are the scarcest Graph budget, 5 per 10 s per tenant).
 */

/** The headline and causes of the new failure, in one paragraph; undefined when nothing new. */
export async function recheckSignIn(
  deps: DiagnoseDeps,
  userId: string,
  row: SignInRecord,
): Promise<string | undefined> {
  const paste = `AADSTS${row.status.errorCode}\nRequest Id: ${row.id}\nCorrelation Id: ${row.correlationId}`;
  const diagnosis = await diagnose(
    { triage: triage(paste), subject: { kind: 'id', id: userId }, audience: 'helpdesk' },
    { ...deps, reader: knowing(deps.reader, row) },
  );
  const causes = diagnosis.findings.filter((f) => f.kind === 'cause').map((f) => f.title);
  const text = [diagnosis.headline, ...causes].filter((t) => t.trim() !== '').join('. ');
  return text === '' ? undefined : `${text}.`;
}
