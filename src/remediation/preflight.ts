import { isAdminChangeKind } from './action-kinds';
import { preflightAdminChange } from './admin-changes/preflight';
import {
  RemediationRefused,
  type ExecutionContext,
  type FixRequest,
  type Prepared,
} from './preflight-context';
import type { RemediationPolicy } from './policy';
import type { ActionParams } from './types';

export { RemediationRefused, type ExecutionContext, type FixRequest, type Prepared };

/**
 * Checks before a fix: `preflight` re-reads the facts a fix depends on (guest, synced, role
 * holder, tenant TAP policy, the exclusion group) and refuses with a plain reason. It runs when a
 * request is made and again right before the write, because the directory may have changed in
 * between.
 */

const GUEST_REFUSALS: Partial<Record<ActionParams['kind'], string>> = {
  'issue-tap': 'A Temporary Access Pass cannot be added to a guest account.',
  'dismiss-risk':
    "A guest's risk is kept by their home organisation; they need to fix it there, not here.",
  'confirm-compromised':
    "A guest's risk is kept by their home organisation; report it to their own IT team.",
  'revoke-sessions':
    'Sessions of a guest cannot be revoked here: guests sign in through their home organisation.',
  'require-password-change':
    "A guest's password belongs to their home organisation; they change it there.",
  'add-sms-method':
    "A guest's sign-in methods belong to their home organisation; they register them there.",
};

export async function preflight(fix: FixRequest, ctx: ExecutionContext): Promise<Prepared> {
  const { params, subject } = fix;
  const { reader, policy } = ctx;
  if (policy.protectedUserIds.includes(subject.id)) {
    throw new RemediationRefused(
      'This account is protected (an emergency access account); the bot does not change it.',
    );
  }
  if (isAdminChangeKind(params.kind)) return preflightAdminChange(fix, ctx);
  if (params.kind === 'copy-group-members') {
    if (params.sourceGroupId === subject.id) {
      throw new RemediationRefused('The source and destination groups are the same group.');
    }
    if (governingGroups(policy).has(subject.id.toLowerCase())) {
      throw new RemediationRefused(
        'Members cannot be copied into that group: it decides who may approve fixes or who is ' +
          'excluded from Conditional Access. Change its members in the Entra admin center.',
      );
    }
    const [subjectName, sourceName] = await Promise.all([
      reader.getGroupName(subject.id),
      reader.getGroupName(params.sourceGroupId),
    ]);
    return { subjectName, names: { [params.sourceGroupId]: sourceName } };
  }
  const user = await reader.getUser(subject.id);
  const prepared: Prepared = { user, subjectName: user.displayName };
  if (user.userType === 'Guest' && GUEST_REFUSALS[params.kind]) {
    throw new RemediationRefused(GUEST_REFUSALS[params.kind] ?? '');
  }
  if (params.kind === 'require-password-change' && user.onPremisesSyncEnabled) {
    throw new RemediationRefused(
      `${user.displayName}'s account comes from the on-premises directory, so its password is ` +
        'managed there: set "User must change password at next logon" in Active Directory, and the ' +
        'change reaches Microsoft Entra ID with the next sync.',
    );
  }
  if (
    policy.roleHolderAdminKinds.includes(params.kind) &&
    (await reader.holdsDirectoryRole(user.id))
  ) {
    if (policy.adminGroupIds.length === 0) {
      throw new RemediationRefused(
        `${user.displayName} holds an administrator role, so this fix is not done through the ` +
          'bot. A Privileged Authentication Administrator has to do it in the Entra admin center.',
      );
    }
    if (!fix.asking && fix.tier !== 'admin') {
      throw new RemediationRefused(
        `${user.displayName} was given an administrator role after this was asked for, so the ` +
          'helpdesk approval no longer fits. Ask again: the admin group decides this now.',
      );
    }
    prepared.adminTier = true;
  }
  if (params.kind === 'issue-tap') {
    const tap = await reader.getTapPolicy();
    if (!tap.enabled) {
      throw new RemediationRefused(
        "Temporary Access Pass is turned off in this tenant's authentication methods policy.",
      );
    }
    const wanted = params.lifetimeMinutes;
    if (
      wanted !== undefined &&
      (wanted < tap.minimumLifetimeInMinutes || wanted > tap.maximumLifetimeInMinutes)
    ) {
      throw new RemediationRefused(
        `This tenant allows a Temporary Access Pass of ${tap.minimumLifetimeInMinutes} to ` +
          `${tap.maximumLifetimeInMinutes} minutes; ${wanted} minutes is outside that.`,
      );
    }
    if (tap.isUsableOnce && !params.oneTimeUse) {
      // Never hand out, unasked, a one-time pass where a multi-use one was meant: it is spent
      // by the first sign-in and fails again the same way (Windows Autopilot signs in twice).
      throw new RemediationRefused(
        "The tenant's Temporary Access Pass policy allows one-time passes only, so the pass " +
          'would stop working after the first sign-in. Ask an admin to allow multi-use passes ' +
          '(the "tap policy" change), or ask for a one-time pass on purpose.',
      );
    }
  }
  if (params.kind === 'sync-device') {
    const device = await reader.getManagedDevice(params.deviceId);
    if (device.userId !== undefined && device.userId !== user.id) {
      throw new RemediationRefused(
        `The device ${device.deviceName} belongs to someone else, so it is not synced for this request.`,
      );
    }
  }
  if (params.kind === 'ca-exclusion') {
    if (params.hours < 1 || params.hours > policy.caExclusion.maxHours) {
      throw new RemediationRefused(
        `An exclusion lasts between 1 and ${policy.caExclusion.maxHours} hours.`,
      );
    }
    if (params.policyId !== undefined && policy.neverExcludePolicyIds.includes(params.policyId)) {
      throw new RemediationRefused(
        'Nobody is excluded from this policy: it is on the list of policies that protect ' +
          'administrators and management. Fix what it asks for instead.',
      );
    }
    const exclusion = await exclusionGroupFor(params.policyId, ctx);
    prepared.exclusionGroup = exclusion.group;
    // The group's name is kept too: the sweep names it when the exclusion ends.
    prepared.names = { [exclusion.group.id]: exclusion.group.name };
    if (params.policyId !== undefined && exclusion.policyName !== undefined) {
      prepared.names[params.policyId] = exclusion.policyName;
    }
    await refuseIfGroupLeavesProtectedPolicy(prepared.exclusionGroup, ctx);
  }
  return prepared;
}

