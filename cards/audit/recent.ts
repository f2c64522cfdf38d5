import { z } from 'zod';
import { formatInstant } from '../../src/dates';
import type { AuditEntry, AuditEventType } from '../../src/audit/audit-log';
import { shortReference } from '../../src/request-reference';
import type { CardTemplate } from '../render';
import json from './recent.json';

/** The "Recent actions" card for helpdesk members: the newest audit entries, newest first. */
export interface RecentActionsCardData {
  title: string;
  subtitle: string;
  entries: Array<{ when: string; event: string; who: string; summary: string; reference?: string }>;
}

const line = z.string().trim().min(1);
const schema = z
  .object({
    title: line.max(100),
    subtitle: line.max(300),
    entries: z
      .array(
        z
          .object({
            when: line.max(40),
            event: line.max(40),
            who: line.max(200),
            summary: line.max(600),
            reference: line.max(300).optional(),
          })
          .strict(),
      )
      .max(25),
  })
  .strict();

export const recentActionsTemplate: CardTemplate<RecentActionsCardData> = {
  name: 'audit/recent',
  json,
  schema,
};

const EVENT_LABELS: Record<AuditEventType, string> = {
  requested: 'Asked for',
  approved: 'Approved',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
  expired: 'Expired',
  denied: 'Refused click',
  'execution-started': 'Started',
  succeeded: 'Done',
  failed: 'Failed',
  'exclusion-ended': 'Exclusion ended',
  verified: 'Checked the next sign-in',
  'help-asked': 'Asked the helpdesk',
  'help-taken': 'Taken',
  'help-replied': 'Replied',
  'help-closed': 'Closed',
  'help-released': 'Handed back',
  'help-answered': 'Answered by the asker',
  refused: 'Refused action',
};

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function recentActionsCardData(
  entries: readonly AuditEntry[],
  lookbackDays: number,
): RecentActionsCardData {
  return {
    title: 'Recent actions',
    subtitle:
      entries.length === 0
        ? `The audit log of the past ${lookbackDays} days.`
        : `The last ${entries.length} audit entr${entries.length === 1 ? 'y' : 'ies'} from the past ${lookbackDays} days, newest first.`,
    entries: entries.map((entry) => {
      const row: RecentActionsCardData['entries'][number] = {
        when: formatInstant(entry.at),
        event: EVENT_LABELS[entry.event],
        who: clip(entry.actorName ?? entry.actorId, 200),
        summary: clip(entry.summary, 600),
      };
      // The request by the short reference people quote, then Graph's ids of the writes.
      const request = entry.requestId && shortReference(entry.requestId);
      const refs = [request, ...(entry.graphRequestIds ?? [])].filter(
        (value): value is string => typeof value === 'string' && value !== '',
      );
      if (refs.length > 0) row.reference = clip(refs.join(' '), 300);
      return row;
    }),
  };
}

export const recentActionsSample: RecentActionsCardData = {
  title: 'Recent actions',
  subtitle: 'The last 2 audit entries from the past 7 days, newest first.',
  entries: [
    {
      when: '22 Nov 2026, 09:41 UTC',
      event: 'Done',
      who: 'Helpdesk Agent',
      summary:
        'Temporary Access Pass issued by Helpdesk Agent for Demo User, valid until 22 Nov 2026, 10:41 UTC (multi-use).',
      reference: 'RQ-4F1C9A 2f6c1d0e-7a8b-4c9d-8e1f-0a2b3c4d5e6f',
    },
    {
      when: '22 Nov 2026, 09:40 UTC',
      event: 'Approved',
      who: 'Helpdesk Agent',
      summary: 'Approved: Issue a Temporary Access Pass for Demo User.',
    },
  ],
};
