import { AppError } from '../../errors';
import { maskPhoneNumber } from '../phone-number';
import { RemediationRefused, type ExecutionContext, type Prepared } from '../preflight';
import type { WriteReceipt } from '../ports';
import type { ActionParams, Outcome, PhoneRow } from '../types';
import { AUTOPILOT_PASS_MINUTES } from './params';
import { ALL_USERS, type AuthenticatorFeature } from './ports';
import { tenantSettingsOf } from './preflight';
import { guestReviewPlan } from './guest-review';

/**
 * Runs one guided admin change after preflight: each is one or a few documented Graph writes
 * (admin-changes/ports.ts), reported with their request-ids. What was already as asked is said
 * and left alone, so approving a change twice writes nothing the second time.
 */

type AdminParams = Extract<
  ActionParams,
  {
    kind:
      | 'tap-policy'
      | 'authenticator-context'
      | 'sms-sign-in'
      | 'guest-access-review'
      | 'policy-exclusion';
  }
>;

/** What the caller's step recorder offers: request-ids of writes and what was done. */
export interface WriteLog {
  record(receipt: WriteReceipt, what?: string): void;
  readonly requestIds: string[];
}

/** A day's lifetime at most by default: long enough for Autopilot, short enough to be safe. */
const LONGEST_DEFAULT_MAXIMUM = 1440;

function minutesText(n: number): string {
  if (n % 1440 === 0) return `${n / 1440} day${n === 1440 ? '' : 's'}`;
  if (n % 60 === 0) return `${n / 60} hour${n === 60 ? '' : 's'}`;
  return `${n} minutes`;
}

export async function executeAdminChange(
  params: AdminParams,
  subjectId: string,
  prepared: Prepared,
  ctx: ExecutionContext,
  log: WriteLog,
): Promise<Outcome> {
  const outcome = (summary: string): Outcome => ({ summary, graphRequestIds: log.requestIds });
  switch (params.kind) {
    case 'tap-policy':
      return outcome(await changeTapPolicy(params, ctx, log));
    case 'authenticator-context':
      return outcome(await showAppAndLocation(params.groupId, ctx, log));
    case 'sms-sign-in':
      return outcome(
        await smsSignIn(subjectId, prepared.subjectName ?? subjectId, params.rows, ctx, log),
      );
    case 'guest-access-review':
      return outcome(await guestReview(params.inactiveDays, ctx, log));
    case 'policy-exclusion':
      return outcome(await policyExclusion(params.operation, subjectId, prepared, ctx, log));
  }
}

async function changeTapPolicy(
  params: Extract<AdminParams, { kind: 'tap-policy' }>,
  ctx: ExecutionContext,
  log: WriteLog,
): Promise<string> {
  const now = await ctx.reader.getTapPolicy();
  const def =
    params.defaultLifetimeMinutes ?? Math.max(now.defaultLifetimeInMinutes, AUTOPILOT_PASS_MINUTES);
  const max =
    params.maximumLifetimeMinutes ??
    Math.max(def, Math.min(now.maximumLifetimeInMinutes, LONGEST_DEFAULT_MAXIMUM));
  const min = Math.min(now.minimumLifetimeInMinutes, def);
  log.record(
    await tenantSettingsOf(ctx).updateTapPolicy({
      isUsableOnce: false,
      minimumLifetimeInMinutes: min,
      defaultLifetimeInMinutes: def,
      maximumLifetimeInMinutes: max,
    }),
  );
  return (
    'Temporary Access Pass policy changed: one-time use is no longer forced, so a pass can be ' +
    `used for several sign-ins within its lifetime (Windows Autopilot needs two). Lifetime: ` +
    `${minutesText(def)} by default, ${minutesText(min)} to ${minutesText(max)} allowed. ` +
    'Passes issued before keep their own settings.'
  );
}

async function showAppAndLocation(
  groupId: string | undefined,
  ctx: ExecutionContext,
  log: WriteLog,
): Promise<string> {
  const tenant = tenantSettingsOf(ctx);
  const now = await tenant.getAuthenticatorSettings();
  const who = groupId ? await ctx.reader.getGroupName(groupId) : 'all users';
  const turnOn = (feature: AuthenticatorFeature): AuthenticatorFeature => {
    // Already on for everyone stays on for everyone: a pilot group never narrows it.
    if (feature.state === 'enabled' && feature.includeTargetId === ALL_USERS) return feature;
    return { ...feature, state: 'enabled', includeTargetId: groupId ?? ALL_USERS };
  };
  const appName = turnOn(now.appName);
  const location = turnOn(now.location);
  const same = (a: AuthenticatorFeature, b: AuthenticatorFeature) =>
    a.state === b.state && a.includeTargetId === b.includeTargetId;
  if (same(appName, now.appName) && same(location, now.location)) {
    return `Authenticator already shows the app name and location to ${who}; nothing was changed.`;
  }
  log.record(await tenant.updateAuthenticatorFeatures(appName, location));
  return (
    `Microsoft Authenticator now shows the app name and the sign-in location in its ` +
    `notifications to ${who}, beside the number to match.`
  );
}

