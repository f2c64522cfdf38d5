import { randomUUID } from 'node:crypto';
import type { AdaptiveCardJson } from '../../cards';
import { diagnosisCard, type OfferFormLimits } from '../../cards/diagnosis';
import { notItPayload } from '../../cards/triage/correction';
import type { ActionData } from '../../cards/verbs';
import { askAboutPaste, askAgain, type AskDeps, type PasteQuestion } from '../../src/diagnosis/ask';
import type { ReaderPlace } from '../../src/diagnosis/format';
import { explicitUpnIn, type SubjectRef } from '../../src/diagnosis/subject';
import { AppError, isAppError } from '../../src/errors';
import { mayCheckAgain, type Diagnosis } from '../../src/diagnosis/types';
import { handoffDiagnosis, handoffFacts, handoffReading } from '../../src/handoff/facts';
import type { HandoffDraft } from '../../src/handoff/types';
import type { ActionOffer } from '../../src/remediation/action-kinds';
import type { Triage } from '../../src/triage/types';
import { errorCard, logFailure } from '../failures';
import type { PasteStore } from './paste-store';

export type { PasteQuestion } from '../../src/diagnosis/ask';

/** Keeps the offers a card shows, so a request made from it carries diagnosis's reason (OfferBook). */
export interface OfferMemory {
  remember(offers: readonly ActionOffer[]): Promise<void>;
}

/** Looks at each diagnosed paste for a cause in the tenant (src/tenant-findings). */
export interface TenantWatch {
  observe(diagnosis: Diagnosis, text: string): void;
}

/** Keeps what "Ask the helpdesk" on a card would send (HandoffService.prepare). */
export interface HandoffDrafts {
  prepare(id: string, draft: Omit<HandoffDraft, 'createdAt'>): Promise<void>;
}

/**
 * Keeps a card's "Ask the helpdesk" draft; false when the store refused it, so the answer goes
 * out without that button instead of failing: the diagnosis matters more than the handoff.
 */
export async function keepDraft(
  handoff: HandoffDrafts,
  id: string,
  draft: Omit<HandoffDraft, 'createdAt'>,
): Promise<boolean> {
  try {
    await handoff.prepare(id, draft);
    return true;
  } catch (error) {
    logFailure('handoff-draft-not-kept', error);
    return false;
  }
}

export interface DiagnosisBotDeps extends AskDeps {
  pastes: PasteStore;
  offers?: OfferMemory;
  /** Bounds of the fixes' inputs (the tenant's pass policy...), read when a card offers fixes. */
  forms?: () => Promise<OfferFormLimits>;
  tenantWatch?: TenantWatch;
  /** When present, a person's own card offers "Ask the helpdesk". */
  handoff?: HandoffDrafts;
  /** Ids for stored pastes; random by default. */
  newId?: () => string;
}

/**
 * The diagnosis card for a triaged paste. The domain decides whose sign-in it is and whether the
 * asker may see it, and diagnoses it (src/diagnosis/ask.ts); here the paste is kept when "Check
 * again" may be needed and the answer is rendered. Failures that a person can act on
 * (throttling, missing permission, refusal) come back as an error card; anything else is thrown
 * for the edge to report.
 */
export async function answerPaste(
  question: PasteQuestion,
  deps: DiagnosisBotDeps,
): Promise<AdaptiveCardJson> {
  try {
    const outcome = await askAboutPaste(question, deps);
    if (outcome.kind === 'refused') return errorCard(outcome.error);
    const { diagnosis, asked } = outcome;
    deps.tenantWatch?.observe(diagnosis, question.text);
    let triageId: string | undefined;
    if (mayCheckAgain(diagnosis)) {
      triageId = (deps.newId ?? randomUUID)();
      await deps.pastes.save(triageId, {
        actorId: question.actorId,
        subject: asked.subject,
        audience: asked.audience,
        triage: question.triage,
        firstAskedAt: asked.firstAskedAt,
      });
    }
    await deps.offers?.remember(diagnosis.offers);
    const forms = await formLimits(diagnosis.offers, deps);
    const askId =
      asked.audience === 'user'
        ? await prepareAsk(deps, question.actorId, question.triage, diagnosis)
        : undefined;
    // A reading from the paste's words alone may be wrong: the person can say so on the card.
    const notIt = notItPayload(question.triage, askId, explicitUpnIn(question.text));
    return diagnosisCard(diagnosis, { audience: asked.audience, triageId, askId, forms, notIt });
  } catch (error) {
    if (isAppError(error)) return errorCard(error);
    throw error;
  }
}

/** The account a kept paste was looked at for, when it was named rather than the asker. */
const askedAbout = (subject: SubjectRef): string | undefined =>
  subject.kind === 'upn' ? subject.upn : undefined;

async function formLimits(
  offers: readonly ActionOffer[],
  deps: DiagnosisBotDeps,
): Promise<OfferFormLimits | undefined> {
  return offers.length > 0 && deps.forms ? deps.forms() : undefined;
}

/**
 * "Check again" on a card that was waiting for the sign-in log, or that Graph did not fully
 * answer (too busy, out of reach): runs the stored paste again for the same subject and returns
 * the card that replaces the clicked one.
 */
export async function checkAgain(
  actorId: string,
  data: ActionData<'triage.check-again'>,
  deps: DiagnosisBotDeps,
  place?: ReaderPlace,
): Promise<AdaptiveCardJson> {
  const paste = await deps.pastes.load(data.triageId);
  if (paste === undefined) {
    return errorCard(
      new AppError('store-not-found', `paste ${data.triageId} not found`, {
        userMessage:
          'This check is no longer available. Paste the error again to get a fresh answer.',
      }),
    );
  }
  try {
    const outcome = await askAgain(
      actorId,
      { ...paste, firstAskedAt: new Date(paste.firstAskedAt) },
      deps,
      place,
    );
    if (outcome.kind === 'refused') return errorCard(outcome.error);
    const { diagnosis } = outcome;
    if (!mayCheckAgain(diagnosis)) await deps.pastes.forget(data.triageId);
    await deps.offers?.remember(diagnosis.offers);
    const askId =
      paste.audience === 'user'
        ? await prepareAsk(deps, actorId, paste.triage, diagnosis)
        : undefined;
    return diagnosisCard(diagnosis, {
      audience: paste.audience,
      triageId: mayCheckAgain(diagnosis) ? data.triageId : undefined,
      forms: await formLimits(diagnosis.offers, deps),
      askId,
      notIt: notItPayload(paste.triage, askId, askedAbout(paste.subject)),
    });
  } catch (error) {
    if (isAppError(error)) return errorCard(error);
    throw error;
  }
}

/**
 * Keeps what the person's card would send to the helpdesk, under a fresh id for its "Ask the
 * helpdesk" button; undefined (no button) when asking is not wired.
 */
async function prepareAsk(
  deps: DiagnosisBotDeps,
  actorId: string,
  triage: Triage,
  diagnosis: Diagnosis,
): Promise<string | undefined> {
  if (!deps.handoff) return undefined;
  const id = (deps.newId ?? randomUUID)();
  const subject = diagnosis.subject;
  const kept = await keepDraft(deps.handoff, id, {
    asker: { id: actorId },
    ...(subject === undefined
      ? {}
      : {
          subject: { id: subject.id, name: subject.displayName, upn: subject.userPrincipalName },
        }),
    facts: handoffFacts(triage, diagnosis),
    diagnosis: handoffDiagnosis(diagnosis, { headline: diagnosis.headline }),
    ...handoffReading(triage),
  });
  return kept ? id : undefined;
}
