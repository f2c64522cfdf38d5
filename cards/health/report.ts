import { z } from 'zod';
import type { CheckItem, HealthReport } from '../../src/health/types';
import { summarize } from '../../src/health/format';
import type { CardTemplate } from '../render';
import json from './report.json';

/** The self-check for an admin in Teams: one row per item, with its fix. */
export interface HealthCardData {
  title: string;
  summary: string;
  items: {
    mark: string;
    color: 'Good' | 'Warning' | 'Attention' | 'Default';
    title: string;
    detail: string;
    fix?: string;
  }[];
}

const text = z.string().trim().min(1);

const schema = z
  .object({
    title: text.max(120),
    summary: text.max(200),
    items: z
      .array(
        z
          .object({
            mark: text.max(8),
            color: z.enum(['Good', 'Warning', 'Attention', 'Default']),
            title: text.max(120),
            detail: text.max(600),
            fix: text.max(600).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(40),
  })
  .strict();

export const healthTemplate: CardTemplate<HealthCardData> = {
  name: 'health/report',
  json,
  schema,
};

const LOOK: Record<CheckItem['status'], Pick<HealthCardData['items'][number], 'mark' | 'color'>> = {
  ok: { mark: 'OK', color: 'Good' },
  warn: { mark: 'WARN', color: 'Warning' },
  off: { mark: 'OFF', color: 'Default' },
  fail: { mark: 'FAIL', color: 'Attention' },
};

export function healthCardData(report: HealthReport): HealthCardData {
  const counts = summarize(report);
  return {
    title: counts.fail > 0 ? 'Self-check: needs attention' : 'Self-check',
    summary: `${counts.ok} ok, ${counts.warn} with warnings, ${counts.off} switched off, ${counts.fail} failing (${report.at})`,
    items: report.items.map((item) => ({
      ...LOOK[item.status],
      title: item.title,
      detail: item.detail,
      ...(item.fix ? { fix: item.fix } : {}),
    })),
  };
}

export const healthSample: HealthCardData = {
  title: 'Self-check',
  summary: '2 ok, 0 with warnings, 1 switched off, 0 failing (2026-03-02T10:00:00.000Z)',
  items: [
    {
      mark: 'OK',
      color: 'Good',
      title: 'Tenant',
      detail: 'Contoso (5e1d7c2a-9b64-4f0e-8a3d-2c7b9e4f6a10)',
    },
    { mark: 'OK', color: 'Good', title: 'Storage', detail: 'tables answer' },
    {
      mark: 'OFF',
      color: 'Default',
      title: 'Fix: issue a Temporary Access Pass',
      detail: 'switched off: missing UserAuthMethod-TAP.ReadWrite.All (to create a pass)',
      fix: 'grant UserAuthMethod-TAP.ReadWrite.All, grant admin consent, then run health',
    },
  ],
};
