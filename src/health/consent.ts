import type { TokenCredential } from '@azure/identity';
import type { AppRoleAssignment, ServicePrincipal } from '@microsoft/microsoft-graph-types';
import { isAppError } from '../errors';
import type { GraphTransport } from '../graph/transport';

/**
 * Which Graph application permissions the app holds. Two sources, in order:
 * - the `roles` claim of the app's own Graph token: exactly the consented application
 *   permissions, and reading it needs no permission at all;
 * - the app role assignments of the app's service principal, resolved against Microsoft
 *   Graph's app roles (needs Application.Read.All), for credentials whose token is opaque.
 */
export const GRAPH_RESOURCE_APP_ID = '00000003-0000-0000-c000-000000000000';
const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

export type Consent =
  { readable: true; source: string; roles: string[] } | { readable: false; reason: string };

/** The `roles` claim of a JWT access token, or undefined when the token is not a readable JWT. */
export function rolesInToken(token: string): string[] | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as {
      roles?: unknown;
    };
    if (!Array.isArray(payload.roles)) return undefined;
    return payload.roles.filter((r): r is string => typeof r === 'string');
  } catch {
    return undefined;
  }
}

async function fromServicePrincipal(graph: GraphTransport, appId: string): Promise<string[]> {
  const context = {
    operation: 'reading the app role assignments',
    permission: 'Application.Read.All',
  };
  const key = `servicePrincipals(appId='${encodeURIComponent(appId)}')`;
  const assigned = (
    await graph.ok('GET', `/${key}/appRoleAssignments?$top=999`, undefined, context)
  ).body as { value?: AppRoleAssignment[] } | undefined;
  const resource = ((
    await graph.ok(
      'GET',
      `/servicePrincipals(appId='${GRAPH_RESOURCE_APP_ID}')?$select=id,appRoles`,
      undefined,
      context,
    )
  ).body ?? {}) as ServicePrincipal;
  const roleNames = new Map(
    (resource.appRoles ?? []).flatMap((r) => (r.id && r.value ? [[r.id, r.value] as const] : [])),
  );
  return (assigned?.value ?? [])
    .filter((a) => a.resourceId === resource.id && a.appRoleId)
    .flatMap((a) => {
      const name = roleNames.get(a.appRoleId as string);
      return name ? [name] : [];
    });
}

export async function readConsent(options: {
  graph: GraphTransport;
  credential?: TokenCredential;
  /** The app registration (client) id behind the Graph credential, when known. */
  appId?: string;
}): Promise<Consent> {
  let tokenProblem: string | undefined;
  if (options.credential) {
    try {
      const token = await options.credential.getToken(GRAPH_SCOPE);
      const roles = token ? rolesInToken(token.token) : undefined;
      if (roles) return { readable: true, source: 'the roles in the app token', roles };
    } catch (error) {
      tokenProblem = `no Graph token: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    }
  }
  if (!options.appId) {
    return {
      readable: false,
      reason: tokenProblem ?? 'the token carries no roles and the app id is not known',
    };
  }
  try {
    const roles = await fromServicePrincipal(options.graph, options.appId);
    return { readable: true, source: "the service principal's app role assignments", roles };
  } catch (error) {
    const status = isAppError(error) ? error.status : undefined;
    return {
      readable: false,
      reason:
        status === 403
          ? 'reading app role assignments needs Application.Read.All'
          : status === 404
            ? `no service principal for app ${options.appId} in this tenant`
            : (tokenProblem ?? `app role assignments could not be read (${status ?? 'no answer'})`),
    };
  }
}