function isBadRequest(error: unknown): error is AppError {
  return error instanceof AppError && error.status === 400;
}

function isNotFound(error: unknown): boolean {
  return error instanceof AppError && error.status === 404;
}

async function smsSignIn(
  groupId: string,
  groupName: string,
  rows: readonly PhoneRow[],
  ctx: ExecutionContext,
  log: WriteLog,
): Promise<string> {
  const tenant = tenantSettingsOf(ctx);
  const sms = await tenant.getSmsSettings();
  const current = sms.includeTargets.find((t) => t.id === groupId);
  const lines: string[] = [];
  if (sms.state === 'enabled' && current?.isUsableForSignIn) {
    lines.push(`SMS sign-in was already on for ${groupName}.`);
  } else {
    const targets = [
      ...sms.includeTargets.filter((t) => t.id !== groupId),
      { id: groupId, isUsableForSignIn: true },
    ];
    log.record(
      await tenant.updateSmsTargets(targets),
      `SMS sign-in was turned on for ${groupName}.`,
    );
    lines.push(`SMS sign-in turned on for ${groupName}.`);
  }
  if (rows.length === 0) return lines.join('\n');
  // The policy reaches members of nested groups too, so membership is asked transitively.
  const direct = ctx.membership ? undefined : new Set(await ctx.reader.listGroupMembers(groupId));
  const isMember = async (userId: string): Promise<boolean> =>
    direct
      ? direct.has(userId)
      : (await ctx.membership!.memberOf(userId, [groupId])).includes(groupId);
  const results: string[] = [];
  let added = 0;
  for (const row of rows) {
    const where = `line ${row.line} (${row.user})`;
    let userId: string;
    try {
      userId = (await ctx.reader.getUser(row.user)).id;
    } catch (error) {
      if (!isNotFound(error)) throw error;
      results.push(`${where}: no such person in this tenant; skipped.`);
      continue;
    }
    if (!(await isMember(userId))) {
      results.push(`${where}: not a member of ${groupName}; skipped.`);
      continue;
    }
    try {
      log.record(await ctx.writer.addMobilePhone(userId, row.phoneNumber));
    } catch (error) {
      if (!isBadRequest(error)) throw error;
      results.push(`${where}: already has a mobile number, left as it is.`);
      continue;
    }
    log.record(await tenant.enableSmsSignIn(userId));
    added += 1;
    results.push(`${where}: mobile ${maskPhoneNumber(row.phoneNumber)} added, SMS sign-in on.`);
  }
  lines.push(`Phone numbers: ${added} of ${rows.length} added.`, ...results.map((r) => `- ${r}`));
  return lines.join('\n');
}

async function guestReview(days: number, ctx: ExecutionContext, log: WriteLog): Promise<string> {
  const tenant = tenantSettingsOf(ctx);
  const plan = guestReviewPlan(
    days,
    ctx.policy.approverGroupIds['guest-access-review'][0],
    ctx.now,
  );
  const existing = await tenant.findAccessReview(plan.displayName);
  if (existing !== undefined) {
    return `The access review "${plan.displayName}" already exists (id ${existing}); nothing was created.`;
  }
  const created = await tenant.createGuestReview(plan);
  log.record(created);
  return (
    `Access review "${plan.displayName}" created (id ${created.id}): every ${plan.everyMonths} ` +
    `months the admin group reviews guests with no sign-in in ${days} days; a guest not approved ` +
    'within ' +
    `${plan.durationDays} days is denied automatically, blocked from signing in, and removed 30 days later.`
  );
}

async function policyExclusion(
  operation: 'add' | 'remove',
  userId: string,
  prepared: Prepared,
  ctx: ExecutionContext,
  log: WriteLog,
): Promise<string> {
  const group = prepared.exclusionGroup;
  const name = prepared.subjectName ?? userId;
  if (!group) throw new RemediationRefused('The policy has no exclusion group to change.');
  if (operation === 'add') {
    const result = await ctx.writer.addGroupMember(group.id, userId);
    log.record(result);
    return result.added
      ? `${name} was added to ${group.name} with no end date: the policies that exclude this group no longer apply to them.`
      : `${name} was already in ${group.name}; nothing was changed.`;
  }
  const result = await ctx.writer.removeGroupMember(group.id, userId);
  log.record(result);
  return result.removed
    ? `${name} was removed from ${group.name}: the policies that exclude this group apply to them again.`
    : `${name} was not in ${group.name}; nothing was changed.`;
}
