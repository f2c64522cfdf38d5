import { catalogText, type DiagnosisContext, type KindResult } from '../context';
import { grantControlWords, listWords } from '../format';
import { withLogUnread } from '../log-unread';
import type { ConditionalAccessPolicyRecord } from '../ports';
import type { DiagnosisDetails, Finding } from '../types';
import type { Unreached } from '../unreached';
import { meaningTitle, stepsOr } from './sign-in-status';

/** Policies that act on sign-ins now (Graph's states): enforced ones, and report-only ones. */
const ACTING = new Set(['enabled', 'enabledForReportingButNotEnforced']);

/**
 * The answer when Graph did not answer the sign-in log read: which policy stopped the sign-in is
 * only in the log, so the answer is the error's explanation and, for the helpdesk, the policies
 * the tenant has, read all the same, with one line saying the log was not read.
 */
export function logUnreadResult(
  ctx: DiagnosisContext,
  policies: ConditionalAccessPolicyRecord[] | undefined,
  why: Unreached,
  details: DiagnosisDetails,
): KindResult {
  const catalog = catalogText(ctx.triage, ctx.audience);
  const acting = (policies ?? []).filter((p) => ACTING.has(p.state));
  const findings: Finding[] = [];
  if (catalog !== undefined) {
    findings.push({
      kind: 'context',
      title: meaningTitle(ctx.triage),
      detail: catalog.meaning,
      evidence: [],
    });
  }
  // The tenant's rules are the helpdesk's to see; the person gets the explanation and the line.
  if (acting.length > 0 && ctx.audience === 'helpdesk') {
    findings.push({
      kind: 'context',
      title: 'Conditional Access policies in this tenant',
      detail:
        'The policies that act on sign-ins now. The sign-in log names the one that stopped this sign-in.',
      evidence: acting.map((p) => ({
        label: p.displayName,
        value: [
          p.builtInControls.length > 0
            ? listWords(p.builtInControls.map(grantControlWords))
            : 'has a requirement',
          ...(p.state === 'enabled' ? [] : ['report-only, blocks nothing']),
        ].join('; '),
      })),
    });
  }
  return withLogUnread(
    {
      status: 'explained',
      headline: 'A Conditional Access rule blocked the sign-in',
      findings,
      offers: [],
      ...stepsOr(ctx, {
        user: 'Ask the helpdesk which rule applies to this sign-in.',
        helpdesk:
          "Open this sign-in's Conditional Access tab in the sign-in log to see which rule applied.",
      }),
      checkAgain: false,
      details,
    },
    why,
  );
}
