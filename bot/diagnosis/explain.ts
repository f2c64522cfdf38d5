import { randomUUID } from 'node:crypto';
import type { ChannelAccount } from 'botbuilder';
import { render, type AdaptiveCardJson } from '../../cards';
import { triageCardData, triageExplainTemplate } from '../../cards/triage/explain';
import { handoffDiagnosis, handoffFacts, handoffReading } from '../../src/handoff/facts';
import type { Triage } from '../../src/triage/types';
import { keepDraft, type DiagnosisBotDeps } from './answer';

/**
 * The triage card alone (no Entra identity in this chat), with "Ask the helpdesk" when asking is
 * wired: the person is then known by their Teams id, and the request carries the paste's facts.
 * A reading from words alone also gets "That's not it".
 */
export async function explainCard(
  from: Partial<ChannelAccount> | undefined,
  result: Triage,
  diagnosis: DiagnosisBotDeps,
): Promise<AdaptiveCardJson> {
  let triageId: string | undefined;
  if (diagnosis.handoff && from?.id) {
    const id = (diagnosis.newId ?? randomUUID)();
    const data = triageCardData(result, { audience: 'user' });
    const kept = await keepDraft(diagnosis.handoff, id, {
      asker: from.name ? { id: from.id, name: from.name } : { id: from.id },
      facts: handoffFacts(result),
      diagnosis: handoffDiagnosis(undefined, { headline: data.meaning }),
      ...handoffReading(result),
    });
    if (kept) triageId = id;
  }
  return render(
    triageExplainTemplate,
    triageCardData(result, {
      audience: 'user',
      offerHelpdeskRequest: triageId !== undefined,
      triageId,
      offerCorrection: true,
    }),
  );
}
