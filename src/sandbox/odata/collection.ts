import { badRequest } from '../graph-error';
import type { SandboxRequest, SandboxResponse } from '../request';
import { evaluateFilter, readPath } from './filter-eval';
import { parseFilter } from './filter-parser';
import { checkFilter, type FilterRules } from './filter-rules';
import { readQueryOptions, type OrderTerm, type QueryOptions } from './query-options';

/**
 * How one Graph collection answers OData queries: what it can filter and sort on, how big a page
 * is, and how a stored entity is shaped on the wire.
 */
export interface CollectionSpec<T> {
  /** `@odata.context` fragment, e.g. `users` or `auditLogs/signIns`. */
  context: string;
  /** Filterable properties; absent means `$filter` is rejected. */
  filter?: FilterRules;
  defaultPageSize: number;
  /** Largest `$top` accepted; Graph answers 400 above it. */
  maxPageSize: number;
  /** Properties `$orderby` accepts; absent means any, empty means none. */
  orderable?: readonly string[];
  /** Order when the request names none (e.g. newest sign-in first). */
  defaultOrder?: readonly OrderTerm[];
  /** Directory collections: `$count` and some operators need ConsistencyLevel: eventual. */
  advancedQueries?: boolean;
  /** The object `$filter` and `$orderby` read; defaults to the stored entity. */
  view?: (entity: T) => unknown;
  /** Shapes a stored entity for the response (drops navigation and hidden properties). */
  project: (entity: T) => Record<string, unknown>;
  /** Properties returned when there is no `$select` (Graph's default property set, per entity). */
  defaultSelect?: readonly string[] | ((entity: T) => readonly string[] | undefined);
  /** Navigation properties `$expand` can inline. */
  expand?: Readonly<Record<string, (entity: T) => unknown>>;
}

export function contextUrl(req: SandboxRequest, fragment: string): string {
  return `${req.baseUrl}/${req.version}/$metadata#${fragment}`;
}

function pick(source: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if ('@odata.type' in source) out['@odata.type'] = source['@odata.type'];
  const keys = Object.keys(source);
  for (const name of ['id', ...names]) {
    const key = keys.find((k) => k.toLowerCase() === name.toLowerCase());
    if (key !== undefined) out[key] = source[key];
  }
  return out;
}

/** Applies `$expand` and `$select` (or the default property set) to one entity. */
export function shapeEntity<T>(
  entity: T,
  spec: Pick<CollectionSpec<T>, 'project' | 'defaultSelect' | 'expand'>,
  options: Pick<QueryOptions, 'select' | 'expand'>,
): Record<string, unknown> {
  const projected = spec.project(entity);
  const defaults =
    typeof spec.defaultSelect === 'function' ? spec.defaultSelect(entity) : spec.defaultSelect;
  const names = options.select ?? defaults;
  let shaped = names ? pick(projected, names) : projected;
  for (const name of options.expand ?? []) {
    const expander = Object.entries(spec.expand ?? {}).find(
      ([key]) => key.toLowerCase() === name.toLowerCase(),
    );
    if (!expander) throw badRequest(`Could not find a navigation property named '${name}'.`);
    shaped = { ...shaped, [expander[0]]: expander[1](entity) };
  }
  return shaped;
}

function isAdvanced(req: SandboxRequest, options: QueryOptions): boolean {
  return req.headers['consistencylevel']?.toLowerCase() === 'eventual' && options.count;
}

function sortKeyCompare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return 1;
  if (b === undefined || b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a).toLowerCase();
  const sb = String(b).toLowerCase();
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function sortItems<T>(items: T[], terms: readonly OrderTerm[], view: (e: T) => unknown): T[] {
  return items
    .map((item, index) => ({ item, index, v: view(item) }))
    .sort((x, y) => {
      for (const term of terms) {
        const order = sortKeyCompare(readPath(x.v, term.path), readPath(y.v, term.path));
        if (order !== 0) return term.descending ? -order : order;
      }
      return x.index - y.index;
    })
    .map((entry) => entry.item);
}

/** Skip tokens are opaque to clients; inside they carry the offset of the next page. */
function decodeSkipToken(token: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'offset' in parsed) {
      const offset = parsed.offset;
      if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
    }
  } catch {
    // fall through to the 400 below
  }
  throw badRequest('The $skiptoken is not valid for this collection.');
}

function encodeSkipToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64url');
}

function nextLink(req: SandboxRequest, offset: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(req.query)) {
    if (key.toLowerCase() !== '$skiptoken') params.set(key, value);
  }
  params.set('$skiptoken', encodeSkipToken(offset));
  return `${req.baseUrl}/${req.version}${req.rawPath}?${params.toString()}`;
}

/** Filters and orders the items a list response pages through. */
function filterItems<T>(req: SandboxRequest, items: readonly T[], spec: CollectionSpec<T>) {
  const options = readQueryOptions(req.query);
  if (options.search !== undefined) throw badRequest('$search is not supported on this resource.');
  const view = spec.view ?? ((e: T) => e);
  if (options.count && spec.advancedQueries && !isAdvanced(req, options)) {
    throw badRequest(
      '$count on directory objects needs the ConsistencyLevel: eventual header.',
      'Request_BadRequest',
    );
  }
  let result = [...items];
  if (options.filter !== undefined) {
    if (!spec.filter) throw badRequest(`$filter is not supported on '${spec.context}'.`);
    const expr = parseFilter(options.filter);
    checkFilter(expr, spec.filter, isAdvanced(req, options));
    result = result.filter((item) => evaluateFilter(expr, view(item)));
  }
  const terms = options.orderBy ?? spec.defaultOrder;
  if (options.orderBy && spec.orderable) {
    for (const term of options.orderBy) {
      const path = term.path.join('/');
      if (!spec.orderable.some((p) => p.toLowerCase() === path.toLowerCase())) {
        throw badRequest(`$orderby is not supported on '${path}' for '${spec.context}'.`);
      }
    }
  }
  if (terms) result = sortItems(result, terms, view);
  return { options, items: result };
}

/** Answers a collection GET: filter, order, count, one page, select/expand, nextLink. */
export function listResponse<T>(
  req: SandboxRequest,
  items: readonly T[],
  spec: CollectionSpec<T>,
): SandboxResponse {
  const { options, items: matched } = filterItems(req, items, spec);
  if (options.top !== undefined && options.top > spec.maxPageSize) {
    throw badRequest(
      `Invalid page size ${options.top}: '${spec.context}' returns at most ${spec.maxPageSize}.`,
      'Request_BadRequest',
    );
  }
  const offset = options.skipToken === undefined ? 0 : decodeSkipToken(options.skipToken);
  const pageSize = options.top ?? spec.defaultPageSize;
  const page = matched.slice(offset, offset + pageSize);
  const body: Record<string, unknown> = { '@odata.context': contextUrl(req, spec.context) };
  if (options.count) body['@odata.count'] = matched.length;
  if (offset + pageSize < matched.length)
    body['@odata.nextLink'] = nextLink(req, offset + pageSize);
  body.value = page.map((item) => shapeEntity(item, spec, options));
  return { status: 200, body };
}

/** Answers a single-entity GET with `$select` / `$expand` applied. */
export function entityResponse<T>(
  req: SandboxRequest,
  entity: T,
  spec: Pick<CollectionSpec<T>, 'context' | 'project' | 'defaultSelect' | 'expand'>,
): SandboxResponse {
  const options = readQueryOptions(req.query);
  const shaped = shapeEntity(entity, spec, options);
  return {
    status: 200,
    body: { '@odata.context': contextUrl(req, `${spec.context}/$entity`), ...shaped },
  };
}
