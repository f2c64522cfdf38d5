import { badRequest, GraphError, notFound } from '../graph-error';
import { entityResponse, listResponse, type CollectionSpec } from '../odata/collection';
import { readQueryOptions } from '../odata/query-options';
import { PERMISSIONS } from '../../graph/permissions';
import { isRecord, type SandboxRequest } from '../request';
import type { Route, RouteContext } from '../route';
import type { FixtureGroup, FixtureUser } from '../fixture-schema';
import { GROUP_FILTER, USER_FILTER } from './directory-filters';
import { directoryObjectList } from './directory-lists';
import {
  directMemberOf,
  directMembers,
  findDirectoryObject,
  findGroup,
  findUser,
  projectGroup,
  projectTyped,
  projectUser,
  transitiveMemberOf,
  transitiveMembers,
  USER_DEFAULT_PROPERTIES,
} from './directory-objects';

/** Reads of the organization, users, groups and memberships. */

const userSpec: CollectionSpec<FixtureUser> = {
  context: 'users',
  filter: USER_FILTER,
  defaultPageSize: 100,
  maxPageSize: 999,
  orderable: ['displayName', 'userPrincipalName'],
  advancedQueries: true,
  project: projectUser,
  defaultSelect: USER_DEFAULT_PROPERTIES,
};

const groupSpec: CollectionSpec<FixtureGroup> = {
  context: 'groups',
  filter: GROUP_FILTER,
  defaultPageSize: 100,
  maxPageSize: 999,
  orderable: ['displayName'],
  advancedQueries: true,
  project: projectGroup,
};

function selectsSignInActivity(req: SandboxRequest): boolean {
  return (readQueryOptions(req.query).select ?? []).some(
    (name) => name.toLowerCase() === 'signinactivity',
  );
}

/** signInActivity is a report property: it needs AuditLog.Read.All on top of user read. */
function guardSignInActivity(ctx: RouteContext): void {
  if (selectsSignInActivity(ctx.req) && !ctx.can('AuditLog.Read.All')) {
    throw new GraphError(
      403,
      'Authorization_RequestDenied',
      'Insufficient privileges to complete the operation. Reading signInActivity requires application permission AuditLog.Read.All.',
    );
  }
}

const signInActivityLimit = (req: SandboxRequest) =>
  selectsSignInActivity(req) ? ('signInActivity' as const) : undefined;

function idList(body: unknown, property: string): string[] {
  const ids = isRecord(body) ? body[property] : undefined;
  if (!Array.isArray(ids) || !ids.every((id): id is string => typeof id === 'string')) {
    throw badRequest(`Expected '${property}' to be an array of ids.`, 'Request_BadRequest');
  }
  if (ids.length > 20) {
    throw badRequest(
      `At most 20 ids may be checked in one request; got ${ids.length}.`,
      'Request_BadRequest',
    );
  }
  return ids;
}

function subjectId(ctx: RouteContext): string {
  const subject = findDirectoryObject(ctx.state, ctx.params.id);
  if (subject) return subject.entity.id;
  return findUser(ctx.state, ctx.params.id).id;
}

function checkMemberGroups(ctx: RouteContext) {
  const wanted = idList(ctx.req.body, 'groupIds');
  const groups = new Set(
    transitiveMemberOf(ctx.state, subjectId(ctx))
      .filter((o) => o.type === 'group')
      .map((o) => o.entity.id.toLowerCase()),
  );
  return { status: 200, body: { value: wanted.filter((id) => groups.has(id.toLowerCase())) } };
}

function checkMemberObjects(ctx: RouteContext) {
  const wanted = idList(ctx.req.body, 'ids');
  const objects = new Set(
    transitiveMemberOf(ctx.state, subjectId(ctx)).map((o) => o.entity.id.toLowerCase()),
  );
  return { status: 200, body: { value: wanted.filter((id) => objects.has(id.toLowerCase())) } };
}

const membershipRoutes = (prefix: string): Route[] => [
  {
    method: 'POST',
    path: `${prefix}/{id}/checkMemberGroups`,
    permissions: PERMISSIONS.membershipRead,
    handle: checkMemberGroups,
  },
  {
    method: 'POST',
    path: `${prefix}/{id}/checkMemberObjects`,
    permissions: PERMISSIONS.membershipRead,
    handle: checkMemberObjects,
  },
];

