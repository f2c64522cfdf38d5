import { createHash } from 'node:crypto';
import { notFound } from '../graph-error';
import { entityResponse, listResponse, type CollectionSpec } from '../odata/collection';
import { PERMISSIONS } from '../../graph/permissions';
import type { Route, RouteContext } from '../route';

/**
 * Service principals as far as a consent check needs them: the app's own service principal
 * with its app role assignments (one per granted application permission), and Microsoft
 * Graph's service principal with the app roles those assignments point at. Role ids here are
 * stable sandbox values derived from the permission name, not Graph's published ids: a client
 * must resolve them through Graph's `appRoles`, as it must against the real service.
 */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

const READ = ['Application.Read.All', 'Directory.Read.All'] as const;

function stableId(kind: string, name: string): string {
  const hex = createHash('sha1').update(`${kind}:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Every application permission the sandbox knows, plus whatever the fixture grants. */
function graphRoleNames(ctx: RouteContext): string[] {
  const names = new Set<string>(READ);
  for (const list of Object.values(PERMISSIONS)) {
    for (const alt of list) for (const p of typeof alt === 'string' ? [alt] : alt) names.add(p);
  }
  for (const p of ctx.state.app.grantedPermissions) names.add(p);
  return [...names].sort();
}

interface ServicePrincipal {
  id: string;
  appId: string;
  displayName: string;
  appRoles: { id: string; value: string; allowedMemberTypes: string[]; isEnabled: boolean }[];
}

function servicePrincipals(ctx: RouteContext): ServicePrincipal[] {
  const app = ctx.state.app;
  return [
    { id: stableId('sp', app.appId), appId: app.appId, displayName: app.displayName, appRoles: [] },
    {
      id: stableId('sp', GRAPH_APP_ID),
      appId: GRAPH_APP_ID,
      displayName: 'Microsoft Graph',
      appRoles: graphRoleNames(ctx).map((value) => ({
        id: stableId('role', value),
        value,
        allowedMemberTypes: ['Application'],
        isEnabled: true,
      })),
    },
  ];
}

const spSpec: CollectionSpec<ServicePrincipal> = {
  context: 'servicePrincipals',
  defaultPageSize: 100,
  maxPageSize: 999,
  project: (sp) => ({ ...sp }),
};

interface Assignment {
  id: string;
  appRoleId: string;
  principalId: string;
  principalType: string;
  resourceId: string;
  resourceDisplayName: string;
}

const assignmentSpec: CollectionSpec<Assignment> = {
  context: 'servicePrincipals/appRoleAssignments',
  defaultPageSize: 100,
  maxPageSize: 999,
  project: (a) => ({ ...a }),
};

function assignments(ctx: RouteContext, sp: ServicePrincipal): Assignment[] {
  if (sp.appId !== ctx.state.app.appId) return [];
  const graphSp = stableId('sp', GRAPH_APP_ID);
  return ctx.state.app.grantedPermissions.map((value) => ({
    id: stableId('assignment', value),
    appRoleId: stableId('role', value),
    principalId: sp.id,
    principalType: 'ServicePrincipal',
    resourceId: graphSp,
    resourceDisplayName: 'Microsoft Graph',
  }));
}

function byAppId(ctx: RouteContext): ServicePrincipal {
  const sp = servicePrincipals(ctx).find(
    (s) => s.appId.toLowerCase() === ctx.params.appId.toLowerCase(),
  );
  if (!sp) throw notFound(ctx.params.appId);
  return sp;
}

export const servicePrincipalRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: "/servicePrincipals(appId='{appId}')",
    permissions: READ,
    handle: (ctx) => entityResponse(ctx.req, byAppId(ctx), spSpec),
  },
  {
    method: 'GET',
    path: "/servicePrincipals(appId='{appId}')/appRoleAssignments",
    permissions: READ,
    handle: (ctx) => listResponse(ctx.req, assignments(ctx, byAppId(ctx)), assignmentSpec),
  },
];
