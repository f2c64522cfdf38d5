import { notFound } from '../graph-error';
import { entityResponse, listResponse, type CollectionSpec } from '../odata/collection';
import type { FilterOp } from '../odata/filter-ast';
import { PERMISSIONS } from '../../graph/permissions';
import type { FixtureRiskDetection, FixtureRiskyUser } from '../fixture-schema';
import type { Route, RouteContext } from '../route';
import { maskRiskDetail } from './evolvable-enums';

/**
 * Identity Protection reads. Guests never appear (their risk lives in their home tenant), so a
 * guest's id answers 404. These resources share the 1 request/s tenant limit with CA policies.
 */

const eq: readonly FilterOp[] = ['eq'];
const eqIn: readonly FilterOp[] = ['eq', 'in'];
const instant: readonly FilterOp[] = ['eq', 'ge', 'le', 'gt', 'lt'];

function riskyUserSpec(ctx: RouteContext): CollectionSpec<FixtureRiskyUser> {
  return {
    context: 'identityProtection/riskyUsers',
    filter: {
      resource: 'riskyUser',
      properties: {
        id: eq,
        userPrincipalName: ['eq', 'startswith'],
        userDisplayName: ['eq', 'startswith'],
        riskLevel: eqIn,
        riskState: eqIn,
        riskDetail: eq,
        riskLastUpdatedDateTime: instant,
        isDeleted: eq,
        isProcessing: eq,
      },
    },
    defaultPageSize: 20,
    maxPageSize: 500,
    project: (r) => {
      const { history: _history, ...rest } = r;
      return maskRiskDetail(rest, ctx.includeUnknownEnums);
    },
  };
}

function detectionSpec(ctx: RouteContext): CollectionSpec<FixtureRiskDetection> {
  return {
    context: 'identityProtection/riskDetections',
    filter: {
      resource: 'riskDetection',
      properties: {
        id: eq,
        userId: eq,
        userPrincipalName: eq,
        riskEventType: eq,
        riskLevel: eqIn,
        riskState: eqIn,
        riskDetail: eq,
        detectionTimingType: eq,
        activity: eq,
        requestId: eq,
        correlationId: eq,
        ipAddress: eq,
        detectedDateTime: instant,
        activityDateTime: instant,
      },
    },
    defaultPageSize: 20,
    maxPageSize: 500,
    project: (d) => maskRiskDetail(d, ctx.includeUnknownEnums),
  };
}

export function findRiskyUser(ctx: RouteContext, id: string): FixtureRiskyUser {
  const risky = ctx.state.riskyUsers.find((r) => r.id.toLowerCase() === id.toLowerCase());
  if (!risky) throw notFound(id);
  return risky;
}

export const identityProtectionReadRoutes: Route[] = [
  {
    method: 'GET',
    path: '/identityProtection/riskyUsers',
    permissions: PERMISSIONS.riskyUserRead,
    limit: 'identityProtection',
    handle: (ctx) => listResponse(ctx.req, ctx.state.riskyUsers, riskyUserSpec(ctx)),
  },
  {
    method: 'GET',
    path: '/identityProtection/riskyUsers/{id}',
    permissions: PERMISSIONS.riskyUserRead,
    limit: 'identityProtection',
    handle: (ctx) => entityResponse(ctx.req, findRiskyUser(ctx, ctx.params.id), riskyUserSpec(ctx)),
  },
  {
    method: 'GET',
    path: '/identityProtection/riskyUsers/{id}/history',
    permissions: PERMISSIONS.riskyUserRead,
    limit: 'identityProtection',
    handle: (ctx) =>
      listResponse(ctx.req, findRiskyUser(ctx, ctx.params.id).history, {
        context: `identityProtection/riskyUsers('${ctx.params.id}')/history`,
        defaultPageSize: 100,
        maxPageSize: 500,
        project: (h) => maskRiskDetail(h, ctx.includeUnknownEnums),
      }),
  },
  {
    method: 'GET',
    path: '/identityProtection/riskDetections',
    permissions: PERMISSIONS.riskDetectionRead,
    limit: 'identityProtection',
    handle: (ctx) => listResponse(ctx.req, ctx.state.riskDetections, detectionSpec(ctx)),
  },
  {
    method: 'GET',
    path: '/identityProtection/riskDetections/{id}',
    permissions: PERMISSIONS.riskDetectionRead,
    limit: 'identityProtection',
    handle: (ctx) => {
      const detection = ctx.state.riskDetections.find((d) => d.id === ctx.params.id);
      if (!detection) throw notFound(ctx.params.id);
      return entityResponse(ctx.req, detection, detectionSpec(ctx));
    },
  },
];
