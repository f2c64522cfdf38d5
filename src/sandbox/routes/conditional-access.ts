import { notFound } from '../graph-error';
import { entityResponse, listResponse, type CollectionSpec } from '../odata/collection';
import { PERMISSIONS } from '../../graph/permissions';
import type { FixtureCaPolicy } from '../fixture-schema';
import type { Route } from '../route';

/** Conditional Access policies, read-only: the bot never changes a policy. */

const spec: CollectionSpec<FixtureCaPolicy> = {
  context: 'identity/conditionalAccess/policies',
  filter: {
    resource: 'conditionalAccessPolicy',
    properties: { id: ['eq'], state: ['eq'], displayName: ['eq', 'startswith'] },
  },
  defaultPageSize: 100,
  maxPageSize: 999,
  project: (p) => ({ ...p }),
};

export const conditionalAccessRoutes: Route[] = [
  {
    method: 'GET',
    path: '/identity/conditionalAccess/policies',
    permissions: PERMISSIONS.conditionalAccessRead,
    limit: 'identityProtection',
    handle: (ctx) => listResponse(ctx.req, ctx.state.conditionalAccessPolicies, spec),
  },
  {
    method: 'GET',
    path: '/identity/conditionalAccess/policies/{id}',
    permissions: PERMISSIONS.conditionalAccessRead,
    limit: 'identityProtection',
    handle: (ctx) => {
      const policy = ctx.state.conditionalAccessPolicies.find(
        (p) => p.id.toLowerCase() === ctx.params.id.toLowerCase(),
      );
      if (!policy) throw notFound(ctx.params.id);
      return entityResponse(ctx.req, policy, spec);
    },
  },
];
