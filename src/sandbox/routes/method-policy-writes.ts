import { badRequest, notFound } from '../graph-error';
import type { MethodConfiguration } from '../fixture-schema';
import { PERMISSIONS } from '../../graph/permissions';
import { isRecord } from '../request';
import type { Route, RouteContext } from '../route';
import { objectBody, optionalBoolean, optionalInteger, optionalString } from './body';
import { findUser, isTargeted } from './directory-objects';

/**
 * Changing the authentication methods policy's per-method configurations (PATCH returns 204) and
 * turning on SMS sign-in for one person's mobile phone. Graph requires the configuration's
 * `@odata.type` in a PATCH body, rejects a TAP lifetime outside 10..43200 minutes or a default
 * outside min..max, and replaces a complex property (a feature setting) or the target list whole.
 */

const MOBILE_PHONE_METHOD = '3179e48a-750b-4051-897c-87b9720928f7';
const FEATURE_STATES = ['default', 'enabled', 'disabled'];

function findConfiguration(ctx: RouteContext): MethodConfiguration {
  const config = ctx.state.authenticationMethodsPolicy.authenticationMethodConfigurations.find(
    (c) => c.id.toLowerCase() === ctx.params.id.toLowerCase(),
  );
  if (!config) throw notFound(ctx.params.id);
  return config;
}

function checkTapLifetimes(config: Record<string, unknown>): void {
  const keys = ['minimumLifetimeInMinutes', 'defaultLifetimeInMinutes', 'maximumLifetimeInMinutes'];
  const [min, def, max] = keys.map((k) => config[k]) as number[];
  if ([min, def, max].some((n) => n < 10 || n > 43_200)) {
    throw badRequest('Lifetimes must be between 10 and 43200 minutes.');
  }
  if (min > def || def > max) {
    throw badRequest('defaultLifetimeInMinutes must be between the minimum and the maximum.');
  }
}

function checkFeature(name: string, value: unknown): void {
  if (
    !isRecord(value) ||
    typeof value.state !== 'string' ||
    !FEATURE_STATES.includes(value.state)
  ) {
    throw badRequest(`featureSettings.${name} needs a state of default, enabled or disabled.`);
  }
  for (const key of ['includeTarget', 'excludeTarget']) {
    const target = value[key];
    if (target !== undefined && (!isRecord(target) || typeof target.id !== 'string')) {
      throw badRequest(`featureSettings.${name}.${key} needs a targetType and an id.`);
    }
  }
}

function checkTargets(value: unknown): Array<Record<string, unknown>> {
  if (!Array.isArray(value) || !value.every(isRecord)) {
    throw badRequest('includeTargets must be a list of targets.');
  }
  for (const target of value) {
    if (target.targetType !== 'group' && target.targetType !== 'user') {
      throw badRequest("Each target needs targetType 'group' or 'user'.");
    }
    if (typeof target.id !== 'string' || target.id === '')
      throw badRequest('Each target needs an id.');
  }
  return value;
}

function patchConfiguration(ctx: RouteContext) {
  const config = findConfiguration(ctx) as MethodConfiguration & Record<string, unknown>;
  const body = objectBody(ctx.req.body);
  const type = optionalString(body, '@odata.type');
  if (type === undefined) throw badRequest('The @odata.type of the configuration is required.');
  if (type !== config['@odata.type']) {
    throw badRequest(`@odata.type ${type} does not match configuration ${config.id}.`);
  }
  const next: Record<string, unknown> = { ...config };
  const state = optionalString(body, 'state');
  if (state !== undefined) {
    if (state !== 'enabled' && state !== 'disabled')
      throw badRequest('state must be enabled or disabled.');
    next.state = state;
  }
  if (body.includeTargets !== undefined) next.includeTargets = checkTargets(body.includeTargets);
  if (config.id === 'TemporaryAccessPass') {
    for (const key of [
      'minimumLifetimeInMinutes',
      'defaultLifetimeInMinutes',
      'maximumLifetimeInMinutes',
      'defaultLength',
    ]) {
      const value = optionalInteger(body, key);
      if (value !== undefined) next[key] = value;
    }
    const once = optionalBoolean(body, 'isUsableOnce');
    if (once !== undefined) next.isUsableOnce = once;
    checkTapLifetimes(next);
  }
  if (body.featureSettings !== undefined) {
    if (!isRecord(body.featureSettings) || !isRecord(config.featureSettings)) {
      throw badRequest('featureSettings is not a property of this configuration.');
    }
    for (const [name, value] of Object.entries(body.featureSettings)) checkFeature(name, value);
    next.featureSettings = { ...config.featureSettings, ...body.featureSettings };
  }
  Object.assign(config, next);
  ctx.state.authenticationMethodsPolicy.lastModifiedDateTime = ctx.now().toISOString();
  return { status: 204 };
}

function enableSmsSignIn(ctx: RouteContext) {
  const user = findUser(ctx.state, ctx.params.id);
  if (ctx.params.methodId.toLowerCase() !== MOBILE_PHONE_METHOD) {
    throw badRequest('SMS sign-in works with the mobile phone method only.');
  }
  const phone = user.authentication.phoneMethods.find((p) => p.phoneType === 'mobile');
  if (!phone) throw notFound(ctx.params.methodId);
  const sms = ctx.state.authenticationMethodsPolicy.authenticationMethodConfigurations.find(
    (c) => c.id.toLowerCase() === 'sms',
  );
  const signInTargets = (sms?.includeTargets ?? []).filter((t) => t.isUsableForSignIn === true);
  const allowed =
    sms?.state === 'enabled' &&
    isTargeted(ctx.state, user.id, signInTargets) &&
    !isTargeted(ctx.state, user.id, sms.excludeTargets);
  if (!allowed) {
    throw badRequest('The SMS sign-in policy does not include this user.', 'smsSignInNotAllowed');
  }
  const duplicate = ctx.state.users.some(
    (u) =>
      u.id !== user.id &&
      u.authentication.phoneMethods.some(
        (p) => p.phoneType === 'mobile' && p.phoneNumber === phone.phoneNumber,
      ),
  );
  phone.smsSignInState = duplicate ? 'phoneNumberNotUnique' : 'ready';
  return { status: 204 };
}

export const methodPolicyWriteRoutes: Route[] = [
  {
    method: 'PATCH',
    path: '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/{id}',
    permissions: PERMISSIONS.authMethodPolicyWrite,
    handle: patchConfiguration,
  },
  {
    method: 'POST',
    path: '/users/{id}/authentication/phoneMethods/{methodId}/enableSmsSignIn',
    permissions: PERMISSIONS.smsSignInWrite,
    handle: enableSmsSignIn,
  },
];
