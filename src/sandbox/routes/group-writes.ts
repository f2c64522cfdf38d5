import { badRequest, GraphError, notFound } from '../graph-error';
import type { FixtureGroup } from '../fixture-schema';
import { describeAlternatives, PERMISSIONS } from '../../graph/permissions';
import type { Route, RouteContext } from '../route';
import { idFromReference, objectBody } from './body';
import { findDirectoryObject, findGroup } from './directory-objects';

/**
 * Group membership changes. Adding an existing member is a 400 ("already exist"), an unknown
 * object a 404; dynamic groups refuse manual members; role-assignable groups need
 * RoleManagement.ReadWrite.Directory as well. PATCH with members@odata.bind adds up to 20
 * members, all or none.
 */

const MAX_BIND = 20;

function writableGroup(ctx: RouteContext): FixtureGroup {
  const group = findGroup(ctx.state, ctx.params.id);
  if (group.groupTypes.includes('DynamicMembership')) {
    throw badRequest(
      'Members cannot be added to or removed from a group with dynamic membership.',
      'Request_BadRequest',
    );
  }
  if (
    group.isAssignableToRole === true &&
    !PERMISSIONS.roleAssignableGroupWrite.some((p) => ctx.can(p))
  ) {
    throw new GraphError(
      403,
      'Authorization_RequestDenied',
      `Insufficient privileges to complete the operation. Changing a role-assignable group also requires application permission ${describeAlternatives(PERMISSIONS.roleAssignableGroupWrite)}.`,
    );
  }
  return group;
}

/** Checks one new member; throws the error Graph gives for it. */
function checkNewMember(ctx: RouteContext, group: FixtureGroup, id: string): string {
  const target = findDirectoryObject(ctx.state, id);
  if (!target || target.type === 'directoryRole') throw notFound(id);
  if (target.entity.id === group.id)
    throw badRequest('A group cannot be a member of itself.', 'Request_BadRequest');
  if (group.members.some((m) => m.toLowerCase() === id.toLowerCase())) {
    throw badRequest(
      "One or more added object references already exist for the property 'members'.",
      'Request_BadRequest',
    );
  }
  return target.entity.id;
}

function addMember(ctx: RouteContext) {
  const group = writableGroup(ctx);
  const id = idFromReference(objectBody(ctx.req.body, 'Request_BadRequest')['@odata.id']);
  group.members.push(checkNewMember(ctx, group, id));
  return { status: 204 };
}

function removeMember(ctx: RouteContext) {
  const group = writableGroup(ctx);
  const index = group.members.findIndex(
    (m) => m.toLowerCase() === ctx.params.memberId.toLowerCase(),
  );
  if (index < 0) throw notFound(ctx.params.memberId);
  group.members.splice(index, 1);
  return { status: 204 };
}

const GROUP_PROPERTIES = new Set(['displayName', 'description']);

function updateGroup(ctx: RouteContext) {
  const body = objectBody(ctx.req.body, 'Request_BadRequest');
  const { 'members@odata.bind': binds, ...properties } = body;
  for (const key of Object.keys(properties)) {
    if (!GROUP_PROPERTIES.has(key)) {
      throw badRequest(
        `Property '${key}' cannot be updated through this sandbox.`,
        'Request_BadRequest',
      );
    }
  }
  if (Object.keys(properties).length > 0 && !PERMISSIONS.groupWrite.some((p) => ctx.can(p))) {
    throw new GraphError(
      403,
      'Authorization_RequestDenied',
      `Insufficient privileges to complete the operation. Changing group properties requires application permission ${describeAlternatives(PERMISSIONS.groupWrite)}.`,
    );
  }
  const group = binds === undefined ? findGroup(ctx.state, ctx.params.id) : writableGroup(ctx);
  let additions: string[] = [];
  if (binds !== undefined) {
    if (!Array.isArray(binds))
      throw badRequest('members@odata.bind must be an array.', 'Request_BadRequest');
    if (binds.length > MAX_BIND) {
      throw badRequest(
        `At most ${MAX_BIND} members can be added in one request; got ${binds.length}.`,
        'Request_BadRequest',
      );
    }
    // Validate everything first: one bad reference means nothing is added.
    additions = binds.map((ref) => checkNewMember(ctx, group, idFromReference(ref)));
    if (new Set(additions.map((a) => a.toLowerCase())).size !== additions.length) {
      throw badRequest('The same member is listed twice.', 'Request_BadRequest');
    }
  }
  for (const [key, value] of Object.entries(properties)) {
    if (typeof value !== 'string' && value !== null)
      throw badRequest(`'${key}' must be a string.`, 'Request_BadRequest');
  }
  Object.assign(group, properties);
  group.members.push(...additions);
  return { status: 204 };
}

export const groupWriteRoutes: Route[] = [
  {
    method: 'POST',
    path: '/groups/{id}/members/$ref',
    permissions: PERMISSIONS.groupMemberWrite,
    handle: addMember,
  },
  {
    method: 'DELETE',
    path: '/groups/{id}/members/{memberId}/$ref',
    permissions: PERMISSIONS.groupMemberWrite,
    handle: removeMember,
  },
  {
    method: 'PATCH',
    path: '/groups/{id}',
    permissions: PERMISSIONS.groupMemberWrite,
    handle: updateGroup,
  },
];
