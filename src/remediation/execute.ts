import { AppError, toAppError } from '../errors';
import { executeAdminChange } from './admin-changes/execute';
import { displayName, formatUtc } from './describe';
import type { WriteReceipt } from './ports';
import {
  RemediationRefused,
  preflight,
  type ExecutionContext,
  type FixRequest,
  type Prepared,
} from './preflight';
import type { SecretText } from './secret';
import type { ActionParams, Outcome, Person } from './types';

/**
 * Runs one fix against the directory, right after preflight.ts checked it again: performs the
 * writes and reports every Graph request-id; when a multi-step fix fails half-way, the failure
 * says what was already changed.
 */

/** A fix failed while writing. `partial` says what had been changed before the failure. */
export class ExecutionFailure extends Error {
  constructor(
    readonly error: AppError,
    readonly graphRequestIds: string[],
    readonly partial?: string,
  ) {
    super(error.message);
    this.name = 'ExecutionFailure';
  }
}

/** The pass on its way to the approver's own card; nothing else ever sees it. */
export interface TapHandout {
  code: SecretText;
  validUntil: string;
  isUsableOnce: boolean;
  lifetimeInMinutes: number;
}

export interface ActionResult {
  outcome: Outcome;
  tap?: TapHandout;
  /** Set for a time-boxed exclusion the bot must end. */
  exclusionEndsAt?: string;
}

/** Collects request-ids and what has been done, so a failure can say both. */
class Steps {
  readonly requestIds: string[] = [];
  readonly done: string[] = [];

  record(receipt: WriteReceipt, what?: string): void {
    if (receipt.requestId) this.requestIds.push(receipt.requestId);
    if (what) this.done.push(what);
  }

  fail(error: unknown, partial?: string): ExecutionFailure {
    const appError = error instanceof ExecutionFailure ? error.error : toAppError(error);
    const said = partial ?? (this.done.length > 0 ? this.done.join(' ') : undefined);
    return new ExecutionFailure(appError, this.requestIds, said);
  }
}

export async function executeAction(
  fix: FixRequest,
  approver: Person,
  ctx: ExecutionContext,
): Promise<ActionResult> {
  const steps = new Steps();
  const { writer } = ctx;
  const userId = fix.subject.id;
  const outcome = (summary: string): Outcome => ({ summary, graphRequestIds: steps.requestIds });
  const { params } = fix;
  try {
    const prepared = await preflight(fix, ctx);
    const name = prepared.subjectName ?? userId;
    switch (params.kind) {
      case 'issue-tap':
        return await issueTap(params, userId, name, approver, ctx, steps);
      case 'dismiss-risk':
        steps.record(await writer.dismissRisk(userId));
        return { outcome: outcome(`User risk dismissed for ${name}.`) };
      case 'confirm-compromised':
        steps.record(await writer.confirmCompromised(userId));
        return { outcome: outcome(`${name} was confirmed compromised; their risk is now high.`) };
      case 'revoke-sessions':
        steps.record(await writer.revokeSessions(userId));
        return {
          outcome: outcome(
            `${name} was signed out everywhere; apps ask them to sign in again within minutes.`,
          ),
        };
      case 'require-password-change':
        steps.record(await writer.requirePasswordChange(userId));
        return { outcome: outcome(`${name} must change their password at the next sign-in.`) };
      case 'sync-device':
        steps.record(await writer.syncDevice(params.deviceId));
        return {
          outcome: outcome(
            'The device was asked to sync with Intune; its compliance can take several minutes to update.',
          ),
        };
      case 'add-sms-method':
        steps.record(await writer.addMobilePhone(userId, params.phoneNumber));
        return { outcome: outcome(`A mobile phone number was added for ${name}.`) };
      case 'ca-exclusion':
        return await excludeTemporarily(params, fix.requestId, name, prepared, ctx, steps);
      case 'copy-group-members':
        return await copyMembers(params.sourceGroupId, userId, name, ctx, steps);
      case 'tap-policy':
      case 'authenticator-context':
      case 'sms-sign-in':
      case 'guest-access-review':
      case 'policy-exclusion':
        return { outcome: await executeAdminChange(params, userId, prepared, ctx, steps) };
    }
  } catch (error) {
    throw steps.fail(error);
  }
}

