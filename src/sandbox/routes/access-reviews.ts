import { randomUUID } from 'node:crypto';
import { badRequest } from '../graph-error';
import type { FixtureAccessReview } from '../fixture-schema';
import { contextUrl, listResponse, type CollectionSpec } from '../odata/collection';
import { PERMISSIONS } from '../../graph/permissions';
import { isRecord } from '../request';
import type { Route, RouteContext } from '../route';
import { objectBody } from './body';

/**
 * Access review definitions: list and create. A create is checked the way Graph checks the
 * parts the bot sends: a name, a scope whose principal query is valid, an ISO 8601 inactivity
 * duration, reviewers, and settings whose recurrence has a start date; auto-apply with the
 * disable-and-delete action is allowed only for a review of guests.
 */

const spec: CollectionSpec<FixtureAccessReview> = {
  context: 'identityGovernance/accessReviews/definitions',
  filter: { resource: 'accessReviewScheduleDefinition', properties: { displayName: ['eq'] } },
  defaultPageSize: 100,
  maxPageSize: 100,
  project: (d) => ({ ...d }),
};

const DURATION = /^P(\d+D|T\d+[HMS])$/;

function principalScopes(scope: Record<string, unknown>): Array<Record<string, unknown>> {
  const list = scope.principalScopes;
  if (Array.isArray(list) && list.every(isRecord) && list.length > 0) return list;
  if (typeof scope.query === 'string') return [scope];
  throw badRequest('scope needs a query or principalScopes.', 'InvalidScope');
}

function createDefinition(ctx: RouteContext) {
  const body = objectBody(ctx.req.body);
  if (typeof body.displayName !== 'string' || body.displayName.trim() === '') {
    throw badRequest('displayName is required.', 'InvalidRequest');
  }
  if (!isRecord(body.scope)) throw badRequest('scope is required.', 'InvalidScope');
  const principals = principalScopes(body.scope);
  let guestsOnly = true;
  for (const p of principals) {
    if (typeof p.query !== 'string' || !p.query.startsWith('/')) {
      throw badRequest('Each scope needs a query starting with /.', 'InvalidScope');
    }
    if (p['@odata.type'] === '#microsoft.graph.accessReviewInactiveUsersQueryScope') {
      if (typeof p.inactiveDuration !== 'string' || !DURATION.test(p.inactiveDuration)) {
        throw badRequest(
          'inactiveDuration must be an ISO 8601 duration such as P90D.',
          'InvalidScope',
        );
      }
    }
    if (!/userType eq 'Guest'/.test(p.query)) guestsOnly = false;
  }
  if (!Array.isArray(body.reviewers) || body.reviewers.length === 0) {
    throw badRequest('At least one reviewer is required.', 'InvalidReviewers');
  }
  const settings = isRecord(body.settings) ? body.settings : {};
  const recurrence = isRecord(settings.recurrence) ? settings.recurrence : undefined;
  const range = recurrence && isRecord(recurrence.range) ? recurrence.range : undefined;
  if (recurrence && typeof range?.startDate !== 'string') {
    throw badRequest('settings.recurrence.range.startDate is required.', 'InvalidSettings');
  }
  const actions = Array.isArray(settings.applyActions) ? settings.applyActions : [];
  const disableAndDelete = actions.some(
    (a) => isRecord(a) && a['@odata.type'] === '#microsoft.graph.disableAndDeleteUserApplyAction',
  );
  if (disableAndDelete && !guestsOnly) {
    throw badRequest(
      'disableAndDeleteUserApplyAction is for reviews of guests only.',
      'InvalidSettings',
    );
  }
  const created: FixtureAccessReview = {
    ...body,
    id: randomUUID(),
    displayName: body.displayName,
    status: 'NotStarted',
    createdDateTime: ctx.now().toISOString(),
  };
  ctx.state.accessReviewDefinitions.push(created);
  return {
    status: 201,
    body: { '@odata.context': contextUrl(ctx.req, `${spec.context}/$entity`), ...created },
  };
}

export const accessReviewRoutes: Route[] = [
  {
    method: 'GET',
    path: '/identityGovernance/accessReviews/definitions',
    permissions: PERMISSIONS.accessReviewRead,
    handle: (ctx) => listResponse(ctx.req, ctx.state.accessReviewDefinitions, spec),
  },
  {
    method: 'POST',
    path: '/identityGovernance/accessReviews/definitions',
    permissions: PERMISSIONS.accessReviewWrite,
    handle: createDefinition,
  },
];
