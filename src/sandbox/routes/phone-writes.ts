import { badRequest, notFound } from '../graph-error';
import {
  PHONE_METHOD_IDS,
  PHONE_NUMBER,
  type FixturePhoneMethod,
  type FixtureUser,
} from '../fixture-schema';
import { contextUrl } from '../odata/collection';
import { PERMISSIONS } from '../../graph/permissions';
import type { Route, RouteContext } from '../route';
import { objectBody } from './body';
import { findUser } from './directory-objects';
import { inPolicyScope } from './tap-status';

/**
 * Adding and removing phone methods. Graph wants "+{country code} {number}" with an optional
 * "x{extension}", one phone per type, a mobile before an alternateMobile, and never the
 * read-only smsSignInState in the body.
 */

type PhoneType = keyof typeof PHONE_METHOD_IDS;

function isPhoneType(value: unknown): value is PhoneType {
  return typeof value === 'string' && value in PHONE_METHOD_IDS;
}

function smsState(
  ctx: RouteContext,
  user: FixtureUser,
  type: PhoneType,
): FixturePhoneMethod['smsSignInState'] {
  if (type !== 'mobile') return 'notSupported';
  const sms = ctx.state.authenticationMethodsPolicy.authenticationMethodConfigurations.find(
    (c) => c.id.toLowerCase() === 'sms',
  );
  if (!sms || !inPolicyScope(ctx.state, user, sms)) return 'notAllowedByPolicy';
  const usable = (sms.includeTargets ?? []).some((t) => t.isUsableForSignIn === true);
  return usable ? 'notEnabled' : 'notAllowedByPolicy';
}

function createPhone(ctx: RouteContext) {
  const user = findUser(ctx.state, ctx.params.id);
  const body = objectBody(ctx.req.body, 'badRequest');
  if ('smsSignInState' in body) throw badRequest('smsSignInState is read-only.', 'badRequest');
  const { phoneNumber, phoneType } = body;
  if (!isPhoneType(phoneType)) {
    throw badRequest("phoneType must be 'mobile', 'alternateMobile' or 'office'.", 'badRequest');
  }
  if (typeof phoneNumber !== 'string' || !PHONE_NUMBER.test(phoneNumber)) {
    throw badRequest(
      `Invalid phoneNumber ${JSON.stringify(phoneNumber)}: expected "+{country code} {number}" with an optional "x{extension}".`,
      'badRequest',
    );
  }
  const phones = user.authentication.phoneMethods;
  if (phones.some((p) => p.phoneType === phoneType)) {
    throw badRequest(`The user already has a ${phoneType} phone method.`, 'badRequest');
  }
  if (phoneType === 'alternateMobile' && !phones.some((p) => p.phoneType === 'mobile')) {
    throw badRequest('A mobile phone is needed before an alternateMobile phone.', 'badRequest');
  }
  const method = {
    id: PHONE_METHOD_IDS[phoneType],
    phoneNumber,
    phoneType,
    smsSignInState: smsState(ctx, user, phoneType),
  };
  phones.push(method);
  return {
    status: 201,
    body: {
      '@odata.context': contextUrl(
        ctx.req,
        `users('${user.id}')/authentication/phoneMethods/$entity`,
      ),
      ...method,
    },
  };
}

function deletePhone(ctx: RouteContext) {
  const user = findUser(ctx.state, ctx.params.id);
  const phones = user.authentication.phoneMethods;
  const index = phones.findIndex((p) => p.id.toLowerCase() === ctx.params.methodId.toLowerCase());
  if (index < 0) throw notFound(ctx.params.methodId);
  phones.splice(index, 1);
  return { status: 204 };
}

export const phoneWriteRoutes: Route[] = [
  {
    method: 'POST',
    path: '/users/{id}/authentication/phoneMethods',
    permissions: PERMISSIONS.phoneWrite,
    handle: createPhone,
  },
  {
    method: 'DELETE',
    path: '/users/{id}/authentication/phoneMethods/{methodId}',
    permissions: PERMISSIONS.phoneWrite,
    handle: deletePhone,
  },
];
