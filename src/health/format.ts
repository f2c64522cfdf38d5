import type { CheckItem, HealthReport } from './types';

const MARK: Record<CheckItem['status'], string> = {
  ok: 'ok  ',
  warn: 'warn',
  off: 'off ',
  fail: 'FAIL',
};

/** One line per item: status, title, what was found and, when needed, the fix. */
export function formatReport(report: HealthReport): string[] {
  const width = Math.max(...report.items.map((i) => i.title.length));
  return report.items.map(
    (item) =>
      `[${MARK[item.status]}] ${item.title.padEnd(width)}  ${item.detail}` +
      (item.fix ? ` -> fix: ${item.fix}` : ''),
  );
}

/** "3 ok, 1 warn, 2 off, 0 fail" for a card title or log line. */
export function summarize(report: HealthReport): Record<CheckItem['status'], number> {
  const counts = { ok: 0, warn: 0, off: 0, fail: 0 };
  for (const item of report.items) counts[item.status] += 1;
  return counts;
}
