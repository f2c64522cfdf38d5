import { randomInt, randomUUID } from 'node:crypto';
import { badRequest, notFound } from '../graph-error';
import { contextUrl } from '../odata/collection';
import { PERMISSIONS } from '../../graph/permissions';
import type { Route, RouteContext } from '../route';
import { objectBody, optionalBoolean, optionalInteger, optionalString } from './body';
import { findUser } from './directory-objects';
import { projectTap, tapPolicy } from './tap-status';

/**
 * Issuing and deleting a Temporary Access Pass. The pass is generated here, returned once in
 * the 201 body and never stored: state keeps only its metadata, so no later read and no log
 * entry can reveal it. A user holds at most one pass; a second create answers 400.
 */

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789@#$%&*+=?';

function generatePass(length: number): string {
  let pass = '';
  for (let i = 0; i < length; i += 1) pass += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return pass;
}

function policyNumber(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

function createTap(ctx: RouteContext) {
  const user = findUser(ctx.state, ctx.params.id);
  const body = objectBody(ctx.req.body, 'badRequest');
  if (user.userType === 'Guest') {
    throw badRequest(
      'A Temporary Access Pass cannot be added to an external guest user.',
      'badRequest',
    );
  }
  const policy = tapPolicy(ctx.state);
  if (!policy || policy.state !== 'enabled') {
    throw badRequest(
      'The Temporary Access Pass method is disabled by the authentication methods policy.',
      'badRequest',
    );
  }
  if (user.authentication.temporaryAccessPassMethods.length > 0) {
    throw badRequest(
      'The user already has a Temporary Access Pass; delete it before creating a new one.',
      'badRequest',
    );
  }
  const min = policyNumber(policy.minimumLifetimeInMinutes, 60);
  const max = policyNumber(policy.maximumLifetimeInMinutes, 480);
  const lifetime =
    optionalInteger(body, 'lifetimeInMinutes', 'badRequest') ??
    policyNumber(policy.defaultLifetimeInMinutes, min);
  if (lifetime < min || lifetime > max) {
    throw badRequest(
      `Invalid lifetimeInMinutes ${lifetime}: the policy allows ${min} to ${max}.`,
      'badRequest',
    );
  }
  const policyOneTime = policy.isUsableOnce === true;
  const isUsableOnce = optionalBoolean(body, 'isUsableOnce', 'badRequest') ?? policyOneTime;
  if (policyOneTime && !isUsableOnce) {
    throw badRequest('The policy allows only one-time Temporary Access Passes.', 'badRequest');
  }
  const now = ctx.now();
  const start = optionalString(body, 'startDateTime', 'badRequest');
  if (start !== undefined && Number.isNaN(Date.parse(start))) {
    throw badRequest(`Invalid startDateTime '${start}'.`, 'badRequest');
  }
  const tap = {
    id: randomUUID(),
    createdDateTime: now.toISOString(),
    startDateTime: start === undefined ? now.toISOString() : new Date(start).toISOString(),
    lifetimeInMinutes: lifetime,
    isUsableOnce,
  };
  user.authentication.temporaryAccessPassMethods.push(tap);
  const code = generatePass(policyNumber(policy.defaultLength, 8));
  return {
    status: 201,
    body: {
      '@odata.context': contextUrl(
        ctx.req,
        `users('${user.id}')/authentication/temporaryAccessPassMethods/$entity`,
      ),
      ...projectTap(ctx.state, user, tap, now),
      temporaryAccessPass: code,
    },
  };
}

function deleteTap(ctx: RouteContext) {
  const user = findUser(ctx.state, ctx.params.id);
  const methods = user.authentication.temporaryAccessPassMethods;
  const index = methods.findIndex((m) => m.id.toLowerCase() === ctx.params.methodId.toLowerCase());
  if (index < 0) throw notFound(ctx.params.methodId);
  methods.splice(index, 1);
  return { status: 204 };
}

export const tapWriteRoutes: Route[] = [
  {
    method: 'POST',
    path: '/users/{id}/authentication/temporaryAccessPassMethods',
    permissions: PERMISSIONS.tapWrite,
    handle: createTap,
  },
  {
    method: 'DELETE',
    path: '/users/{id}/authentication/temporaryAccessPassMethods/{methodId}',
    permissions: PERMISSIONS.tapWrite,
    handle: deleteTap,
  },
];