/** Groups whose members decide fixes or skip Conditional Access: never a copy destination. */
function governingGroups(policy: RemediationPolicy): Set<string> {
  return new Set(
    [
      ...policy.helpdeskGroupIds,
      ...policy.adminGroupIds,
      ...Object.values(policy.approverGroupIds).flat(),
      ...policy.caExclusion.groupIds,
    ].map((id) => id.toLowerCase()),
  );
}

/**
 * Adding someone to the exclusion group excludes them from every policy that excludes the group;
 * when one of those is a never-exclude policy, the exclusion would open it too.
 */
async function refuseIfGroupLeavesProtectedPolicy(
  group: { id: string; name: string },
  ctx: ExecutionContext,
): Promise<void> {
  for (const policyId of ctx.policy.neverExcludePolicyIds) {
    const protectedPolicy = await ctx.reader.getPolicyExclusions(policyId);
    if (protectedPolicy.excludeGroupIds.includes(group.id)) {
      throw new RemediationRefused(
        `The group "${group.name}" is also excluded from "${protectedPolicy.displayName}", ` +
          'which nobody may be excluded from, so the bot does not add anyone to it. Remove the ' +
          "group from that policy's exclusions first.",
      );
    }
  }
}

/** The time-boxed group to add the person to, and the name of the policy it is for (if one). */
async function exclusionGroupFor(
  policyId: string | undefined,
  ctx: ExecutionContext,
): Promise<{ group: { id: string; name: string }; policyName?: string }> {
  const allowed = ctx.policy.caExclusion.groupIds;
  if (allowed.length === 0) {
    throw new RemediationRefused('No temporary exclusion group is set up for the bot.');
  }
  let groupId = allowed[0];
  let policyName: string | undefined;
  if (policyId !== undefined) {
    const policy = await ctx.reader.getPolicyExclusions(policyId);
    const usable = allowed.find((id) => policy.excludeGroupIds.includes(id));
    if (usable === undefined) {
      throw new RemediationRefused(
        `The policy "${policy.displayName}" does not exclude the bot's temporary exclusion group, ` +
          'so adding the user to it would not help. The bot never edits policies.',
      );
    }
    groupId = usable;
    policyName = policy.displayName;
  }
  const group = { id: groupId, name: await ctx.reader.getGroupName(groupId) };
  return policyName === undefined ? { group } : { group, policyName };
}
