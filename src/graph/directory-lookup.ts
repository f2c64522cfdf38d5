import type { DirectoryLookup, Found } from '../remediation/admin-changes/ask';
import { isAppError } from '../errors';
import { PERMISSION } from './remediation-permissions';
import { isRecord, path, text, type GraphTransport } from './transport';

/**
 * Finds the group, person or Conditional Access policy an admin named in a command or on a card:
 * by id, by exact display name (or sign-in name), or for a policy by the short name before its
 * colon ("CA006"). An ambiguous or unknown name is a sentence for the person, not an error.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A string literal for an OData $filter. */
function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

async function orNotFound(read: () => Promise<Found>, problem: string): Promise<Found> {
  try {
    return await read();
  } catch (error) {
    if (isAppError(error) && error.status === 404) return { ok: false, problem };
    throw error;
  }
}

export class GraphDirectoryLookup implements DirectoryLookup {
  constructor(private readonly graph: GraphTransport) {}

  async findGroup(nameOrId: string): Promise<Found> {
    const context = { operation: 'finding the group', permission: PERMISSION.groupRead };
    const wanted = nameOrId.trim();
    if (GUID.test(wanted)) {
      return orNotFound(async () => {
        const { body } = await this.graph.ok(
          'GET',
          `${path('groups', wanted)}?$select=id,displayName`,
          undefined,
          context,
        );
        const group = isRecord(body) ? body : {};
        return { ok: true, id: text(group.id, wanted), name: text(group.displayName, wanted) };
      }, `There is no group with the id ${wanted}.`);
    }
    const items = await this.graph.all(
      `/groups?$filter=${encodeURIComponent(`displayName eq ${literal(wanted)}`)}&$select=id,displayName`,
      context,
    );
    if (items.length === 0) return { ok: false, problem: `There is no group named "${wanted}".` };
    if (items.length > 1) {
      return { ok: false, problem: `Several groups are named "${wanted}": give the group's id.` };
    }
    return { ok: true, id: text(items[0].id), name: text(items[0].displayName, wanted) };
  }

  async findUser(upnOrId: string): Promise<Found> {
    const wanted = upnOrId.trim();
    return orNotFound(async () => {
      const { body } = await this.graph.ok(
        'GET',
        `${path('users', wanted)}?$select=id,displayName`,
        undefined,
        { operation: 'finding the person', permission: PERMISSION.userRead },
      );
      const user = isRecord(body) ? body : {};
      return { ok: true, id: text(user.id, wanted), name: text(user.displayName, wanted) };
    }, `There is nobody with the sign-in name or id ${wanted} in this tenant.`);
  }

  async findPolicy(nameOrId: string): Promise<Found> {
    const wanted = nameOrId.trim().toLowerCase();
    const items = await this.graph.all(
      '/identity/conditionalAccess/policies?$select=id,displayName',
      {
        operation: 'finding the Conditional Access policy',
        permission: PERMISSION.caRead,
      },
    );
    const named = (item: Record<string, unknown>) => text(item.displayName).toLowerCase();
    const matches = items.filter(
      (item) =>
        text(item.id).toLowerCase() === wanted ||
        named(item) === wanted ||
        named(item).split(':')[0].trim() === wanted,
    );
    if (matches.length === 1) {
      return { ok: true, id: text(matches[0].id), name: text(matches[0].displayName) };
    }
    return {
      ok: false,
      problem:
        matches.length === 0
          ? `There is no Conditional Access policy named "${nameOrId.trim()}".`
          : `Several policies match "${nameOrId.trim()}": give the policy's id.`,
    };
  }
}
