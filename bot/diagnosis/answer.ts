import { randomUUID } from 'node:crypto';
import type { AdaptiveCardJson } from '../../cards';
import { errorCardData, errorTemplate } from '../../cards/common/error';
import { diagnosisCard } from '../../cards/diagnosis';
import { render } from '../../cards/render';
import type { ActionData } from '../../cards/verbs';
import type { ReaderPlace } from '../../src/diagnosis/format';
import type { DiagnosisService } from '../../src/diagnosis/service';
import { decideSubject, explicitUpnIn, needsHelpdeskCheck } from '../../src/diagnosis/subject';
import { AppError, isAppError } from '../../src/errors';
import type { ActionOffer } from '../../src/remediation/action-kinds';
import type { Clock, GroupMembership } from '../../src/ports';
import type { Triage } from '../../src/triage/types';
import type { PasteStore } from './paste-store';

/** Keeps the offers a card shows, so a request made from it carries diagnosis's reason (OfferBook). */
export interface OfferMemory {
  remember(offers: readonly ActionOffer[]): Promise<void>;
}

export interface DiagnosisBotDeps {
  service: DiagnosisService;
  /** Transitive membership, cached (GraphGroupMembership). */
  membership: GroupMembership;
  /** Members may diagnose anyone; without it nobody may look at someone else. */
  helpdeskGroupId?: string;
  pastes: PasteStore;
  clock: Clock;
  offers?: OfferMemory;
  /** Ids for stored pastes; random by default. */
  newId?: () => string;
}

/** Who pasted what: the Teams user's Entra object id, and their text as triaged. */
export interface PasteQuestion {
  actorId: string;
  /** The actor's UPN when the channel tells it; only used to recognise "for me". */
  actorUpn?: string;
  text: string;
  triage: Triage;
  /** The asker's locale and time zone, as their client tells them; dates are in UTC without. */
  place?: ReaderPlace;
}

function errorCard(error: AppError): AdaptiveCardJson {
  return render(errorTemplate, errorCardData(error));
}

async function isHelpdesk(actorId: string, deps: DiagnosisBotDeps): Promise<boolean> {
  const group = deps.helpdeskGroupId;
  if (group === undefined) return false;
  return (await deps.membership.memberOf(actorId, [group])).includes(group);
}

/**
 * The diagnosis card for a triaged paste: decides whose sign-in it is and whether the asker may
 * see it, looks at the tenant, and keeps the paste when "Check again" may be needed. Failures
 * that a person can act on (throttling, missing permission, refusal) come back as an error
 * card; anything else is thrown for the edge to report.
 */
export async function answerPaste(
  question: PasteQuestion,
  deps: DiagnosisBotDeps,
): Promise<AdaptiveCardJson> {
  const actor = { id: question.actorId, upn: question.actorUpn };
  const explicitUpn = explicitUpnIn(question.text);
  const pastedUpn = question.triage.fields.upn;
  const helpdesk = needsHelpdeskCheck({ actor, explicitUpn, pastedUpn })
    ? await isHelpdesk(actor.id, deps)
    : false;
  const decision = decideSubject({ actor, explicitUpn, pastedUpn, isHelpdesk: helpdesk });
  if (decision.kind === 'refused') {
    return errorCard(
      new AppError('not-authorized', `diagnosis of ${decision.requested} refused`, {
        userMessage: decision.message,
      }),
    );
  }
  const firstAskedAt = deps.clock.now();
  try {
    const diagnosis = await deps.service.diagnose({
      triage: question.triage,
      subject: decision.subject,
      audience: decision.audience,
      firstAskedAt,
      place: question.place,
    });
    let triageId: string | undefined;
    if (diagnosis.checkAgain) {
      triageId = (deps.newId ?? randomUUID)();
      await deps.pastes.save(triageId, {
        actorId: actor.id,
        subject: decision.subject,
        audience: decision.audience,
        triage: question.triage,
        firstAskedAt,
      });
    }
    await deps.offers?.remember(diagnosis.offers);
    return diagnosisCard(diagnosis, { audience: decision.audience, triageId });
  } catch (error) {
    if (isAppError(error)) return errorCard(error);
    throw error;
  }
}

/**
 * "Check again" on a card that was waiting for the sign-in log: runs the stored paste again for
 * the same subject and returns the card that replaces the clicked one. Only the person who
 * pasted, or a helpdesk member, may run it.
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
  if (paste.actorId !== actorId && !(await isHelpdesk(actorId, deps))) {
    return errorCard(
      new AppError('not-authorized', `check-again by ${actorId} on a paste of ${paste.actorId}`, {
        userMessage: 'Only the person who pasted this error, or the helpdesk, can check it again.',
      }),
    );
  }
  try {
    const diagnosis = await deps.service.diagnose({
      triage: paste.triage,
      subject: paste.subject,
      audience: paste.audience,
      firstAskedAt: new Date(paste.firstAskedAt),
      place,
    });
    if (!diagnosis.checkAgain) await deps.pastes.forget(data.triageId);
    await deps.offers?.remember(diagnosis.offers);
    return diagnosisCard(diagnosis, {
      audience: paste.audience,
      triageId: diagnosis.checkAgain ? data.triageId : undefined,
    });
  } catch (error) {
    if (isAppError(error)) return errorCard(error);
    throw error;
  }
}
