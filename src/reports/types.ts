import type { AdminChangeKind } from '../remediation/action-kinds';

/** An admin report: a few summary lines for the card and the rows for the CSV. */
export type ReportKind = 'stale-apps' | 'guests' | 'risky-users' | 'exclusions';

export interface Report {
  kind: ReportKind;
  title: string;
  /** One fact a line: counts, the threshold used, anything that could not be read. */
  summary: string[];
  columns: string[];
  rows: string[][];
  /** Columns (by index, after the first) worth showing beside a row's name on the card. */
  previewColumns: number[];
  /** Suggested file name, e.g. stale-apps-2026-01-15.csv */
  fileName: string;
  /** Admin page to act on the findings. */
  url: string;
  /** The guided admin change that acts on the findings, with the report's own day count. */
  change?: { kind: AdminChangeKind; days?: number };
}
