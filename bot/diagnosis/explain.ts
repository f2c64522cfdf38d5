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
  const triageId = await keepAskDraft(
    from,
    result,
    triageCardData(result, { audience: 'user' }).meaning,
    diagnosis,
  );
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

/**
 * Keeps the draft "Ask the helpdesk" sends for a person known by this chat alone (their Entra
 * id when the chat has one, else their Teams id, as the ask route reads them): the paste's facts
 * under `headline`, never the paste. Its id, or undefined when asking is not wired, the person is
 * not known, or the draft could not be kept.
 */
export async function keepAskDraft(
  from: Partial<ChannelAccount> | undefined,
  result: Triage,
  headline: string,
  deps: DiagnosisBotDeps,
): Promise<string | undefined> {
  const askerId = from?.aadObjectId || from?.id;
  if (!deps.handoff || !askerId) return undefined;
  const id = (deps.newId ?? randomUUID)();
  const kept = await keepDraft(deps.handoff, id, {
    asker: from?.name ? { id: askerId, name: from.name } : { id: askerId },
    facts: handoffFacts(result),
    diagnosis: handoffDiagnosis(undefined, { headline }),
    ...handoffReading(result),
  });
  return kept ? id : undefined;
}
