import { z } from 'zod';
import {
  applicability,
  caPolicyFromGraph,
  namedLocationFromGraph,
  type SignInSituation,
} from '../../conditional-access';
import { badRequest } from '../graph-error';
import { PERMISSIONS } from '../../graph/permissions';
import type { Route, RouteContext } from '../route';
import { findUser, transitiveMemberOf } from './directory-objects';

/**
 * POST /identity/conditionalAccess/evaluate, the What If evaluation (v1.0 since mid-2025, also
 * beta): every policy with `policyApplies` and `analysisReasons` for the sign-in described in the
 * body, evaluated against the user's real groups and roles. A condition the body gives no fact
 * for is `notEnoughInformation`, as Graph documents.
 */

const body = z
  .object({
    signInIdentity: z
      .object({ '@odata.type': z.literal('#microsoft.graph.userSignIn'), userId: z.string() })
      .passthrough(),
    signInContext: z
      .object({
        '@odata.type': z.literal('#microsoft.graph.applicationContext'),
        includeApplications: z.array(z.string()).min(1),
      })
      .passthrough(),
    signInConditions: z
      .object({
        devicePlatform: z.string().optional(),
        clientAppType: z.string().optional(),
        signInRiskLevel: z.string().optional(),
        userRiskLevel: z.string().optional(),
        country: z.string().optional(),
        ipAddress: z.string().optional(),
        deviceInfo: z
          .object({ isCompliant: z.boolean().optional(), trustType: z.string().optional() })
          .passthrough()
          .optional(),
      })
      .passthrough(),
    appliedPoliciesOnly: z.boolean().optional(),
  })
  .strict();

function situationFrom(ctx: RouteContext, parsed: z.output<typeof body>): SignInSituation {
  const user = findUser(ctx.state, parsed.signInIdentity.userId);
  const memberOf = transitiveMemberOf(ctx.state, user.id);
  const c = parsed.signInConditions;
  return {
    userId: user.id,
    groupIds: memberOf.filter((o) => o.type === 'group').map((o) => o.entity.id),
    roleIds: memberOf
      .filter((o) => o.type === 'directoryRole')
      .map((o) => (o.entity as { roleTemplateId?: string }).roleTemplateId ?? o.entity.id),
    isGuest: user.userType === 'Guest',
    appId: parsed.signInContext.includeApplications[0],
    devicePlatform: c.devicePlatform,
    clientAppType: c.clientAppType,
    signInRiskLevel: c.signInRiskLevel,
    userRiskLevel: c.userRiskLevel,
    country: c.country,
    ipAddress: c.ipAddress,
    deviceIsCompliant: c.deviceInfo?.isCompliant,
    deviceTrustType: c.deviceInfo?.trustType,
  };
}

function evaluate(ctx: RouteContext) {
  const parsed = body.safeParse(ctx.req.body);
  if (!parsed.success) {
    throw badRequest(
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  }
  const situation = situationFrom(ctx, parsed.data);
  const named = ctx.state.namedLocations.map(namedLocationFromGraph);
  const value = ctx.state.conditionalAccessPolicies
    .map((policy) => {
      const result = applicability(caPolicyFromGraph(policy), situation, named);
      const reason =
        result.applies === true
          ? 'notSet'
          : result.applies === 'unknown'
            ? 'notEnoughInformation'
            : result.reason;
      return { ...policy, policyApplies: result.applies === true, analysisReasons: reason };
    })
    .filter((p) => !parsed.data.appliedPoliciesOnly || p.policyApplies);
  const context = `https://graph.microsoft.com/${ctx.req.version}/$metadata#Collection(microsoft.graph.whatIfAnalysisResult)`;
  return { status: 200, body: { '@odata.context': context, value } };
}

export const caEvaluateRoutes: Route[] = [
  {
    method: 'POST',
    path: '/identity/conditionalAccess/evaluate',
    permissions: PERMISSIONS.conditionalAccessRead,
    limit: 'identityProtection',
    handle: evaluate,
  },
];
