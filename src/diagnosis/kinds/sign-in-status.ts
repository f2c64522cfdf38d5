import type { DiagnosisContext, KindResult } from '../context';
import { catalogText } from '../context';
import type { DiagnosisDetails } from '../types';
import { readFromWordsAlone } from '../../triage/correction';
import type { Triage } from '../../triage/types';

/**
 * The shared answers when the sign-in itself could not be looked at: not in the log yet, not there
 * at all, or not readable. Each kind falls back on these before reading the row.
 */

/**
 * The title over the catalog's explanation: an error's meaning when the paste gave a code or the
 * error's own sentence; for a reading of the message's words alone (no code, no known sentence),
 * what the message seems to describe, since the bot read it rather than looked it up.
 */
export function meaningTitle(triage: Triage): string {
  return readFromWordsAlone(triage) ? 'What the message seems to describe' : 'What the error means';
}

/** One step told to the person, and to the helpdesk as what they do or tell the person. */
export interface StepFor {
  user: string;
  helpdesk: string;
}

/** Trying again later: the generic step when nothing better is known. */
export const TRY_AGAIN_LATER: StepFor = {
  user: 'Try again in a few minutes; if it keeps happening, ask the helpdesk.',
  helpdesk:
    'Ask them to try again in a few minutes; if it keeps happening, get the whole error text from them.',
};

/**
 * The catalog's steps, marked as such, or a single fallback step; a fallback with a helpdesk
 * form is told to the helpdesk in that form.
 */
export function stepsOr(
  ctx: DiagnosisContext,
  fallback: string | StepFor,
): Pick<KindResult, 'nextSteps' | 'stepsFromCatalog'> {
  const steps = catalogText(ctx.triage)?.nextSteps;
  const step = typeof fallback === 'string' ? fallback : fallback[ctx.audience];
  return steps === undefined ? { nextSteps: [step] } : { nextSteps: steps, stepsFromCatalog: true };
}

export function pendingResult(
  ctx: DiagnosisContext,
  reason: string,
  details: DiagnosisDetails,
): KindResult {
  return {
    status: 'pending-sign-in',
    headline:
      ctx.audience === 'user'
        ? 'Your sign-in is not in the sign-in log yet'
        : 'The sign-in is not in the sign-in log yet',
    findings: [{ kind: 'context', title: 'Still on its way', detail: reason, evidence: [] }],
    offers: [],
    nextSteps: [
      'Wait two or three minutes, then press "Check again".',
      ctx.audience === 'user'
        ? 'If it still is not there after twenty minutes, ask the helpdesk and paste the whole error page.'
        : 'If it still is not there after twenty minutes, ask them for the whole error page, with its request and correlation IDs.',
    ],
    checkAgain: true,
    details,
  };
}

export function noRecordResult(
  ctx: DiagnosisContext,
  reason: string,
  details: DiagnosisDetails,
): KindResult {
  return {
    status: 'no-record',
    headline: 'The sign-in log has nothing that matches',
    findings: [
      { kind: 'context', title: 'Nothing matching in the log', detail: reason, evidence: [] },
    ],
    offers: [],
    ...stepsOr(ctx, {
      user: 'Sign in again and paste the whole error page, including its request and correlation IDs.',
      helpdesk:
        'Ask them to sign in again and send the whole error page, including its request and correlation IDs.',
    }),
    checkAgain: false,
    details,
  };
}

export function unreadableResult(ctx: DiagnosisContext, details: DiagnosisDetails): KindResult {
  const catalog = catalogText(ctx.triage, ctx.audience);
  return {
    status: 'missing-permission',
    headline: 'The bot may not read the sign-in log in this tenant yet',
    findings: catalog
      ? [
          {
            kind: 'context',
            title: meaningTitle(ctx.triage),
            detail: catalog.meaning,
            evidence: [],
          },
        ]
      : [],
    offers: [],
    ...stepsOr(ctx, {
      user: 'Ask the helpdesk to look at the sign-in log for you.',
      helpdesk:
        'Look at the sign-in log in the Entra admin center (Sign-in logs) for this account.',
    }),
    checkAgain: false,
    details,
  };
}

export function succeededResult(
  ctx: DiagnosisContext,
  details: DiagnosisDetails,
  signIn: KindResult['signIn'],
): KindResult {
  return {
    status: 'resolved',
    headline: 'That sign-in went through in the end',
    findings: [
      {
        kind: 'context',
        title: 'No failure recorded',
        detail:
          'The sign-in log shows this attempt as successful, so whatever stopped it did not stop it for good. If it fails again, paste the new error.',
        evidence: [],
      },
    ],
    signIn,
    offers: [],
    nextSteps: ['Try again; if it fails, paste the new error page here.'],
    checkAgain: false,
    details,
  };
}
