import { notFound } from '../graph-error';
import { entityResponse, listResponse, type CollectionSpec } from '../odata/collection';
import { PERMISSIONS } from '../../graph/permissions';
import type { Route } from '../route';
import type { FixtureDomain } from '../fixture-schema';

/**
 * The tenant's domains, read-only: what a password-expiry check needs (each domain's validity
 * period, and a subdomain's root, whose period its passwords follow). Domain.Read.All, or
 * Directory.Read.All, as Graph asks for app-only reads.
 */

/**
 * The root domain a subdomain belongs to: the longest root among `domains` that `name` ends in
 * (eu.contoso.com -> contoso.com). undefined for a root itself and for a name the tenant lacks.
 */
export function rootDomainOf<T extends { id: string; isRoot: boolean }>(
  domains: readonly T[],
  name: string,
): T | undefined {
  const wanted = name.toLowerCase();
  const own = domains.find((d) => d.id.toLowerCase() === wanted);
  if (own === undefined || own.isRoot) return undefined;
  return domains
    .filter((d) => d.isRoot && wanted.endsWith(`.${d.id.toLowerCase()}`))
    .sort((a, b) => b.id.length - a.id.length)[0];
}

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
  {
    // A root domain has no root of its own here: 404, as for a name the tenant lacks.
    method: 'GET',
    path: '/domains/{id}/rootDomain',
    permissions: PERMISSIONS.domainRead,
    handle: (ctx) => {
      const root = rootDomainOf(ctx.state.domains, ctx.params.id);
      if (root === undefined) throw notFound(ctx.params.id);
      return entityResponse(ctx.req, root, domainSpec);
    },
  },
];
