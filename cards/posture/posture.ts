import { z } from 'zod';
import type { PostureItem, PostureReport, PostureStatus } from '../../src/posture/types';
import { tally } from '../../src/posture/types';
import { formatInstant } from '../../src/dates';
import { ADMIN_CHANGE_KINDS } from '../../src/remediation/action-kinds';
import type { CardTemplate } from '../render';
import { guidedChange, type GuidedChange } from './guided';
import json from './posture.json';
import { plural } from '../../src/diagnosis/format';

/**
 * The posture card: a summary line, then one block per item with its verdict, evidence, why it
 * matters and the fix. The same template shows a full check (`posture`) and the scheduled
 * "what changed" notice on the helpdesk channel (items carry `change`).
 */
export interface PostureCardItem {
  title: string;
  statusLabel: string;
  /** Container style: good, warning, attention or emphasis (could not check). */
  style: 'good' | 'warning' | 'attention' | 'emphasis';
  /** Evidence lines as a Markdown list. */
  evidence: string;
  why: string;
  change?: string;
  fixSteps?: string;
  fixUrl?: string;
  /** The change an admin can approve from here. */
  guided?: GuidedChange;
}

export interface PostureCardData {
  title: string;
  summary: string;
  footnote: string;
  items: PostureCardItem[];
}

const line = z.string().trim().min(1);
const schema = z
  .object({
    title: line.max(200),
    summary: line.max(500),
    footnote: line.max(500),
    items: z
      .array(
        z
          .object({
            title: line.max(200),
            statusLabel: line.max(40),
            style: z.enum(['good', 'warning', 'attention', 'emphasis']),
            evidence: line.max(4000),
            why: line.max(1000),
            change: line.max(200).optional(),
            fixSteps: line.max(2000).optional(),
            fixUrl: z.string().url().optional(),
            guided: z
              .object({
                title: line.max(80),
                note: line.max(400),
                data: z.object({ v: z.literal(1), change: z.enum(ADMIN_CHANGE_KINDS) }).strict(),
                askGroup: z.literal(true).optional(),
                askPilotGroup: z.literal(true).optional(),
                askPerson: z.literal(true).optional(),
              })
              .strict()
              .optional(),
          })
          .strict(),
      )
      .max(30),
  })
  .strict();

export const postureTemplate: CardTemplate<PostureCardData> = {
  name: 'posture/posture',
  json,
  schema,
};

/** Symbols from plain text fonts (no colour emoji), so every client draws them. */
const LABELS: Record<PostureStatus, string> = {
  pass: '✔ Pass',
  warn: '⚠ Warning',
  fail: '✖ Fail',
  unknown: '? Could not check',
};
const STYLES: Record<PostureStatus, PostureCardItem['style']> = {
  pass: 'good',
  warn: 'warning',
  fail: 'attention',
  unknown: 'emphasis',
};
const ORDER: PostureStatus[] = ['fail', 'warn', 'unknown', 'pass'];

/** Markdown list lines; a line starting with a digit and a dot stays a numbered step. */
function bullets(lines: readonly string[]): string {
  return lines.map((l) => `- ${l}`).join('\n');
}

function cardItem(item: PostureItem, change?: string): PostureCardItem {
  const out: PostureCardItem = {
    title: item.title,
    statusLabel: LABELS[item.status],
    style: STYLES[item.status],
    evidence: bullets(item.evidence.length > 0 ? item.evidence : ['Nothing to report.']),
    why: item.why,
  };
  if (change) out.change = change;
  if (item.fix && item.status !== 'pass') {
    out.fixSteps = item.fix.steps;
    if (item.fix.url) out.fixUrl = item.fix.url;
  }
  if (item.change) out.guided = guidedChange(item.change);
  return out;
}

function summaryOf(items: readonly PostureItem[]): string {
  const t = tally(items);
  return `${t.fail} failed, ${t.warn} warnings, ${t.pass} passed, ${t.unknown} could not be checked.`;
}

function sorted(items: readonly PostureItem[]): PostureItem[] {
  return [...items].sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status));
}

/** The one date form every card uses ("15 Jan 2026, 12:00 UTC"). */
const when = formatInstant;

/** The full posture card, worst items first. */
export function postureCardData(report: PostureReport): PostureCardData {
  return {
    title: report.tenantName ? `Tenant posture: ${report.tenantName}` : 'Tenant posture',
    summary: summaryOf(report.items),
    footnote: `Checked ${when(report.checkedAt)} from Microsoft Graph. Type "report" for the admin reports.`,
    items: sorted(report.items).map((item) => cardItem(item)),
  };
}

export interface PostureChange {
  item: PostureItem;
  /** Status at the previous run; undefined on the first run. */
  was?: PostureStatus;
}

/** The helpdesk-channel notice of what changed since the last scheduled run. */
export function postureChangesCardData(
  changes: readonly PostureChange[],
  checkedAt: string,
  firstRun: boolean,
): PostureCardData {
  return {
    title: firstRun ? 'Tenant posture: first scheduled check' : 'Tenant posture changed',
    summary: firstRun
      ? `${changes.length === 1 ? '1 item needs' : `${changes.length} items need`} attention. Later checks post only what changes.`
      : `${plural(changes.length, 'item')} changed since the last check.`,
    footnote: `Checked ${when(checkedAt)}. Type "posture" for the full card.`,
    items: changes.map(({ item, was }) => cardItem(item, was ? `Was: ${LABELS[was]}` : undefined)),
  };
}
