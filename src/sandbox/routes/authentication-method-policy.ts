import { notFound } from '../graph-error';
import { entityResponse } from '../odata/collection';
import { PERMISSIONS } from '../../graph/permissions';
import type { MethodConfiguration } from '../fixture-schema';
import { isRecord } from '../request';
import type { Route, RouteContext } from '../route';

/**
 * The tenant's authentication methods policy and its per-method configurations. Microsoft
 * Authenticator's number-matching and companion-app feature settings exist only in beta.
 */

const BETA_ONLY_FEATURES = ['numberMatchingRequiredState', 'companionAppAllowedState'];

function projectConfiguration(ctx: RouteContext, config: MethodConfiguration) {
  const out: Record<string, unknown> = { ...config };
  if (ctx.req.version === 'v1.0' && isRecord(out.featureSettings)) {
    const features = { ...out.featureSettings };
    for (const key of BETA_ONLY_FEATURES) delete features[key];
    out.featureSettings = features;
  }
  return out;
}

export const authenticationMethodPolicyRoutes: Route[] = [
  {
    method: 'GET',
    path: '/policies/authenticationMethodsPolicy',
    permissions: PERMISSIONS.authMethodPolicyRead,
    handle: (ctx) => {
      const policy = ctx.state.authenticationMethodsPolicy;
      return entityResponse(ctx.req, policy, {
        context: 'policies/authenticationMethodsPolicy',
        project: (p) => ({
          ...p,
          authenticationMethodConfigurations: p.authenticationMethodConfigurations.map((c) =>
            projectConfiguration(ctx, c),
          ),
        }),
      });
    },
  },
  {
    method: 'GET',
    path: '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/{id}',
    permissions: PERMISSIONS.authMethodPolicyRead,
    handle: (ctx) => {
      const config = ctx.state.authenticationMethodsPolicy.authenticationMethodConfigurations.find(
        (c) => c.id.toLowerCase() === ctx.params.id.toLowerCase(),
      );
      if (!config) throw notFound(ctx.params.id);
      return entityResponse(ctx.req, config, {
        context: 'authenticationMethodConfigurations',
        project: (c) => projectConfiguration(ctx, c),
      });
    },
  },
];
