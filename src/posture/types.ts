import type { AdminChangeKind } from '../remediation/action-kinds';

/**
 * What a posture check reports. Each item is one question about the tenant with a verdict, the
 * evidence it was decided on, why it matters and how to fix it. `unknown` means the bot could not
 * look (a missing permission or a directory that did not answer); it never fails the whole card.
 */

export type PostureStatus = 'pass' | 'warn' | 'fail' | 'unknown';

export type PostureItemId =
  | 'emergency-access'
  | 'report-only'
  | 'include-exclude-overlap'
  | 'single-user-exclusions'
  | 'exclusion-growth'
  | 'azure-management'
  | 'security-defaults'
  | 'temporary-access-pass'
  | 'authenticator'
  | 'sms-sign-in'
  | 'fido2'
  | 'directory-sync'
  | 'secure-score';

export interface PostureFix {
  /** What to do, in a sentence or a few numbered steps. */
  steps: string;
  /** The admin page where it is done. */
  url?: string;
}

export interface PostureItem {
  id: PostureItemId;
  title: string;
  status: PostureStatus;
  /** What the bot read, one fact a line. */
  evidence: string[];
  why: string;
  fix?: PostureFix;
  /** The guided admin change that fixes it through approval, when the bot can make it. */
  change?: AdminChangeKind;
}

export interface PostureReport {
  checkedAt: string;
  /** The tenant's display name, when the organization record could be read. */
  tenantName?: string;
  items: PostureItem[];
  /** Member counts of Conditional Access exclusion groups, kept to notice growth next time. */
  exclusionGroupSizes: Record<string, number>;
}

/** Counts by status, for summaries and change notices. */
export function tally(items: readonly PostureItem[]): Record<PostureStatus, number> {
  const counts: Record<PostureStatus, number> = { pass: 0, warn: 0, fail: 0, unknown: 0 };
  for (const item of items) counts[item.status] += 1;
  return counts;
}
