import { isAdminChangeKind } from '../action-kinds';
import {
  RemediationRefused,
  type ExecutionContext,
  type FixRequest,
  type Prepared,
} from '../preflight-context';
import type { TenantSettings } from './ports';

/**
 * Checks before a guided admin change, at request time and again right before the write: an
 * admin group must exist to approve it, the deployment must be able to change tenant settings,
 * and what the change names (group, policy, person) must exist and fit.
 */

export function tenantSettingsOf(ctx: ExecutionContext): TenantSettings {
  if (!ctx.tenant) {
    throw new RemediationRefused('This deployment of the bot does not change tenant settings.');
  }
  return ctx.tenant;
}

export async function preflightAdminChange(
  fix: FixRequest,
  ctx: ExecutionContext,
): Promise<Prepared> {
  const { params, subject } = fix;
  const { reader, policy } = ctx;
  if (!isAdminChangeKind(params.kind)) return {};
  if (policy.approverGroupIds[params.kind].length === 0) {
    throw new RemediationRefused(
      'No admin group is set for the bot (ADMIN_GROUP_ID), so nobody could approve this change.',
    );
  }
  switch (params.kind) {
    case 'tap-policy':
      await reader.getTapPolicy();
      tenantSettingsOf(ctx);
      return { subjectName: 'the tenant' };
    case 'guest-access-review':
      tenantSettingsOf(ctx);
      return { subjectName: 'the tenant' };
    case 'authenticator-context':
      tenantSettingsOf(ctx);
      if (!params.groupId) return { subjectName: 'the tenant' };
      {
        // A pilot group first: the request is for that group, not yet for everyone.
        const groupName = await reader.getGroupName(params.groupId);
        return { subjectName: groupName, names: { [params.groupId]: groupName } };
      }
    case 'sms-sign-in':
      tenantSettingsOf(ctx);
      return { subjectName: await reader.getGroupName(subject.id) };
    case 'policy-exclusion': {
      if (
        params.operation === 'add' &&
        ctx.policy.neverExcludePolicyIds.includes(params.policyId)
      ) {
        throw new RemediationRefused(
          'Nobody is added to the exclusions of this policy: it is on the list of policies that ' +
            'protect administrators and management (CA_NEVER_EXCLUDE_POLICY_IDS). Removing ' +
            'someone from it is allowed.',
        );
      }
      const user = await reader.getUser(subject.id);
      const { group, policyName } = await permanentGroup(params.policyId, ctx);
      return {
        user,
        subjectName: user.displayName,
        exclusionGroup: group,
        names: { [params.policyId]: policyName },
      };
    }
  }
}

/**
 * The group a policy excludes that is not one of the bot's time-boxed exclusion groups: a
 * permanent exclusion belongs there, and the bot never edits the policy itself.
 */
async function permanentGroup(
  policyId: string,
  ctx: ExecutionContext,
): Promise<{ group: { id: string; name: string }; policyName: string }> {
  const found = await ctx.reader.getPolicyExclusions(policyId);
  const temporary = new Set(ctx.policy.caExclusion.groupIds);
  const groupId = found.excludeGroupIds.find((id) => !temporary.has(id));
  if (groupId === undefined) {
    throw new RemediationRefused(
      `The policy "${found.displayName}" has no exclusion group of its own (the bot's time-boxed ` +
        'group aside). The bot never edits policies: add an exclusion group to the policy in the ' +
        'Entra admin center first.',
    );
  }
  const group = { id: groupId, name: await ctx.reader.getGroupName(groupId) };
  return { group, policyName: found.displayName };
}
