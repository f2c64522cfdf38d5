import { notFound } from '../graph-error';
import { entityResponse, listResponse, type CollectionSpec } from '../odata/collection';
import { PERMISSIONS } from '../../graph/permissions';
import type { Route } from '../route';
import type { FixtureDomain } from '../fixture-schema';

/**
 * The tenant's domains, read-only: what a password-expiry check needs (each domain's validity
 * period). Domain.Read.All, or Directory.Read.All, as Graph asks for app-only reads.
 */

const domainSpec: CollectionSpec<FixtureDomain> = {
  context: 'domains',
  defaultPageSize: 100,
  maxPageSize: 100,
  orderable: [],
  project: (d) => ({ ...d }),
};

export const domainRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/domains',
    permissions: PERMISSIONS.domainRead,
    handle: (ctx) => listResponse(ctx.req, ctx.state.domains, domainSpec),
  },
  {
    method: 'GET',
    path: '/domains/{id}',
    permissions: PERMISSIONS.domainRead,
    handle: (ctx) => {
      const wanted = ctx.params.id.toLowerCase();
      const found = ctx.state.domains.find((d) => d.id.toLowerCase() === wanted);
      if (found === undefined) throw notFound(ctx.params.id);
      return entityResponse(ctx.req, found, domainSpec);
    },
  },
];
