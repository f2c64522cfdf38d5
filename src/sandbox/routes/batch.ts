import { badRequest } from '../graph-error';
import { isRecord, type SandboxRequest, type SandboxResponse } from '../request';
import type { Route, RouteContext } from '../route';

/**
 * JSON batching: up to 20 requests, each run through the full pipeline on its own (auth,
 * permissions, faults, throttling). Items wait for the ids in `dependsOn`; an item whose
 * dependency failed answers 424 without running.
 */

const MAX_ITEMS = 20;

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
}

function readItem(raw: unknown, index: number): BatchItem {
  if (!isRecord(raw)) throw badRequest(`Batch request ${index} is not an object.`);
  const { id, method, url, headers, body, dependsOn } = raw;
  if (typeof id !== 'string' || id === '') throw badRequest(`Batch request ${index} has no id.`);
  if (typeof method !== 'string' || typeof url !== 'string') {
    throw badRequest(`Batch request '${id}' needs a method and a relative url.`);
  }
  const headerMap: Record<string, string> = {};
  if (isRecord(headers)) {
    for (const [name, value] of Object.entries(headers)) {
      if (typeof value === 'string') headerMap[name.toLowerCase()] = value;
    }
  }
  const deps = dependsOn === undefined ? [] : dependsOn;
  if (!Array.isArray(deps) || !deps.every((d): d is string => typeof d === 'string')) {
    throw badRequest(`Batch request '${id}' has an invalid dependsOn.`);
  }
  return { id, method: method.toUpperCase(), url, headers: headerMap, body, dependsOn: deps };
}

function readItems(body: unknown): BatchItem[] {
  const requests = isRecord(body) ? body.requests : undefined;
  if (!Array.isArray(requests)) throw badRequest("A batch body needs a 'requests' array.");
  if (requests.length > MAX_ITEMS) {
    throw badRequest(`A batch holds at most ${MAX_ITEMS} requests; got ${requests.length}.`);
  }
  const items = requests.map(readItem);
  const ids = new Set<string>();
  for (const item of items) {
    if (ids.has(item.id)) throw badRequest(`Batch request id '${item.id}' is used twice.`);
    ids.add(item.id);
  }
  for (const item of items) {
    for (const dep of item.dependsOn) {
      if (!ids.has(dep))
        throw badRequest(`Batch request '${item.id}' depends on unknown id '${dep}'.`);
    }
  }
  executionOrder(items);
  return items;
}

/** Dependencies before dependants; a cycle is a 400 before anything runs. */
function executionOrder(items: readonly BatchItem[]): BatchItem[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  const order: BatchItem[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (item: BatchItem) => {
    const mark = state.get(item.id);
    if (mark === 'done') return;
    if (mark === 'visiting') throw badRequest(`Batch dependsOn forms a cycle at '${item.id}'.`);
    state.set(item.id, 'visiting');
    item.dependsOn.forEach((dep) => visit(byId.get(dep) as BatchItem));
    state.set(item.id, 'done');
    order.push(item);
  };
  items.forEach(visit);
  return order;
}

/** Builds the inner request; a url may carry the version (`/v1.0/users`) as the SDK sends it. */
function innerRequest(ctx: RouteContext, item: BatchItem): SandboxRequest {
  const url = new URL(item.url.replace(/^\/?/, '/'), 'http://batch.invalid');
  let version = ctx.req.version;
  let pathname = url.pathname;
  const versioned = /^\/(v1\.0|beta)(\/.*)?$/i.exec(pathname);
  if (versioned) {
    version = versioned[1].toLowerCase() === 'beta' ? 'beta' : 'v1.0';
    pathname = versioned[2] ?? '/';
  }
  const query: Record<string, string> = {};
  url.searchParams.forEach((value, key) => (query[key] = value));
  const outer = ctx.req.headers;
  const headers: Record<string, string> = { ...item.headers };
  for (const name of ['authorization', 'client-request-id']) {
    if (outer[name] !== undefined && headers[name] === undefined) headers[name] = outer[name];
  }
  return {
    method: item.method,
    version,
    rawPath: pathname,
    segments: pathname
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s)),
    query,
    headers,
    body: item.body,
    baseUrl: ctx.req.baseUrl,
  };
}

function failedDependency(): SandboxResponse {
  return {
    status: 424,
    body: { error: { code: 'FailedDependency', message: 'A request this one depends on failed.' } },
  };
}

async function runBatch(ctx: RouteContext): Promise<SandboxResponse> {
  const items = readItems(ctx.req.body);
  const results = new Map<string, Promise<SandboxResponse>>();
  const run = async (item: BatchItem): Promise<SandboxResponse> => {
    const deps = await Promise.all(
      item.dependsOn.map((d) => results.get(d) as Promise<SandboxResponse>),
    );
    if (deps.some((d) => d.status >= 400)) return failedDependency();
    if (item.body !== undefined && item.headers['content-type'] === undefined) {
      return {
        status: 400,
        body: {
          error: {
            code: 'BadRequest',
            message: 'A batch request with a body needs a Content-Type header.',
          },
        },
      };
    }
    return ctx.dispatch(innerRequest(ctx, item), item.id);
  };
  for (const item of executionOrder(items)) results.set(item.id, run(item));
  const responses = await Promise.all(
    items.map(async (item) => {
      const res = await (results.get(item.id) as Promise<SandboxResponse>);
      const headers: Record<string, string> = { ...res.headers };
      if (res.body !== undefined) headers['Content-Type'] = 'application/json';
      return res.body === undefined
        ? { id: item.id, status: res.status, headers }
        : { id: item.id, status: res.status, headers, body: res.body };
    }),
  );
  return { status: 200, body: { responses } };
}

export const batchRoutes: Route[] = [
  { method: 'POST', path: '/$batch', permissions: [], handle: runBatch },
];
