import { caPolicyFromGraph, evaluateRequestBody, type CaPolicy } from '../conditional-access';
import type { SignInSituation } from '../conditional-access';
import type { GroupMembership } from '../ports';
import type { TenantRateLimits } from './rate-limiter';
import type { WhatIfReader } from '../remediation/exclusion-preview';
import { PERMISSION } from './remediation-permissions';
import { isRecord, path, text, type GraphTransport } from './transport';

/**
 * The reads of the exclusion preview on Microsoft Graph v1.0:
 * - `POST /identity/conditionalAccess/evaluate`, the What If evaluation (graph-docs:
 *   api-reference/v1.0/api/conditionalaccessroot-evaluate.md, also under beta), application
 *   permission Policy.Read.ConditionalAccess (or Policy.Read.All); it answers for the user's
 *   groups as they are, with `policyApplies` per policy when `appliedPoliciesOnly` is false;
 * - the policies themselves and the user's groups, roles and type, for the bot's own
 *   evaluation when the tenant does not allow Graph's.
 */
export class GraphWhatIfReader implements WhatIfReader {
  constructor(
    private readonly graph: GraphTransport,
    private readonly membership: GroupMembership,
    /** The tenant's limiter: Conditional Access calls share Graph's 1 request a second. */
    private readonly limits?: TenantRateLimits,
  ) {}

  async evaluate(
    situation: SignInSituation,
  ): Promise<Array<{ policy: CaPolicy; policyApplies: boolean }>> {
    await this.limits?.acquireFor('/identity/conditionalAccess/evaluate');
    const { body } = await this.graph.ok(
      'POST',
      '/identity/conditionalAccess/evaluate',
      evaluateRequestBody(situation),
      { operation: 'evaluating Conditional Access (What If)', permission: PERMISSION.caRead },
    );
    const items = isRecord(body) && Array.isArray(body.value) ? body.value.filter(isRecord) : [];
    return items.map((item) => ({
      policy: caPolicyFromGraph(item),
      policyApplies: item.policyApplies === true,
    }));
  }

  async listPolicies(): Promise<CaPolicy[]> {
    await this.limits?.acquireFor('/identity/conditionalAccess/policies');
    const items = await this.graph.all('/identity/conditionalAccess/policies', {
      operation: 'reading the Conditional Access policies',
      permission: PERMISSION.caRead,
    });
    return items.map(caPolicyFromGraph);
  }

  async whoIs(
    userId: string,
    groupIds: readonly string[],
  ): Promise<{ groupIds: string[]; roleIds: string[]; isGuest: boolean }> {
    const [user, roles, groups] = await Promise.all([
      this.graph.ok('GET', `${path('users', userId)}?$select=id,userType`, undefined, {
        operation: 'reading the user',
        permission: PERMISSION.userRead,
      }),
      this.graph.all(
        `${path('users', userId, 'transitiveMemberOf', 'microsoft.graph.directoryRole')}?$select=id,roleTemplateId`,
        { operation: "reading the user's administrator roles", permission: PERMISSION.userRead },
      ),
      this.membership.memberOf(userId, groupIds),
    ]);
    return {
      groupIds: groups,
      roleIds: roles.map((r) => text(r.roleTemplateId, text(r.id))).filter((id) => id !== ''),
      isGuest: isRecord(user.body) && user.body.userType === 'Guest',
    };
  }
}
