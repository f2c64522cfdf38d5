import { AppError } from '../errors';
import type { Clock, GroupMembership } from '../ports';
import type { Triage } from '../triage/types';
import type { ReaderPlace } from './format';
import type { DiagnosisService } from './service';
import { decideSubject, explicitUpnIn, needsHelpdeskCheck, type SubjectRef } from './subject';
import type { Diagnosis } from './types';

/**
 * A person asks about a pasted error: who may be diagnosed, and the diagnosis. The subject rules
 * (subject.ts) are decided here, in the domain, with the directory's answer on helpdesk
 * membership; bot/diagnosis only reads the activity, keeps the paste and renders the result.
 */

export interface AskDeps {
  service: DiagnosisService;
  /** Transitive membership, cached (GraphGroupMembership). */
  membership: GroupMembership;
  /** Members may diagnose anyone; without it nobody may look at someone else. */
  helpdeskGroupId?: string;
  clock: Clock;
}

/** Who pasted what: the Teams user's Entra object id, and their text as triaged. */
export interface PasteQuestion {
  actorId: string;
  /** The actor's UPN when known; only used to recognise "for me". */
  actorUpn?: string;
  /** Asks the channel for the actor's UPN; called only when the paste names an account. */
  lookUpActorUpn?: () => Promise<string | undefined>;
  text: string;
  triage: Triage;
  /** The asker's locale and time zone, as their client tells them; dates are in UTC without. */
  place?: ReaderPlace;
}

/** What a diagnosis was asked for, kept so "Check again" asks the same. */
export interface AskedAbout {
  subject: SubjectRef;
  audience: 'user' | 'helpdesk';
  firstAskedAt: Date;
}

export type AskOutcome =
  | { kind: 'refused'; error: AppError }
  | { kind: 'diagnosed'; diagnosis: Diagnosis; asked: AskedAbout };

async function isHelpdesk(actorId: string, deps: AskDeps): Promise<boolean> {
  const group = deps.helpdeskGroupId;
  if (group === undefined) return false;
  return (await deps.membership.memberOf(actorId, [group])).includes(group);
}

/** Decides whose sign-in the paste is about and diagnoses it, or says why not. */
export async function askAboutPaste(question: PasteQuestion, deps: AskDeps): Promise<AskOutcome> {
  const explicitUpn = explicitUpnIn(question.text);
  const pastedUpn = question.triage.fields.upn;
  const namesAnAccount = explicitUpn !== undefined || pastedUpn !== undefined;
  const upn = question.actorUpn ?? (namesAnAccount ? await question.lookUpActorUpn?.() : undefined);
  const actor = { id: question.actorId, upn };
  const helpdesk = needsHelpdeskCheck({ actor, explicitUpn, pastedUpn })
    ? await isHelpdesk(actor.id, deps)
    : false;
  const decision = decideSubject({ actor, explicitUpn, pastedUpn, isHelpdesk: helpdesk });
  if (decision.kind === 'refused') {
    return {
      kind: 'refused',
      error: new AppError('not-authorized', `diagnosis of ${decision.requested} refused`, {
        userMessage: decision.message,
      }),
    };
  }
  const asked: AskedAbout = {
    subject: decision.subject,
    audience: decision.audience,
    firstAskedAt: deps.clock.now(),
  };
  const diagnosis = await deps.service.diagnose({
    triage: question.triage,
    ...asked,
    place: question.place,
  });
  return { kind: 'diagnosed', diagnosis, asked };
}

/**
 * "Check again" on a kept paste: only the person who pasted it, or a helpdesk member, may run
 * it, for the same subject and audience as the first time.
 */
export async function askAgain(
  actorId: string,
  paste: { actorId: string; triage: Triage } & AskedAbout,
  deps: AskDeps,
  place?: ReaderPlace,
): Promise<AskOutcome> {
  if (paste.actorId !== actorId && !(await isHelpdesk(actorId, deps))) {
    return {
      kind: 'refused',
      error: new AppError(
        'not-authorized',
        `check-again by ${actorId} on a paste of ${paste.actorId}`,
        {
          userMessage:
            'Only the person who pasted this error, or the helpdesk, can check it again.',
        },
      ),
    };
  }
  const asked = {
    subject: paste.subject,
    audience: paste.audience,
    firstAskedAt: paste.firstAskedAt,
  };
  const diagnosis = await deps.service.diagnose({ triage: paste.triage, ...asked, place });
  return { kind: 'diagnosed', diagnosis, asked };
}
