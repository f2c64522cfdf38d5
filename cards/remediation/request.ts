import { z } from 'zod';
import {
  ACTION_LABELS,
  STATE_LABELS,
  actionLabel,
  describeParams,
  knownNames,
  displayName,
  formatUtc,
} from '../../src/remediation/describe';
import { hideSecrets } from '../../src/logging/redaction';
import { shortReference } from '../../src/request-reference';
import type { TapHandout } from '../../src/remediation/execute';
import type { RemediationRequest } from '../../src/remediation/types';
import type { CardTemplate } from '../render';
import { actionData, type ActionData } from '../verbs';
import json from './request.json';
import {
  verificationCardData,
  verificationSchema,
  whatIfCardData,
  whatIfSchema,
  type VerificationCardData,
  type WhatIfCardData,
} from './request-checks';
import type { ReaderPlace } from '../../src/dates';

/**
 * A remediation request as one card, in the view of whoever looks at it:
 * - `shared`: what everyone in the helpdesk channel sees; no decision buttons, only Review, which
 *   asks the bot for the clicker's own view;
 * - `approver`: Approve, Reject and the reason box, for someone allowed to decide;
 * - `requester`: Cancel, for the person who asked;
 * - `other`: no buttons.
 * A Temporary Access Pass (`secret`) appears only in the approver's own invoke response.
 */
type RequestRef = ActionData<'request.refresh'>;

export interface RequestCardData {
  title: string;
  status: string;
  statusStyle: 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
  /** Something said to this viewer only, such as why they cannot approve. */
  notice?: string;
  secret?: { code: string; terms: string };
  facts: Array<{ title: string; value: string }>;
  /** What the fix does; left out of the short notice of an outcome. */
  effect?: string;
  outcome?: string;
  /** For the person a pass was issued for: how it reaches them (never in chat). */
  handover?: string;
  partial?: string;
  reference?: string;
  /** ca-exclusion: what the exclusion would change for the failed sign-in. */
  whatIf?: WhatIfCardData;
  /** After a fix: the person's next sign-in. */
  verification?: VerificationCardData;
  approve?: RequestRef;
  cancel?: RequestRef;
  review?: RequestRef;
}

const line = z.string().trim().min(1);
const ref = z
  .object({ v: z.literal(1), requestId: line.max(128), version: z.number().int().min(1) })
  .strict();

const schema = z
  .object({
    title: line.max(300),
    status: line.max(300),
    statusStyle: z.enum(['default', 'emphasis', 'good', 'attention', 'warning', 'accent']),
    notice: line.max(800).optional(),
    secret: z
      .object({ code: line.max(64), terms: line.max(300) })
      .strict()
      .optional(),
    facts: z.array(z.object({ title: line.max(40), value: line.max(1200) }).strict()).max(14),
    effect: line.max(600).optional(),
    outcome: line.max(1200).optional(),
    handover: line.max(600).optional(),
    partial: line.max(600).optional(),
    reference: line.max(600).optional(),
    whatIf: whatIfSchema.optional(),
    verification: verificationSchema.optional(),
    approve: ref.optional(),
    cancel: ref.optional(),
    review: ref.optional(),
  })
  .strict();

export const requestTemplate: CardTemplate<RequestCardData> = {
  name: 'remediation/request',
  json,
  schema,
};

export type RequestViewer = 'shared' | 'approver' | 'requester' | 'other';

export interface RequestView {
  viewer: RequestViewer;
  notice?: string;
  /** The pass, for the approver who issued it, in their invoke response only. */
  tap?: TapHandout;
  /**
   * A helpdesk view: Graph request ids of the outcome are shown (for looking them up in the
   * tenant's logs). Anyone else sees the outcome in words only.
   */
  helpdesk?: boolean;
  /** The reader's locale and time zone, for the closed-loop check's times. */
  place?: ReaderPlace;
}

const STYLES: Record<RemediationRequest['state'], RequestCardData['statusStyle']> = {
  pending: 'accent',
  approved: 'accent',
  executing: 'accent',
  succeeded: 'good',
  failed: 'attention',
  rejected: 'warning',
  expired: 'default',
  cancelled: 'default',
};

function statusLine(request: RemediationRequest): string {
  const by = request.decision ? displayName(request.decision.by) : undefined;
  switch (request.state) {
    case 'pending':
      return `${STATE_LABELS.pending} (expires ${formatUtc(request.expiresAt)})`;
    case 'rejected':
      return `Rejected by ${by}`;
    case 'cancelled':
      return `Cancelled by ${by}`;
    case 'expired':
      return 'Expired without a decision';
    default: {
      const how = request.mode === 'direct' ? `run directly by ${by}` : `approved by ${by}`;
      return `${STATE_LABELS[request.state]}: ${how}`;
    }
  }
}

/**
 * Whether the card speaks to the person the fix is for: they asked for it for their own account
 * and read it outside the helpdesk's views (the approver's and the channel's keep the account's
 * name). Only the helpdesk may ask a fix for someone else, and they read it as the helpdesk.
 */
export function readsOwnRequest(request: RemediationRequest, view: RequestView): boolean {
  return (
    view.helpdesk !== true &&
    view.viewer !== 'approver' &&
    view.viewer !== 'shared' &&
    isOwnRequest(request)
  );
}

