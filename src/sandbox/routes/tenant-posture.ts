import { badRequest, notFound } from '../graph-error';
import { entityResponse, listResponse, type CollectionSpec } from '../odata/collection';
import { PERMISSIONS } from '../../graph/permissions';
import type { FixtureSecureScore, FixtureServicePrincipal } from '../fixture-schema';
import type { Route } from '../route';

/**
 * Tenant-wide reads behind the posture checks and admin reports: security defaults, Secure
 * Score snapshots, enterprise applications with their assignments, and the beta report of
 * service principal sign-in activity.
 */

const secureScoreSpec: CollectionSpec<FixtureSecureScore> = {
  context: 'security/secureScores',
  defaultPageSize: 100,
  maxPageSize: 100,
  orderable: ['createdDateTime'],
  // Graph lists the newest daily snapshot first.
  defaultOrder: [{ path: ['createdDateTime'], descending: true }],
  project: (s) => ({ ...s }),
};

const servicePrincipalSpec: CollectionSpec<FixtureServicePrincipal> = {
  context: 'servicePrincipals',
  filter: {
    resource: 'servicePrincipal',
    errorCode: 'Request_UnsupportedQuery',
    properties: {
      id: ['eq', 'in'],
      appId: ['eq', 'in'],
      displayName: ['eq', 'startswith'],
      servicePrincipalType: ['eq'],
      accountEnabled: ['eq'],
      tags: ['any'],
    },
  },
  defaultPageSize: 100,
  maxPageSize: 999,
  orderable: ['displayName'],
  project: (sp) => {
    const { appRoleAssignedTo: _assigned, lastSignInDateTime: _last, ...rest } = sp;
    return rest;
  },
};

type Assignment = FixtureServicePrincipal['appRoleAssignedTo'][number];
const assignmentSpec: CollectionSpec<Assignment> = {
  context: 'appRoleAssignments',
  defaultPageSize: 100,
  maxPageSize: 999,
  project: (a) => ({ ...a }),
};

type SignInActivity = {
  id: string;
  appId: string;
  lastSignInActivity: { lastSignInDateTime: string | null };
};
const signInActivitySpec: CollectionSpec<SignInActivity> = {
  context: 'reports/servicePrincipalSignInActivities',
  filter: {
    resource: 'servicePrincipalSignInActivity',
    properties: { appId: ['eq'] },
  },
  defaultPageSize: 100,
  maxPageSize: 1000,
  project: (a) => ({ ...a }),
};

function findServicePrincipal(list: readonly FixtureServicePrincipal[], id: string) {
  const sp = list.find((s) => s.id.toLowerCase() === id.toLowerCase());
  if (!sp) throw notFound(id);
  return sp;
}

export const tenantPostureRoutes: Route[] = [
  {
    method: 'GET',
    path: '/policies/identitySecurityDefaultsEnforcementPolicy',
    permissions: PERMISSIONS.securityDefaultsRead,
    handle: (ctx) =>
      entityResponse(ctx.req, ctx.state.identitySecurityDefaultsEnforcementPolicy, {
        context: 'policies/identitySecurityDefaultsEnforcementPolicy',
        project: (p) => ({ ...p }),
      }),
  },
  {
    method: 'GET',
    path: '/security/secureScores',
    permissions: PERMISSIONS.secureScoreRead,
    handle: (ctx) => listResponse(ctx.req, ctx.state.secureScores, secureScoreSpec),
  },
  {
    method: 'GET',
    path: '/servicePrincipals',
    permissions: PERMISSIONS.servicePrincipalRead,
    handle: (ctx) => listResponse(ctx.req, ctx.state.servicePrincipals, servicePrincipalSpec),
  },
  {
    method: 'GET',
    path: '/servicePrincipals/{id}',
    permissions: PERMISSIONS.servicePrincipalRead,
    handle: (ctx) =>
      entityResponse(
        ctx.req,
        findServicePrincipal(ctx.state.servicePrincipals, ctx.params.id),
        servicePrincipalSpec,
      ),
  },
  {
    method: 'GET',
    path: '/servicePrincipals/{id}/appRoleAssignedTo',
    permissions: PERMISSIONS.servicePrincipalRead,
    handle: (ctx) =>
      listResponse(
        ctx.req,
        findServicePrincipal(ctx.state.servicePrincipals, ctx.params.id).appRoleAssignedTo,
        assignmentSpec,
      ),
  },
  {
    // Beta only: v1.0 has no such segment.
    method: 'GET',
    path: '/reports/servicePrincipalSignInActivities',
    permissions: PERMISSIONS.servicePrincipalSignInRead,
    limit: 'reports',
    handle: (ctx) => {
      if (ctx.req.version !== 'beta') {
        throw badRequest(
          "Resource not found for the segment 'servicePrincipalSignInActivities'.",
          'BadRequest',
        );
      }
      const rows = ctx.state.servicePrincipals.map((sp) => ({
        id: sp.appId,
        appId: sp.appId,
        lastSignInActivity: { lastSignInDateTime: sp.lastSignInDateTime },
      }));
      return listResponse(ctx.req, rows, signInActivitySpec);
    },
  },
];