async function issueTap(
  params: Extract<ActionParams, { kind: 'issue-tap' }>,
  userId: string,
  name: string,
  approver: Person,
  ctx: ExecutionContext,
  steps: Steps,
): Promise<ActionResult> {
  const tenant = await ctx.reader.getTapPolicy();
  const wanted = params.lifetimeMinutes ?? ctx.policy.tap.defaultLifetimeMinutes;
  const lifetime = Math.min(
    tenant.maximumLifetimeInMinutes,
    Math.max(tenant.minimumLifetimeInMinutes, wanted),
  );
  // The tenant may force one-time passes; otherwise one-time only when asked for.
  const isUsableOnce = params.oneTimeUse || tenant.isUsableOnce;
  // A user holds one pass: take the old one away first, so the new one is the one that works.
  for (const methodId of await ctx.reader.listTaps(userId)) {
    steps.record(
      await ctx.writer.deleteTap(userId, methodId),
      `The Temporary Access Pass ${name} already had was removed; no new pass was issued.`,
    );
  }
  const issued = await ctx.writer.createTap(userId, { lifetimeInMinutes: lifetime, isUsableOnce });
  steps.record(issued);
  const validUntil = new Date(
    Date.parse(issued.startDateTime) + issued.lifetimeInMinutes * 60_000,
  ).toISOString();
  const use = issued.isUsableOnce ? 'one-time use' : 'multi-use';
  return {
    outcome: {
      summary:
        `Temporary Access Pass issued by ${displayName(approver)} for ${name}, valid until ` +
        `${formatUtc(validUntil)} (${use}).`,
      graphRequestIds: steps.requestIds,
      validUntil,
    },
    tap: {
      code: issued.code,
      validUntil,
      isUsableOnce: issued.isUsableOnce,
      lifetimeInMinutes: issued.lifetimeInMinutes,
    },
  };
}

async function excludeTemporarily(
  params: Extract<ActionParams, { kind: 'ca-exclusion' }>,
  requestId: string,
  name: string,
  prepared: Prepared,
  ctx: ExecutionContext,
  steps: Steps,
): Promise<ActionResult> {
  const group = prepared.exclusionGroup;
  if (!group) throw new RemediationRefused('No temporary exclusion group is set up for the bot.');
  const userId = prepared.user?.id;
  if (!userId) throw new RemediationRefused('An exclusion is for a user.');
  const endsAt = new Date(ctx.now.getTime() + params.hours * 3_600_000).toISOString();
  // The end is written before the user is added: if the bot stops in between, the sweeper still
  // takes them out (removing a non-member is harmless), so no exclusion is ever left open-ended.
  const { previous } = await ctx.exclusions.schedule({
    groupId: group.id,
    userId,
    endsAt,
    requestId,
  });
  let added: boolean;
  try {
    const result = await ctx.writer.addGroupMember(group.id, userId);
    steps.record(result);
    added = result.added;
  } catch (error) {
    if (!previous) await ctx.exclusions.unschedule(group.id, userId, requestId);
    throw error;
  }
  if (!added && !previous) {
    // A member before the bot came along: that membership is someone's decision, leave it be.
    await ctx.exclusions.unschedule(group.id, userId, requestId);
    return {
      outcome: {
        summary:
          `${name} was already in ${group.name} (not added by the bot), so nothing changed and the ` +
          'bot will not remove them.',
        graphRequestIds: steps.requestIds,
      },
    };
  }
  const effectiveEnd =
    previous && Date.parse(previous.endsAt) > Date.parse(endsAt) ? previous.endsAt : endsAt;
  return {
    outcome: {
      summary:
        `${name} was added to ${group.name} until ${formatUtc(effectiveEnd)}; the bot removes ` +
        'them then. Every policy that excludes this group no longer applies to them until then.',
      graphRequestIds: steps.requestIds,
      validUntil: effectiveEnd,
    },
    exclusionEndsAt: effectiveEnd,
  };
}

const BATCH = 20;

async function copyMembers(
  sourceGroupId: string,
  destinationId: string,
  destinationName: string,
  ctx: ExecutionContext,
  steps: Steps,
): Promise<ActionResult> {
  const [source, destination] = await Promise.all([
    ctx.reader.listGroupMembers(sourceGroupId),
    ctx.reader.listGroupMembers(destinationId),
  ]);
  const present = new Set(destination);
  const toAdd = [...new Set(source)].filter((id) => !present.has(id) && id !== destinationId);
  let added = 0;
  let alreadyThere = source.length - toAdd.length;
  try {
    for (let i = 0; i < toAdd.length; i += BATCH) {
      const batch = toAdd.slice(i, i + BATCH);
      try {
        steps.record(await ctx.writer.addGroupMembers(destinationId, batch));
        added += batch.length;
      } catch (error) {
        // A batch fails as a whole when any member cannot be added, e.g. someone added one of
        // them a moment ago. Add one by one, where "already a member" is not an error.
        if (!(error instanceof AppError) || error.status !== 400) throw error;
        for (const memberId of batch) {
          const result = await ctx.writer.addGroupMember(destinationId, memberId);
          steps.record(result);
          if (result.added) added += 1;
          else alreadyThere += 1;
        }
      }
    }
  } catch (error) {
    throw steps.fail(
      error,
      `${added} of ${toAdd.length} members had been added to ${destinationName} before the ` +
        'failure; running the copy again adds only the rest.',
    );
  }
  return {
    outcome: {
      summary:
        `${added} member${added === 1 ? ' was' : 's were'} added to ${destinationName}` +
        (alreadyThere > 0 ? `; ${alreadyThere} already belonged to it.` : '.'),
      graphRequestIds: steps.requestIds,
    },
  };
}
