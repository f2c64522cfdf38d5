import { z } from 'zod';
import type { HelpdeskNotice } from '../../src/announcements/ports';
import { formatInstant } from '../../src/dates';
import { ACTION_LABELS } from '../../src/remediation/describe';
import type { CardTemplate } from '../render';
import { actionData } from '../verbs';
import json from './helpdesk-notice.json';

/**
 * Posted to the helpdesk channel when a user reports a prompt they did not start: who and when,
 * their sign-ins of the quarter hour before (app, IP, location, result), and buttons for the
 * gated fixes that fit. A button asks for the fix like any request, so an approver decides.
 */
export interface HelpdeskNoticeCardData {
  userName: string;
  userPrincipalName: string;
  objectId: string;
  reportedAt: string;
  announcementId: string;
  hasSignIns: boolean;
  signIns: Array<{ heading: string; detail: string; style: 'good' | 'attention' }>;
  signInsNote?: string;
  /** request.create buttons: the fix and the person, ids only. */
  fixes: Array<{ title: string; v: 1; action: string; subjectId: string }>;
}

const text = z.string().min(1).max(256);
const schema = z
  .object({
    userName: text,
    userPrincipalName: text,
    objectId: text,
    reportedAt: text,
    announcementId: text,
    hasSignIns: z.boolean(),
    signIns: z
      .array(
        z
          .object({
            heading: z.string().min(1).max(300),
            detail: z.string().min(1).max(600),
            style: z.enum(['good', 'attention']),
          })
          .strict(),
      )
      .max(20),
    signInsNote: z.string().min(1).max(600).optional(),
    fixes: z
      .array(z.object({ title: text, v: z.literal(1), action: text, subjectId: text }).strict())
      .max(4),
  })
  .strict();

export const helpdeskNoticeTemplate: CardTemplate<HelpdeskNoticeCardData> = {
  name: 'announcements/helpdesk-notice',
  json,
  schema,
};

export function helpdeskNoticeCardData(notice: HelpdeskNotice): HelpdeskNoticeCardData {
  const evidence = notice.evidence;
  const signIns = (evidence?.signIns ?? []).map((s) => ({
    heading: `${formatInstant(s.at)}: ${s.app}`,
    detail: `${s.result}. IP ${s.ipAddress}, ${s.location}.`,
    style: s.succeeded ? ('good' as const) : ('attention' as const),
  }));
  const data: HelpdeskNoticeCardData = {
    userName: notice.user.name || 'Unknown user',
    userPrincipalName: notice.user.upn ?? 'not known',
    objectId: notice.user.objectId,
    reportedAt: formatInstant(notice.reportedAt),
    announcementId: notice.announcement.id,
    hasSignIns: signIns.length > 0,
    signIns,
    fixes: (evidence?.fixes ?? []).map((kind) => {
      const data = actionData('request.create', { action: kind, subjectId: notice.user.objectId });
      return {
        title: ACTION_LABELS[kind].title,
        v: data.v,
        action: data.action,
        subjectId: data.subjectId ?? notice.user.objectId,
      };
    }),
  };
  if (evidence?.signInsNote) data.signInsNote = evidence.signInsNote;
  else if (evidence && signIns.length === 0) {
    data.signInsNote = 'No sign-ins in the 15 minutes before the report.';
  }
  return data;
}
