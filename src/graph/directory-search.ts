import type { DirectoryChoice, DirectorySearch } from '../remediation/ports';
import { PERMISSION } from './remediation-permissions';
import { isRecord, text, type GraphTransport } from './transport';

/**
 * The typeahead of a fix's form on Microsoft Graph: `startswith` on the display name (and, for
 * people, the sign-in name), which Graph answers on groups and users without advanced queries.
 * What was typed goes into an OData string literal, so its quotes are doubled.
 */
export class GraphDirectorySearch implements DirectorySearch {
  constructor(private readonly graph: GraphTransport) {}

  async groups(typed: string, top: number): Promise<DirectoryChoice[]> {
    const filter = `startswith(displayName,'${literal(typed)}')`;
    const rows = await this.list(
      `/groups?$filter=${encodeURIComponent(filter)}&$select=id,displayName&$top=${top}`,
      'searching groups',
      PERMISSION.groupRead,
    );
    return rows.map((row) => ({ id: text(row.id), title: text(row.displayName, text(row.id)) }));
  }

  async users(typed: string, top: number): Promise<DirectoryChoice[]> {
    const value = literal(typed);
    const filter = `startswith(displayName,'${value}') or startswith(userPrincipalName,'${value}')`;
    const rows = await this.list(
      `/users?$filter=${encodeURIComponent(filter)}&$select=id,displayName,userPrincipalName&$top=${top}`,
      'searching people',
      PERMISSION.userRead,
    );
    return rows.map((row) => ({
      id: text(row.id),
      title: `${text(row.displayName)} (${text(row.userPrincipalName)})`,
    }));
  }

  private async list(
    url: string,
    operation: string,
    permission: string,
  ): Promise<Record<string, unknown>[]> {
    const { body } = await this.graph.ok('GET', url, undefined, { operation, permission });
    const value = isRecord(body) && Array.isArray(body.value) ? body.value : [];
    return value.filter(isRecord).filter((row) => typeof row.id === 'string');
  }
}

function literal(typed: string): string {
  return typed.replace(/'/g, "''");
}
