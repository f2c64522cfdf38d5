import type { FeatureId } from './features';

/** ok: works; warn: works with less; off: switched off; fail: needs fixing before use. */
export type CheckStatus = 'ok' | 'warn' | 'off' | 'fail';

/** One line of the self-check: what was checked, what was found, and how to fix it. */
export interface CheckItem {
  id: string;
  title: string;
  status: CheckStatus;
  detail: string;
  /** What an admin does about it; absent when nothing needs doing. */
  fix?: string;
}

export interface HealthReport {
  /** ISO time of the check. */
  at: string;
  items: CheckItem[];
  /** Features the check switched off (missing required permission), with the reason. */
  off: Partial<Record<FeatureId, string>>;
}
