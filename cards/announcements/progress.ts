import { z } from 'zod';
import { formatInstant } from '../../src/dates';
import type { ProgressView } from '../../src/announcements/ports';
import type { AnnouncementRecord } from '../../src/announcements/types';
import type { CardTemplate } from '../render';
import { formatActivationDate, formatCount, formatDuration, templateTitle } from './format';
import json from './progress.json';

/** The author's card while an announcement goes out, and its final report. */
export interface ProgressCardData {
  announcementId: string;
  heading: string;
  summary: string;
  facts: { name: string; value: string }[];
  failuresHint?: string;
  updatedAt: string;
  canCancel: boolean;
}

const text = z.string().min(1).max(1000);
const schema = z
  .object({
    announcementId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/),
    heading: text,
    summary: text,
    facts: z.array(z.object({ name: text, value: text }).strict()),
    failuresHint: text.optional(),
    updatedAt: text,
    canCancel: z.boolean(),
  })
  .strict();

export const progressTemplate: CardTemplate<ProgressCardData> = {
  name: 'announcements/progress',
  json,
  schema,
};

const STATE_HEADINGS: Record<AnnouncementRecord['state'], string> = {
  draft: 'Not sent yet',
  discarded: 'Discarded',
  queued: 'Getting ready',
  sending: 'Sending',
  cancelling: 'Stopping',
  cancelled: 'Stopped',
  completed: 'Sent',
};

export function progressCardData(
  announcement: AnnouncementRecord,
  view: ProgressView,
  now: Date,
): ProgressCardData {
  const c = view.counts;
  const facts = [
    { name: 'Sent', value: formatCount(c.sent) },
    { name: 'Failed', value: formatCount(c.failed) },
    { name: 'Not reachable', value: formatCount(c.unreachable) },
  ];
  if (c.cancelled > 0) facts.push({ name: 'Cancelled', value: formatCount(c.cancelled) });
  if (!view.finished) {
    facts.push({
      name: 'Remaining',
      value: view.remaining === undefined ? 'counting recipients…' : formatCount(view.remaining),
    });
    facts.push({ name: 'Rate', value: `${view.ratePerSecond} per second` });
    if (view.etaSeconds !== undefined) {
      facts.push({ name: 'Time left', value: `about ${formatDuration(view.etaSeconds)}` });
    }
  } else {
    const seconds = (now.getTime() - Date.parse(view.startedAt)) / 1000;
    facts.push({ name: 'Took', value: formatDuration(seconds) });
  }
  if (view.inDoubt > 0) {
    facts.push({ name: 'May have it twice', value: formatCount(view.inDoubt) });
  }
  const notDelivered = c.failed + c.unreachable;
  const total = view.total === undefined ? '' : ` of ${formatCount(view.total)}`;
  return {
    announcementId: announcement.id,
    heading: `${STATE_HEADINGS[announcement.state]}: ${templateTitle(announcement.template)}`,
    summary: view.finished
      ? `Final report. ${formatCount(c.sent)}${total} received the announcement for ${formatActivationDate(announcement.activationDate)}.`
      : `${formatCount(c.sent)}${total} sent so far. ${announcement.audienceLabel}.`,
    facts,
    failuresHint:
      view.finished && notDelivered > 0
        ? `${formatCount(notDelivered)} did not get it. Type "announce failures ${announcement.id}" for the list as CSV.`
        : undefined,
    updatedAt: formatInstant(now.toISOString()),
    canCancel:
      !view.finished && (announcement.state === 'queued' || announcement.state === 'sending'),
  };
}
