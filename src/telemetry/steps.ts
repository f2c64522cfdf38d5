import { noteFacts } from '../logging';
import type { Triage } from '../triage/types';
import { count, inSpan, recordStep } from './instruments';

/**
 * Triage as a span of its own with the intent and deciding code (never the pasted text), noted
 * on the turn's summary line and counted by intent.
 */
export function tracedTriage(run: () => Triage): Triage {
  return noted(recordStep('triage', run, triageAttributes));
}

/** The same for a paste read off the event loop (src/triage/off-thread.ts). */
export async function tracedTriageAsync(run: () => Promise<Triage>): Promise<Triage> {
  return noted(
    await inSpan('triage', {}, async (span) => {
      const result = await run();
      span.setAttributes(triageAttributes(result));
      return result;
    }),
  );
}

function triageAttributes(t: Triage): Record<string, string | number> {
  return { 'helpdesk.intent': t.intent, 'helpdesk.code': t.code ?? 0 };
}

function noted(result: Triage): Triage {
  noteFacts({ intent: result.intent, code: result.code });
  count('helpdesk.triage.intents', { intent: result.intent });
  return result;
}

/** A diagnosis answered from the tenant. */
export function noteDiagnosis(intent: string): void {
  noteFacts({ diagnosed: true });
  count('helpdesk.diagnoses', { intent });
}

/**
 * A person said a reading from words alone was wrong ("That's not it") and chose another problem,
 * or none: counted by the two intents, and noted on the turn's line. Nothing else: no text, no
 * user, no details of the paste.
 */
export function noteCorrection(guessed: string, chosen: string): void {
  noteFacts({ correctedFrom: guessed, correctedTo: chosen });
  count('helpdesk.triage.corrections', { guessed, chosen });
}