/** A fix a person asked for their own account. */
export function isOwnRequest(request: RemediationRequest): boolean {
  return request.subject.type === 'user' && request.subject.id === request.requester.id;
}

function facts(request: RemediationRequest, own: boolean): RequestCardData['facts'] {
  const out: RequestCardData['facts'] = [
    { title: 'Asked by', value: displayName(request.requester) },
    {
      title:
        request.subject.type === 'group'
          ? 'Group'
          : request.subject.type === 'tenant'
            ? 'Scope'
            : 'For',
      value: request.subject.name ?? request.subject.id,
    },
    { title: 'Fix', value: actionLabel(request.kind, own ? 'subject' : 'helpdesk').title },
  ];
  const details = describeParams(request.params, knownNames(request));
  if (details) out.push({ title: 'Details', value: details });
  out.push({ title: 'Why', value: request.reason });
  // What people typed is kept masked; masked here too for requests stored before it was.
  if (request.note) out.push({ title: 'Note', value: hideSecrets(request.note).text });
  out.push({ title: 'Asked at', value: formatUtc(request.createdAt) });
  if (request.decision?.note) {
    out.push({ title: 'Reason', value: hideSecrets(request.decision.note).text });
  }
  if (request.finishedAt) out.push({ title: 'Finished', value: formatUtc(request.finishedAt) });
  if (request.exclusionEndedAt) {
    out.push({ title: 'Exclusion ended', value: formatUtc(request.exclusionEndedAt) });
  }
  // The short reference people quote; the whole id stays in button data and the audit.
  out.push({ title: 'Request', value: shortReference(request.id) });
  return out;
}

/** The card data for one request as `view.viewer` sees it. */
export function requestCardData(request: RemediationRequest, view: RequestView): RequestCardData {
  const subject = request.subject.name ?? request.subject.id;
  const own = readsOwnRequest(request, view);
  const label = actionLabel(request.kind, own ? 'subject' : 'helpdesk');
  const data: RequestCardData = {
    // "Sign me out everywhere" names its person already; a title that names nobody says whom.
    title:
      own && label.title !== ACTION_LABELS[request.kind].title
        ? label.title
        : `${label.title} for ${subject}`,
    status: statusLine(request),
    statusStyle: STYLES[request.state],
    facts: facts(request, own),
    effect: label.effect,
  };
  if (view.notice) data.notice = view.notice;
  if (view.tap) {
    const use = view.tap.isUsableOnce ? 'one-time use' : 'multi-use';
    data.secret = {
      code: view.tap.code.reveal(),
      terms: `Valid until ${formatUtc(view.tap.validUntil)} (${use}, ${view.tap.lifetimeInMinutes} minutes).`,
    };
  }
  if (request.outcome) {
    const summary = request.outcome.summary;
    // A bulk change's line-by-line results can outgrow a card; the audit keeps them whole.
    data.outcome =
      summary.length <= 1200
        ? summary
        : `${summary.slice(0, 1100).replace(/\n[^\n]*$/, '')}\n… the rest is in the audit ("recent actions").`;
    if (request.outcome.partial) data.partial = request.outcome.partial;
    if (view.helpdesk && request.outcome.graphRequestIds.length > 0) {
      data.reference = request.outcome.graphRequestIds.join(', ');
    }
    if (!view.helpdesk && request.kind === 'issue-tap' && request.state === 'succeeded') {
      const approver = request.decision ? displayName(request.decision.by) : 'the helpdesk';
      data.handover =
        `${approver} from the helpdesk gives you the pass directly, by phone or in person. ` +
        'It is never sent to you in chat, and nobody will ask you to send it to them.';
    }
  }
  // The preview is for deciding: approvers see it while it waits, the helpdesk afterwards too.
  if (request.whatIf && (request.state === 'pending' || view.helpdesk)) {
    data.whatIf = whatIfCardData(request.whatIf);
  }
  if (request.verification) {
    data.verification = verificationCardData(request.verification, view.place);
  }
  if (request.state === 'pending') {
    const ref = actionData('request.refresh', { requestId: request.id, version: request.version });
    if (view.viewer === 'shared') data.review = ref;
    if (view.viewer === 'approver') data.approve = ref;
    if (view.viewer === 'requester') data.cancel = ref;
  }
  return data;
}

export const requestSample: RequestCardData = {
  title: 'Issue a Temporary Access Pass for Demo User',
  status: 'Waiting for approval (expires 23 Nov 2026, 09:30 UTC)',
  statusStyle: 'accent',
  facts: [
    { title: 'Asked by', value: 'Demo User' },
    { title: 'For', value: 'Demo User' },
    { title: 'Fix', value: 'Issue a Temporary Access Pass' },
    { title: 'Details', value: 'multi-use, 60 minutes' },
    { title: 'Why', value: 'The user lost the phone with their authenticator app.' },
    { title: 'Request', value: 'RQ-4F1C9A' },
  ],
  effect: ACTION_LABELS['issue-tap'].effect,
  approve: { v: 1, requestId: 'rq-00m3x5k2p-4f1c9a7e2b3d5c6f', version: 1 },
};
