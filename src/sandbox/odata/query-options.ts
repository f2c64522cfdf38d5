import { badRequest } from '../graph-error';

export interface OrderTerm {
  path: string[];
  descending: boolean;
}

/** The OData system query options the sandbox understands, read case-insensitively. */
export interface QueryOptions {
  filter?: string;
  select?: string[];
  expand?: string[];
  top?: number;
  orderBy?: OrderTerm[];
  count: boolean;
  skipToken?: string;
  search?: string;
}

function option(query: Readonly<Record<string, string>>, name: string): string | undefined {
  const key = Object.keys(query).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : query[key];
}

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return items.length > 0 ? items : undefined;
}

/** `$expand=members($select=id)` names `members`; nested options are accepted and ignored. */
function expandNames(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const names: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of value) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (depth === 0 && ch === ',') {
      names.push(current);
      current = '';
    } else if (depth === 0 && ch !== ')') {
      current += ch;
    }
  }
  names.push(current);
  return names.map((n) => n.trim()).filter((n) => n !== '');
}

function orderBy(value: string | undefined): OrderTerm[] | undefined {
  return list(value)?.map((term) => {
    const [path, direction, ...extra] = term.split(/\s+/);
    const dir = direction?.toLowerCase();
    if (extra.length > 0 || (dir !== undefined && dir !== 'asc' && dir !== 'desc')) {
      throw badRequest(`Invalid $orderby term '${term}'.`);
    }
    return { path: path.split('/'), descending: dir === 'desc' };
  });
}

function top(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) {
    throw badRequest(`Invalid value '${value}' for $top: expected a positive integer.`);
  }
  return Number(value);
}

function count(value: string | undefined): boolean {
  if (value === undefined) return false;
  const lower = value.toLowerCase();
  if (lower !== 'true' && lower !== 'false') {
    throw badRequest(`Invalid value '${value}' for $count: expected true or false.`);
  }
  return lower === 'true';
}

export function readQueryOptions(query: Readonly<Record<string, string>>): QueryOptions {
  return {
    filter: option(query, '$filter'),
    select: list(option(query, '$select')),
    expand: expandNames(option(query, '$expand')),
    top: top(option(query, '$top')),
    orderBy: orderBy(option(query, '$orderby')),
    count: count(option(query, '$count')),
    skipToken: option(query, '$skiptoken'),
    search: option(query, '$search'),
  };
}
