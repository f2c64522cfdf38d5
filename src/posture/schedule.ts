import type { PostureSettings } from './config';
import { postureChanges, type ItemChange } from './changes';
import type { PostureReader } from './reads';
import type { PostureResultStore } from './result-store';
import { runPosture } from './run';
import type { PostureReport } from './types';

export type ScheduledOutcome =
  | 'off'
  | 'not-due'
  | 'unchanged'
  | 'posted'
  /** The helpdesk channel is not known yet; the baseline is kept so nothing is lost. */
  | 'no-channel';

export interface ScheduledPostureDeps {
  reader: PostureReader;
  settings: PostureSettings;
  store: PostureResultStore;
  /** Posts the changes; false when there is no channel to post to. */
  post(changes: ItemChange[], report: PostureReport, firstRun: boolean): Promise<boolean>;
}

const HOUR_MS = 3_600_000;

/**
 * One scheduled posture check, if one is due: claim the run, check the tenant, post what changed
 * since the last completed run, and keep this run as the new baseline.
 */
export async function runScheduledPosture(
  deps: ScheduledPostureDeps,
  now: Date,
): Promise<ScheduledOutcome> {
  if (deps.settings.everyHours === 0) return 'off';
  const claim = await deps.store.claim(now, deps.settings.everyHours * HOUR_MS);
  if (!claim) return 'not-due';
  const report = await runPosture(deps.reader, deps.settings, now, claim.previous);
  const changes = postureChanges(claim.previous, report);
  if (changes.length > 0) {
    const posted = await deps.post(changes, report, claim.previous === undefined);
    if (!posted) return 'no-channel';
  }
  await deps.store.complete(claim, report);
  return changes.length > 0 ? 'posted' : 'unchanged';
}
