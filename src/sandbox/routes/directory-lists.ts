import { badRequest } from '../graph-error';
import { listResponse, type CollectionSpec } from '../odata/collection';
import type { SandboxResponse } from '../request';
import type { RouteContext } from '../route';
import { DIRECTORY_OBJECT_FILTER } from './directory-filters';
import { projectTyped, USER_DEFAULT_PROPERTIES, type DirectoryObject } from './directory-objects';

const CASTS: Readonly<Record<string, DirectoryObject['type']>> = {
  'microsoft.graph.user': 'user',
  'microsoft.graph.group': 'group',
  'microsoft.graph.device': 'device',
  'microsoft.graph.directoryrole': 'directoryRole',
};

const spec: CollectionSpec<DirectoryObject> = {
  context: 'directoryObjects',
  filter: DIRECTORY_OBJECT_FILTER,
  defaultPageSize: 100,
  maxPageSize: 999,
  advancedQueries: true,
  view: projectTyped,
  project: projectTyped,
  defaultSelect: (o) => (o.type === 'user' ? USER_DEFAULT_PROPERTIES : undefined),
};

/**
 * Answers a mixed directory-object collection (members, memberOf, owners). An optional type
 * cast segment such as `microsoft.graph.user` keeps only that type, as Graph does.
 */
export function directoryObjectList(
  ctx: RouteContext,
  objects: readonly DirectoryObject[],
  cast?: string,
): SandboxResponse {
  let items = objects;
  if (cast !== undefined) {
    const type = CASTS[cast.toLowerCase()];
    if (!type) throw badRequest(`Resource not found for the segment '${cast}'.`);
    items = objects.filter((o) => o.type === type);
  }
  return listResponse(ctx.req, items, spec);
}
