import type { SignInRecord } from '../diagnosis/ports';
import type { ActionKind, ActionOffer } from '../remediation/action-kinds';
import type { SignInLookup } from '../remediation/sign-in-watch';

/**
 * The evidence a prompt report carries to the helpdesk: the person's sign-ins of the quarter
 * hour before the report (app, IP, location, result), and the two gated fixes that fit a prompt
 * nobody asked for, offered through remediation's offer book so that the notice's buttons make
 * ordinary requests that need approval.
 */

export const PROMPT_WINDOW_MINUTES = 15;
/** The fixes a notice offers; each click makes a request that waits for an approver. */
export const PROMPT_FIXES: readonly ActionKind[] = ['revoke-sessions', 'confirm-compromised'];
const ROWS = 20;

export type PromptSignIn = {
  at: string;
  app: string;
  ipAddress: string;
  location: string;
  /** "Succeeded", or the failure with its code. */
  result: string;
  succeeded: boolean;
};

export interface PromptEvidenceResult {
  signIns: PromptSignIn[];
  /** Why the sign-ins are missing (no permission, throttled), in plain words. */
  signInsNote?: string;
  /** The fixes offered for the person (ids only on the card). */
  fixes: ActionKind[];
}

export interface PromptEvidenceSource {
  gather(userId: string, reportedAt: Date): Promise<PromptEvidenceResult>;
}

/** Keeps offers, as remediation's OfferBook does. */
export interface OfferRecorder {
  remember(offers: readonly ActionOffer[]): Promise<void>;
}

function place(row: SignInRecord): string {
  const parts = [row.location.city, row.location.state, row.location.countryOrRegion].filter(
    (p): p is string => typeof p === 'string' && p.trim() !== '',
  );
  return parts.length > 0 ? parts.join(', ') : 'not known';
}

export function promptSignIn(row: SignInRecord): PromptSignIn {
  const succeeded = row.status.errorCode === 0;
  const reason = row.status.failureReason ? ` ${row.status.failureReason}` : '';
  return {
    at: row.createdDateTime,
    app: row.appDisplayName || row.appId,
    ipAddress: row.ipAddress || 'not known',
    location: place(row),
    result: succeeded ? 'Succeeded' : `Failed (AADSTS${row.status.errorCode})${reason}`.trim(),
    succeeded,
  };
}

export class PromptEvidence implements PromptEvidenceSource {
  constructor(
    private readonly signIns: SignInLookup,
    private readonly offers: OfferRecorder,
  ) {}

  async gather(userId: string, reportedAt: Date): Promise<PromptEvidenceResult> {
    const since = new Date(reportedAt.getTime() - PROMPT_WINDOW_MINUTES * 60_000);
    const reason = 'Reported a sign-in prompt they did not start.';
    await this.offers.remember(PROMPT_FIXES.map((kind) => ({ kind, subjectId: userId, reason })));
    try {
      const rows = await this.signIns.findSignIns({ userId, since, top: ROWS });
      return { signIns: rows.map(promptSignIn), fixes: [...PROMPT_FIXES] };
    } catch (error) {
      const message =
        error instanceof Error && 'userMessage' in error
          ? String((error as { userMessage: unknown }).userMessage)
          : 'The sign-in log could not be read.';
      return { signIns: [], signInsNote: message, fixes: [...PROMPT_FIXES] };
    }
  }
}
