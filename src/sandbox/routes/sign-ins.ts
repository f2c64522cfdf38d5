import { notFound } from '../graph-error';
import { entityResponse, listResponse, type CollectionSpec } from '../odata/collection';
import type { FilterOp } from '../odata/filter-ast';
import type { FilterRules } from '../odata/filter-rules';
import { readQueryOptions } from '../odata/query-options';
import { PERMISSIONS } from '../../graph/permissions';
import type { FixtureSignIn } from '../fixture-schema';
import type { Route, RouteContext } from '../route';
import { caResult, riskDetail } from './evolvable-enums';

/**
 * The sign-in log. v1.0 lists interactive sign-ins only; beta also lists the others when the
 * filter asks for them through `signInEventTypes`. Newest first, 1000 per page.
 */

const eq: readonly FilterOp[] = ['eq'];
const eqStarts: readonly FilterOp[] = ['eq', 'startswith'];

const V1_PROPERTIES: Record<string, readonly FilterOp[]> = {
  id: eq,
  correlationId: eq,
  userId: eq,
  userPrincipalName: eqStarts,
  userDisplayName: eqStarts,
  createdDateTime: ['eq', 'ge', 'le'],
  'status/errorCode': eq,
  conditionalAccessStatus: eq,
  clientAppUsed: eq,
  appId: eq,
  resourceId: eq,
  resourceDisplayName: eq,
  riskState: eq,
  riskDetail: eq,
  riskLevelAggregated: eq,
  riskLevelDuringSignIn: eq,
  appDisplayName: eqStarts,
  ipAddress: eqStarts,
  riskEventTypes_v2: ['eq', 'startswith', 'any'],
  'deviceDetail/browser': eqStarts,
  'deviceDetail/operatingSystem': eqStarts,
  'location/city': eqStarts,
  'location/state': eqStarts,
  'location/countryOrRegion': eqStarts,
  appliedConditionalAccessPolicies: ['any'],
  'appliedConditionalAccessPolicies/id': eq,
};

const FILTERS: Record<'v1.0' | 'beta', FilterRules> = {
  'v1.0': { resource: 'signIn', properties: V1_PROPERTIES },
  beta: {
    resource: 'signIn',
    properties: { ...V1_PROPERTIES, signInEventTypes: ['any', 'eq'], isInteractive: eq },
  },
};

/** Properties that exist only on the beta signIn resource. */
const BETA_ONLY = ['signInEventTypes'];

const CA_READERS = [
  'Policy.Read.All',
  'Policy.Read.ConditionalAccess',
  'Policy.ReadWrite.ConditionalAccess',
];

function project(ctx: RouteContext, s: FixtureSignIn): Record<string, unknown> {
  const include = ctx.includeUnknownEnums;
  const out: Record<string, unknown> = { ...s, riskDetail: riskDetail(s.riskDetail, include) };
  if (ctx.req.version === 'v1.0') for (const key of BETA_ONLY) delete out[key];
  // Without a CA-reading permission Graph leaves the policies out without any error.
  if (CA_READERS.some((p) => ctx.can(p))) {
    out.appliedConditionalAccessPolicies = s.appliedConditionalAccessPolicies.map((p) => ({
      ...p,
      result: caResult(p.result, include),
    }));
  } else {
    delete out.appliedConditionalAccessPolicies;
  }
  return out;
}

/** v1.0 never shows non-interactive rows; a beta list shows them when its filter asks. */
function visible(ctx: RouteContext, byId = false): FixtureSignIn[] {
  const asksForTypes = /signInEventTypes/i.test(readQueryOptions(ctx.req.query).filter ?? '');
  if (ctx.req.version === 'beta' && (asksForTypes || byId)) return ctx.state.signIns;
  return ctx.state.signIns.filter(
    (s) => s.signInEventTypes?.includes('interactiveUser') ?? s.isInteractive,
  );
}

function spec(ctx: RouteContext): CollectionSpec<FixtureSignIn> {
  return {
    context: 'auditLogs/signIns',
    filter: FILTERS[ctx.req.version],
    defaultPageSize: 1000,
    maxPageSize: 1000,
    orderable: ['createdDateTime'],
    defaultOrder: [{ path: ['createdDateTime'], descending: true }],
    project: (s) => project(ctx, s),
  };
}

export const signInRoutes: Route[] = [
  {
    method: 'GET',
    path: '/auditLogs/signIns',
    permissions: PERMISSIONS.signInRead,
    limit: 'reports',
    handle: (ctx) => listResponse(ctx.req, visible(ctx), spec(ctx)),
  },
  {
    method: 'GET',
    path: '/auditLogs/signIns/{id}',
    permissions: PERMISSIONS.signInRead,
    limit: 'reports',
    handle: (ctx) => {
      const signIn = visible(ctx, true).find(
        (s) => s.id.toLowerCase() === ctx.params.id.toLowerCase(),
      );
      if (!signIn) throw notFound(ctx.params.id);
      return entityResponse(ctx.req, signIn, spec(ctx));
    },
  },
];
