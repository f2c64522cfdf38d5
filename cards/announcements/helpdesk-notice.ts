import { z } from 'zod';
import { formatInstant } from '../../src/dates';
import type { HelpdeskNotice } from '../../src/announcements/ports';
import type { CardTemplate } from '../render';
import json from './helpdesk-notice.json';

/** Posted to the helpdesk channel when a user reports a prompt they did not start. */
export interface HelpdeskNoticeCardData {
  userName: string;
  userPrincipalName: string;
  objectId: string;
  reportedAt: string;
  announcementId: string;
}

const text = z.string().min(1).max(256);
const schema = z
  .object({
    userName: text,
    userPrincipalName: text,
    objectId: text,
    reportedAt: text,
    announcementId: text,
  })
  .strict();

export const helpdeskNoticeTemplate: CardTemplate<HelpdeskNoticeCardData> = {
  name: 'announcements/helpdesk-notice',
  json,
  schema,
};

export function helpdeskNoticeCardData(notice: HelpdeskNotice): HelpdeskNoticeCardData {
  return {
    userName: notice.user.name || 'Unknown user',
    userPrincipalName: notice.user.upn ?? 'not known',
    objectId: notice.user.objectId,
    reportedAt: formatInstant(notice.reportedAt),
    announcementId: notice.announcement.id,
  };
}
