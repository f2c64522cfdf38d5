import { z } from 'zod';
import type { Report } from '../../src/reports/types';
import { ADMIN_CHANGE_KINDS } from '../../src/remediation/action-kinds';
import { guidedChange, type GuidedChange } from '../posture/guided';
import type { CardTemplate } from '../render';
import json from './report.json';

/** A report's summary card: what was found, the first rows, and where the CSV is. */
export interface ReportCardData {
  title: string;
  /** Summary lines as a Markdown list. */
  summary: string;
  previewTitle: string;
  preview: { name: string; detail: string }[];
  csvNote: string;
  url: string;
  /** The change an admin can approve from here, with the day count the report used. */
  guided?: GuidedChange;
}

const line = z.string().trim().min(1);
const schema = z
  .object({
    title: line.max(200),
    summary: line.max(4000),
    previewTitle: line.max(200),
    preview: z.array(z.object({ name: line.max(300), detail: line.max(500) }).strict()).max(10),
    csvNote: line.max(500),
    url: z.string().url(),
    guided: z
      .object({
        title: line.max(80),
        note: line.max(400),
        data: z.object({ v: z.literal(1), change: z.enum(ADMIN_CHANGE_KINDS) }).strict(),
        askDays: z.number().int().min(1).max(10_000).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const reportTemplate: CardTemplate<ReportCardData> = {
  name: 'reports/report',
  json,
  schema,
};

const PREVIEW_ROWS = 10;

export function reportCardData(report: Report): ReportCardData {
  const shown = report.rows.slice(0, PREVIEW_ROWS);
  return {
    title: report.title,
    summary: report.summary.map((l) => `- ${l}`).join('\n') || '- Nothing to report.',
    previewTitle:
      report.rows.length > PREVIEW_ROWS
        ? `First ${PREVIEW_ROWS} of ${report.rows.length}`
        : `All ${report.rows.length}`,
    preview: shown.map((row) => ({
      name: row[0] || row[1] || '(no name)',
      detail:
        report.previewColumns
          .map((i) => (row[i] ? `${report.columns[i]}: ${row[i]}` : ''))
          .filter((c) => c !== '')
          .join(' · ') || '-',
    })),
    csvNote:
      report.rows.length === 0
        ? 'Nothing to export.'
        : `The full list (${report.rows.length} rows) follows as ${report.fileName}.`,
    url: report.url,
    ...(report.change
      ? { guided: guidedChange(report.change.kind, { days: report.change.days }) }
      : {}),
  };
}
