import { randomUUID } from 'node:crypto';
import { badRequest, notFound } from '../graph-error';
import type { FixtureRiskyUser, FixtureUser } from '../fixture-schema';
import { PERMISSIONS } from '../../graph/permissions';
import type { Route, RouteContext } from '../route';
import { objectBody } from './body';

/**
 * dismiss and confirmCompromised. Dismiss sets risk to none and marks the user's open
 * detections and risky sign-ins dismissed; it does not touch the password. Confirming
 * compromise sets risk to high and records an admin detection. Guests are never in
 * riskyUsers, so both answer 404 for them.
 */

function userIds(ctx: RouteContext): string[] {
  const ids = objectBody(ctx.req.body).userIds;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string')) {
    throw badRequest("Expected 'userIds' to be a non-empty array of user ids.");
  }
  return ids as string[];
}

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function appendHistory(ctx: RouteContext, risky: FixtureRiskyUser, detail: string, at: string) {
  risky.history.push({
    id: `${risky.id}-${randomUUID()}`,
    userId: risky.id,
    userPrincipalName: risky.userPrincipalName,
    userDisplayName: risky.userDisplayName,
    initiatedBy: ctx.state.app.appId,
    activity: { detail, riskEventTypes: [] },
    riskLevel: risky.riskLevel,
    riskState: risky.riskState,
    riskDetail: risky.riskDetail,
    riskLastUpdatedDateTime: at,
    isDeleted: false,
    isProcessing: false,
  });
}

function dismiss(ctx: RouteContext) {
  const ids = userIds(ctx);
  const targets = ids.map((id) => {
    const risky = ctx.state.riskyUsers.find((r) => sameId(r.id, id));
    if (!risky) throw notFound(id);
    if (risky.isDeleted) throw badRequest(`Risk cannot be dismissed for deleted user '${id}'.`);
    return risky;
  });
  const at = ctx.now().toISOString();
  const detail = 'adminDismissedAllRiskForUser';
  for (const risky of targets) {
    Object.assign(risky, {
      riskLevel: 'none',
      riskState: 'dismissed',
      riskDetail: detail,
      riskLastUpdatedDateTime: at,
    });
    appendHistory(ctx, risky, detail, at);
    for (const d of ctx.state.riskDetections) {
      if (sameId(d.userId, risky.id) && d.riskState === 'atRisk') {
        Object.assign(d, { riskState: 'dismissed', riskDetail: detail, lastUpdatedDateTime: at });
      }
    }
    for (const s of ctx.state.signIns) {
      if (sameId(s.userId, risky.id) && s.riskState === 'atRisk') {
        Object.assign(s, { riskState: 'dismissed', riskDetail: detail });
      }
    }
  }
  return { status: 204 };
}

function memberUser(ctx: RouteContext, id: string): FixtureUser {
  const user = ctx.state.users.find((u) => sameId(u.id, id));
  if (!user || user.userType === 'Guest') throw notFound(id);
  return user;
}

function confirmCompromised(ctx: RouteContext) {
  const users = userIds(ctx).map((id) => memberUser(ctx, id));
  const at = ctx.now().toISOString();
  const detail = 'adminConfirmedUserCompromised';
  for (const user of users) {
    let risky = ctx.state.riskyUsers.find((r) => r.id === user.id);
    if (!risky) {
      risky = {
        id: user.id,
        userPrincipalName: user.userPrincipalName,
        userDisplayName: user.displayName,
        riskLevel: 'none',
        riskState: 'none',
        riskDetail: 'none',
        riskLastUpdatedDateTime: at,
        isDeleted: false,
        isProcessing: false,
        history: [],
      };
      ctx.state.riskyUsers.push(risky);
    }
    Object.assign(risky, {
      riskLevel: 'high',
      riskState: 'confirmedCompromised',
      riskDetail: detail,
      riskLastUpdatedDateTime: at,
    });
    appendHistory(ctx, risky, detail, at);
    ctx.state.riskDetections.push({
      id: randomUUID().replace(/-/g, ''),
      userId: user.id,
      userPrincipalName: user.userPrincipalName,
      userDisplayName: user.displayName,
      requestId: null,
      correlationId: null,
      riskEventType: 'adminConfirmedUserCompromised',
      riskLevel: 'high',
      riskState: 'confirmedCompromised',
      riskDetail: detail,
      detectionTimingType: 'offline',
      activity: 'user',
      source: 'IdentityProtection',
      activityDateTime: at,
      detectedDateTime: at,
      lastUpdatedDateTime: at,
    });
  }
  return { status: 204 };
}

export const riskActionRoutes: Route[] = [
  {
    method: 'POST',
    path: '/identityProtection/riskyUsers/dismiss',
    permissions: PERMISSIONS.riskyUserWrite,
    limit: 'identityProtection',
    handle: dismiss,
  },
  {
    method: 'POST',
    path: '/identityProtection/riskyUsers/confirmCompromised',
    permissions: PERMISSIONS.riskyUserWrite,
    limit: 'identityProtection',
    handle: confirmCompromised,
  },
];
