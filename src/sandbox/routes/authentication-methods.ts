import { notFound } from '../graph-error';
import { entityResponse, listResponse } from '../odata/collection';
import { PERMISSIONS, type PermissionAlternative } from '../../graph/permissions';
import type { FixtureUser } from '../fixture-schema';
import type { Route, RouteContext } from '../route';
import { findUser } from './directory-objects';
import { projectTap } from './tap-status';

/** Reads of a user's registered authentication methods, by kind and all together. */

type MethodKind = keyof FixtureUser['authentication'];

interface KindInfo {
  odataType: string;
  permissions: readonly PermissionAlternative[];
}

const KINDS: Readonly<Record<MethodKind, KindInfo>> = {
  passwordMethods: {
    odataType: '#microsoft.graph.passwordAuthenticationMethod',
    permissions: PERMISSIONS.authMethodsRead,
  },
  phoneMethods: {
    odataType: '#microsoft.graph.phoneAuthenticationMethod',
    permissions: PERMISSIONS.phoneRead,
  },
  microsoftAuthenticatorMethods: {
    odataType: '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod',
    permissions: PERMISSIONS.authMethodsRead,
  },
  temporaryAccessPassMethods: {
    odataType: '#microsoft.graph.temporaryAccessPassAuthenticationMethod',
    permissions: PERMISSIONS.tapRead,
  },
  fido2Methods: {
    odataType: '#microsoft.graph.fido2AuthenticationMethod',
    permissions: PERMISSIONS.authMethodsRead,
  },
};

interface MethodEntry {
  kind: MethodKind;
  method: { id: string };
}

function entries(user: FixtureUser, kind?: MethodKind): MethodEntry[] {
  const kinds = kind ? [kind] : (Object.keys(KINDS) as MethodKind[]);
  return kinds.flatMap((k) => user.authentication[k].map((method) => ({ kind: k, method })));
}

function project(ctx: RouteContext, user: FixtureUser, entry: MethodEntry, typed: boolean) {
  const tap = user.authentication.temporaryAccessPassMethods.find((t) => t === entry.method);
  const body: Record<string, unknown> = tap
    ? projectTap(ctx.state, user, tap, ctx.now())
    : entry.kind === 'passwordMethods'
      ? { ...entry.method, password: null }
      : { ...entry.method };
  return typed ? { '@odata.type': KINDS[entry.kind].odataType, ...body } : body;
}

function listRoute(
  path: string,
  kind: MethodKind | undefined,
  permissions: readonly PermissionAlternative[],
): Route[] {
  const context = (ctx: RouteContext) => `users('${ctx.params.id}')/authentication/${path}`;
  return [
    {
      method: 'GET',
      path: `/users/{id}/authentication/${path}`,
      permissions,
      handle: (ctx) => {
        const user = findUser(ctx.state, ctx.params.id);
        return listResponse(ctx.req, entries(user, kind), {
          context: context(ctx),
          defaultPageSize: 100,
          maxPageSize: 100,
          project: (e) => project(ctx, user, e, kind === undefined),
        });
      },
    },
    {
      method: 'GET',
      path: `/users/{id}/authentication/${path}/{methodId}`,
      permissions,
      handle: (ctx) => {
        const user = findUser(ctx.state, ctx.params.id);
        const entry = entries(user, kind).find(
          (e) => e.method.id.toLowerCase() === ctx.params.methodId.toLowerCase(),
        );
        if (!entry) throw notFound(ctx.params.methodId);
        return entityResponse(ctx.req, entry, {
          context: context(ctx),
          project: (e) => project(ctx, user, e, kind === undefined),
        });
      },
    },
  ];
}

export const authenticationMethodRoutes: Route[] = [
  ...listRoute('methods', undefined, PERMISSIONS.authMethodsRead),
  ...(Object.keys(KINDS) as MethodKind[]).flatMap((kind) =>
    listRoute(kind, kind, KINDS[kind].permissions),
  ),
];