const withCast = (route: Route): Route[] => [route, { ...route, path: `${route.path}/{cast}` }];

export const directoryRoutes: Route[] = [
  {
    method: 'GET',
    path: '/me',
    permissions: [],
    handle: () => {
      throw badRequest('/me is only valid with a delegated (signed-in user) token.');
    },
  },
  {
    method: 'GET',
    path: '/organization',
    permissions: PERMISSIONS.organizationRead,
    handle: (ctx) =>
      listResponse(ctx.req, [ctx.state.organization], {
        context: 'organization',
        defaultPageSize: 100,
        maxPageSize: 100,
        project: (o) => ({ ...o }),
      }),
  },
  {
    method: 'GET',
    path: '/organization/{id}',
    permissions: PERMISSIONS.organizationRead,
    handle: (ctx) => {
      const org = ctx.state.organization;
      if (org.id.toLowerCase() !== ctx.params.id.toLowerCase()) throw notFound(ctx.params.id);
      return entityResponse(ctx.req, org, { context: 'organization', project: (o) => ({ ...o }) });
    },
  },
  {
    method: 'GET',
    path: '/users',
    permissions: PERMISSIONS.userRead,
    limit: signInActivityLimit,
    handle: (ctx) => {
      guardSignInActivity(ctx);
      return listResponse(ctx.req, ctx.state.users, userSpec);
    },
  },
  {
    method: 'GET',
    path: '/users/{id}',
    permissions: PERMISSIONS.userRead,
    limit: signInActivityLimit,
    handle: (ctx) => {
      guardSignInActivity(ctx);
      return entityResponse(ctx.req, findUser(ctx.state, ctx.params.id), userSpec);
    },
  },
  ...withCast({
    method: 'GET',
    path: '/users/{id}/memberOf',
    permissions: PERMISSIONS.membershipRead,
    handle: (ctx) =>
      directoryObjectList(
        ctx,
        directMemberOf(ctx.state, findUser(ctx.state, ctx.params.id).id),
        ctx.params.cast,
      ),
  }),
  ...withCast({
    method: 'GET',
    path: '/users/{id}/transitiveMemberOf',
    permissions: PERMISSIONS.membershipRead,
    handle: (ctx) =>
      directoryObjectList(
        ctx,
        transitiveMemberOf(ctx.state, findUser(ctx.state, ctx.params.id).id),
        ctx.params.cast,
      ),
  }),
  {
    method: 'GET',
    path: '/groups',
    permissions: PERMISSIONS.groupRead,
    handle: (ctx) =>
      listResponse(ctx.req, ctx.state.groups, {
        ...groupSpec,
        expand: { members: (g) => directMembers(ctx.state, g).map(projectTyped) },
      }),
  },
  {
    method: 'GET',
    path: '/groups/{id}',
    permissions: PERMISSIONS.groupRead,
    handle: (ctx) =>
      entityResponse(ctx.req, findGroup(ctx.state, ctx.params.id), {
        ...groupSpec,
        expand: { members: (g) => directMembers(ctx.state, g).map(projectTyped) },
      }),
  },
  ...withCast({
    method: 'GET',
    path: '/groups/{id}/members',
    permissions: PERMISSIONS.groupRead,
    handle: (ctx) =>
      directoryObjectList(
        ctx,
        directMembers(ctx.state, findGroup(ctx.state, ctx.params.id)),
        ctx.params.cast,
      ),
  }),
  ...withCast({
    method: 'GET',
    path: '/groups/{id}/transitiveMembers',
    permissions: PERMISSIONS.groupRead,
    handle: (ctx) =>
      directoryObjectList(
        ctx,
        transitiveMembers(ctx.state, findGroup(ctx.state, ctx.params.id)),
        ctx.params.cast,
      ),
  }),
  ...membershipRoutes('/users'),
  ...membershipRoutes('/groups'),
  ...membershipRoutes('/directoryObjects'),
];
