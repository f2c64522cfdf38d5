import { badRequest, GraphError } from '../graph-error';
import { contextUrl } from '../odata/collection';
import { describeAlternatives, PERMISSIONS } from '../../graph/permissions';
import { isRecord } from '../request';
import type { Route, RouteContext } from '../route';
import { objectBody } from './body';
import { findUser } from './directory-objects';

/**
 * Session revocation and user updates. A synced user's identity and password properties are
 * mastered on-premises, so Graph refuses to change them in the cloud. A password sent in
 * passwordProfile is accepted and dropped: only the fact and time of the change are kept.
 */

const UPDATABLE = new Set([
  'accountEnabled',
  'passwordProfile',
  'displayName',
  'givenName',
  'surname',
  'jobTitle',
  'department',
  'officeLocation',
  'mobilePhone',
  'businessPhones',
  'usageLocation',
]);

/** Properties Entra Connect writes; a cloud change to them is refused for synced users. */
const MASTERED_ON_PREMISES = new Set([
  'accountEnabled',
  'passwordProfile',
  'displayName',
  'givenName',
  'surname',
  'jobTitle',
  'department',
  'officeLocation',
  'mobilePhone',
  'businessPhones',
]);

function revokeSessions(ctx: RouteContext) {
  const user = findUser(ctx.state, ctx.params.id);
  // External users sign in through their home tenant; Graph answers success but revokes nothing.
  if (user.userType !== 'Guest') user.signInSessionsValidFromDateTime = ctx.now().toISOString();
  return {
    status: 200,
    body: { '@odata.context': contextUrl(ctx.req, 'Edm.Boolean'), value: true },
  };
}

function passwordProfile(value: unknown) {
  if (!isRecord(value))
    throw badRequest('passwordProfile must be an object.', 'Request_BadRequest');
  const { password, forceChangePasswordNextSignIn, forceChangePasswordNextSignInWithMfa } = value;
  for (const [name, flag] of Object.entries({
    forceChangePasswordNextSignIn,
    forceChangePasswordNextSignInWithMfa,
  })) {
    if (flag !== undefined && typeof flag !== 'boolean') {
      throw badRequest(`passwordProfile.${name} must be true or false.`, 'Request_BadRequest');
    }
  }
  if (password !== undefined && (typeof password !== 'string' || password.length < 8)) {
    throw badRequest(
      'The password does not meet the complexity requirements.',
      'Request_BadRequest',
    );
  }
  return {
    changed: password !== undefined,
    forceChangePasswordNextSignIn: forceChangePasswordNextSignIn === true,
    forceChangePasswordNextSignInWithMfa: forceChangePasswordNextSignInWithMfa === true,
  };
}

function updateUser(ctx: RouteContext) {
  const user = findUser(ctx.state, ctx.params.id);
  const body = objectBody(ctx.req.body, 'Request_BadRequest');
  const keys = Object.keys(body);
  if (keys.length === 0) throw badRequest('The update names no properties.', 'Request_BadRequest');
  // The password-profile permission covers passwordProfile alone, not other properties.
  if (keys.some((k) => k !== 'passwordProfile') && !PERMISSIONS.userWrite.some((p) => ctx.can(p))) {
    throw new GraphError(
      403,
      'Authorization_RequestDenied',
      `Insufficient privileges to complete the operation. Requires application permission ${describeAlternatives(PERMISSIONS.userWrite)}.`,
    );
  }
  for (const key of keys) {
    if (!UPDATABLE.has(key)) {
      throw badRequest(
        `Property '${key}' cannot be updated through this sandbox.`,
        'Request_BadRequest',
      );
    }
  }
  if (user.onPremisesSyncEnabled === true && keys.some((k) => MASTERED_ON_PREMISES.has(k))) {
    throw badRequest(
      'Unable to update on-premises mastered properties of a directory-synced user; change them in on-premises Active Directory.',
      'Request_BadRequest',
    );
  }
  const profile =
    body.passwordProfile === undefined ? undefined : passwordProfile(body.passwordProfile);
  if ('accountEnabled' in body && typeof body.accountEnabled !== 'boolean') {
    throw badRequest('accountEnabled must be true or false.', 'Request_BadRequest');
  }
  const { passwordProfile: _ignored, ...plain } = body;
  Object.assign(user, plain);
  if (profile) {
    user.passwordProfile = {
      password: null,
      forceChangePasswordNextSignIn: profile.forceChangePasswordNextSignIn,
      forceChangePasswordNextSignInWithMfa: profile.forceChangePasswordNextSignInWithMfa,
    };
    if (profile.changed) user.lastPasswordChangeDateTime = ctx.now().toISOString();
  }
  return { status: 204 };
}

export const userWriteRoutes: Route[] = [
  {
    method: 'POST',
    path: '/users/{id}/revokeSignInSessions',
    permissions: PERMISSIONS.userWrite,
    handle: revokeSessions,
  },
  {
    method: 'PATCH',
    path: '/users/{id}',
    permissions: [...PERMISSIONS.userWrite, 'User-PasswordProfile.ReadWrite.All'],
    handle: updateUser,
  },
];
