import { toAppError } from '../errors';
import type { SignInRecord } from '../sign-ins';
import { requestHeadline } from './describe';
import type { SignInWatches, StoredWatch } from './sign-in-watch';
import { SYSTEM, type RemediationSteps } from './steps';
import type { Verification } from './types';

/**
 * One run of the closed-loop check: takes the watches that are due (at most the run's look-up
 * budget, one look-up per person), reads that person's sign-ins to the app since the fix, and
 * settles each watch: signed in, blocked again (with what is still in the way), or no sign-in in
 * the window. A settled watch is recorded on the request, audited and told (cause `verified`).
 */

export interface VerifyReport {
  lookups: number;
  settled: number;
  errors: number;
}

/** Plain words for a failure that came back, when no re-diagnosis is at hand. */
export function blockingWords(row: SignInRecord): string {
  const failed = (row.appliedConditionalAccessPolicies ?? [])
    .filter((p) => p.result === 'failure')
    .map((p) => `"${p.displayName}"`);
  const code = `AADSTS${row.status.errorCode}`;
  const reason = row.status.failureReason ? `: ${row.status.failureReason}` : '';
  return failed.length > 0
    ? `${code}${reason} Still failed by ${failed.join(', ')}.`
    : `${code}${reason}`;
}

type Settled = { state: Verification['state']; row?: SignInRecord; note?: string };

function decide(watch: StoredWatch, rows: readonly SignInRecord[], now: Date): Settled | undefined {
  const since = Date.parse(watch.since);
  const toApp = rows
    .filter((r) => r.appId.toLowerCase() === watch.appId.toLowerCase())
    .filter((r) => Date.parse(r.createdDateTime) >= since)
    .sort((a, b) => a.createdDateTime.localeCompare(b.createdDateTime));
  const success = toApp.find((r) => r.status.errorCode === 0);
  if (success) return { state: 'signed-in', row: success };
  const failure = toApp.at(-1);
  if (failure) return { state: 'still-blocked', row: failure };
  if (now.getTime() >= Date.parse(watch.until)) return { state: 'no-sign-in' };
  return undefined;
}

async function settle(
  steps: RemediationSteps,
  watches: SignInWatches,
  watch: StoredWatch,
  outcome: Settled,
  now: Date,
): Promise<void> {
  const stored = await steps.requests.get(watch.requestId);
  await watches.end(watch.requestId);
  if (!stored) return;
  const verification: Verification = {
    state: outcome.state,
    appName: watch.appName,
    until: watch.until,
    checkedAt: now.toISOString(),
  };
  if (outcome.row) {
    verification.signInAt = outcome.row.createdDateTime;
    verification.signInId = outcome.row.id;
  }
  if (outcome.note) verification.note = outcome.note;
  if (outcome.state === 'still-blocked' && outcome.row) {
    const again = await watches.recheck?.(watch.userId, outcome.row).catch(() => undefined);
    verification.blocking = again ?? blockingWords(outcome.row);
  }
  const updated = await steps.attach(stored, (r) => ({ ...r, verification }));
  const headline = requestHeadline(updated.request);
  const summary =
    outcome.state === 'signed-in'
      ? `Checked: signed in to ${watch.appName} at ${verification.signInAt} after ${headline}.`
      : outcome.state === 'still-blocked'
        ? `Checked: the sign-in to ${watch.appName} at ${verification.signInAt} failed again after ${headline}. ${verification.blocking}`
        : outcome.state === 'unchecked'
          ? `Could not check the next sign-in to ${watch.appName} after ${headline}: ${outcome.note}`
          : `Checked: no sign-in to ${watch.appName} by ${watch.until} after ${headline}.`;
  await steps.audit(updated.request, 'verified', SYSTEM, { summary });
  steps.log({
    level: 'info',
    event: 'remediation.verified',
    requestId: watch.requestId,
    state: outcome.state,
  });
  await steps.tell({ cause: 'verified', request: updated.request });
}

export async function checkSignIns(steps: RemediationSteps): Promise<VerifyReport> {
  const all = steps.deps.watches;
  const report: VerifyReport = { lookups: 0, settled: 0, errors: 0 };
  if (all === undefined) return report;
  const now = steps.now();
  const due = await all.due(now);
  const done = new Set<string>();
  for (const first of due) {
    if (report.lookups >= all.options.lookupsPerRun) break;
    const userId = first.value.userId.toLowerCase();
    if (done.has(userId)) continue;
    done.add(userId);
    const mine = due.filter((w) => w.value.userId.toLowerCase() === userId);
    const claimed = (await Promise.all(mine.map((w) => all.claim(w, now)))).filter(
      (w): w is StoredWatch => w !== undefined,
    );
    if (claimed.length === 0) continue;
    const since = new Date(Math.min(...claimed.map((w) => Date.parse(w.since))));
    let rows: SignInRecord[];
    report.lookups += 1;
    try {
      rows = await all.lookup.findSignIns({
        userId: first.value.userId,
        since,
        top: all.options.rowsPerLookup,
      });
    } catch (error) {
      const appError = toAppError(error);
      report.errors += 1;
      steps.warn('remediation.verify-lookup-failed', appError, first.value.requestId);
      // A missing permission will not fix itself, and past the window there is no more waiting.
      for (const watch of claimed) {
        const over = now.getTime() >= Date.parse(watch.until);
        if (appError.code !== 'graph-forbidden' && !over) continue;
        await settle(steps, all, watch, { state: 'unchecked', note: appError.userMessage }, now);
        report.settled += 1;
      }
      continue;
    }
    for (const watch of claimed) {
      const outcome = decide(watch, rows, now);
      if (outcome === undefined) continue;
      await settle(steps, all, watch, outcome, now);
      report.settled += 1;
    }
  }
  return report;
}
